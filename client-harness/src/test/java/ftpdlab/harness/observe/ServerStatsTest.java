package ftpdlab.harness.observe;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.entry;

import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ServerStatsTest {

    // As commons-net's getReplyStrings() hands over ftpd's reply: body lines indented by one space.
    private static final String[] REPLY = {
        "211-Statistics:",
        " bind.strategy=retry",
        " data.port=2120",
        " bind.attempts=14",
        " bind.collisions=4",
        " bind.retries=4",
        " bind.backoff.ms=1000",
        " bind.giveups=0",
        " connect.failures=1",
        " connect.failures.EADDRNOTAVAIL=1",
        " data.connections.opened=10",
        " transfers.ok=10",
        " transfers.failed=0",
        " bytes.sent=10240",
        " bytes.received=0",
        " setup.us.p50=850",
        " setup.us.p90=300031",
        " setup.us.p99=300031",
        " setup.us.max=300031",
        " sessions.active=3",
        " bind.per-transfer.1=7",
        " bind.per-transfer.2=2",
        " bind.per-transfer.3=1",
        "211 End of statistics.",
    };

    @Test
    void parsesEveryBodyLineInOrder() {
        Map<String, String> m = ServerStats.parse(REPLY);

        assertThat(m).hasSize(22);
        assertThat(m.keySet()).first().isEqualTo("bind.strategy");
        assertThat(m.keySet()).last().isEqualTo("bind.per-transfer.3");
        assertThat(m).contains(entry("bind.strategy", "retry"), entry("data.port", "2120"),
                entry("connect.failures.EADDRNOTAVAIL", "1"), entry("setup.us.p90", "300031"),
                entry("bind.per-transfer.2", "2"));
        assertThat(m).doesNotContainKeys("211-Statistics:", "211 End of statistics.");
    }

    @Test
    void toleratesUnindentedLinesNoiseAndBlanks() {
        String[] lines = {"211-Statistics:", "bind.strategy=reuseport", "  bind.attempts = 5 ", "",
            "some text without an equals sign", "=orphan value", "data.port=2120", "211 End of statistics."};

        assertThat(ServerStats.parse(lines)).containsExactly(entry("bind.strategy", "reuseport"),
                entry("bind.attempts", "5"), entry("data.port", "2120"));
        assertThat(ServerStats.parse(null)).isEmpty();
        assertThat(ServerStats.parse(new String[] {"500 Unknown command."})).isEmpty();
    }

    @Test
    void deltaSubtractsCountersAndKeepsGaugesAndTextFromAfter() {
        Map<String, String> before = new LinkedHashMap<>();
        before.put("bind.strategy", "retry");
        before.put("data.port", "2120");
        before.put("bind.attempts", "14");
        before.put("bind.collisions", "4");
        before.put("bytes.sent", "10240");
        before.put("setup.us.p99", "300031");
        before.put("sessions.active", "1");
        before.put("bind.per-transfer.1", "7");
        before.put("gone.after.reset", "9");

        Map<String, String> after = new LinkedHashMap<>();
        after.put("bind.strategy", "retry");
        after.put("data.port", "2120");
        after.put("bind.attempts", "114");
        after.put("bind.collisions", "34");
        after.put("bytes.sent", "112640");
        after.put("setup.us.p99", "2000895");
        after.put("sessions.active", "8");
        after.put("bind.per-transfer.1", "77");
        after.put("bind.per-transfer.4", "5");
        after.put("connect.failures.EADDRNOTAVAIL", "2");

        Map<String, String> d = ServerStats.delta(before, after);

        assertThat(d).containsExactly(
                entry("bind.strategy", "retry"),
                entry("data.port", "2120"),                      // gauge: not 0
                entry("bind.attempts", "100"),                   // 114 - 14
                entry("bind.collisions", "30"),                  // 34 - 4
                entry("bytes.sent", "102400"),                   // 112640 - 10240
                entry("setup.us.p99", "2000895"),                // percentile: as after
                entry("sessions.active", "8"),                   // gauge: as after
                entry("bind.per-transfer.1", "70"),              // 77 - 7
                entry("bind.per-transfer.4", "5"),               // only after: from 0
                entry("connect.failures.EADDRNOTAVAIL", "2"));   // only after: from 0
    }

    @Test
    void deltaWithoutBeforeCountsFromZero() {
        Map<String, String> after = Map.of("bind.attempts", "3", "bind.strategy", "ephemeral");

        assertThat(ServerStats.delta(null, after)).containsOnly(entry("bind.attempts", "3"),
                entry("bind.strategy", "ephemeral"));
    }

    @Test
    void deltaOfACounterThatWasTextBeforeKeepsTheValueAfter() {
        assertThat(ServerStats.delta(Map.of("bind.attempts", "n/a"), Map.of("bind.attempts", "12")))
                .containsOnly(entry("bind.attempts", "12"));
    }
}
