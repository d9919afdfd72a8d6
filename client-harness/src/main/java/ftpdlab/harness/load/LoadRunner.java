package ftpdlab.harness.load;

import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Consumer;

/**
 * Runs one {@link LoadPlan}: a thread per client, all started together, stopped by the plan's
 * max duration or by {@link #stop()} (Ctrl-C), whichever comes first. Every load is bounded.
 */
public final class LoadRunner {

    private static final ThreadMXBean THREADS = ManagementFactory.getThreadMXBean();
    // a stalled wait outlives its timeout by at most this: nothing to a 15 s or 120 s timeout
    private static final Duration WATCHDOG_PERIOD = Duration.ofMillis(250);

    /** Set once; workers check it between transfers. */
    public static final class StopSignal {
        private volatile boolean stopped;

        public boolean stopped() {
            return stopped;
        }

        void set() {
            stopped = true;
        }
    }

    private final LoadPlan plan;
    private final TestContent content;
    private final LoadSetup.Download download;
    private final StopSignal stop = new StopSignal();
    // Ctrl-C's stop() reads this list from another thread while run() fills it.
    private final List<ClientWorker> workers = new java.util.concurrent.CopyOnWriteArrayList<>();
    private volatile boolean timedOut;
    private final AtomicLong clientCpuNanos = new AtomicLong();

    public LoadRunner(LoadPlan plan, TestContent content, LoadSetup.Download download) {
        this.plan = plan;
        this.content = content;
        this.download = download;
    }

    /**
     * Runs the load and returns every transfer that started, by start time.
     *
     * @param onRecord called as each transfer ends (from the client's thread), e.g. for a progress bar
     */
    public List<TransferRecord> run(Consumer<TransferRecord> onRecord) throws InterruptedException, HarnessException {
        List<InetAddress> locals = localAddresses();
        ConcurrentLinkedQueue<TransferRecord> records = new ConcurrentLinkedQueue<>();
        long start = System.nanoTime();
        List<Thread> threads = new ArrayList<>();
        for (int i = 0; i < plan.clients(); i++) {
            InetAddress local = locals.isEmpty() ? null : locals.get(i % locals.size());
            ClientWorker w = new ClientWorker(i, plan, content, download.expected(), download.name(), local,
                    () -> (System.nanoTime() - start) / 1_000_000, r -> {
                        records.add(r);
                        onRecord.accept(r);
                    }, stop);
            workers.add(w);
            Thread t = new Thread(() -> {
                try {
                    w.run();
                } finally {
                    // read on the thread itself: a finished thread's CPU time can no longer be asked for
                    clientCpuNanos.addAndGet(Math.max(0, THREADS.getCurrentThreadCpuTime()));
                }
            }, "harness-client-" + i);
            t.setDaemon(true);
            threads.add(t);
        }
        try (Watchdog watchdog = new Watchdog(WATCHDOG_PERIOD, clientCpuNanos::addAndGet)) {
            workers.forEach(w -> watchdog.watch(w.deadline()));
            threads.forEach(Thread::start);
            join(threads, start);
        }
        List<TransferRecord> out = new ArrayList<>(records);
        out.sort(Comparator.comparingLong(TransferRecord::startMs).thenComparingInt(TransferRecord::client));
        return out;
    }

    private void join(List<Thread> threads, long start) throws InterruptedException {
        long deadline = start + plan.maxDuration().toNanos();
        for (Thread t : threads) {
            long left = deadline - System.nanoTime();
            if (left > 0) {
                t.join(Math.max(1, left / 1_000_000));
            }
            if (t.isAlive() && !stop.stopped()) {
                timedOut = true;
                stop();
            }
        }
        // One deadline for all: dropped connections make every worker return within moments.
        long stragglers = System.nanoTime() + 10_000_000_000L;
        for (Thread t : threads) {
            t.join(Math.max(1, (stragglers - System.nanoTime()) / 1_000_000));
        }
    }

    /** Ends the load now: no new transfers, and open connections are dropped so blocked ones return. */
    public void stop() {
        stop.set();
        for (ClientWorker w : workers) {
            w.abort();
        }
    }

    /**
     * CPU time the client threads and their watchdog used, in ms: the harness's own cost of the load, without the
     * embedded server that shares the JVM in compare; -1 where the JVM cannot measure thread CPU.
     * Complete once {@link #run} has returned (a straggler still running adds nothing).
     */
    public long clientCpuMs() {
        return THREADS.isCurrentThreadCpuTimeSupported() ? clientCpuNanos.get() / 1_000_000 : -1;
    }

    /** True when the plan's max duration ended the run before every transfer was done. */
    public boolean timedOut() {
        return timedOut;
    }

    public boolean stopped() {
        return stop.stopped();
    }

    private List<InetAddress> localAddresses() throws HarnessException {
        List<InetAddress> out = new ArrayList<>();
        for (String a : plan.clientAddresses()) {
            try {
                out.add(InetAddress.getByName(a));
            } catch (UnknownHostException e) {
                throw new HarnessException("bad --client-address '" + a + "'");
            }
        }
        return out;
    }
}
