package ftpdlab.cli;

import ftpdlab.auth.PasswordHasher;
import java.io.BufferedReader;
import java.io.Console;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** Prints a PBKDF2 hash for a users file, reading the password from the terminal or standard input. */
@Command(name = "hash-password", mixinStandardHelpOptions = true,
        description = "Print a salted PBKDF2 hash for user.<name>.password in a users file. "
                + "Reads the password from the terminal (no echo) or from standard input.")
final class HashPasswordCommand implements Callable<Integer> {

    @Option(names = "--iterations", defaultValue = "" + PasswordHasher.DEFAULT_ITERATIONS,
            description = "PBKDF2 iterations (default ${DEFAULT-VALUE}).")
    int iterations;

    @Override
    public Integer call() throws IOException {
        char[] password;
        Console console = System.console();
        if (console != null) {
            password = console.readPassword("password: ");
        } else {
            String line = new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8)).readLine();
            password = line == null ? null : line.toCharArray();
        }
        if (password == null || password.length == 0) {
            return FtpdCommand.fail("hash-password: no password given");
        }
        try {
            System.out.println(PasswordHasher.hash(password, iterations));
        } catch (IllegalArgumentException e) {
            return FtpdCommand.fail("hash-password: " + e.getMessage());
        }
        return 0;
    }
}
