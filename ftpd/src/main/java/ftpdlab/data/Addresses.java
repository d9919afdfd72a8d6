package ftpdlab.data;

import java.net.Inet4Address;
import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.UnknownHostException;

/** Address comparisons that treat an IPv4-mapped IPv6 address (::ffff:a.b.c.d) as the IPv4 address it carries. */
public final class Addresses {

    private Addresses() {
    }

    public static boolean same(InetAddress a, InetAddress b) {
        return unmap(a).equals(unmap(b));
    }

    public static InetAddress unmap(InetAddress a) {
        if (a instanceof Inet6Address) {
            byte[] b = a.getAddress();
            boolean mapped = true;
            for (int i = 0; i < 10; i++) {
                mapped &= b[i] == 0;
            }
            mapped &= (b[10] & 0xFF) == 0xFF && (b[11] & 0xFF) == 0xFF;
            if (mapped) {
                try {
                    return InetAddress.getByAddress(new byte[] {b[12], b[13], b[14], b[15]});
                } catch (UnknownHostException e) {
                    throw new IllegalStateException(e);
                }
            }
        }
        return a;
    }

    public static boolean isIpv4(InetAddress a) {
        return unmap(a) instanceof Inet4Address;
    }
}
