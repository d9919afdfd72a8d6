package ftpdlab.harness.report;

import static org.assertj.core.api.Assertions.assertThat;

import ftpdlab.harness.load.Op;
import ftpdlab.harness.load.TransferRecord;
import ftpdlab.harness.observe.SocketSample;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/**
 * A 1M-transfer soak must give a page that opens at once: every chart series is aggregated, no
 * transfer is embedded one by one, so the page's size does not grow with the transfer count.
 */
class SoakReportTest {

    private static final int TRANSFERS = 1_000_000;
    private static final long DURATION_MS = 1_000_000;

    @Test
    void aMillionTransfersMakeAPageOfBoundedSize() {
        SplittableRandom random = new SplittableRandom(42);
        List<TransferRecord> records = new ArrayList<>(TRANSFERS);
        for (int i = 0; i < TRANSFERS; i++) {
            long start = i * DURATION_MS / TRANSFERS;
            // a spread of latencies with a long tail, and one failure in a hundred
            long total = 1 + (long) (-Math.log(1 - random.nextDouble()) * 40);
            boolean ok = random.nextInt(100) != 0;
            records.add(new TransferRecord(i % 64, i / 64, Op.RETR, start, total / 2, total, ok ? 1024 : 0,
                    ok ? 226 : 425, ok ? "Transfer complete" : "Can't open data connection", null, ok));
        }
        List<SocketSample> samples = new ArrayList<>();
        for (long t = 0; t < DURATION_MS; t += 100) {
            samples.add(new SocketSample(t, random.nextInt(64), 20_000 + random.nextInt(8_000)));
        }
        PhaseResult soak = new PhaseResult("reuseport", "127.0.0.1:2121", 2120, Fixtures.plan(64, TRANSFERS / 64, null),
                0, DURATION_MS, records, Map.of("bind.collisions", "0"), samples, List.of("soak"), Map.of(),
                new PhaseResult.Cpu(400_000, 120_000));

        String page = HtmlReport.render(Fixtures.report(soak));
        int bytes = page.getBytes(StandardCharsets.UTF_8).length;
        int small = HtmlReport.render(Fixtures.report(Fixtures.retry())).getBytes(StandardCharsets.UTF_8).length;
        System.out.printf("1M-transfer soak: report.html %d bytes (a 10-transfer report: %d bytes)%n", bytes, small);

        // the charts add at most some hundreds of kB whatever the count: 1000 CDF points,
        // 1000 one-second buckets, 2000 merged socket samples
        assertThat(bytes - small).isLessThan(400_000);
        assertThat(ChartData.timeline(soak).buckets()).hasSize((int) (DURATION_MS / 1000) + 1);
        assertThat(ChartData.cdf(soak).points()).hasSizeLessThanOrEqualTo(ChartData.MAX_CDF_POINTS);
        assertThat(ChartData.sockets(soak).samples()).hasSizeLessThanOrEqualTo(ChartData.MAX_SOCKET_POINTS);
        assertThat(page).contains(Html.escape(Verdict.line(soak)));
    }
}
