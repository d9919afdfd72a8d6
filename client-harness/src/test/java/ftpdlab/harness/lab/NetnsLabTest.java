package ftpdlab.harness.lab;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import ftpdlab.harness.load.TransferRecord;
import ftpdlab.harness.report.JsonReport;
import ftpdlab.harness.report.PhaseResult;
import ftpdlab.harness.report.RunReport;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * scripts/netns-lab.sh for real: ftpd and the harness in two network namespaces joined by a
 * veth pair, the same active-mode load with TCP timestamps on, then off, in the server's
 * namespace. Runs only as root where {@code ip netns} works; skipped elsewhere.
 *
 * <p>The fact: the harness's client listens on kernel-chosen ports (bind(0), a few thousand of them,
 * below), so within a few hundred transfers a client port repeats while the server's
 * previous connection to it, from the fixed data port 2120, is still in TIME_WAIT. With
 * timestamps negotiated the kernel recycles that TIME_WAIT entry; without, the server's
 * connect() fails with EADDRNOTAVAIL and ftpd answers 425 at once. The load (16 x 50 = 800
 * transfers of 1 KiB) is small, but on a 2-core machine (kernel 6.18) three runs gave 35, 47 and
 * 40 such failures with timestamps off, and none with them on, where 31 to 56 transfers reused a
 * client port still in TIME_WAIT (ok transfers minus the TIME_WAIT sockets the script counts on
 * the data port after the run). A whole run of the script takes about 8 s.
 *
 * <p>Why so few transfers suffice: the client's listeners set SO_REUSEADDR (Java's ServerSocket
 * does), so Linux's bind(0) picks them from the lower half of the ephemeral range, odd ports
 * only (32769-46883 here): about 7,000 ports, and the first repeat comes after about 100
 * transfers (birthday); measured in a fresh namespace, 20,000 such binds gave 6,678 distinct ports.
 */
class NetnsLabTest {

    private static final String EADDRNOTAVAIL = "connect.failures.EADDRNOTAVAIL";
    private static final int CLIENTS = 16;
    private static final int TRANSFERS = 50;
    /** Each of the two runs stops by itself after this; the script's whole run is bounded below. */
    private static final String MAX_DURATION = "30s";
    private static final long SCRIPT_TIMEOUT_SECONDS = 90;

    @TempDir
    Path dir;

    /** The script's output; asserts it exited 0 and left no namespace behind (deleting any it did). */
    private String runLab(Path out, Map<String, String> settings, String... args) throws Exception {
        Optional<String> whyNot = LabHost.whyNot();
        assumeTrue(whyNot.isEmpty(), () -> "netns lab skipped: " + whyNot.orElse(""));
        Path script = Path.of("..", "scripts", "netns-lab.sh").toAbsolutePath().normalize();
        assertThat(script).as("the lab script, from the module directory").isRegularFile();

        Path log = dir.resolve("script.log");
        List<String> command = new ArrayList<>(List.of("bash", script.toString(), "--out", out.toString()));
        command.addAll(List.of(args));
        ProcessBuilder pb = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile());
        Map<String, String> env = pb.environment();
        env.put("LAB_CLASSPATH", System.getProperty("java.class.path"));
        env.put("LAB_JAVA", Path.of(System.getProperty("java.home"), "bin", "java").toString());
        env.putAll(settings);
        Process p = pb.start();
        // The script names its namespaces after its pid ($$), which is this process's.
        String pid = Long.toString(p.pid());
        int exit;
        List<String> leftBehind;
        try {
            exit = finish(p);
        } finally {
            leftBehind = removeLeftovers(pid);
        }
        String output = Files.readString(log);
        assertThat(exit).as("exit status of netns-lab.sh; its output:%n%s", output).isZero();
        assertThat(leftBehind).as("namespaces the script left behind").isEmpty();
        return output;
    }

    @Test
    void withoutTimestampsRepeatedClientPortsMeetTimeWaitAndFailWithEaddrnotavail() throws Exception {
        Path out = dir.resolve("lab");
        String output = runLab(out, Map.of("LAB_CLIENTS", Integer.toString(CLIENTS),
                "LAB_TRANSFERS", Integer.toString(TRANSFERS), "LAB_MAX_DURATION", MAX_DURATION));

        PhaseResult on = onlyPhase(out.resolve("ts-on").resolve("results.json"));
        PhaseResult off = onlyPhase(out.resolve("ts-off").resolve("results.json"));
        assertThat(on.setting()).containsEntry("network", "netns").containsEntry("server.tcp_timestamps", "on");
        assertThat(off.setting()).containsEntry("network", "netns").containsEntry("server.tcp_timestamps", "off");
        assertThat(on.serverStats()).as("SITE STATS delta of the timestamps-on run").isNotNull();
        assertThat(off.serverStats()).as("SITE STATS delta of the timestamps-off run").isNotNull();

        // Timestamps on: every repeated client port found its TIME_WAIT entry recycled.
        assertThat(on.serverCounter(EADDRNOTAVAIL)).as("%s with timestamps on; stats %s", EADDRNOTAVAIL,
                on.serverStats()).isLessThanOrEqualTo(0);
        assertThat(on.transfers()).noneMatch(NetnsLabTest::cannotAssign);
        long onOk = on.transfers().stream().filter(TransferRecord::ok).count();
        long onTimeWait = Long.parseLong(Files.readString(out.resolve("ts-on.server-timewait")).strip());
        assertThat(onOk - onTimeWait).as("ok transfers (%d) beyond the distinct 4-tuples left in TIME_WAIT (%d): "
                + "client ports that repeated with timestamps on, and whose TIME_WAIT entry was recycled", onOk,
                onTimeWait).isGreaterThan(0);

        // Timestamps off: client ports repeated within TIME_WAIT and the server's connect() failed.
        long failures = off.serverCounter(EADDRNOTAVAIL);
        assertThat(failures).as("%s with timestamps off (client ports did not repeat?); stats %s", EADDRNOTAVAIL,
                off.serverStats()).isGreaterThan(0);
        List<TransferRecord> refused = off.transfers().stream().filter(NetnsLabTest::cannotAssign).toList();
        assertThat(refused).as("transfers answered 425 Cannot assign requested address").hasSize((int) failures);
        assertThat(refused).as("a failed connect is answered 425 before any 150")
                .allSatisfy(t -> assertThat(t.to150Ms()).isEqualTo(-1));
        assertThat(off.transfers().stream().filter(TransferRecord::ok).count() + failures)
                .as("ok transfers and EADDRNOTAVAIL failures account for all")
                .isEqualTo(off.transfers().size());

        assertThat(output).contains(EADDRNOTAVAIL, "ts-on", "ts-off");
    }

    /**
     * The NAT and many-hosts cases, small: 40 client ports, of which a SO_REUSEADDR listener draws
     * on the 10 odd ones of the lower half, so with timestamps off each client namespace gets
     * exactly 10 transfers through in the first 60 s, whatever else it tries (4 sessions x 80
     * attempts; the chance that one of a host's 10 ports is never drawn in 160 tries is 10 e^-16).
     */
    @Test
    void withTimestampsOffEachClientHostGetsOneTransferPerPortOfItsPool() throws Exception {
        Path out = dir.resolve("hosts");
        String output = runLab(out, Map.of(), "--client-ports", "40", "--client-hosts", "1,2", "--timestamps", "off",
                "--clients", "4", "--transfers", "80", "--max-duration", "40s");

        assertThat(okTransfers(out.resolve("hosts1-ts-off").resolve("results.json"))).isEqualTo(10);
        assertThat(okTransfers(out.resolve("hosts2-ts-off").resolve("host1").resolve("results.json"))
                + okTransfers(out.resolve("hosts2-ts-off").resolve("host2").resolve("results.json"))).isEqualTo(20);
        assertThat(output).contains("client port range 40000-40039",
                "model timestamps-off cap: ok transfers predicted 10, measured 10 (0% off)",
                "model timestamps-off cap: ok transfers predicted 20, measured 20 (0% off)");
    }

    private static long okTransfers(Path resultsJson) throws Exception {
        assertThat(resultsJson).isRegularFile();
        RunReport report = JsonReport.read(resultsJson);
        return report.phases().stream().flatMap(p -> p.transfers().stream()).filter(TransferRecord::ok).count();
    }

    private static boolean cannotAssign(TransferRecord t) {
        return t.replyCode() == 425 && t.replyText() != null && t.replyText().contains("Cannot assign requested address");
    }

    private static PhaseResult onlyPhase(Path resultsJson) throws Exception {
        assertThat(resultsJson).isRegularFile();
        RunReport report = JsonReport.read(resultsJson);
        assertThat(report.phases()).hasSize(1);
        PhaseResult phase = report.phases().get(0);
        assertThat(phase.transfers()).hasSize(CLIENTS * TRANSFERS);
        return phase;
    }

    /** The script's exit status; on the hard timeout, TERM (its trap cleans up), then KILL. */
    private static int finish(Process p) throws InterruptedException {
        if (p.waitFor(SCRIPT_TIMEOUT_SECONDS, TimeUnit.SECONDS)) {
            return p.exitValue();
        }
        List<ProcessHandle> children = p.descendants().toList();
        p.destroy();
        if (!p.waitFor(20, TimeUnit.SECONDS)) {
            p.destroyForcibly();
            p.waitFor(5, TimeUnit.SECONDS);
        }
        children.forEach(ProcessHandle::destroyForcibly);
        throw new AssertionError("netns-lab.sh did not finish within " + SCRIPT_TIMEOUT_SECONDS + " s");
    }

    /** Deletes the lab's namespaces if the script left any (killed before its trap ran); returns them. */
    private static List<String> removeLeftovers(String pid) {
        List<String> left = LabHost.namespaces().stream()
                .filter(ns -> ns.equals("ftpdlab-srv-" + pid) || ns.equals("ftpdlab-cli-" + pid)
                        || ns.startsWith("ftpdlab-cli-" + pid + "-"))
                .toList();
        for (String ns : left) {
            LabHost.run(10, "ip", "netns", "del", ns);
        }
        return left;
    }
}
