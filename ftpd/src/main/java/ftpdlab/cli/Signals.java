package ftpdlab.cli;

import sun.misc.Signal;

/**
 * SIGINT and SIGTERM start a graceful stop; SIGHUP reloads. A shutdown hook alone would make the
 * JVM exit with 130 or 143 even after a clean stop; handling the signals lets {@code main} return
 * 0. Without a handler SIGHUP would kill the server at once (exit 129), running transfers and all.
 */
final class Signals {

    private Signals() {
    }

    static void onTerminate(Runnable action) {
        handle(action, "INT", "TERM");
    }

    static void onReload(Runnable action) {
        handle(action, "HUP");
    }

    private static void handle(Runnable action, String... names) {
        for (String name : names) {
            try {
                Signal.handle(new Signal(name), sig -> action.run());
            } catch (IllegalArgumentException unsupported) {
                // Not on this platform (or the JVM owns it): the default handling stays.
            }
        }
    }
}
