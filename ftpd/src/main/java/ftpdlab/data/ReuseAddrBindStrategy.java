package ftpdlab.data;

import java.io.IOException;
import java.net.Socket;
import java.util.Map;

/**
 * SO_REUSEADDR only, bind once. On Linux non-listening sockets that all set it share the port;
 * on BSD and macOS the second bind collides. The baseline that shows the platform difference.
 */
public final class ReuseAddrBindStrategy implements BindStrategy {

    @Override
    public String name() {
        return "reuseaddr";
    }

    @Override
    public Map<String, String> settings() {
        return Map.of("bind.options", "SO_REUSEADDR");
    }

    @Override
    public void applyOptions(Socket socket) throws IOException {
        socket.setReuseAddress(true);
    }
}
