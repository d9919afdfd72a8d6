package ftpdlab.harness.load;

import java.io.IOException;
import java.io.InputStream;
import java.net.Socket;
import org.apache.commons.net.ftp.FTPClient;
import org.apache.commons.net.ftp.FTPCmd;

/** commons-net's client plus the one thing it keeps protected: LIST as a raw stream, so the harness counts its bytes. */
final class HarnessFtpClient extends FTPClient {

    /** Like retrieveFileStream, for LIST; null when the server refused (the reply code says why). */
    InputStream listStream() throws IOException {
        Socket s = _openDataConnection_(FTPCmd.LIST, null);
        if (s == null) {
            return null;
        }
        InputStream in = s.getInputStream();
        return new java.io.FilterInputStream(in) {
            @Override
            public void close() throws IOException {
                try {
                    super.close();
                } finally {
                    s.close();
                }
            }
        };
    }
}
