package ftpdlab.bench;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * What heap a JVM gets on this machine, since the RSS of an idle server can be more the heap's
 * sizing (ergonomics: a quarter of RAM at most, a 64th at start) than the sessions it holds.
 */
final class JvmHeap {

    private static final List<String> GCS = List.of("UseSerialGC", "UseParallelGC", "UseG1GC", "UseZGC", "UseShenandoahGC");

    private JvmHeap() {
    }

    /** The collector and heap sizes {@code java <options>} picks here, from -XX:+PrintFlagsFinal. */
    static String describe(List<String> options) throws IOException, InterruptedException {
        List<String> cmd = new ArrayList<>();
        cmd.add(FtpdProcess.java());
        cmd.addAll(options);
        cmd.add("-XX:+PrintFlagsFinal");
        cmd.add("-version");
        Map<String, String> flags = new LinkedHashMap<>();
        for (String line : run(cmd).split("\n")) {
            String[] f = line.trim().split("\\s+");
            if (f.length >= 4 && f[2].equals("=")) {
                flags.put(f[1], f[3]);
            }
        }
        String gc = GCS.stream().filter(g -> "true".equals(flags.get(g))).map(g -> g.substring(3, g.length() - 2))
                .findFirst().orElse("?");
        return String.format("%s GC, InitialHeapSize %s, MaxHeapSize %s", gc, mib(flags.get("InitialHeapSize")),
                mib(flags.get("MaxHeapSize")));
    }

    /** {@code jcmd PID GC.heap_info}: committed and used heap of a running JVM, or why not. */
    static String heapInfo(long pid) throws InterruptedException {
        Path jcmd = Path.of(System.getProperty("java.home"), "bin", "jcmd");
        if (!Files.isExecutable(jcmd)) {
            return "(no jcmd in " + jcmd.getParent() + ")";
        }
        try {
            return run(List.of(jcmd.toString(), Long.toString(pid), "GC.heap_info"));
        } catch (IOException e) {
            return "(jcmd failed: " + e.getMessage() + ")";
        }
    }

    private static String mib(String bytes) {
        return bytes == null ? "?" : Long.parseLong(bytes) / (1024 * 1024) + " MiB";
    }

    private static String run(List<String> cmd) throws IOException, InterruptedException {
        // Output to a file, so a command that hangs is bounded by the wait, not stuck on a pipe.
        Path out = Files.createTempFile("jvm-heap", ".txt");
        try {
            Process p = new ProcessBuilder(cmd).redirectErrorStream(true).redirectOutput(out.toFile()).start();
            if (!p.waitFor(30, TimeUnit.SECONDS)) {
                p.destroyForcibly();
                throw new IOException(cmd.get(0) + " did not end within 30 s");
            }
            return Files.readString(out, StandardCharsets.UTF_8);
        } finally {
            Files.deleteIfExists(out);
        }
    }
}
