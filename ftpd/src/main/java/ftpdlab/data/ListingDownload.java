package ftpdlab.data;

import ftpdlab.fs.FsException;
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
    private final String virtual;
    private final Lines lines;

    /** @param virtual the directory's or file's full virtual path, for the logs */
    public ListingDownload(String verb, String virtual, Lines lines) {
        this.verb = verb;
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
    public Subject subject() {
        return new Subject(verb, virtual, false, false, false);
    }
}
