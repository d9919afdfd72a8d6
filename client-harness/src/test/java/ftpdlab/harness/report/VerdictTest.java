package ftpdlab.harness.report;

import static org.assertj.core.api.Assertions.assertThat;

import ftpdlab.harness.load.Op;
import ftpdlab.harness.load.TransferRecord;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class VerdictTest {

    @Test
    void aPhaseWithFailuresSaysHowManyWithWhichCodesAndHowLongTheyTook() {
        // failed: 80, 90 ms (425) and 100 ms (no reply): median 90 ms; p99 is the max, 100 ms
        assertThat(Verdict.line(Fixtures.retry())).isEqualTo(
                "retry: 3 of 12 transfers failed with 425 (2) and no reply (1) after 90 ms each (median), 7 ok,"
                        + " 2 not run, 5 bind collisions, p99 100 ms");
    }

    @Test
    void aCleanPhaseIsOneShortLine() {
        List<TransferRecord> records = new ArrayList<>();
        for (int i = 0; i < 32; i++) {
            records.add(new TransferRecord(i, 0, Op.RETR, 0, 5, 40 + i, 1024, 226, "ok", null, true));
        }
        PhaseResult p = new PhaseResult("reuseport", "t", 2120, Fixtures.plan(32, 1, null), 0, 1000, records,
                Map.of("bind.collisions", "0"), List.of(), List.of(), Map.of());

        assertThat(Verdict.line(p)).isEqualTo("reuseport: 32 of 32 ok, 0 bind collisions, p99 71 ms");
    }

    @Test
    void aSingleFailureCodeIsNamedWithoutItsCountAndSecondsAreShownAsSeconds() {
        List<TransferRecord> records = new ArrayList<>();
        records.add(new TransferRecord(0, 0, Op.RETR, 0, 5, 12, 1024, 226, "ok", null, true));
        for (int i = 1; i < 32; i++) {
            records.add(new TransferRecord(i, 0, Op.RETR, 0, -1, 5_500 + i, 0, 425, "Can't", null, false));
        }
        PhaseResult p = new PhaseResult("retry", "t", 2120, Fixtures.plan(32, 1, null), 0, 6000, records,
                Map.of("bind.collisions", "341"), List.of(), List.of(), Map.of());

        assertThat(Verdict.line(p)).isEqualTo(
                "retry: 31 of 32 transfers failed with 425 after 5.5 s each (median), 1 ok, 341 bind collisions, p99 5.5 s");
    }

    @Test
    void aRunEndedByMaxDurationCountsWhatRanNotWhatItCouldNeverReach() {
        List<TransferRecord> records = new ArrayList<>();
        for (int i = 0; i < 40; i++) {
            records.add(new TransferRecord(i, 0, Op.RETR, 0, 5, 10, 1024, 226, "ok", null, true));
        }
        PhaseResult p = new PhaseResult("run", "t", 2120, Fixtures.plan(32, 1_000_000, Duration.ofSeconds(100)), 0,
                100_004, records, Map.of("bind.collisions", "0"), List.of(), List.of(), Map.of());

        assertThat(Verdict.line(p)).isEqualTo(
                "run: 40 of 40 ok, stopped at --max-duration 100.0 s, 0 bind collisions, p99 10 ms");
    }

    @Test
    void nothingKnownIsSaidPlainly() {
        assertThat(Verdict.line(Fixtures.empty())).isEqualTo("ephemeral: no transfer ran of 4 requested");
    }
}
