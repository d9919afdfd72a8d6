package ftpdlab.harness.phase;

import ftpdlab.harness.load.HarnessException;
import ftpdlab.harness.load.LoadPlan;
import ftpdlab.harness.load.LoadRunner;
import ftpdlab.harness.load.LoadSetup;
import ftpdlab.harness.load.TestContent;
import ftpdlab.harness.load.TransferRecord;
import ftpdlab.harness.model.Models;
import ftpdlab.harness.model.Prediction;
import ftpdlab.harness.observe.BindFacts;
import ftpdlab.harness.observe.ServerStats;
import ftpdlab.harness.observe.ServerStatsReader;
import ftpdlab.harness.observe.SocketCounter;
import ftpdlab.harness.observe.SocketSample;
import ftpdlab.harness.observe.SocketStateSampler;
import ftpdlab.harness.report.PhaseResult;
import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Consumer;
import java.util.stream.Collectors;

/**
 * One phase: set-up, SITE STATS before, the load with the socket sampler running, SITE STATS
 * after. The same for run and for each strategy of compare, so their numbers mean the same.
 */
public final class PhaseRunner {

    private static final Duration STATS_TIMEOUT = Duration.ofSeconds(10);

    private final Consumer<LoadRunner> onStart;

    /** @param onStart gets the runner before the load starts, so Ctrl-C can stop it */
    public PhaseRunner(Consumer<LoadRunner> onStart) {
        this.onStart = onStart;
    }

    /**
     * @param dataPort the server's data port to sample, or -1 to learn it from SITE STATS (or assume control port - 1)
     * @param sampleLocal whether the server runs on this host (its sockets are in our /proc)
     */
    public PhaseResult run(String name, LoadPlan plan, int dataPort, boolean sampleLocal, List<String> notes,
                           Map<String, String> extraSetting, Consumer<TransferRecord> onRecord)
            throws HarnessException, InterruptedException {
        List<String> allNotes = new ArrayList<>(notes);
        Map<String, String> setting = setting(plan.host(), extraSetting);
        TestContent content = TestContent.ofSize(plan.sizeBytes());
        LoadSetup.Download download = LoadSetup.prepare(plan, content);

        Optional<Map<String, String>> before = readStats(plan);
        // Without SITE STATS, RFC 959's default: the data port is the control port - 1.
        int port = dataPort > 0 ? dataPort : before.map(s -> parsePort(s.get("data.port"))).orElse(plan.port() - 1);
        // A server without SITE STATS is taken to use its fixed data port, as RFC 959 has it.
        boolean fixedPort = before.flatMap(BindFacts::of).map(BindFacts::fixedPort).orElse(true);
        int samplePort = fixedPort ? port : SocketCounter.ALL_PORTS;
        SocketCounter counter = SocketStateSampler.hostCounter();
        SocketStateSampler sampler = null;
        if (sampleLocal && samplePort >= 0 && counter != null) {
            setting.put(PhaseResult.SOCKETS_SOURCE, counter.name());
            setting.put(PhaseResult.SOCKETS_SCOPE, fixedPort ? "port " + port : PhaseResult.HOST_WIDE);
            if (!fixedPort) {
                allNotes.add("no fixed data port: the socket columns count every TCP socket of this host");
            }
            sampler = new SocketStateSampler(counter, samplePort, Duration.ofMillis(100), plan.maxDuration().plusMinutes(1));
            sampler.start();
        } else if (sampleLocal && samplePort >= 0) {
            allNotes.add("socket states not sampled: neither ss nor /proc/net/tcp works on this host");
        }
        allNotes.add(notes.size(), "setting: " + setting.entrySet().stream().map(e -> e.getKey() + "=" + e.getValue())
                .collect(Collectors.joining(", ")));

        LoadRunner runner = new LoadRunner(plan, content, download);
        onStart.accept(runner);
        long startedAt = System.currentTimeMillis();
        long t0 = System.nanoTime();
        long cpu0 = processCpuNanos();
        List<TransferRecord> records;
        List<SocketSample> sockets;
        try {
            records = runner.run(onRecord);
        } finally {
            sockets = sampler == null ? List.of() : sampler.stop();
        }
        long durationMs = (System.nanoTime() - t0) / 1_000_000;
        long cpu1 = processCpuNanos();
        PhaseResult.Cpu cpu = new PhaseResult.Cpu(cpu0 < 0 || cpu1 < 0 ? -1 : (cpu1 - cpu0) / 1_000_000,
                runner.clientCpuMs());

        if (runner.timedOut()) {
            allNotes.add("stopped by --max-duration " + plan.maxDuration().toSeconds() + " s before every transfer ran");
        } else if (runner.stopped()) {
            allNotes.add("interrupted: partial results");
        }
        Map<String, String> stats = null;
        Optional<Map<String, String>> after = readStats(plan);
        if (before.isPresent() && after.isPresent()) {
            stats = ServerStats.delta(before.get(), after.get());
        } else {
            allNotes.add(ServerStatsReader.NO_STATS_NOTE);
        }
        PhaseResult measured = new PhaseResult(name, plan.host() + ":" + plan.port(), port, plan, startedAt, durationMs,
                records, stats, sockets, allNotes, setting, cpu);
        // Each model's prediction goes beside the measurement, in the notes every report prints.
        for (Prediction prediction : Models.predict(measured)) {
            allNotes.add(prediction.line());
        }
        return new PhaseResult(name, measured.target(), port, plan, startedAt, durationMs, records, stats, sockets,
                allNotes, setting, cpu);
    }

    /** Where the phase runs; --setting entries (from scripts that know more, like the netns lab) win. */
    static Map<String, String> setting(String host, Map<String, String> extra) {
        Map<String, String> s = new LinkedHashMap<>();
        boolean loopback;
        try {
            loopback = InetAddress.getByName(host).isLoopbackAddress();
        } catch (UnknownHostException e) {
            loopback = false;
        }
        s.put("network", loopback ? "loopback" : "network");
        s.put("client.tcp_timestamps", tcpTimestamps());
        s.putAll(extra);
        return s;
    }

    /** This network namespace's net.ipv4.tcp_timestamps: 0 is off, 1 and 2 send them. */
    static String tcpTimestamps() {
        try {
            // readAllLines, not readString: a /proc file reports size 0 and readString can stop short.
            return Files.readAllLines(Path.of("/proc/sys/net/ipv4/tcp_timestamps")).get(0).trim().equals("0") ? "off" : "on";
        } catch (IOException | RuntimeException e) {
            return "unknown";
        }
    }

    private static Optional<Map<String, String>> readStats(LoadPlan plan) {
        InetAddress local = null;
        if (!plan.clientAddresses().isEmpty()) {
            try {
                local = InetAddress.getByName(plan.clientAddresses().get(0));
            } catch (UnknownHostException e) {
                local = null;
            }
        }
        // From the clients' own address: a load that used up the default address's ports (an
        // ephemeral-port server fills them with TIME_WAIT) would leave none for this connection.
        return ServerStatsReader.read(plan.host(), plan.port(), local, plan.user(), plan.password(), STATS_TIMEOUT);
    }

    /** The whole JVM's CPU time so far, or -1 where the platform does not say. */
    private static long processCpuNanos() {
        return ManagementFactory.getOperatingSystemMXBean() instanceof com.sun.management.OperatingSystemMXBean os
                ? os.getProcessCpuTime() : -1;
    }

    private static int parsePort(String s) {
        try {
            return s == null ? -1 : Integer.parseInt(s.trim());
        } catch (NumberFormatException e) {
            return -1;
        }
    }
}
