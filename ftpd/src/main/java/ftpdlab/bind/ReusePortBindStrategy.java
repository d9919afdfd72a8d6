package ftpdlab.bind;

import java.net.SocketOption;
import java.net.StandardSocketOptions;
import java.util.List;

/** SO_REUSEPORT and SO_REUSEADDR on every data socket: any number of them share the fixed port, so one bind suffices. */
public final class ReusePortBindStrategy implements BindStrategy {

    public static final String NAME = "reuseport";

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public List<SocketOption<Boolean>> options() {
        return List.of(StandardSocketOptions.SO_REUSEPORT, StandardSocketOptions.SO_REUSEADDR);
    }
}
