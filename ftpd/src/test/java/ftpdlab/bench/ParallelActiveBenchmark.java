package ftpdlab.bench;

import ftpdlab.bind.BindStrategies;
import ftpdlab.bind.RetryBindStrategy;
import ftpdlab.testing.TestServer;
import java.io.ByteArrayOutputStream;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.apache.commons.net.ftp.FTPClient;

/**
 * Not a test: N parallel active downloads against a fresh server per strategy (fresh data port,
 * so one phase's TIME_WAIT can't leak into the next), with BSD's real 1 s back-off unless a unit
 * is given. Run with scripts/bench-ftpd.sh parallel [clients] [backoff].
 */
public final class ParallelActiveBenchmark {

    public static void main(String[] args) throws Exception {
        int clients = args.length > 0 ? Integer.parseInt(args[0]) : 32;
        String backoff = args.length > 1 ? args[1] : "1s";
        byte[] content = new byte[64 * 1024];
        System.out.printf("%d parallel active RETRs of 64 KiB, retry back-off unit %s%n", clients, backoff);
        System.out.printf("%-22s %4s %6s %10s %7s %10s %7s %8s%n", "strategy", "ok", "failed", "collisions",
                "retries", "backoff.ms", "giveups", "wall.ms");
        // Every registered strategy, plus the retry hack with SO_REUSEADDR (BSD ftpd's own setting).
        List<String[]> phases = new ArrayList<>();
        for (String name : BindStrategies.names()) {
            phases.add(new String[] {name, "false"});
            if (name.equals(RetryBindStrategy.NAME)) {
                phases.add(new String[] {name, "true"});
            }
        }
        for (String[] phase : phases) {
            try (TestServer ts = new TestServer().strategy(phase[0]).with("data.retry.backoff", backoff)
                    .with("data.retry.reuse-address", phase[1]).with("limits.data-timeout", "30s").start()) {
                ts.write("f.bin", content);
                long t0 = System.nanoTime();
                int ok = 0;
                for (int code : run(ts, clients)) {
                    ok += code == 226 ? 1 : 0;
                }
                long wall = (System.nanoTime() - t0) / 1_000_000;
                Map<String, String> s = ts.stats();
                String name = phase[0] + (phase[1].equals("true") ? " (+SO_REUSEADDR)" : "");
                System.out.printf("%-22s %4d %6d %10s %7s %10s %7s %8d%n", name, ok, clients - ok,
                        s.get("bind.collisions"), s.get("bind.retries"), s.get("bind.backoff.ms"), s.get("bind.giveups"), wall);
            }
        }
    }

    private static List<Integer> run(TestServer ts, int n) throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(n);
        try {
            List<Callable<Integer>> tasks = new ArrayList<>();
            for (int i = 0; i < n; i++) {
                tasks.add(() -> {
                    FTPClient c = ts.client(false);
                    c.setDefaultTimeout(120_000);
                    c.setSoTimeout(120_000);
                    try {
                        c.retrieveFile("f.bin", new ByteArrayOutputStream());
                        return c.getReplyCode();
                    } finally {
                        c.disconnect();
                    }
                });
            }
            List<Integer> codes = new ArrayList<>();
            for (Future<Integer> f : pool.invokeAll(tasks, 120, TimeUnit.SECONDS)) {
                codes.add(f.isCancelled() ? -1 : f.get());
            }
            return codes;
        } finally {
            pool.shutdownNow();
        }
    }
}
