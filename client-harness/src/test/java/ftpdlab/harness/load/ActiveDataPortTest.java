package ftpdlab.harness.load;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.channels.AsynchronousCloseException;
import java.nio.channels.SocketChannel;
import java.time.Duration;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;

/** The client's listening end of an active transfer, over real loopback sockets. */
class ActiveDataPortTest {

    private static final InetAddress V4 = InetAddress.getLoopbackAddress();

    @Test
    void portNamesTheListenerAndTheServerIsAccepted() throws Exception {
        try (ActiveDataPort port = ActiveDataPort.open(V4)) {
            assertThat(port.command()).isEqualTo("PORT");
            String[] f = port.argument().split(",");
            assertThat(f).hasSize(6);
            assertThat(String.join(".", f[0], f[1], f[2], f[3])).isEqualTo("127.0.0.1");
            int named = Integer.parseInt(f[4]) * 256 + Integer.parseInt(f[5]);
            assertThat(named).isEqualTo(port.port());
            try (Socket server = new Socket(V4, named); SocketChannel data = port.accept(V4)) {
                server.getOutputStream().write(42);
                ByteBuffer b = ByteBuffer.allocate(1);
                assertThat(data.read(b)).isEqualTo(1);
                assertThat(b.get(0)).isEqualTo((byte) 42);
            }
        }
    }

    @Test
    void anAcceptPastItsDeadlineEndsWhenTheWatchdogClosesThePort() throws Exception {
        try (ActiveDataPort port = ActiveDataPort.open(V4);
             Watchdog watchdog = new Watchdog(Duration.ofMillis(20), cpu -> { })) {
            Deadline deadline = new Deadline(() -> {
                try {
                    port.close();
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
            });
            watchdog.watch(deadline);
            deadline.arm(Duration.ofMillis(200).toNanos());
            assertThatThrownBy(() -> port.accept(V4)).isInstanceOf(AsynchronousCloseException.class);
            assertThat(deadline.expired()).isTrue();
        }
    }

    @Test
    void aConnectionFromAnotherHostIsRefusedAndClosed() throws Exception {
        try (ActiveDataPort port = ActiveDataPort.open(InetAddress.getByName("0.0.0.0"));
             Socket stranger = new Socket()) {
            stranger.bind(new InetSocketAddress("127.0.0.2", 0));
            stranger.connect(new InetSocketAddress(V4, port.port()));
            assertThatThrownBy(() -> port.accept(V4)).isInstanceOf(IOException.class)
                    .hasMessage("data connection from 127.0.0.2, not the server 127.0.0.1");
            // refused means closed: the stranger sees end of stream, not a data connection
            stranger.setSoTimeout(10_000);
            assertThat(stranger.getInputStream().read()).isEqualTo(-1);
        }
    }

    @Test
    void ipv6IsNamedByEprt() throws Exception {
        InetAddress v6 = InetAddress.getByName("::1");
        Assumptions.assumeTrue(bindable(v6), "no IPv6 loopback here");
        try (ActiveDataPort port = ActiveDataPort.open(v6)) {
            assertThat(port.command()).isEqualTo("EPRT");
            assertThat(port.argument()).isEqualTo("|2|0:0:0:0:0:0:0:1|" + port.port() + "|");
            try (Socket server = new Socket(v6, port.port()); SocketChannel data = port.accept(v6)) {
                assertThat(((InetSocketAddress) data.getRemoteAddress()).getAddress()).isEqualTo(v6);
            }
        }
    }

    private static boolean bindable(InetAddress a) {
        try (ServerSocket s = new ServerSocket(0, 1, a)) {
            return true;
        } catch (IOException e) {
            return false;
        }
    }
}
