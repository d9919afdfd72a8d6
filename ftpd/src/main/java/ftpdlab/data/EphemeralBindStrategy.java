package ftpdlab.data;

import java.net.Socket;
import java.util.Map;

/** Bind port 0, as modern servers do: no fixed source port, so no collisions, until ephemeral ports run out. */
public final class EphemeralBindStrategy implements BindStrategy {

    @Override
    public String name() {
        return "ephemeral";
    }

    @Override
    public Map<String, String> settings() {
        return Map.of("bind.options", "none");
    }

    @Override
    public void applyOptions(Socket socket) {
        // An ephemeral port needs no sharing.
    }

    @Override
    public int localPort(int dataPort) {
        return 0;
    }
}
