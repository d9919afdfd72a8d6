package ftpdlab.harness.probe;

import static org.assertj.core.api.Assertions.assertThat;

import ftpdlab.harness.probe.ProbeMatrix.Cell;
import ftpdlab.harness.probe.ProbeMatrix.FirstState;
import ftpdlab.harness.probe.ProbeMatrix.Options;
import ftpdlab.harness.probe.ProbeMatrix.Status;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;
import org.junit.jupiter.api.Test;

class ProbeTableTest {

    /** Linux's rules, except that the TIME_WAIT 4-tuple is never taken over. */
    private static Cell linuxLike(FirstState state, Options first, Options second) {
        boolean shared = (first.reusePort() && second.reusePort())
                || (first.reuseAddress() && second.reuseAddress() && state != FirstState.LISTENING);
        if (!shared) {
            return Cell.measured(state, first, second, "EADDRINUSE", null);
        }
        return Cell.measured(state, first, second, ProbeMatrix.OK, state.hasPeer() ? "EADDRNOTAVAIL" : null);
    }

    private static ProbeMatrix matrix(Function<Cell, Cell> change) {
        List<Cell> cells = new ArrayList<>();
        for (FirstState state : FirstState.values()) {
            for (Options first : Options.values()) {
                for (Options second : Options.values()) {
                    cells.add(change.apply(linuxLike(state, first, second)));
                }
            }
        }
        return new ProbeMatrix("kernel probe on TestOS 1.0", "127.0.0.1", List.of("a note"), cells);
    }

    @Test
    void theTableNamesEveryStateAndOption() {
        String text = ProbeTable.render(matrix(Function.identity()));

        for (FirstState state : FirstState.values()) {
            assertThat(text).contains("\n" + state.label() + ": first socket ");
        }
        for (Options o : Options.values()) {
            assertThat(text).contains(o.label());
        }
        assertThat(text).startsWith("kernel probe on TestOS 1.0, loopback 127.0.0.1\nnote: a note\n")
                .contains("bind OK, connect EADDRNOTAVAIL", "EADDRNOTAVAIL at connect: the same 4-tuple");
    }

    @Test
    void columnsAreAligned() {
        String text = ProbeTable.render(matrix(Function.identity()));
        List<String> connected = text.lines().dropWhile(l -> !l.startsWith("connected:")).skip(1).limit(5).toList();

        int column = connected.get(0).indexOf("SO_REUSEPORT");
        assertThat(connected.get(2).indexOf("EADDRINUSE", 20)).isEqualTo(column); // SO_REUSEADDR row
        assertThat(connected.get(3).substring(column)).startsWith("bind OK, connect EADDRNOTAVAIL");
    }

    @Test
    void theFactsFollowTheCells() {
        String linux = ProbeTable.render(matrix(Function.identity()));
        assertThat(linux)
                .contains("no options on either socket (exclusive bind): bind EADDRINUSE whatever the first socket's state")
                .contains("SO_REUSEADDR on both: shares the port (bind OK) with a bound, connected or time-wait first socket;"
                        + " bind EADDRINUSE with a listening first socket")
                .contains("SO_REUSEPORT on both: shares the port (bind OK) whatever the first socket's state")
                .contains("connect EADDRNOTAVAIL in all 7 cells with a connected first socket");

        // A kernel where an exclusive bind passes a TIME_WAIT socket and SO_REUSEPORT does not pass a listener.
        String other = ProbeTable.render(matrix(c -> {
            if (c.first() == Options.NONE && c.second() == Options.NONE && c.state() == FirstState.TIME_WAIT) {
                return Cell.measured(c.state(), c.first(), c.second(), ProbeMatrix.OK, "OK");
            }
            if (c.first() == Options.SO_REUSEPORT && c.second() == Options.SO_REUSEPORT && c.state() == FirstState.LISTENING) {
                return Cell.measured(c.state(), c.first(), c.second(), "EADDRINUSE", null);
            }
            return c;
        }));
        assertThat(other)
                .contains("no options on either socket (exclusive bind): bind EADDRINUSE with a bound, connected or"
                        + " listening first socket; shares the port (bind OK) with a time-wait first socket")
                .contains("SO_REUSEPORT on both: shares the port (bind OK) with a bound, connected or time-wait first"
                        + " socket; bind EADDRINUSE with a listening first socket")
                .contains("connect EADDRNOTAVAIL in 7, OK in 1 of the 8 cells with a time-wait first socket");
    }

    @Test
    void unmeasuredCellsSayWhy() {
        String text = ProbeTable.render(matrix(c -> c.state() == FirstState.LISTENING
                ? Cell.unmeasured(c.state(), c.first(), c.second(), Status.NOT_RUN, "not run (time limit)")
                : c));

        assertThat(text).contains("not run (time limit)")
                .contains("SO_REUSEPORT on both: shares the port (bind OK) with a bound, connected or time-wait first"
                        + " socket; not measured with a listening first socket (left out)");
    }
}
