import java.io.File;
import java.util.List;
import org.apache.ftpserver.ConnectionConfigFactory;
import org.apache.ftpserver.DataConnectionConfigurationFactory;
import org.apache.ftpserver.FtpServer;
import org.apache.ftpserver.FtpServerFactory;
import org.apache.ftpserver.ftplet.UserManager;
import org.apache.ftpserver.listener.ListenerFactory;
import org.apache.ftpserver.usermanager.PropertiesUserManagerFactory;
import org.apache.ftpserver.usermanager.impl.BaseUser;

/**
 * Starts Apache FtpServer for scripts/peers.sh: anonymous read-only on one tree, active data from one fixed port.
 * A launcher instead of the shipped CommandLine main, because that one needs a Spring XML configuration and Spring
 * (an optional dependency of ftpserver-core) for four settings.
 *
 * <p>Usage: {@code ApacheFtpServerLauncher HOST CONTROL_PORT DATA_PORT ROOT MAX_LOGINS}
 */
public final class ApacheFtpServerLauncher {

    public static void main(String[] args) throws Exception {
        if (args.length != 5) {
            System.err.println("usage: ApacheFtpServerLauncher HOST CONTROL_PORT DATA_PORT ROOT MAX_LOGINS");
            System.exit(2);
        }
        String host = args[0];
        int maxLogins = Integer.parseInt(args[4]);

        DataConnectionConfigurationFactory data = new DataConnectionConfigurationFactory();
        data.setActiveEnabled(true);
        // The fixed source port of every active data connection, as vsftpd's ftp_data_port.
        data.setActiveLocalPort(Integer.parseInt(args[2]));

        ListenerFactory listener = new ListenerFactory();
        listener.setServerAddress(host);
        listener.setPort(Integer.parseInt(args[1]));
        listener.setDataConnectionConfiguration(data.createDataConnectionConfiguration());

        // The defaults (10 logins) would refuse most of the bench's sessions.
        ConnectionConfigFactory connections = new ConnectionConfigFactory();
        connections.setAnonymousLoginEnabled(true);
        connections.setMaxLogins(maxLogins);
        connections.setMaxAnonymousLogins(maxLogins);

        // No users file: the user manager keeps the one account in memory.
        UserManager users = new PropertiesUserManagerFactory().createUserManager();
        BaseUser anonymous = new BaseUser();
        anonymous.setName("anonymous");
        anonymous.setHomeDirectory(new File(args[3]).getAbsolutePath());
        anonymous.setEnabled(true);
        anonymous.setAuthorities(List.of());
        users.save(anonymous);

        FtpServerFactory factory = new FtpServerFactory();
        factory.addListener("default", listener.createListener());
        factory.setConnectionConfig(connections.createConnectionConfig());
        factory.setUserManager(users);
        FtpServer server = factory.createServer();
        server.start();
        Runtime.getRuntime().addShutdownHook(new Thread(server::stop, "ftpserver-stop"));
        System.out.println("Apache FtpServer ready on " + host + ":" + args[1]);
    }
}
