package ftpdlab.harness.probe;

import java.io.IOException;
import java.net.InetAddress;

/** Where each probe cell gets its fresh port; tests give one that hands out a taken port. */
@FunctionalInterface
public interface PortSource {

    /** A port for a new cell on {@code address}. */
    int next(InetAddress address) throws IOException;
}
