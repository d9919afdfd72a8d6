package ftpdlab.harness.cli;

import ftpdlab.harness.load.LoadPlan;
import ftpdlab.harness.load.Mode;
import ftpdlab.harness.load.Op;
import java.nio.file.Path;
import ftpdlab.config.Durations;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** The load options run and compare share, so both describe the same load the same way. */
final class LoadOptions {

    @Option(names = "--clients", defaultValue = "32", description = "Parallel sessions, one control connection each (default ${DEFAULT-VALUE}).")
    int clients;

    @Option(names = "--transfers", defaultValue = "8", description = "Transfers per client (default ${DEFAULT-VALUE}).")
    int transfers;

    @Option(names = "--op", defaultValue = "retr", description = "retr, stor, list or mixed (default ${DEFAULT-VALUE}).")
    String op;

    @Option(names = "--size", defaultValue = "1KiB", description = "Size of the generated file (default ${DEFAULT-VALUE}).")
    String size;

    @Option(names = "--remote-file", description = "Download this existing file instead of uploading a generated one.")
    String remoteFile;

    @Option(names = "--mode", defaultValue = "active", description = "active or passive (default ${DEFAULT-VALUE}).")
    String mode;

    @Option(names = "--client-address", split = ",", description = "Local addresses for the clients, round-robin (e.g. 127.0.0.2,127.0.0.3).")
    List<String> clientAddresses;

    @Option(names = "--max-duration", defaultValue = "10m", description = "Each phase stops by itself after this long: 250ms, 90s, 10m, 1h or PT10M (default ${DEFAULT-VALUE}).")
    String maxDuration;

    @Option(names = "--report", paramLabel = "DIR", description = "Write results.json, transfers.csv and report.html here.")
    Path report;

    @Option(names = "--hold", defaultValue = "0ms",
            description = "STOR only: keep the data connection open this long after the last byte, so each upload holds the server's data port: 200ms, 1s, 1m or PT1S (default ${DEFAULT-VALUE}).")
    String hold;

    @Option(names = "--setting", paramLabel = "KEY=VALUE",
            description = "Record where this runs, e.g. network=netns or server.tcp_timestamps=off (repeatable).")
    java.util.Map<String, String> setting = new java.util.LinkedHashMap<>();

    @Option(names = "--json", paramLabel = "FILE",
            description = "Also write results.json to FILE; '-' writes it to stdout, and the verdict and table go to stderr.")
    String json;

    @Mixin
    OutputOptions output;

    LoadPlan plan(String host, int port, String user, String password) {
        if (clients < 1 || clients > 5000) {
            throw new IllegalArgumentException("--clients must be 1-5000, got " + clients);
        }
        if (transfers < 1 || transfers > 1_000_000) {
            throw new IllegalArgumentException("--transfers must be 1-1000000, got " + transfers);
        }
        Duration max = option("--max-duration", maxDuration, Duration.ofMillis(1), Duration.ofHours(24));
        Duration holdFor = option("--hold", hold, Duration.ZERO, Duration.ofHours(24));
        if (holdFor.compareTo(max) > 0) {
            throw new IllegalArgumentException("--hold must not be longer than --max-duration; got " + hold);
        }
        return new LoadPlan(host, port, user, password, clients, transfers, parseOp(op), Sizes.parse(size), remoteFile,
                parseMode(mode), clientAddresses, max, holdFor);
    }

    private static Op parseOp(String s) {
        try {
            return Op.valueOf(s.toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("--op must be one of retr, stor, list, mixed; got '" + s + "'");
        }
    }

    private static Mode parseMode(String s) {
        try {
            return Mode.valueOf(s.toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("--mode must be active or passive; got '" + s + "'");
        }
    }

    /** A duration option's value; a bad one is an IllegalArgumentException that names the option. */
    static Duration option(String name, String text, Duration min, Duration max) {
        try {
            return Durations.parse(text, min, max);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(name + " " + e.getMessage());
        }
    }

    @Override
    public String toString() {
        return Arrays.asList(clients, transfers, op, size, mode).toString();
    }
}
