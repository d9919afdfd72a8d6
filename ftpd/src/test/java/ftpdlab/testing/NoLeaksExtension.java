package ftpdlab.testing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.List;
import java.util.stream.Collectors;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * After a test class, no thread of any server it started may still run: ftpd's own pools
 * ({@code ftpd-*}) and MINA's acceptor and processors. A leaked thread means a leaked socket or
 * session, since every one of them is owned by such a thread.
 */
public final class NoLeaksExtension implements AfterAllCallback {

    @Override
    public void afterAll(ExtensionContext context) {
        await("server threads to end after " + context.getDisplayName())
                .atMost(Duration.ofSeconds(10))
                .untilAsserted(() -> assertThat(serverThreads()).as("server threads still alive: %s", stacks()).isEmpty());
    }

    /** Where each leaked thread is, so a leak report says what kept it. */
    private static String stacks() {
        StringBuilder b = new StringBuilder();
        Thread.getAllStackTraces().forEach((t, st) -> {
            if (serverThreads().contains(t.getName())) {
                b.append('\n').append(t.getName());
                for (int i = 0; i < Math.min(12, st.length); i++) {
                    b.append("\n    at ").append(st[i]);
                }
            }
        });
        return b.toString();
    }

    public static List<String> serverThreads() {
        return Thread.getAllStackTraces().keySet().stream()
                .filter(Thread::isAlive)
                .map(Thread::getName)
                .filter(n -> n.startsWith("ftpd-") || n.startsWith("NioProcessor") || n.startsWith("NioSocketAcceptor"))
                .collect(Collectors.toList());
    }
}
