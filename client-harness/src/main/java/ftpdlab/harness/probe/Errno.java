package ftpdlab.harness.probe;

import java.io.IOException;
import java.net.BindException;
import java.net.ConnectException;

/** The errno a JDK socket exception stands for, as far as its message tells (the JDK keeps only the text). */
public final class Errno {

    private Errno() {
    }

    public static String of(IOException e) {
        String m = String.valueOf(e.getMessage());
        if (e instanceof BindException && m.contains("Address already in use")) {
            return "EADDRINUSE";
        }
        if (m.contains("Cannot assign requested address")) {
            return "EADDRNOTAVAIL";
        }
        if (e instanceof ConnectException && m.contains("refused")) {
            return "ECONNREFUSED";
        }
        return e.getClass().getSimpleName() + ": " + m;
    }
}
