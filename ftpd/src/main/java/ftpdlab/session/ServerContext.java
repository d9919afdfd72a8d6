package ftpdlab.session;

import ftpdlab.auth.Users;
import ftpdlab.config.FtpdConfig;
import ftpdlab.data.DataChannels;
import ftpdlab.fs.VirtualFileSystem;
import ftpdlab.metrics.DataConnectionStats;
import java.util.concurrent.ScheduledExecutorService;

/** The server-wide services a session uses; one instance per running server. */
public record ServerContext(
        FtpdConfig config,
        int dataPort,
        VirtualFileSystem fs,
        Users users,
        DataChannels data,
        DataConnectionStats stats,
        ScheduledExecutorService timer) {
}
