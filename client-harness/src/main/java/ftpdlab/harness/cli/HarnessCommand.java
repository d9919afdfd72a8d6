package ftpdlab.harness.cli;

import ftpdlab.harness.ceiling.CeilingCommand;
import ftpdlab.harness.probe.ProbeCommand;
import java.io.PrintWriter;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/**
 * {@code java -jar client-harness.jar}: load an FTP server (run), compare ftpd's bind strategies (compare), redraw a
 * report, probe the kernel, or measure the raw fixed-port loop the kernel allows (ceiling).
 */
@Command(name = "client-harness", mixinStandardHelpOptions = true, version = "ftpd-lab client-harness 0.1.0",
        description = "Heavy parallel FTP transfers that show what a fixed active-mode data port does under load.",
        subcommands = {RunCommand.class, CompareCommand.class, ReportCommand.class, ProbeCommand.class,
                CeilingCommand.class})
public final class HarnessCommand implements Runnable {

    static final int EXIT_FAILED = 1;
    static final int EXIT_USAGE = 2;
    /** A --fail-on threshold was crossed: k6's exit code for the same. */
    static final int EXIT_THRESHOLD = 99;

    @Override
    public void run() {
        CommandLine.usage(this, System.out);
    }

    public static void main(String[] args) {
        System.exit(commandLine().execute(args));
    }

    public static CommandLine commandLine() {
        CommandLine cl = new CommandLine(new HarnessCommand());
        cl.setParameterExceptionHandler((ex, args) -> {
            PrintWriter err = ex.getCommandLine().getErr();
            err.println("client-harness: " + ex.getMessage() + " (see --help)");
            err.flush();
            return EXIT_USAGE;
        });
        cl.setExecutionExceptionHandler((ex, commandLine, parseResult) -> {
            commandLine.getErr().println("client-harness: " + ex);
            commandLine.getErr().flush();
            return EXIT_FAILED;
        });
        return cl;
    }

    static int fail(int code, String message) {
        System.err.println("client-harness: " + message);
        System.err.flush();
        return code;
    }
}
