package ftpdlab.cli;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.joran.JoranConfigurator;
import ch.qos.logback.core.joran.spi.JoranException;
import ftpdlab.config.ConfigException;
import ftpdlab.config.FtpdConfig;
import java.nio.file.Files;
import java.nio.file.Path;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The command line's say over logging: {@code --logback FILE} replaces the built-in set-up (read
 * once, at start), {@code --log-level} sets the root level (again on every reload). The embedded
 * server never touches logging: its host application owns it.
 */
final class Logging {

    private static Path applied;

    private Logging() {
    }

    static synchronized void apply(FtpdConfig.Operations ops) {
        if (!(LoggerFactory.getILoggerFactory() instanceof LoggerContext context)) {
            return;
        }
        Path file = ops.logConfig();
        if (file != null && !file.equals(applied)) {
            if (!Files.isReadable(file)) {
                throw new ConfigException("log.config (--logback) " + file + ": no such readable file");
            }
            context.reset();
            JoranConfigurator joran = new JoranConfigurator();
            joran.setContext(context);
            try {
                joran.doConfigure(file.toFile());
            } catch (JoranException e) {
                throw new ConfigException("log.config (--logback) " + file + ": " + e.getMessage());
            }
            applied = file;
        }
        if (ops.logLevel() != null) {
            context.getLogger(Logger.ROOT_LOGGER_NAME).setLevel(Level.toLevel(ops.logLevel()));
        }
    }
}
