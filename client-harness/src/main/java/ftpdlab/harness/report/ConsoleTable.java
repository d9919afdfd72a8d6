package ftpdlab.harness.report;

import java.util.ArrayList;
import java.util.List;

/** The phases side by side as aligned plain text, for the terminal and for pasting into issues. */
public final class ConsoleTable {

    private ConsoleTable() {
    }

    /**
     * One row per phase under a header and a dashed separator; text left-aligned, numbers
     * right-aligned, "-" where a value is unknown. Lines end with '\n'.
     */
    public static String render(List<PhaseResult> phases) {
        List<List<String>> rows = new ArrayList<>();
        rows.add(SummaryColumns.HEADERS);
        for (PhaseResult p : phases) {
            rows.add(SummaryColumns.cells(Summary.of(p)));
        }
        int columns = SummaryColumns.HEADERS.size();
        int[] width = new int[columns];
        for (List<String> row : rows) {
            for (int c = 0; c < columns; c++) {
                width[c] = Math.max(width[c], row.get(c).length());
            }
        }

        StringBuilder out = new StringBuilder();
        for (int r = 0; r < rows.size(); r++) {
            List<String> row = rows.get(r);
            StringBuilder line = new StringBuilder();
            for (int c = 0; c < columns; c++) {
                if (c > 0) {
                    line.append("  ");
                }
                // the first column is a name; the others are numbers and line up on the right
                line.append(c == 0 ? padRight(row.get(c), width[c]) : padLeft(row.get(c), width[c]));
            }
            out.append(line.toString().stripTrailing()).append('\n');
            if (r == 0) {
                int total = 0;
                for (int w : width) {
                    total += w;
                }
                out.append("-".repeat(total + 2 * (columns - 1))).append('\n');
            }
        }
        return out.toString();
    }

    /** Each phase's notes as "  note: &lt;phase&gt;: &lt;text&gt;" lines (the console prints them with --verbose). */
    public static String notes(List<PhaseResult> phases) {
        StringBuilder out = new StringBuilder();
        for (PhaseResult p : phases) {
            for (String note : p.notes()) {
                out.append("  note: ").append(p.name()).append(": ").append(note).append('\n');
            }
        }
        return out.toString();
    }

    private static String padRight(String s, int width) {
        return s + " ".repeat(width - s.length());
    }

    private static String padLeft(String s, int width) {
        return " ".repeat(width - s.length()) + s;
    }
}
