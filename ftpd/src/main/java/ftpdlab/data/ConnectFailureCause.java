package ftpdlab.data;

import java.net.BindException;
import java.net.ConnectException;
import java.net.NoRouteToHostException;
import java.net.SocketTimeoutException;
import java.util.Locale;

/** Names a failed connect() the way the kernel does, so counters read like errno. */
public final class ConnectFailureCause {

    private ConnectFailureCause() {
    }

    public static String of(Exception e) {
        String msg = e.getMessage() == null ? "" : e.getMessage().toLowerCase(Locale.ROOT);
        if (e instanceof BindException && msg.contains("cannot assign requested address")) {
            return "EADDRNOTAVAIL";
        }
        if (e instanceof BindException && msg.contains("address already in use")) {
            return "EADDRINUSE";
        }
        if (e instanceof SocketTimeoutException) {
            return "ETIMEDOUT";
        }
        if (e instanceof NoRouteToHostException) {
            return "EHOSTUNREACH";
        }
        if (e instanceof ConnectException) {
            if (msg.contains("refused")) {
                return "ECONNREFUSED";
            }
            if (msg.contains("network is unreachable")) {
                return "ENETUNREACH";
            }
            if (msg.contains("timed out")) {
                return "ETIMEDOUT";
            }
        }
        return "OTHER";
    }

    /** True when a bind() failed because the address is taken: the case the retry hack retries. */
    public static boolean isAddressInUse(Exception e) {
        return e instanceof BindException && e.getMessage() != null
                && e.getMessage().toLowerCase(Locale.ROOT).contains("address already in use");
    }
}
