package ftpdlab.protocol;

import java.nio.file.Path;

/**
 * Text from outside that goes into a reply or a log line: never a raw control character (a client
 * could forge log lines or drive an operator's terminal), never the server's real root path (a
 * client sees virtual paths only).
 */
public final class SafeText {

    private SafeText() {
    }

    /** {@code s} with every control character (CR, LF, ESC, NUL, DEL, C1) replaced by '?'. */
    public static String printable(String s) {
        StringBuilder b = null;
        for (int i = 0; i < s.length(); i++) {
            if (Character.isISOControl(s.charAt(i))) {
                if (b == null) {
                    b = new StringBuilder(s);
                }
                b.setCharAt(i, '?');
            }
        }
        return b == null ? s : b.toString();
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
