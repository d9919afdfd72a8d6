package ftpdlab.fs;

import java.util.HashSet;
import java.util.Set;

/**
 * Entries (a directory's identity plus a name) being replaced right now. An upload's commit holds
 * its entry, so that two commits, or a commit and a DELE or rename, happen one after the other and
 * never lose one another's data. Held only for the commit (a rename, or a copy for APPE), never
 * for the network transfer.
 */
final class NameLocks {

    record Key(Object directory, String name) {
    }

    private final Set<Key> held = new HashSet<>();

    /** For commits: they wait only for other commits, which never wait for anything. */
    synchronized void acquire(Key k) throws InterruptedException {
        while (!held.add(k)) {
            wait();
        }
    }

    /** For commands: a command thread never waits for a commit; the client is told to try again. */
    synchronized boolean tryAcquire(Key k) {
        return held.add(k);
    }

    synchronized void release(Key k) {
        held.remove(k);
        notifyAll();
    }
}
