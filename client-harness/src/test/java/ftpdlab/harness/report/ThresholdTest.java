package ftpdlab.harness.report;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.junit.jupiter.api.Test;

class ThresholdTest {

    // retry(): 3 failed, 5 collisions, p99 100 ms; empty(): nothing known
    private final PhaseResult retry = Fixtures.retry();

    private List<String> crossed(String... expressions) {
        return Threshold.crossed(List.of(expressions).stream().map(Threshold::parse).toList(), List.of(retry));
    }

    @Test
    void parsesPhaseMetricOperatorAndUnit() {
        assertThat(Threshold.parse("retry:collisions==0")).isEqualTo(new Threshold("retry", "collisions", "==", 0, "retry:collisions==0"));
        assertThat(Threshold.parse(" p99 > 1.5s ")).isEqualTo(new Threshold(null, "p99", ">", 1500, "p99 > 1.5s"));
        assertThat(Threshold.parse("p99>200ms").limit()).isEqualTo(200);
        assertThat(Threshold.parse("p99>200").limit()).isEqualTo(200);
    }

    @Test
    void everyOperatorComparesAsWritten() {
        assertThat(crossed("failed>2")).hasSize(1);
        assertThat(crossed("failed>3")).isEmpty();
        assertThat(crossed("failed>=3")).hasSize(1);
        assertThat(crossed("failed<4")).hasSize(1);
        assertThat(crossed("failed<=2")).isEmpty();
        assertThat(crossed("failed==3")).hasSize(1);
        assertThat(crossed("failed!=3")).isEmpty();
    }

    @Test
    void aCrossedThresholdNamesItselfThePhaseAndTheValue() {
        assertThat(crossed("failed>0", "p99>50ms", "collisions>0", "p99>1s")).containsExactly(
                "threshold crossed: failed>0 (retry: failed = 3)",
                "threshold crossed: p99>50ms (retry: p99 = 100 ms)",
                "threshold crossed: collisions>0 (retry: collisions = 5)");
    }

    @Test
    void aPhaseThresholdOnlyLooksAtThatPhase() {
        List<Threshold> t = List.of(Threshold.parse("ephemeral:failed>0"));
        assertThat(Threshold.crossed(t, List.of(retry, Fixtures.empty()))).isEmpty();
        assertThat(Threshold.crossed(List.of(Threshold.parse("retry:failed>0")), List.of(retry, Fixtures.empty())))
                .containsExactly("threshold crossed: retry:failed>0 (retry: failed = 3)");
    }

    @Test
    void anUnknownFigureCrossesTheThreshold() {
        assertThat(Threshold.crossed(List.of(Threshold.parse("collisions>0")), List.of(Fixtures.empty())))
                .containsExactly("threshold crossed: collisions>0 (ephemeral: collisions is unknown)");
    }

    @Test
    void badExpressionsAreOneLineErrors() {
        assertThatThrownBy(() -> Threshold.parse("failed")).hasMessageStartingWith("bad --fail-on 'failed': use [phase:]metric op number");
        assertThatThrownBy(() -> Threshold.parse("latency>5")).hasMessageContaining("unknown metric 'latency'");
        assertThatThrownBy(() -> Threshold.parse("failed>5ms")).hasMessageContaining("failed is a plain number");
        assertThatThrownBy(() -> Threshold.parse("failed=>5")).hasMessageStartingWith("bad --fail-on");
        assertThatThrownBy(() -> Threshold.checkPhases(List.of(Threshold.parse("retyr:failed>0")), List.of("retry", "reuseport")))
                .hasMessage("bad --fail-on 'retyr:failed>0': no phase 'retyr' in this run; phases: retry, reuseport");
    }
}
