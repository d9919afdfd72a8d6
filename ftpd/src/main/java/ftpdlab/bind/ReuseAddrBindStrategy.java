package ftpdlab.bind;

import java.net.SocketOption;
import java.net.StandardSocketOptions;
import java.util.List;

/**
 * SO_REUSEADDR only, bind once. On Linux non-listening sockets that all set it share the port;
 * on BSD and macOS the second bind collides. The baseline that shows the platform difference.
 */
public final class ReuseAddrBindStrategy implements BindStrategy {

    public static final String NAME = "reuseaddr";

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public List<SocketOption<Boolean>> options() {
        return List.of(StandardSocketOptions.SO_REUSEADDR);
    }
}
