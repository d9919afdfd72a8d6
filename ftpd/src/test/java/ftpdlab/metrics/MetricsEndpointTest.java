package ftpdlab.metrics;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import ftpdlab.testing.NoLeaksExtension;
import ftpdlab.testing.TestServer;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.apache.commons.net.ftp.FTPClient;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** Issue 8: GET /metrics over real HTTP, against a real server moving real data. */
@ExtendWith(NoLeaksExtension.class)
class MetricsEndpointTest {

    private static final Pattern SAMPLE = Pattern.compile("^([a-zA-Z_:][a-zA-Z0-9_:]*(?:\\{[^}]*\\})?) (\\S+)$");
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    private static TestServer server(String strategy) {
        return new TestServer().strategy(strategy).with("metrics.port", "0").start();
    }

    private HttpResponse<String> get(TestServer ts, String path) throws Exception {
        InetSocketAddress a = ts.server().metricsAddress();
        HttpRequest req = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + a.getPort() + path))
                .timeout(Duration.ofSeconds(10)).build();
        return http.send(req, HttpResponse.BodyHandlers.ofString());
    }

    /** Sample name (with labels, as written) to value. */
    private Map<String, Double> scrape(TestServer ts) throws Exception {
        HttpResponse<String> r = get(ts, "/metrics");
        assertThat(r.statusCode()).isEqualTo(200);
        assertThat(r.headers().firstValue("Content-Type").orElse("")).startsWith("text/plain");
        Map<String, Double> m = new HashMap<>();
        for (String line : r.body().split("\n")) {
            Matcher s = SAMPLE.matcher(line);
            if (!line.startsWith("#") && s.matches()) {
                m.put(s.group(1), Double.parseDouble(s.group(2)));
            }
        }
        return m;
    }

    private static double sum(Map<String, Double> m, String prefix) {
        return m.entrySet().stream().filter(e -> e.getKey().equals(prefix) || e.getKey().startsWith(prefix + "{"))
                .mapToDouble(Map.Entry::getValue).sum();
    }

    @Test
    void isOffByDefaultAndOnLoopbackWhenAsked() throws Exception {
        try (TestServer off = new TestServer().start(); TestServer on = server("reuseport")) {
            assertThat(off.server().metricsAddress()).isNull();
            assertThat(on.server().metricsAddress().getAddress().isLoopbackAddress()).isTrue();
            assertThat(get(on, "/").statusCode()).isEqualTo(404);
        }
    }

    @Test
    void countersMoveDuringATransfer() throws Exception {
        try (TestServer ts = server("reuseport")) {
            byte[] big = new byte[8 << 20];
            new Random(8).nextBytes(big);
            ts.write("big.bin", big);
            Map<String, Double> before = scrape(ts);
            assertThat(before.get("ftpd_sessions_active")).isZero();

            FTPClient c = ts.client(false); // active: the bind counters and the histogram move too
            try (InputStream in = c.retrieveFileStream("big.bin")) {
                assertThat(in.readNBytes(64 * 1024)).hasSize(64 * 1024);
                // Mid-transfer: the connection is open, the transfer not yet counted.
                Map<String, Double> during = scrape(ts);
                assertThat(during.get("ftpd_sessions_active")).isEqualTo(1.0);
                assertThat(during.get("ftpd_bind_attempts_total")).isEqualTo(1.0);
                assertThat(during.get("ftpd_data_connections_opened_total")).isEqualTo(1.0);
                assertThat(sum(during, "ftpd_data_setup_seconds_count")).isEqualTo(1.0);
                assertThat(during.keySet()).anyMatch(k -> k.startsWith("ftpd_data_setup_seconds_bucket{")
                        && k.contains("strategy=\"reuseport\"") && k.contains("data_port=\"" + ts.dataPort() + "\""));
                assertThat(sum(during, "ftpd_transfers_total")).isZero();
                in.transferTo(OutputStream.nullOutputStream());
            }
            assertThat(c.completePendingCommand()).isTrue();
            c.disconnect();
            await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> {
                Map<String, Double> after = scrape(ts);
                assertThat(after.get("ftpd_transfers_total{outcome=\"ok\"}")).isEqualTo(1.0);
                assertThat(after.get("ftpd_data_sent_bytes_total")).isEqualTo((double) big.length);
                assertThat(after.get("ftpd_sessions_active")).isZero();
            });
        }
    }

    /** The harness reads SITE STATS; a Prometheus scraper reads /metrics: after a load both say the same. */
    @Test
    void afterASmallActiveLoadTheBindCountersEqualSiteStats() throws Exception {
        try (TestServer ts = server("retry")) {
            ts.write("one.bin", new byte[1024]);
            ExecutorService pool = Executors.newFixedThreadPool(8);
            try {
                List<Future<?>> done = new ArrayList<>();
                for (int i = 0; i < 8; i++) {
                    done.add(pool.submit(() -> {
                        FTPClient c = ts.client(false);
                        try {
                            for (int j = 0; j < 3; j++) {
                                c.retrieveFile("one.bin", OutputStream.nullOutputStream());
                            }
                        } finally {
                            c.disconnect();
                        }
                        return null;
                    }));
                }
                for (Future<?> f : done) {
                    f.get();
                }
            } finally {
                pool.shutdownNow();
            }
            await().atMost(Duration.ofSeconds(10)).until(() -> ts.stat("sessions.active") == 0);
            Map<String, String> site = siteStats(ts);
            Map<String, Double> prom = scrape(ts);
            assertThat(Long.parseLong(site.get("bind.attempts"))).isGreaterThanOrEqualTo(24);
            assertThat(Long.parseLong(site.get("bind.collisions"))).as("the retry strategy on one port collides").isPositive();
            String[][] pairs = {
                {"bind.attempts", "ftpd_bind_attempts_total"},
                {"bind.collisions", "ftpd_bind_collisions_total"},
                {"bind.retries", "ftpd_bind_retries_total"},
                {"bind.backoff.ms", "ftpd_bind_backoff_milliseconds_total"},
                {"bind.giveups", "ftpd_bind_giveups_total"},
                {"data.connections.opened", "ftpd_data_connections_opened_total"},
                {"transfers.ok", "ftpd_transfers_total{outcome=\"ok\"}"},
                {"transfers.failed", "ftpd_transfers_total{outcome=\"failed\"}"},
                {"bytes.sent", "ftpd_data_sent_bytes_total"},
            };
            for (String[] p : pairs) {
                assertThat(prom.get(p[1])).as(p[1] + " vs " + p[0]).isEqualTo(Double.parseDouble(site.get(p[0])));
            }
            assertThat(sum(prom, "ftpd_connect_failures_total")).isEqualTo(Double.parseDouble(site.get("connect.failures")));
            site.forEach((name, value) -> {
                if (name.startsWith("bind.per-transfer.")) {
                    String binds = name.substring("bind.per-transfer.".length());
                    assertThat(prom.get("ftpd_bind_per_transfer_total{binds=\"" + binds + "\"}")).as(name)
                            .isEqualTo(Double.parseDouble(value));
                }
            });
        }
    }

    /** SITE STATS over the control connection, as the harness reads it. */
    private static Map<String, String> siteStats(TestServer ts) throws IOException {
        FTPClient c = ts.client(true);
        try {
            assertThat(c.sendSiteCommand("STATS")).isTrue();
            Map<String, String> m = new HashMap<>();
            for (String line : c.getReplyStrings()) {
                String l = line.trim();
                int eq = l.indexOf('=');
                if (eq > 0 && !l.startsWith("211")) {
                    m.put(l.substring(0, eq), l.substring(eq + 1));
                }
            }
            return m;
        } finally {
            c.disconnect();
        }
    }
}
