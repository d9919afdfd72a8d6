package ftpdlab.protocol;

import java.util.List;

/**
 * Replies that go out in one write, one after the other: a transfer's 150 and its final reply
 * when the whole transfer took less time than the 150 needs to reach the wire, or ABOR's 426 and
 * 226. One write is one segment and one wake-up of the client instead of two; the client reads
 * the same lines in the same order.
 */
public record Replies(List<Reply> replies) {

    public Replies {
        replies = List.copyOf(replies);
    }

    public static Replies of(Reply first, Reply then) {
        return new Replies(List.of(first, then));
    }

    public String encode() {
        StringBuilder sb = new StringBuilder();
        for (Reply r : replies) {
            sb.append(r.encode());
        }
        return sb.toString();
    }
}
