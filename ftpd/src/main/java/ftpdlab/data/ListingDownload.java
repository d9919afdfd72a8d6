package ftpdlab.data;

import ftpdlab.fs.FsException;
import ftpdlab.fs.VirtualFileSystem;
import ftpdlab.protocol.Reply;
import ftpdlab.protocol.ReplyCode;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;

/**
 * LIST, NLST, MLSD: lines produced on the transfer worker when the data connection is there (they
 * read the disk through the door at the moment of use), sent with CRLF.
 */
public final class ListingDownload implements TransferJob {

    /** Produces the listing lines through the door. */
    @FunctionalInterface
    public interface Lines {
        List<String> produce() throws FsException;
    }

    private final String verb;
    private final String path;
    private final String virtual;
    private final Lines lines;

    /**
     * @param path    as the client wrote it (or the cwd), for the replies
     * @param virtual the directory's or file's full virtual path, for the transfer log
     */
    public ListingDownload(String verb, String path, String virtual, Lines lines) {
        this.verb = verb;
        this.path = VirtualFileSystem.printable(path);
        this.virtual = virtual;
        this.lines = lines;
    }

    @Override
    public String openingText() {
        return "Opening ASCII mode data connection for file list.";
    }

    @Override
    public long run(DataConnection connection) throws IOException {
        StringBuilder sb = new StringBuilder();
        List<String> produced;
        try {
            produced = lines.produce();
        } catch (FsException e) {
            throw new TransferFailure(Reply.of(ReplyCode.FILE_UNAVAILABLE, e.getMessage()), e);
        }
        for (String line : produced) {
            sb.append(line).append("\r\n");
        }
        byte[] bytes = sb.toString().getBytes(StandardCharsets.UTF_8);
        OutputStream out = connection.out();
        out.write(bytes);
        out.flush();
        return bytes.length;
    }

    @Override
    public String verb() {
        return verb;
    }

    @Override
    public String path() {
        return virtual;
    }

    @Override
    public boolean file() {
        return false;
    }

    @Override
    public String describe() {
        return verb + " " + path;
    }
}
