package ftpdlab.protocol;

import java.util.List;

/** A reply to send on the control connection: a code and one or more lines of text. */
public record Reply(int code, List<String> lines) {

    public Reply {
        if (code < 100 || code > 599) {
            throw new IllegalArgumentException("reply code out of range: " + code);
        }
        lines = List.copyOf(lines.isEmpty() ? List.of("") : lines);
    }

    public static Reply of(ReplyCode code, String text) {
        return new Reply(code.code(), List.of(text));
    }

    /** A multi-line reply: the first and last lines carry the code, the body lines sit between. */
    public static Reply multi(ReplyCode code, String first, List<String> body, String last) {
        var all = new java.util.ArrayList<String>(body.size() + 2);
        all.add(first);
        all.addAll(body);
        all.add(last);
        return new Reply(code.code(), all);
    }

    /** Wire form, CRLF-terminated. Body lines are indented by one space so none can pass for a final line (RFC 959 4.2). */
    public String encode() {
        StringBuilder sb = new StringBuilder();
        if (lines.size() == 1) {
            sb.append(code).append(' ').append(SafeText.printable(lines.get(0))).append("\r\n");
            return sb.toString();
        }
        sb.append(code).append('-').append(SafeText.printable(lines.get(0))).append("\r\n");
        for (int i = 1; i < lines.size() - 1; i++) {
            sb.append(' ').append(SafeText.printable(lines.get(i))).append("\r\n");
        }
        sb.append(code).append(' ').append(SafeText.printable(lines.get(lines.size() - 1))).append("\r\n");
        return sb.toString();
    }

    public String firstLine() {
        return code + " " + lines.get(0);
    }
}
