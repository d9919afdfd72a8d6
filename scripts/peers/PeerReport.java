import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Stream;

/**
 * The peer bench's table, from the measurements scripts/peers.sh left in its output directory: one harness report
 * (or ceiling JSON) and one file of CPU samples per measurement.
 *
 * <p>CPU per transfer is read between the load phase's start and end as the harness recorded them in results.json
 * (startedAtEpochMs, durationMs), interpolating the 50 ms samples of the harness process's CPU time and the server
 * cgroup's usage_usec: the harness's JVM start-up, set-up download and report writing are outside that window.
 *
 * <p>Usage: {@code PeerReport OUT_DIR COMMAND_LINE}; prints the table, writes OUT_DIR/cells.tsv and peers.tsv.
 */
public final class PeerReport {

    /** The servers people know; "ratio to the fastest peer" is against the best of these. */
    static final Set<String> PEERS = Set.of("vsftpd", "proftpd", "pure-ftpd", "apache-ftpserver");
    static final String CEILING = "ceiling";

    record Cell(int round, int clients, String server, double rate, long ok, long failed, double seconds,
                double serverUs, double harnessUs, double load, String note) {
    }

    record Row(String server, int clients, List<Cell> cells) {
        double median(java.util.function.ToDoubleFunction<Cell> f) {
            double[] v = cells.stream().mapToDouble(f).filter(x -> x >= 0).sorted().toArray();
            if (v.length == 0) {
                return -1;
            }
            return v.length % 2 == 1 ? v[v.length / 2] : (v[v.length / 2 - 1] + v[v.length / 2]) / 2;
        }

        double min() {
            return cells.stream().mapToDouble(Cell::rate).min().orElse(-1);
        }

        double max() {
            return cells.stream().mapToDouble(Cell::rate).max().orElse(-1);
        }

        long failed() {
            return cells.stream().mapToLong(Cell::failed).sum();
        }
    }

    public static void main(String[] args) throws IOException {
        Path out = Path.of(args[0]);
        String commandLine = args.length > 1 ? args[1] : "";
        List<Cell> cells = new ArrayList<>();
        try (Stream<Path> dirs = Files.list(out.resolve("cells"))) {
            for (Path dir : dirs.sorted().toList()) {
                if (Files.exists(dir.resolve("cell.tsv"))) {
                    cells.add(read(dir));
                }
            }
        }
        cells.sort(Comparator.comparingInt(Cell::clients).thenComparing(Cell::server).thenComparingInt(Cell::round));
        writeCells(out.resolve("cells.tsv"), cells);

        List<String> order = serverOrder(out);
        Map<String, Row> rows = new LinkedHashMap<>();
        for (int clients : new TreeSet<>(cells.stream().map(Cell::clients).toList())) {
            for (String server : order) {
                List<Cell> mine = cells.stream().filter(c -> c.clients() == clients && c.server().equals(server)
                        && c.note().isEmpty()).toList();
                if (!mine.isEmpty()) {
                    rows.put(clients + "/" + server, new Row(server, clients, mine));
                }
            }
        }
        StringBuilder table = new StringBuilder();
        StringBuilder tsv = new StringBuilder("clients\tserver\trounds\ttransfers_per_s_median\tmin\tmax"
                + "\tratio_to_fastest_peer\tshare_of_raw_loop\tfailed\tserver_cpu_us_per_transfer"
                + "\tharness_cpu_us_per_transfer\n");
        table.append("peer bench: ").append(commandLine).append('\n');
        table.append("| clients | server | transfers/s, median (range) | x fastest peer | share of raw loop | failed"
                + " | server CPU µs/transfer | harness CPU µs/transfer |\n");
        table.append("|---|---|---|---|---|---|---|---|\n");
        for (int clients : new TreeSet<>(cells.stream().map(Cell::clients).toList())) {
            double bestPeer = rows.values().stream().filter(r -> r.clients() == clients && PEERS.contains(r.server()))
                    .mapToDouble(r -> r.median(Cell::rate)).max().orElse(-1);
            Row ceiling = rows.get(clients + "/" + CEILING);
            double ceilingRate = ceiling == null ? -1 : ceiling.median(Cell::rate);
            for (Row r : rows.values()) {
                if (r.clients() != clients) {
                    continue;
                }
                double rate = r.median(Cell::rate);
                boolean raw = r.server().equals(CEILING);
                String ratio = bestPeer > 0 && !raw ? fmt("%.2f", rate / bestPeer) : "-";
                String share = ceilingRate > 0 && !raw ? fmt("%.0f %%", 100 * rate / ceilingRate) : "-";
                String serverUs = raw ? fmt("%,.0f (both ends)", r.median(Cell::serverUs)) : us(r.median(Cell::serverUs));
                String harnessUs = raw ? "-" : us(r.median(Cell::harnessUs));
                table.append(fmt("| %d | %s | %,.0f (%,.0f - %,.0f) | %s | %s | %d | %s | %s |%n", clients,
                        raw ? "raw loop (no FTP)" : r.server(), rate, r.min(), r.max(), ratio, share, r.failed(),
                        serverUs, harnessUs));
                tsv.append(fmt("%d\t%s\t%d\t%.1f\t%.1f\t%.1f\t%s\t%s\t%d\t%.1f\t%.1f%n", clients, r.server(),
                        r.cells().size(), rate, r.min(), r.max(), ratio, share.replace(" %", ""), r.failed(),
                        r.median(Cell::serverUs), r.median(Cell::harnessUs)));
            }
        }
        List<Cell> broken = cells.stream().filter(c -> !c.note().isEmpty()).toList();
        for (Cell c : broken) {
            table.append(fmt("  not counted: round %d, %d clients, %s: %s%n", c.round(), c.clients(), c.server(),
                    c.note()));
        }
        var load = cells.stream().mapToDouble(Cell::load).filter(x -> x >= 0).summaryStatistics();
        if (load.getCount() > 0) {
            // The bench's own client threads are runnable too: the figure is high on a quiet machine as well,
            // and only `uptime` before the run tells whether other programs shared the CPU.
            table.append(fmt("  load average (1 min) after each measurement: %.2f - %.2f on %d cores (the bench's own"
                    + " client threads count in it; check `uptime` before a run for other programs)%n",
                    load.getMin(), load.getMax(), Runtime.getRuntime().availableProcessors()));
        }
        Files.writeString(out.resolve("peers.tsv"), tsv.toString());
        System.out.print(table);
    }

    static Cell read(Path dir) throws IOException {
        String[] id = Files.readString(dir.resolve("cell.tsv")).trim().split("\t");
        int round = Integer.parseInt(id[0]);
        int clients = Integer.parseInt(id[1]);
        String server = id[2];
        double load = id.length > 3 ? Double.parseDouble(id[3]) : -1;
        String exit = Files.exists(dir.resolve("exit")) ? Files.readString(dir.resolve("exit")).trim() : "?";
        ObjectMapper json = new ObjectMapper();
        if (server.equals(CEILING)) {
            Path file = dir.resolve("ceiling.json");
            if (!Files.exists(file)) {
                return broken(round, clients, server, exit, dir, load);
            }
            JsonNode c = json.readTree(file.toFile());
            return new Cell(round, clients, server, c.get("connectionsPerSecond").asDouble(),
                    c.get("connections").asLong(), c.get("failed").asLong(), c.get("durationMs").asLong() / 1000.0,
                    c.get("cpuMicrosPerConnection").asDouble(), -1, load, "");
        }
        Path file = dir.resolve("results.json");
        if (!Files.exists(file)) {
            return broken(round, clients, server, exit, dir, load);
        }
        JsonNode phase = json.readTree(file.toFile()).get("phases").get(0);
        long start = phase.get("startedAtEpochMs").asLong();
        long durationMs = phase.get("durationMs").asLong();
        long ok = 0;
        long failed = 0;
        for (JsonNode t : phase.get("transfers")) {
            if (t.get("ok").asBoolean()) {
                ok++;
            } else {
                failed++;
            }
        }
        List<double[]> samples = samples(dir.resolve("samples.tsv"));
        double t0 = start / 1000.0;
        double t1 = (start + durationMs) / 1000.0;
        double harness = at(samples, 1, t1) - at(samples, 1, t0);
        double srv = at(samples, 2, t1) - at(samples, 2, t0);
        boolean covered = !samples.isEmpty() && samples.get(0)[0] <= t0 && samples.get(samples.size() - 1)[0] >= t1;
        String note = ok == 0 ? "no transfer succeeded (see " + dir.resolve("stderr.txt") + ")"
                : covered ? "" : "the CPU samples do not cover the load phase";
        return new Cell(round, clients, server, ok * 1000.0 / durationMs, ok, failed, durationMs / 1000.0,
                ok > 0 && srv >= 0 ? srv / ok : -1, ok > 0 ? harness / ok : -1, load, note);
    }

    static Cell broken(int round, int clients, String server, String exit, Path dir, double load) throws IOException {
        Path err = dir.resolve("stderr.txt");
        String first = Files.exists(err) ? Files.readAllLines(err).stream().findFirst().orElse("") : "";
        return new Cell(round, clients, server, -1, 0, 0, 0, -1, -1, load, "exit " + exit + ": " + first);
    }

    /** Rows of (epoch seconds, harness CPU µs, server CPU µs); a server value of -1 means none was sampled. */
    static List<double[]> samples(Path file) throws IOException {
        List<double[]> rows = new ArrayList<>();
        if (!Files.exists(file)) {
            return rows;
        }
        for (String line : Files.readAllLines(file)) {
            String[] f = line.trim().split("\\s+");
            if (f.length == 3) {
                rows.add(new double[] {Double.parseDouble(f[0]), Double.parseDouble(f[1]), Double.parseDouble(f[2])});
            }
        }
        return rows;
    }

    /** Column {@code col} at time t, linear between the samples around it (the nearest one outside them). */
    static double at(List<double[]> samples, int col, double t) {
        if (samples.isEmpty()) {
            return 0;
        }
        double[] prev = samples.get(0);
        if (t <= prev[0]) {
            return prev[col];
        }
        for (double[] s : samples) {
            if (s[0] >= t) {
                double span = s[0] - prev[0];
                return span <= 0 ? s[col] : prev[col] + (s[col] - prev[col]) * (t - prev[0]) / span;
            }
            prev = s;
        }
        return prev[col];
    }

    static List<String> serverOrder(Path out) {
        List<String> order = new ArrayList<>();
        try {
            for (String line : Files.readAllLines(out.resolve("servers.tsv"))) {
                String name = line.split("\t")[0];
                if (!name.equals("server")) {
                    order.add(name);
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        order.add(CEILING);
        return order;
    }

    static void writeCells(Path file, List<Cell> cells) throws IOException {
        StringBuilder s = new StringBuilder("round\tclients\tserver\ttransfers_per_s\tok\tfailed\tseconds"
                + "\tserver_cpu_us_per_transfer\tharness_cpu_us_per_transfer\tload1\tnote\n");
        for (Cell c : cells) {
            s.append(fmt("%d\t%d\t%s\t%.1f\t%d\t%d\t%.2f\t%.1f\t%.1f\t%.2f\t%s%n", c.round(), c.clients(),
                    c.server(), c.rate(), c.ok(), c.failed(), c.seconds(), c.serverUs(), c.harnessUs(), c.load(),
                    c.note()));
        }
        Files.writeString(file, s.toString());
    }

    static String us(double v) {
        return v < 0 ? "-" : fmt("%,.0f", v);
    }

    static String fmt(String format, Object... args) {
        return String.format(Locale.ROOT, format, args);
    }
}
