package ftpdlab.data;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;

/** LIST, NLST, MLSD: lines produced on the transfer worker (they read the disk), sent with CRLF. */
public final class ListingDownload implements TransferJob {

    /** Produces the listing lines; may read the disk. */
    @FunctionalInterface
    public interface Lines {
        List<String> produce() throws IOException;
    }

    private final String verb;
    private final String path;
    private final Lines lines;

    public ListingDownload(String verb, String path, Lines lines) {
        this.verb = verb;
        this.path = path;
        this.lines = lines;
    }

    @Override
    public String openingText() {
        return "Opening ASCII mode data connection for file list.";
    }

    @Override
    public long run(DataConnection connection) throws IOException {
        StringBuilder sb = new StringBuilder();
        for (String line : lines.produce()) {
            sb.append(line).append("\r\n");
        }
        byte[] bytes = sb.toString().getBytes(StandardCharsets.UTF_8);
        OutputStream out = connection.out();
        out.write(bytes);
        out.flush();
        return bytes.length;
    }

    @Override
    public String describe() {
        return verb + " " + path;
    }
}
