package ftpdlab.session;

import java.net.InetAddress;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The budget of connections that have not logged in yet, per address and in all. A stranger's
 * connection costs a slot until it logs in, so without a bound a flood of idle or trickling
 * connections locks everyone out. Over the per-address cap a new connection is refused; over the
 * total cap the oldest waiting connection of the address holding the most is closed to make
 * room, so a flood pushes out its own connections and a well-behaved client still gets in.
 */
public final class PreLoginGate {

    /**
     * The gate's answer to a new connection.
     *
     * @param refusal the 421 text when refused, else null
     * @param evicted a waiting connection to close to make room, or null
     */
    public record Admission(String refusal, FtpSession evicted) {
    }

    private final int max;
    private final int maxPerAddress;
    private final Map<InetAddress, ArrayDeque<FtpSession>> waiting = new HashMap<>();
    private int total;

    public PreLoginGate(int max, int maxPerAddress) {
        this.max = max;
        this.maxPerAddress = maxPerAddress;
    }

    public synchronized Admission admit(FtpSession s) {
        InetAddress from = s.remoteAddress().getAddress();
        ArrayDeque<FtpSession> mine = waiting.get(from);
        if (mine != null && mine.size() >= maxPerAddress) {
            return new Admission("Too many connections from your address waiting to log in; try again later.", null);
        }
        FtpSession evicted = total >= max ? evictFromLargest() : null;
        waiting.computeIfAbsent(from, k -> new ArrayDeque<>()).add(s);
        total++;
        return new Admission(null, evicted);
    }

    private FtpSession evictFromLargest() {
        ArrayDeque<FtpSession> largest = null;
        for (ArrayDeque<FtpSession> q : waiting.values()) {
            if (largest == null || q.size() > largest.size()) {
                largest = q;
            }
        }
        FtpSession oldest = largest.poll();
        forgetIfEmpty(oldest.remoteAddress().getAddress(), largest);
        total--;
        return oldest;
    }

    /** The session logged in or closed: its slot is free. Idempotent. */
    public synchronized void leave(FtpSession s) {
        InetAddress from = s.remoteAddress().getAddress();
        ArrayDeque<FtpSession> q = waiting.get(from);
        if (q != null && q.remove(s)) {
            total--;
            forgetIfEmpty(from, q);
        }
    }

    private void forgetIfEmpty(InetAddress from, ArrayDeque<FtpSession> q) {
        if (q.isEmpty()) {
            waiting.remove(from);
        }
    }

    /** Waiting connections older than {@code timeout}; they stay counted until they close. */
    public synchronized List<FtpSession> overdue(Duration timeout, long nowNanos) {
        List<FtpSession> late = new ArrayList<>();
        for (ArrayDeque<FtpSession> q : waiting.values()) {
            for (FtpSession s : q) {
                if (nowNanos - s.waitingSinceNanos() >= timeout.toNanos()) {
                    late.add(s);
                }
            }
        }
        return late;
    }

    public synchronized int waiting() {
        return total;
    }
}
