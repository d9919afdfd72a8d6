package ftpdlab.harness.probe.claims;

import java.util.ArrayList;
import java.util.List;

/**
 * The FAQ's claims checked on one kernel: the cells, then one verdict per claim beside FreeBSD's.
 * Written as JSON as it stands ({@code probe --claims --json}); scripts/results.sh builds
 * docs/the-faq.md from that JSON.
 *
 * @param header the OS, kernel and JDK
 * @param notes  what a reader needs to weigh the cells
 */
public record ClaimsReport(String header, List<String> notes, List<ClaimCell> cells, List<ClaimResult> claims) {

    public ClaimsReport {
        notes = List.copyOf(notes);
        cells = List.copyOf(cells);
        claims = List.copyOf(claims);
    }

    public static ClaimsReport of(String header, List<String> notes, List<ClaimCell> cells) {
        Cells byId = new Cells(cells);
        List<ClaimResult> claims = new ArrayList<>();
        for (FaqClaim claim : FaqClaim.values()) {
            claims.add(ClaimResult.of(claim, byId));
        }
        return new ClaimsReport(header, notes, cells, claims);
    }

    /** Cells that could not be set up even on a second fresh port ("setup failed"). */
    public List<ClaimCell> setupFailed() {
        return cells.stream().filter(c -> !c.measured() && c.detail().startsWith("setup failed")).toList();
    }

    public String render() {
        Cells byId = new Cells(cells);
        StringBuilder out = new StringBuilder();
        out.append("The socket FAQ's claims on SO_REUSEADDR and SO_REUSEPORT, ").append(header).append('\n');
        notes.forEach(n -> out.append("note: ").append(n).append('\n'));
        out.append("Each cell: two sockets on a fresh port, loopback only. 'FreeBSD' is what its source says for the same"
                + " cell, not a measurement.\n");
        for (ClaimResult r : claims) {
            out.append('\n').append("Claim ").append(r.number()).append(". ").append(r.claim()).append('\n');
            int width = r.cells().stream().mapToInt(id -> byId.get(id).result().length()).max().orElse(0);
            width = Math.max(width, "here".length());
            for (String id : r.cells()) {
                ClaimCell c = byId.get(id);
                out.append("  ").append(id).append("  ").append(c.setup()).append('\n')
                        .append("      here: ").append(c.result())
                        .append(" ".repeat(width - c.result().length())).append("   FreeBSD: ").append(c.freebsd())
                        .append('\n');
            }
            out.append("  Linux (measured): ").append(r.linux().verdict().label()).append(" - ").append(r.linux().why())
                    .append('\n');
            out.append("  FreeBSD (source): ").append(r.freebsdVerdict().label()).append(" - ").append(r.freebsd())
                    .append('\n');
            out.append("  4.4BSD (source):  ").append(r.bsd44()).append('\n');
        }
        out.append('\n').append("Summary (").append(ClaimResult.COMMAND).append("):\n");
        for (ClaimResult r : claims) {
            out.append(String.format("  %d  Linux: %-24s FreeBSD: %s%n", r.number(), r.linux().verdict().label(),
                    r.freebsdVerdict().label()));
        }
        return out.toString();
    }
}
