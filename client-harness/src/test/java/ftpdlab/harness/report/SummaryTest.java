package ftpdlab.harness.report;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import org.junit.jupiter.api.Test;

class SummaryTest {

    @Test
    void worksOutTheRetryPhaseByHand() {
        Summary s = Summary.of(Fixtures.retry());

        assertThat(s.phase()).isEqualTo("retry");
        assertThat(s.requested()).isEqualTo(12);
        assertThat(s.transfers()).isEqualTo(10);
        assertThat(s.ok()).isEqualTo(7);
        assertThat(s.failed()).isEqualTo(3);
        assertThat(s.failedByCode()).containsExactly(Map.entry(0, 1L), Map.entry(425, 2L));
        assertThat(s.notRun()).isEqualTo(2);
        // 7 ok in 2 s
        assertThat(s.transfersPerSecond()).isEqualTo(3.5);
        // nearest rank over 10..100: 5th, 9th and 10th value
        assertThat(s.latencyP50Ms()).isEqualTo(50);
        assertThat(s.latencyP90Ms()).isEqualTo(90);
        assertThat(s.latencyP99Ms()).isEqualTo(100);
        assertThat(s.latencyMaxMs()).isEqualTo(100);
        // to150 over 5, 10, ..., 40 (8 values): 4th and 8th
        assertThat(s.to150P50Ms()).isEqualTo(20);
        assertThat(s.to150P99Ms()).isEqualTo(40);
        assertThat(s.collisions()).isEqualTo(5);
        assertThat(s.retries()).isEqualTo(4);
        assertThat(s.backoffMs()).isEqualTo(1250);
        assertThat(s.giveups()).isEqualTo(2);
        assertThat(s.connectFailures()).isEqualTo(1);
        assertThat(s.peakTimeWait()).isEqualTo(9);
    }

    @Test
    void unknownIsMinusOne() {
        Summary s = Summary.of(Fixtures.empty());

        assertThat(s.requested()).isEqualTo(4);
        assertThat(s.transfers()).isZero();
        assertThat(s.failedByCode()).isEmpty();
        assertThat(s.notRun()).isEqualTo(4);
        assertThat(s.transfersPerSecond()).isEqualTo(-1);
        assertThat(s.latencyP50Ms()).isEqualTo(-1);
        assertThat(s.latencyMaxMs()).isEqualTo(-1);
        assertThat(s.to150P50Ms()).isEqualTo(-1);
        assertThat(s.collisions()).isEqualTo(-1);
        assertThat(s.connectFailures()).isEqualTo(-1);
        assertThat(s.peakTimeWait()).isEqualTo(-1);
    }

    @Test
    void bindsPerTransferReadsTheServersHistogramInNumericOrder() {
        assertThat(Summary.bindsPerTransfer(Fixtures.retry()))
                .containsExactly(Map.entry(1, 7L), Map.entry(2, 1L), Map.entry(11, 2L));
        assertThat(Summary.bindsPerTransfer(Fixtures.empty())).isEmpty();
    }
}
