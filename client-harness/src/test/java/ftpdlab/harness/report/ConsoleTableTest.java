package ftpdlab.harness.report;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

class ConsoleTableTest {

    private final String table = ConsoleTable.render(List.of(Fixtures.retry(), Fixtures.empty()));
    private final List<String> lines = table.lines().toList();

    @Test
    void oneRowPerPhaseWithItsNumbers() {
        assertThat(lines.get(0).split(" +")).containsExactly(
                "strategy", "transfers", "ok", "failed", "collisions", "retries", "backoff", "s", "giveups",
                "conn.fail", "xfer/s", "p50", "ms", "p90", "ms", "p99", "ms", "max", "ms", "peak", "TW", "cpu", "ms/xfer");
        assertThat(lines.get(1)).matches("-+");
        assertThat(lines.get(2).split(" +")).containsExactly(
                "retry", "10", "7", "3", "(0:1,425:2)", "5", "4", "1.3", "2", "1", "3.5", "50", "90", "100", "100", "9", "2.50");
    }

    @Test
    void unknownValuesPrintADash() {
        assertThat(lines.get(3).split(" +")).containsExactly(
                "ephemeral", "0", "0", "0", "-", "-", "-", "-", "-", "-", "-", "-", "-", "-", "-", "-");
    }

    @Test
    void columnsLineUp() {
        // every column but the first is right-aligned, so all rows end at the separator's end
        int width = lines.get(1).length();
        assertThat(lines.subList(0, 4)).allSatisfy(line -> assertThat(line).hasSize(width));
        int okEnd = lines.get(0).indexOf(" ok") + 3;
        assertThat(lines.get(2).charAt(okEnd - 1)).isEqualTo('7');
        assertThat(lines.get(3).charAt(okEnd - 1)).isEqualTo('0');
    }

    @Test
    void theTableHasNoNotesTheyAreSeparate() {
        assertThat(lines).hasSize(4);
        assertThat(ConsoleTable.notes(List.of(Fixtures.retry(), Fixtures.empty())))
                .isEqualTo("  note: retry: back-off scaled by 0.5\n");
    }

    @Test
    void aHostWideTimeWaitCountIsMarkedAsSuch() {
        PhaseResult p = Fixtures.retry();
        java.util.Map<String, String> hostWide = new java.util.HashMap<>(p.setting());
        hostWide.put(PhaseResult.SOCKETS_SCOPE, PhaseResult.HOST_WIDE);
        PhaseResult ephemeral = new PhaseResult("ephemeral", p.target(), p.dataPort(), p.plan(), p.startedAtEpochMs(),
                p.durationMs(), p.transfers(), p.serverStats(), p.sockets(), p.notes(), hostWide, p.cpu());

        String row = ConsoleTable.render(List.of(p, ephemeral)).lines().toList().get(3);

        assertThat(row.split(" +")).contains("host:9");
        assertThat(lines.get(2).split(" +")).contains("9").doesNotContain("host:9");
    }
}
