package ftpdlab.harness.model;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import ftpdlab.harness.load.LoadPlan;
import ftpdlab.harness.load.Mode;
import ftpdlab.harness.load.Op;
import ftpdlab.harness.load.TransferRecord;
import ftpdlab.harness.report.PhaseResult;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The models with worked numbers: each one a case from docs/the-case.md. */
class ModelsTest {

    @Test
    void bsdBudgetIs55Seconds() {
        assertThat(LockstepRetryModel.budget(Duration.ofSeconds(1), 10)).isEqualTo(Duration.ofSeconds(55));
        assertThat(LockstepRetryModel.budget(Duration.ofMillis(100), 10)).isEqualTo(Duration.ofMillis(5500));
    }

    @Test
    void lockstepRetryHasOneWinnerPerRound() {
        // Fact 1: 32 uploads holding 200 ms, BSD's 1 s unit: rounds at 0, 1, 3, 6 ... 55 s, 11 winners.
        assertThat(LockstepRetryModel.winners(32, Duration.ofMillis(200), Duration.ofSeconds(1), 10)).isEqualTo(11);
        // A 100 ms unit: the round at 100 ms finds the port still held (until 200 ms): 10 winners.
        assertThat(LockstepRetryModel.winners(32, Duration.ofMillis(200), Duration.ofMillis(100), 10)).isEqualTo(10);
        // Fewer transfers than rounds: all of them win.
        assertThat(LockstepRetryModel.winners(5, Duration.ofMillis(200), Duration.ofSeconds(1), 10)).isEqualTo(5);
        // Holding 3.5 s: the rounds at 1 and 3 s find the port held; 0, 6, 10, 15 ... 55 s win: 9.
        assertThat(LockstepRetryModel.winners(32, Duration.ofMillis(3500), Duration.ofSeconds(1), 10)).isEqualTo(9);
    }

    @Test
    void timeWaitLetsOneDownloadThroughPerMinute() {
        // Fact 2: a burst of 32 downloads retries for 55 s < 60 s: 1 succeeds, 31 give up.
        assertThat(TimeWaitModel.successes(32, Duration.ofSeconds(55))).isEqualTo(1);
        // Back-to-back transfers for 130 s: the first, then one at ~60 s and one at ~120 s.
        assertThat(TimeWaitModel.successes(256, Duration.ofSeconds(130))).isEqualTo(3);
        assertThat(TimeWaitModel.successes(2, Duration.ofSeconds(600))).isEqualTo(2);
        assertThat(TimeWaitModel.successes(0, Duration.ofSeconds(600))).isZero();
    }

    @Test
    void portRangeCeilings() {
        int[] linux = {32768, 60999};
        assertThat(PortRangeModel.rangeSize(linux)).isEqualTo(28232);
        // Fact 4: bind(0) hands out odd ports only, 14,116 of them, about 235 a second.
        assertThat(PortRangeModel.oddPorts(linux)).isEqualTo(14116);
        assertThat(PortRangeModel.ceilingPerSecond(14116, TimeWaitModel.TIME_WAIT)).isCloseTo(235.3, within(0.1));
        // Fact 5: the ephemeral ceiling, about 470 a second.
        assertThat(PortRangeModel.ceilingPerSecond(28232, TimeWaitModel.TIME_WAIT)).isCloseTo(470.5, within(0.1));
        // A SO_REUSEADDR listener (Java's ServerSocket) is offered the lower half first: 32769-46883.
        assertThat(PortRangeModel.listenerPorts(linux, true)).isEqualTo(7058);
        assertThat(PortRangeModel.listenerPorts(linux, false)).isEqualTo(14116);
        assertThat(PortRangeModel.oddPorts(new int[] {10, 10})).isZero();
        assertThat(PortRangeModel.oddPorts(new int[] {11, 11})).isEqualTo(1);
    }

    @Test
    void predictionsAgreeWithin20Percent() {
        assertThat(new Prediction("m", "q", 10, 11, "").agrees()).isTrue();
        assertThat(new Prediction("m", "q", 10, 13, "").agrees()).isFalse();
        assertThat(new Prediction("m", "q", 0, 0, "").agrees()).isTrue();
        assertThat(new Prediction("m", "q", 0, 1, "").agrees()).isFalse();
        assertThat(new Prediction("m", "q", 11, 10, "why").line())
                .isEqualTo("model m: q predicted 11, measured 10 (9% off) - why");
    }

    @Test
    void aRetryUploadBurstGetsTheLockstepModel() {
        List<TransferRecord> records = new ArrayList<>();
        for (int i = 0; i < 32; i++) {
            records.add(new TransferRecord(i, 0, Op.STOR, 0, -1, 100, 1024, i < 11 ? 226 : 425, "", null, i < 11));
        }
        LoadPlan plan = new LoadPlan("127.0.0.1", 2121, "u", "p", 32, 1, Op.STOR, 1024, null, Mode.ACTIVE, List.of(),
                Duration.ofMinutes(2), Duration.ofMillis(200));
        Map<String, String> stats = Map.of("bind.strategy", "retry", "bind.options", "none",
                "bind.retry.max-tries", "10", "bind.retry.backoff.ms", "1000", "bind.collisions", "300");
        PhaseResult p = new PhaseResult("retry", "t", 2120, plan, 0, 55_500, records, stats, List.of(), List.of(),
                Map.of("network", "loopback", "client.tcp_timestamps", "on"));

        List<Prediction> predictions = Models.predict(p);

        assertThat(predictions).extracting(Prediction::model).containsExactly("lockstep retry", "TIME_WAIT recycling");
        assertThat(predictions.get(0).predicted()).isEqualTo(11);
        assertThat(predictions.get(0).measured()).isEqualTo(11);
    }

    @Test
    void theModelsFollowWhatTheServerDoesNotWhatItsStrategyIsCalled() {
        LoadPlan plan = new LoadPlan("127.0.0.1", 2121, "u", "p", 4, 1, Op.RETR, 1024, null, Mode.ACTIVE, List.of(),
                Duration.ofMinutes(2), null);
        List<TransferRecord> records = List.of(new TransferRecord(0, 0, Op.RETR, 0, -1, 1, 1024, 226, "", null, true));
        Map<String, String> settingOn = Map.of("network", "loopback", "client.tcp_timestamps", "on");
        // Names the harness has never heard of: an exclusive fixed port that retries, and a port-0 strategy.
        PhaseResult retrying = new PhaseResult("x", "t", 2120, plan, 0, 1000, records,
                Map.of("bind.strategy", "vsftpd-like", "bind.options", "none", "bind.retry.max-tries", "1",
                        "bind.retry.backoff.ms", "1000"), List.of(), List.of(), settingOn);
        PhaseResult anyPort = new PhaseResult("y", "t", 2120, plan, 0, 1000, records,
                Map.of("bind.strategy", "retry", "bind.options", "SO_REUSEADDR", "bind.fixed-port", "false"),
                List.of(), List.of(), settingOn);

        assertThat(Models.predict(retrying)).extracting(Prediction::model)
                .containsExactly("TIME_WAIT vs budget", "TIME_WAIT recycling");
        // Called retry, but binds port 0: no fixed-port model applies, the ephemeral one does.
        assertThat(Models.predict(anyPort)).extracting(Prediction::model).containsExactly("ephemeral ceiling");
    }

    @Test
    void timestampsOffGivesTheCouponCollectorCap() {
        List<TransferRecord> records = new ArrayList<>();
        for (int i = 0; i < 20_000; i++) {
            records.add(new TransferRecord(0, i, Op.RETR, i, -1, 1, 1024, 226, "", null, true));
        }
        LoadPlan plan = new LoadPlan("198.18.0.1", 2121, "u", "p", 1, 20_000, Op.RETR, 1024, null, Mode.ACTIVE,
                List.of(), Duration.ofMinutes(2), null);
        PhaseResult p = new PhaseResult("run", "t", 2120, plan, 0, 30_000, records,
                Map.of("bind.strategy", "reuseport", "bind.options", "SO_REUSEPORT+SO_REUSEADDR"), List.of(), List.of(),
                Map.of("network", "netns", "server.tcp_timestamps", "off"));

        Prediction cap = Models.predict(p).stream().filter(x -> x.model().equals("timestamps-off cap")).findFirst().orElseThrow();

        int ports = PortRangeModel.listenerPorts(PortRangeModel.localPortRange(), true);
        assertThat(cap.predicted()).isCloseTo(ports * (1 - Math.exp(-20_000.0 / ports)), within(1.0));
    }

    @Test
    void ephemeralPortsRunOutThenComeBackOnePerPortPerMinute() {
        int size = PortRangeModel.rangeSize(PortRangeModel.localPortRange());
        List<TransferRecord> records = new ArrayList<>();
        // One ok download a millisecond until every port is in TIME_WAIT, then 425s, and from 60 s on
        // the ports coming back: one ok every 2 ms for the rest of the minute after they ran out.
        for (int i = 0; i < size; i++) {
            records.add(new TransferRecord(0, i, Op.RETR, i, -1, 0, 1024, 226, "", null, true));
        }
        long ranOut = size;
        for (long t = ranOut; t < ranOut + 60_000; t++) {
            boolean ok = t >= 60_000 && t % 2 == 0;
            records.add(new TransferRecord(1, (int) t, Op.RETR, t, -1, 0, ok ? 1024 : 0, ok ? 226 : 425, "", null, ok));
        }
        LoadPlan plan = new LoadPlan("127.0.0.1", 2121, "u", "p", 2, 1_000_000, Op.RETR, 1024, null, Mode.ACTIVE,
                List.of(), Duration.ofMinutes(3), null);
        PhaseResult p = new PhaseResult("run", "t", 2120, plan, 0, ranOut + 60_000, records,
                Map.of("bind.strategy", "ephemeral", "bind.options", "none", "bind.fixed-port", "false"), List.of(),
                List.of(), Map.of());

        List<Prediction> predictions = Models.predict(p);

        assertThat(predictions).extracting(Prediction::quantity)
                .containsExactly("seconds until bind fails", "ok/s in the minute after ports ran out");
        // At 1000 ok/s the ports last size/1000 s, and the first 425 came right then.
        assertThat(predictions.get(0).predicted()).isCloseTo(size / 1000.0, within(0.01));
        assertThat(predictions.get(0).measured()).isCloseTo(size / 1000.0, within(0.01));
        assertThat(predictions.get(1).predicted()).isCloseTo(size / 60.0, within(0.01));
        long okInMinute = records.stream().filter(TransferRecord::ok)
                .filter(t -> t.startMs() > ranOut && t.startMs() <= ranOut + 60_000).count();
        assertThat(predictions.get(1).measured()).isCloseTo(okInMinute / 60.0, within(0.01));
    }
}
