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
                "conn.fail", "xfer/s", "p50", "ms", "p90", "ms", "p99", "ms", "max", "ms", "peak", "TW");
        assertThat(lines.get(1)).matches("-+");
        assertThat(lines.get(2).split(" +")).containsExactly(
                "retry", "10", "7", "3", "(0:1,425:2)", "5", "4", "1.3", "2", "1", "3.5", "50", "90", "100", "100", "9");
    }

    @Test
    void unknownValuesPrintADash() {
        assertThat(lines.get(3).split(" +")).containsExactly(
                "ephemeral", "0", "0", "0", "-", "-", "-", "-", "-", "-", "-", "-", "-", "-", "-");
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
    void notesFollowTheTable() {
        assertThat(lines.get(4)).isEqualTo("  note: retry: back-off scaled by 0.5");
        assertThat(lines).hasSize(5);
    }
}
