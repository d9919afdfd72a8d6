package ftpdlab.data;

import java.net.InetSocketAddress;

/** Where the next data connection comes from, as set by PORT/EPRT or PASV/EPSV. */
public sealed interface DataEndpoint {

    /** Active mode: the server connects to the client's address. */
    record Active(InetSocketAddress target) implements DataEndpoint {
    }

    /** Passive mode: the client connects to a listener the server opened. */
    record Passive(PassiveListener listener) implements DataEndpoint {
    }
}
