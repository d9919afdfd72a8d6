package ftpdlab.harness.probe;

import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonValue;
import java.util.List;
import java.util.NoSuchElementException;

/**
 * What a second socket's bind() (and connect()) to a fixed ip:port returned on one kernel, for
 * every first-socket state and option set. Written as JSON as it stands, so names stay stable.
 *
 * @param header the OS, kernel and JDK the matrix was measured on
 * @param notes  what a reader needs to trust or weigh the cells (e.g. unverified TIME_WAIT)
 */
public record ProbeMatrix(String header, String address, List<String> notes, List<Cell> cells) {

    /** What the first socket is doing when the second one binds its port. */
    public enum FirstState {
        BOUND("bound"), CONNECTED("connected"), TIME_WAIT("time-wait"), LISTENING("listening");

        private final String label;

        FirstState(String label) {
            this.label = label;
        }

        @JsonValue
        public String label() {
            return label;
        }

        /** Only where a 4-tuple exists does a second connect() to the same peer tell anything. */
        public boolean hasPeer() {
            return this == CONNECTED || this == TIME_WAIT;
        }
    }

    /** The reuse options a socket sets before bind(). */
    public enum Options {
        NONE("none", false, false), SO_REUSEADDR("SO_REUSEADDR", true, false),
        SO_REUSEPORT("SO_REUSEPORT", false, true), BOTH("both", true, true);

        private final String label;
        private final boolean reuseAddress;
        private final boolean reusePort;

        Options(String label, boolean reuseAddress, boolean reusePort) {
            this.label = label;
            this.reuseAddress = reuseAddress;
            this.reusePort = reusePort;
        }

        @JsonValue
        public String label() {
            return label;
        }

        public boolean reuseAddress() {
            return reuseAddress;
        }

        public boolean reusePort() {
            return reusePort;
        }
    }

    public enum Status {
        /** bind (and connect) ran; their outcomes are in the cell */
        MEASURED,
        /** the JDK cannot set SO_REUSEPORT on this platform */
        UNSUPPORTED,
        /** the global time limit passed before this cell */
        NOT_RUN,
        /** the first socket could not be put in its state; detail says why */
        SETUP_FAILED
    }

    public static final String OK = "OK";

    /**
     * @param bind    {@link #OK}, an errno name like {@code EADDRINUSE}, or the exception; null unless measured
     * @param connect the second connect()'s outcome, null when not attempted
     * @param detail  why a cell has no measurement, null when it has one
     */
    public record Cell(FirstState state, Options first, Options second, Status status, String bind, String connect,
            String detail) {

        public static Cell measured(FirstState state, Options first, Options second, String bind, String connect) {
            return new Cell(state, first, second, Status.MEASURED, bind, connect, null);
        }

        public static Cell unmeasured(FirstState state, Options first, Options second, Status status, String detail) {
            return new Cell(state, first, second, status, null, null, detail);
        }

        public boolean bindOk() {
            return status == Status.MEASURED && OK.equals(bind);
        }

        /** The cell as the table shows it. */
        @JsonProperty("text")
        public String text() {
            if (status != Status.MEASURED) {
                return detail;
            }
            if (!OK.equals(bind)) {
                return bind;
            }
            return connect == null ? OK : "bind OK, connect " + connect;
        }
    }

    public ProbeMatrix {
        notes = List.copyOf(notes);
        cells = List.copyOf(cells);
    }

    /** The cells that could not be set up even on a second fresh port. */
    public List<Cell> setupFailed() {
        return cells.stream().filter(c -> c.status() == Status.SETUP_FAILED).toList();
    }

    public Cell cell(FirstState state, Options first, Options second) {
        for (Cell c : cells) {
            if (c.state() == state && c.first() == first && c.second() == second) {
                return c;
            }
        }
        throw new NoSuchElementException(state.label() + " / " + first.label() + " / " + second.label());
    }
}
