package ftpdlab.harness.report;

import ftpdlab.harness.load.LoadPlan;
import ftpdlab.harness.load.Mode;
import ftpdlab.harness.load.Op;
import ftpdlab.harness.load.TransferRecord;
import ftpdlab.harness.observe.SocketSample;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** Hand-made phases whose numbers the tests work out by hand. */
final class Fixtures {

    static final String HOSTILE_REPLY =
            "Can't open data connection: <script>alert(\"x\")</script> & more, \"quoted\"";

    private Fixtures() {
    }

    /**
     * 2 clients x 6 = 12 requested, 10 ran. totalMs 10, 20, ..., 100; transfer i starts at
     * i*300 ms, so they end in seconds 0,0,0,0,1,1,1,2,2,2. Transfers 0-6 are ok (226),
     * 7 and 8 failed 425, 9 failed without a reply (code 0). to150Ms = totalMs/2 for 0-7, -1 after.
     * The client threads used 25 ms of CPU (2.5 per transfer), the JVM 900 ms.
     */
    static PhaseResult retry() {
        List<TransferRecord> records = new ArrayList<>();
        for (int i = 0; i < 10; i++) {
            long total = 10L * (i + 1);
            long to150 = i < 8 ? total / 2 : -1;
            int code = i < 7 ? 226 : i < 9 ? 425 : 0;
            String text = i < 7 ? "Transfer complete" : i < 9 ? HOSTILE_REPLY : null;
            String exception = i == 9 ? "ConnectException" : null;
            records.add(new TransferRecord(i % 2, i / 2, Op.RETR, i * 300L, to150, total, i < 7 ? 1024 : 0,
                    code, text, exception, i < 7));
        }
        Map<String, String> stats = Map.of(
                "bind.strategy", "retry",
                "data.port", "20",
                "bind.collisions", "5",
                "bind.retries", "4",
                "bind.backoff.ms", "1250",
                "bind.giveups", "2",
                "connect.failures", "1",
                "bind.per-transfer.1", "7",
                "bind.per-transfer.2", "1",
                "bind.per-transfer.11", "2");
        List<SocketSample> sockets = List.of(new SocketSample(0, 1, 0), new SocketSample(1000, 2, 5),
                new SocketSample(2000, 0, 9));
        return new PhaseResult("retry", "127.0.0.1:2121", 20, plan(2, 6, Duration.ofSeconds(30)),
                1_700_000_000_000L, 2000, records, stats, sockets, List.of("back-off scaled by 0.5"),
                Map.of("network", "loopback", "client.tcp_timestamps", "on", PhaseResult.SOCKETS_SOURCE, "ss",
                        PhaseResult.SOCKETS_SCOPE, "port 20"),
                new PhaseResult.Cpu(900, 25));
    }

    /** Nothing ran and nothing is known: no records, no SITE STATS, no socket samples, no duration. */
    static PhaseResult empty() {
        return new PhaseResult("ephemeral", "127.0.0.1:2122", -1, plan(1, 4, null),
                1_700_000_010_000L, 0, List.of(), null, List.of(), List.of(), Map.of());
    }

    static LoadPlan plan(int clients, int transfers, Duration maxDuration) {
        return new LoadPlan("127.0.0.1", 2121, "user", "secret", clients, transfers, Op.RETR, 1024, null,
                Mode.ACTIVE, List.of("127.0.0.2", "127.0.0.3"), maxDuration, null);
    }

    static RunReport report(PhaseResult... phases) {
        return new RunReport(RunReport.SCHEMA_VERSION, "harness compare --clients 2 --transfers 6",
                "2024-01-01T00:00:00Z", "lab-host", "Linux", "6.1.0-18-amd64", "17.0.15", 2, List.of(phases));
    }
}
