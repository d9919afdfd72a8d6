package ftpdlab.harness.report;

import ftpdlab.harness.load.TransferRecord;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;

/**
 * transfers.csv: one line per transfer of every phase, for spreadsheets and pandas. RFC 4180:
 * CRLF line ends, fields holding a comma, a quote or a line break are quoted with inner quotes
 * doubled; a null is an empty field.
 */
public final class CsvReport {

    public static final String HEADER =
            "phase,client,seq,op,start_ms,to150_ms,total_ms,bytes,reply_code,reply_text,exception,ok";

    private static final String EOL = "\r\n";

    private CsvReport() {
    }

    public static void write(List<PhaseResult> phases, Path file) throws IOException {
        ReportFiles.write(file, out -> {
            out.write(HEADER);
            out.write(EOL);
            for (PhaseResult p : phases) {
                for (TransferRecord t : p.transfers()) {
                    out.write(String.join(",",
                            field(p.name()),
                            Integer.toString(t.client()),
                            Integer.toString(t.seq()),
                            field(t.op() == null ? null : t.op().name()),
                            Long.toString(t.startMs()),
                            Long.toString(t.to150Ms()),
                            Long.toString(t.totalMs()),
                            Long.toString(t.bytes()),
                            Integer.toString(t.replyCode()),
                            field(t.replyText()),
                            field(t.exception()),
                            Boolean.toString(t.ok())));
                    out.write(EOL);
                }
            }
        });
    }

    static String field(String value) {
        if (value == null) {
            return "";
        }
        if (value.indexOf(',') < 0 && value.indexOf('"') < 0 && value.indexOf('\n') < 0 && value.indexOf('\r') < 0) {
            return value;
        }
        return '"' + value.replace("\"", "\"\"") + '"';
    }
}
