package ftpdlab.harness.probe;

import ftpdlab.harness.probe.ProbeMatrix.Cell;
import ftpdlab.harness.probe.ProbeMatrix.FirstState;
import ftpdlab.harness.probe.ProbeMatrix.Options;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/** A {@link ProbeMatrix} as plain text: one aligned table per first-socket state, a legend, the facts for ftpd. */
public final class ProbeTable {

    private static final String CORNER = "first \\ second";
    private static final String GAP = "  ";

    private ProbeTable() {
    }

    public static String render(ProbeMatrix m) {
        StringBuilder out = new StringBuilder();
        out.append(m.header()).append(", loopback ").append(m.address()).append('\n');
        for (String note : m.notes()) {
            out.append("note: ").append(note).append('\n');
        }
        List<Cell> failed = m.setupFailed();
        if (!failed.isEmpty()) {
            out.append("warning: ").append(failed.size()).append(" of ").append(m.cells().size())
                    .append(" cells failed their set-up on two fresh ports (shown as 'setup failed');"
                            + " they are left out of the conclusions below\n");
        }
        for (FirstState state : FirstState.values()) {
            out.append('\n').append(state.label()).append(": first socket ").append(describe(state)).append('\n');
            table(m, state, out);
        }
        out.append('\n')
                .append("rows: the first socket's options; columns: the second socket's. Each cell: a fresh port and peer.\n")
                .append("OK: the second bind shares the port; EADDRINUSE: the kernel refuses the second bind, the port is"
                        + " taken;\n")
                .append("EADDRNOTAVAIL at connect: the same 4-tuple (local ip:port, peer ip:port) is still in use or in"
                        + " TIME_WAIT.\n");
        if (m.cells().stream().anyMatch(c -> c.state() == FirstState.TIME_WAIT && ProbeMatrix.OK.equals(c.connect()))) {
            out.append("connect OK against time-wait: the kernel took the TIME_WAIT 4-tuple over (Linux does for an"
                    + " explicitly bound port when the old connection used TCP timestamps).\n");
        }
        out.append('\n').append("for ftpd (derived from the cells above):\n");
        for (String fact : facts(m)) {
            out.append("- ").append(fact).append('\n');
        }
        return out.toString();
    }

    private static String describe(FirstState state) {
        return switch (state) {
            case BOUND -> "bound, not connected";
            case CONNECTED -> "bound to the port, connected to a loopback peer";
            case TIME_WAIT -> "bound, connected, closed first by this side: TIME_WAIT on the port";
            case LISTENING -> "bound and listening";
        };
    }

    private static void table(ProbeMatrix m, FirstState state, StringBuilder out) {
        Options[] opts = Options.values();
        int[] width = new int[opts.length + 1];
        width[0] = CORNER.length();
        for (Options first : opts) {
            width[0] = Math.max(width[0], first.label().length());
        }
        for (int c = 0; c < opts.length; c++) {
            width[c + 1] = opts[c].label().length();
            for (Options first : opts) {
                width[c + 1] = Math.max(width[c + 1], m.cell(state, first, opts[c]).text().length());
            }
        }
        List<String> head = new ArrayList<>(List.of(CORNER));
        for (Options o : opts) {
            head.add(o.label());
        }
        row(head, width, out);
        for (Options first : opts) {
            List<String> row = new ArrayList<>(List.of(first.label()));
            for (Options second : opts) {
                row.add(m.cell(state, first, second).text());
            }
            row(row, width, out);
        }
    }

    private static void row(List<String> cells, int[] width, StringBuilder out) {
        StringBuilder line = new StringBuilder(GAP);
        for (int i = 0; i < cells.size(); i++) {
            line.append(cells.get(i)).append(" ".repeat(width[i] - cells.get(i).length())).append(GAP);
        }
        out.append(line.toString().stripTrailing()).append('\n');
    }

    /** What the measured cells say about the three option choices ftpd has, and about its 4-tuple. */
    static List<String> facts(ProbeMatrix m) {
        return List.of(
                bindFact(m, "no options on either socket (exclusive bind)", Options.NONE),
                bindFact(m, "SO_REUSEADDR on both", Options.SO_REUSEADDR),
                bindFact(m, "SO_REUSEPORT on both", Options.SO_REUSEPORT),
                connectFact(m));
    }

    private static String bindFact(ProbeMatrix m, String label, Options both) {
        Map<String, Set<FirstState>> byOutcome = new LinkedHashMap<>();
        Set<FirstState> unmeasured = EnumSet.noneOf(FirstState.class);
        for (FirstState state : FirstState.values()) {
            Cell c = m.cell(state, both, both);
            if (c.status() != ProbeMatrix.Status.MEASURED) {
                // A cell without a measurement says nothing about the kernel: no conclusion from it.
                unmeasured.add(state);
                continue;
            }
            String outcome = c.bindOk() ? "shares the port (bind OK)" : "bind " + c.bind();
            byOutcome.computeIfAbsent(outcome, k -> EnumSet.noneOf(FirstState.class)).add(state);
        }
        List<String> parts = new ArrayList<>();
        byOutcome.forEach((outcome, states) -> parts.add(states.size() == FirstState.values().length
                ? outcome + " whatever the first socket's state (" + join(states, "and") + ")"
                : outcome + " with a " + join(states, "or") + " first socket"));
        if (!unmeasured.isEmpty()) {
            parts.add("not measured with a " + join(unmeasured, "or") + " first socket (left out)");
        }
        return label + ": " + String.join("; ", parts);
    }

    private static String connectFact(ProbeMatrix m) {
        List<String> parts = new ArrayList<>();
        for (FirstState state : FirstState.values()) {
            if (!state.hasPeer()) {
                continue;
            }
            Map<String, Integer> counts = new LinkedHashMap<>();
            int total = 0;
            for (Cell c : m.cells()) {
                if (c.state() == state && c.bindOk() && c.connect() != null) {
                    counts.merge(c.connect(), 1, Integer::sum);
                    total++;
                }
            }
            if (total == 0) {
                continue;
            }
            String what = counts.size() == 1
                    ? "connect " + counts.keySet().iterator().next() + " in all " + total
                    : "connect " + String.join(", ", counts.entrySet().stream()
                            .sorted(Map.Entry.<String, Integer>comparingByValue().reversed())
                            .map(e -> e.getKey() + " in " + e.getValue()).toList()) + " of the " + total;
            parts.add(what + " cells with a " + state.label() + " first socket");
        }
        if (parts.isEmpty()) {
            return "same 4-tuple: no connected or time-wait first socket shared its port, so no second connect() ran";
        }
        return "same 4-tuple (port shared, connect() to the first socket's peer): " + String.join("; ", parts);
    }

    private static String join(Set<FirstState> states, String conjunction) {
        List<String> labels = states.stream().map(FirstState::label).toList();
        if (labels.size() == 1) {
            return labels.get(0);
        }
        return String.join(", ", labels.subList(0, labels.size() - 1)) + " " + conjunction + " "
                + labels.get(labels.size() - 1);
    }
}
