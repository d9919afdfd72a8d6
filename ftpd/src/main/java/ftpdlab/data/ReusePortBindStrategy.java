package ftpdlab.data;

import java.io.IOException;
import java.net.Socket;
import java.util.Map;
import java.net.StandardSocketOptions;

/** SO_REUSEPORT and SO_REUSEADDR on every data socket: any number of them share the fixed port, so one bind suffices. */
public final class ReusePortBindStrategy implements BindStrategy {

    @Override
    public String name() {
        return "reuseport";
    }

    @Override
    public Map<String, String> settings() {
        return Map.of("bind.options", "SO_REUSEPORT+SO_REUSEADDR");
    }

    @Override
    public void applyOptions(Socket socket) throws IOException {
        socket.setReuseAddress(true);
        if (!socket.supportedOptions().contains(StandardSocketOptions.SO_REUSEPORT)) {
            throw new IOException("SO_REUSEPORT is not supported on this platform");
        }
        socket.setOption(StandardSocketOptions.SO_REUSEPORT, true);
    }
}
