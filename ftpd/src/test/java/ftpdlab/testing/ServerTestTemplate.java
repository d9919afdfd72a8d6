package ftpdlab.testing;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import org.apache.commons.net.ftp.FTPClient;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * The template command tests extend (as Apache FtpServer's client tests do): one real server per
 * test class in {@link #ts}, every client a test opens closed after it, and no server thread left
 * after the class. A subclass's own {@code @BeforeAll} runs after the server started.
 */
@ExtendWith(NoLeaksExtension.class)
public abstract class ServerTestTemplate {

    protected static TestServer ts;
    private final List<FTPClient> clients = new ArrayList<>();

    @BeforeAll
    static void startServer() {
        ts = new TestServer().start();
    }

    @AfterAll
    static void stopServer() {
        ts.close();
    }

    @AfterEach
    void disconnectClients() throws IOException {
        for (FTPClient c : clients) {
            if (c.isConnected()) {
                c.disconnect();
            }
        }
        clients.clear();
    }

    /** Logged in as the read-write user, TYPE I, passive. */
    protected FTPClient login() throws IOException {
        return track(ts.client(true));
    }

    /** Closes {@code c} after the test. */
    protected FTPClient track(FTPClient c) {
        clients.add(c);
        return c;
    }
}
