package ftpdlab.harness.probe.claims;

import ftpdlab.harness.probe.Errno;
import java.io.IOException;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.StandardSocketOptions;

/**
 * The second socket of a cross-process cell, in a process of its own (possibly of another user):
 * {@code BindChild tcp|udp ADDRESS PORT REUSEADDR(0|1) REUSEPORT(0|1)} binds (and for TCP listens)
 * and prints one line, {@code OK} or the errno. It uses the JDK and {@link Errno} only, so that a
 * class directory or jar another user can read is all it needs.
 */
public final class BindChild {

    private BindChild() {
    }

    public static void main(String[] args) {
        if (args.length != 5) {
            System.out.println("usage: BindChild tcp|udp ADDRESS PORT REUSEADDR REUSEPORT");
            System.exit(2);
        }
        try {
            InetSocketAddress at = new InetSocketAddress(InetAddress.getByName(args[1]), Integer.parseInt(args[2]));
            boolean reuseAddress = args[3].equals("1");
            boolean reusePort = args[4].equals("1");
            if (args[0].equals("tcp")) {
                try (ServerSocket s = new ServerSocket()) {
                    s.setReuseAddress(reuseAddress);
                    s.setOption(StandardSocketOptions.SO_REUSEPORT, reusePort);
                    s.bind(at, 1);
                }
            } else {
                try (DatagramSocket s = new DatagramSocket(null)) {
                    s.setReuseAddress(reuseAddress);
                    s.setOption(StandardSocketOptions.SO_REUSEPORT, reusePort);
                    s.bind(at);
                }
            }
            System.out.println(ClaimCell.OK);
        } catch (IOException e) {
            System.out.println(Errno.of(e));
        }
    }
}
