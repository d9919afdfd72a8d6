package ftpdlab.harness.load;

import java.io.IOException;
import java.net.InetAddress;
import java.nio.ByteBuffer;
import java.util.concurrent.locks.LockSupport;
import java.util.function.Consumer;
import java.util.function.LongSupplier;
import org.apache.commons.net.ftp.FTP;

/**
 * One client of the load: one control connection (logged in by commons-net), its transfers one
 * after another, each checked (a download byte for byte, an upload by the size the server
 * stored) and recorded. Stops early when asked to.
 */
final class ClientWorker implements Runnable {

    private final int id;
    private final LoadPlan plan;
    private final TestContent content;
    private final TestContent.Expectation download;
    private final String downloadName;
    private final InetAddress localAddress;
    private final LongSupplier clockMs;
    private final Consumer<TransferRecord> sink;
    private final LoadRunner.StopSignal stop;
    private final HarnessFtpClient ftp = new HarnessFtpClient();
    // one per client, reused by every download: a transfer allocates no buffer
    private final byte[] buffer = new byte[64 * 1024];
    private final ByteBuffer received = ByteBuffer.wrap(buffer);
    private final ByteBuffer sent;
    // whom abort() wakes from a --hold
    private volatile Thread thread;

    ClientWorker(int id, LoadPlan plan, TestContent content, TestContent.Expectation download, String downloadName,
                 InetAddress localAddress, LongSupplier clockMs, Consumer<TransferRecord> sink, LoadRunner.StopSignal stop) {
        this.id = id;
        this.plan = plan;
        this.content = content;
        this.download = download;
        this.downloadName = downloadName;
        this.localAddress = localAddress;
        this.clockMs = clockMs;
        this.sink = sink;
        this.stop = stop;
        this.sent = ByteBuffer.wrap(content.bytes());
        // The retry hack can hold a reply for up to 55 s; only the run's own deadline should end a wait.
        ftp.setConnectTimeout(10_000);
        ftp.setDefaultTimeout(120_000);
        // Counted from the 150 reply (active: waiting for the server's connect), not from the command.
        ftp.setDataTimeout(java.time.Duration.ofSeconds(15));
    }

    @Override
    public void run() {
        thread = Thread.currentThread();
        int seq = 0;
        try {
            for (; seq < plan.transfers() && !stop.stopped(); seq++) {
                if (!ftp.isConnected()) {
                    connect();
                }
                TransferRecord r = transfer(seq);
                if (stop.stopped() && !r.ok()) {
                    // Cut short by the deadline or Ctrl-C: not a result, it counts as not run. Also when the
                    // server answered it: a 425 "Connection refused" then means our own listener was closed.
                    break;
                }
                sink.accept(r);
            }
        } catch (IOException | RuntimeException e) {
            // A RuntimeException here is commons-net meeting a socket that abort() closed under it.
            // The session itself failed (connect, login): each transfer it owed is a failure on record.
            if (!stop.stopped()) {
                for (; seq < plan.transfers(); seq++) {
                    sink.accept(new TransferRecord(id, seq, plan.opFor(seq), clockMs.getAsLong(), -1, 0, 0,
                            ftp.code(), ftp.text(), e.getClass().getSimpleName(), false));
                }
            }
        } finally {
            disconnect();
        }
    }

    /** The deadline of this client's current wait, for the load's watchdog. */
    Deadline deadline() {
        return ftp.deadline();
    }

    /** Drops the connections so a blocked transfer returns at once (run deadline, Ctrl-C). */
    void abort() {
        ftp.closeSockets();
        disconnect();
        Thread t = thread;
        if (t != null) {
            LockSupport.unpark(t);
        }
    }

    private void connect() throws IOException {
        if (localAddress != null) {
            ftp.connect(InetAddress.getByName(plan.host()), plan.port(), localAddress, 0);
        } else {
            ftp.connect(plan.host(), plan.port());
        }
        if (!ftp.login(plan.user(), plan.password())) {
            throw new IOException("login refused: " + ftp.text());
        }
        ftp.setFileType(FTP.BINARY_FILE_TYPE);
        if (plan.mode() == Mode.PASSIVE) {
            ftp.enterLocalPassiveMode();
        } else {
            ftp.enterLocalActiveMode();
        }
        ftp.startLoad();
    }

    private TransferRecord transfer(int seq) {
        Op op = plan.opFor(seq);
        long startMs = clockMs.getAsLong();
        long t0 = System.nanoTime();
        long bytes = 0;
        boolean contentOk = false;
        String exception = null;
        try {
            String name = op == Op.STOR ? "harness-c" + id + "-s" + seq + ".bin" : downloadName;
            if (ftp.openData(op.name(), op == Op.LIST ? null : name)) {
                boolean asExpected = true;
                try {
                    if (op == Op.STOR) {
                        ftp.write(sent.clear());
                        bytes = content.bytes().length;
                        hold();
                    } else {
                        for (int r; (r = ftp.read(received.clear())) > 0; bytes += r) {
                            asExpected = asExpected && (op == Op.LIST || download.matches(bytes, buffer, r));
                        }
                        asExpected = asExpected && (op == Op.LIST || bytes == download.size());
                    }
                } finally {
                    ftp.closeData();
                }
                contentOk = ftp.finish() && asExpected;
                if (op == Op.STOR) {
                    int code = ftp.code();
                    String text = ftp.text();
                    long done = System.nanoTime();
                    // What the server stored must be what we sent; then leave its disk as we found it.
                    contentOk = contentOk && ftp.sizeOf(name) == bytes;
                    ftp.delete(name);
                    return record(seq, op, startMs, t0, done, bytes, code, text, null, contentOk);
                }
            }
        } catch (IOException | RuntimeException e) {
            exception = e.getClass().getSimpleName();
            // The control connection may still owe a reply; a fresh session is simpler than guessing.
            disconnect();
        }
        int code = exception != null && stop.stopped() ? 0 : ftp.code();
        return record(seq, op, startMs, t0, System.nanoTime(), bytes, code, ftp.text(), exception, contentOk);
    }

    /** The load itself: an upload that keeps its data connection, and so the server's port, busy; abort() cuts it short. */
    private void hold() {
        long until = System.nanoTime() + plan.hold().toNanos();
        for (long left = until - System.nanoTime(); left > 0 && !stop.stopped(); left = until - System.nanoTime()) {
            LockSupport.parkNanos(left);
        }
    }

    private TransferRecord record(int seq, Op op, long startMs, long t0, long end, long bytes, int code, String text,
                                  String exception, boolean contentOk) {
        long now = end;
        long at150 = ftp.replyAt1xx();
        long to150 = at150 < 0 ? -1 : (at150 - t0) / 1_000_000;
        boolean ok = exception == null && code >= 200 && code < 300 && contentOk;
        return new TransferRecord(id, seq, op, startMs, to150, (now - t0) / 1_000_000, bytes, code, text, exception, ok);
    }

    private void disconnect() {
        try {
            ftp.closeData();
            if (ftp.isConnected()) {
                ftp.disconnect();
            }
        } catch (IOException ignored) {
            // Closing is all we wanted.
        }
    }
}
