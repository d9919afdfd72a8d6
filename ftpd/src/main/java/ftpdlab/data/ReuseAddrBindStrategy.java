package ftpdlab.data;

import java.io.IOException;
import java.net.Socket;

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
    public void applyOptions(Socket socket) throws IOException {
        socket.setReuseAddress(true);
    }
}
