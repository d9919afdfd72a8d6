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

    /**
     * An IPv4 or IPv6 literal, or null if {@code text} is not one. Never asks a name resolver:
     * InetAddress.getByName falls back to DNS for text like 999.0.0.1.
     */
    public static InetAddress literal(String text, boolean ipv6) {
        try {
            if (!ipv6) {
                String[] parts = text.split("\\.", -1);
                if (parts.length != 4) {
                    return null;
                }
                byte[] b = new byte[4];
                for (int i = 0; i < 4; i++) {
                    if (!parts[i].matches("\\d{1,3}") || Integer.parseInt(parts[i]) > 255) {
                        return null;
                    }
                    b[i] = (byte) Integer.parseInt(parts[i]);
                }
                return InetAddress.getByAddress(b);
            }
            // With a ':' in it, getByName parses the text as an IPv6 literal or fails; it never looks it up.
            if (!text.contains(":") || !text.matches("[0-9A-Fa-f:.]+(%[\\w.]+)?")) {
                return null;
            }
            InetAddress a = InetAddress.getByName(text);
            return a instanceof Inet6Address ? a : null;
        } catch (UnknownHostException e) {
            return null;
        }
    }

    public static boolean isIpv4(InetAddress a) {
        return unmap(a) instanceof Inet4Address;
    }
}
