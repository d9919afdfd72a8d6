package ftpdlab.data;

import ftpdlab.fs.VirtualFileSystem;
import ftpdlab.protocol.Reply;
import ftpdlab.protocol.ReplyCode;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.channels.SeekableByteChannel;

/**
 * RETR: a file from {@code offset} (REST) to the end, translated for TYPE A. The file is opened
 * through the door when the command is accepted, as FreeBSD's ftpd opens it in retrieve() before
 * dataconn(): the open channel is bound to the file the path named then, so nothing done to the
 * path while the data connection is made can lead the transfer anywhere else.
 */
public final class FileDownload implements TransferJob {

    /** Largest buffer for copies through user space (TYPE A, or a socket without a channel). */
    static final int BUFFER_BYTES = 64 * 1024;

    /**
     * Largest rest of a file whose 150 waits to go out with the 226 in one write. A larger one
     * gets its 150 at once: a client that waits for the 150 before it reads would otherwise wait
     * for the socket buffers to fill.
     */
    static final long ANSWER_AT_ONCE_LIMIT = 64 * 1024;

    private final SeekableByteChannel file;
    private final long size;
    private final String virtual;
    private final String name;
    private final long offset;
    private final boolean ascii;
    /** File bytes sent by sendfile so far, {@link #runNow} and {@link #run} together. */
    private long sent;

    /**
     * @param file    opened through the door; this job closes it
     * @param virtual the file's virtual path
     * @param name    as the client wrote it, for the replies
     */
    public FileDownload(SeekableByteChannel file, long size, String virtual, String name, long offset, boolean ascii) {
        this.file = file;
        this.size = size;
        this.virtual = virtual;
        this.name = VirtualFileSystem.printable(name);
        this.offset = offset;
        this.ascii = ascii;
    }

    @Override
    public String openingText() {
        return "Opening " + (ascii ? "ASCII" : "BINARY") + " mode data connection for '" + name + "' (" + size + " bytes).";
    }

    /**
     * Binary: the kernel copies the file to the socket (sendfile, through FileChannel.transferTo).
     * Measured against a 64 KiB direct buffer and a heap buffer with scripts/bench-ftpd.sh, see
     * TransferBenchmark and docs/results.md; it also needs no buffer per transfer at all.
     */
    @Override
    public boolean answersAtOnce() {
        return !ascii && size - offset <= ANSWER_AT_ONCE_LIMIT;
    }

    @Override
    public boolean runNow(DataConnection connection) throws IOException {
        if (ascii || !(file instanceof FileChannel channel) || !connection.canSendFile()) {
            return false;
        }
        // To the size the 150 announced: the file is not asked again (each size() is a system call).
        sent += connection.sendFileNow(channel, offset + sent, size);
        if (offset + sent < size) {
            return false;
        }
        file.close();
        return true;
    }

    @Override
    public long run(DataConnection connection) throws IOException {
        try (SeekableByteChannel in = file) {
            if (!ascii && in instanceof FileChannel channel && connection.canSendFile()) {
                sent += connection.sendFile(channel, offset + sent, size);
                return sent;
            }
            in.position(offset);
            OutputStream raw = connection.out();
            OutputStream out = ascii ? AsciiStreams.toNetwork(raw) : raw;
            ByteBuffer buf = ByteBuffer.allocate((int) Math.max(1, Math.min(BUFFER_BYTES, size - offset)));
            long sent = 0;
            while (true) {
                buf.clear();
                int n;
                try {
                    n = in.read(buf);
                } catch (IOException e) {
                    throw new TransferFailure(Reply.of(ReplyCode.LOCAL_ERROR, "Error reading " + name + ": " + e.getMessage()), e);
                }
                if (n < 0) {
                    break;
                }
                out.write(buf.array(), 0, n);
                sent += n;
            }
            out.flush();
            return sent;
        }
    }

    @Override
    public void discard() {
        DataTransfer.closeQuietly(file);
    }

    @Override
    public Subject subject() {
        return new Subject("RETR", virtual, true, false, ascii);
    }
}
