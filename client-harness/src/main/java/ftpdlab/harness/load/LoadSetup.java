package ftpdlab.harness.load;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import org.apache.commons.net.ftp.FTP;
import org.apache.commons.net.ftp.FTPClient;

/**
 * Before the load: checks that the server answers and the login works, and makes sure the file
 * downloads will fetch exists with content we can check (uploads it, or learns a --remote-file's
 * content). Uses passive mode, so the set-up never adds to the active-mode collisions measured.
 */
public final class LoadSetup {

    /** The file RETR transfers fetch, and what it must contain. */
    public record Download(String name, TestContent.Expectation expected) {
    }

    private LoadSetup() {
    }

    public static Download prepare(LoadPlan plan, TestContent content) throws HarnessException {
        FTPClient ftp = new FTPClient();
        ftp.setConnectTimeout(10_000);
        ftp.setDefaultTimeout(30_000);
        try {
            try {
                ftp.connect(plan.host(), plan.port());
            } catch (IOException e) {
                throw new HarnessException("cannot connect to " + plan.host() + ":" + plan.port() + ": " + e.getMessage());
            }
            if (!ftp.login(plan.user(), plan.password())) {
                throw new HarnessException("login as '" + plan.user() + "' refused by " + plan.host() + ":" + plan.port()
                        + ": " + ftp.getReplyString().strip());
            }
            ftp.setFileType(FTP.BINARY_FILE_TYPE);
            ftp.enterLocalPassiveMode();
            boolean needsDownload = plan.op() == Op.RETR || plan.op() == Op.MIXED;
            if (!needsDownload) {
                return new Download(null, null);
            }
            if (plan.remoteFile() != null) {
                return learn(ftp, plan.remoteFile());
            }
            if (!ftp.storeFile(content.remoteName(), new ByteArrayInputStream(content.bytes()))) {
                throw new HarnessException("cannot upload the test file " + content.remoteName() + " ("
                        + ftp.getReplyString().strip() + "): log in as a user who may write, or give --remote-file PATH");
            }
            return new Download(content.remoteName(), content.expectation());
        } catch (IOException e) {
            throw new HarnessException("set-up against " + plan.host() + ":" + plan.port() + " failed: " + e.getMessage());
        } finally {
            try {
                if (ftp.isConnected()) {
                    ftp.logout();
                    ftp.disconnect();
                }
            } catch (IOException ignored) {
                // The load opens its own connections.
            }
        }
    }

    /** A file we did not write: its content is whatever one clean download gives; every later one must match it. */
    private static Download learn(FTPClient ftp, String path) throws IOException, HarnessException {
        InputStream in = ftp.retrieveFileStream(path);
        if (in == null) {
            throw new HarnessException("cannot download --remote-file " + path + ": " + ftp.getReplyString().strip());
        }
        byte[] got;
        try (in) {
            got = in.readNBytes((int) TestContent.MAX_SIZE + 1);
        }
        if (got.length > TestContent.MAX_SIZE) {
            // every download is compared with this copy in memory
            throw new HarnessException("--remote-file " + path + " is larger than 1 GiB, the most the harness checks");
        }
        if (!ftp.completePendingCommand()) {
            throw new HarnessException("cannot download --remote-file " + path + ": " + ftp.getReplyString().strip());
        }
        return new Download(path, new TestContent.Expectation(got));
    }
}
