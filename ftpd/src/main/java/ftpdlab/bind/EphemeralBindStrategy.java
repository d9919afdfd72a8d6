package ftpdlab.bind;

import java.net.SocketOption;
import java.util.List;

/** Bind port 0, as modern servers do: no fixed source port, so no collisions, until ephemeral ports run out. */
public final class EphemeralBindStrategy implements BindStrategy {

    public static final String NAME = "ephemeral";

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public List<SocketOption<Boolean>> options() {
        // An ephemeral port needs no sharing.
        return List.of();
    }

    @Override
    public boolean fixedPort() {
        return false;
    }
}
