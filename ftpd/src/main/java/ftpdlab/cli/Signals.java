package ftpdlab.cli;

import sun.misc.Signal;

/**
 * SIGINT and SIGTERM start a graceful stop. A shutdown hook alone would make the JVM exit with
 * 130 or 143 even after a clean stop; handling the signals lets {@code main} return 0.
 */
final class Signals {

    private Signals() {
    }

    static void onTerminate(Runnable action) {
        for (String name : new String[] {"INT", "TERM"}) {
            try {
                Signal.handle(new Signal(name), sig -> action.run());
            } catch (IllegalArgumentException unsupported) {
                // Not on this platform (or the JVM owns it): the default handling stays.
            }
        }
    }
}
