package ftpdlab.protocol;

import java.nio.file.Path;

/** Error text that may go into a reply: never the server's real root path (a client sees virtual paths only). */
public final class SafeText {

    private SafeText() {
    }

    /**
     * The exception's message with the real root stripped, so "/srv/ftp/pub/x: denied" reads
     * "/pub/x: denied"; the exception's class name when it has no message.
     */
    public static String reason(Throwable e, Path realRoot) {
        String m = e.getMessage();
        if (m == null || m.isBlank()) {
            return e.getClass().getSimpleName();
        }
        String root = realRoot.toString();
        if (root.length() > 1) {
            m = m.replace(root + "/", "/").replace(root, "/");
        }
        return m;
    }
}
