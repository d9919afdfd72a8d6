package ftpdlab.commands;

import ftpdlab.data.Addresses;
import ftpdlab.data.DataEndpoint;
import ftpdlab.data.PassiveListener;
import ftpdlab.protocol.Command;
import ftpdlab.protocol.ReplyCode;
import ftpdlab.session.FtpSession;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.UnknownHostException;
import java.util.regex.Pattern;

/** How the next data connection is made: PORT EPRT (active), PASV EPSV (passive). */
final class DataConnectionCommands {

    private static final Pattern PORT_ARG = Pattern.compile("[0-9]{1,3}(,[0-9]{1,3}){5}");
    private static final Pattern ASCII_PORT = Pattern.compile("[0-9]{1,5}");

    private DataConnectionCommands() {
    }

    static void register(CommandTable.Builder b) {
        b.add("PORT", ArgRule.REQUIRED, Access.USER, "PORT <sp> h1,h2,h3,h4,p1,p2", DataConnectionCommands::port);
        b.add("EPRT", ArgRule.REQUIRED, Access.USER, "EPRT <sp> |proto|address|port|", "EPRT", DataConnectionCommands::eprt);
        b.add("PASV", ArgRule.NONE, Access.USER, "PASV (passive mode, IPv4)", "PASV", DataConnectionCommands::pasv);
        b.add("EPSV", ArgRule.OPTIONAL, Access.USER, "EPSV [<sp> 1 | 2 | ALL]", "EPSV", DataConnectionCommands::epsv);
    }

    private static void port(FtpSession s, Command c) {
        if (refusedByEpsvAll(s)) {
            return;
        }
        String arg = c.argument().trim();
        // ASCII digits and exactly six fields: Integer.parseInt alone would take "+1", non-ASCII
        // digits, and split(",") would drop a trailing comma.
        boolean ok = PORT_ARG.matcher(arg).matches();
        int[] n = new int[6];
        if (ok) {
            String[] parts = arg.split(",", -1);
            for (int i = 0; i < 6; i++) {
                n[i] = Integer.parseInt(parts[i]);
                ok &= n[i] <= 255;
            }
        }
        if (!ok) {
            s.reply(ReplyCode.ARGUMENT_ERROR, "Syntax error in PORT: expected h1,h2,h3,h4,p1,p2 with numbers 0-255.");
            return;
        }
        InetAddress addr;
        try {
            addr = InetAddress.getByAddress(new byte[] {(byte) n[0], (byte) n[1], (byte) n[2], (byte) n[3]});
        } catch (UnknownHostException e) {
            throw new IllegalStateException("four bytes are always an address", e);
        }
        setActive(s, addr, n[4] * 256 + n[5], "PORT");
    }

    private static void eprt(FtpSession s, Command c) {
        if (refusedByEpsvAll(s)) {
            return;
        }
        String arg = c.argument().trim();
        if (arg.length() < 7 || arg.charAt(0) < 33 || arg.charAt(0) > 126) {
            s.reply(ReplyCode.ARGUMENT_ERROR, "Syntax error in EPRT: expected |proto|address|port|.");
            return;
        }
        String[] f = arg.split(Pattern.quote(String.valueOf(arg.charAt(0))), -1);
        if (f.length != 5 || !f[0].isEmpty() || !f[4].isEmpty()) {
            s.reply(ReplyCode.ARGUMENT_ERROR, "Syntax error in EPRT: expected |proto|address|port|.");
            return;
        }
        String proto = f[1];
        if (!proto.equals("1") && !proto.equals("2")) {
            s.reply(ReplyCode.PROTOCOL_NOT_SUPPORTED, "Network protocol not supported, use (1,2)");
            return;
        }
        boolean v4 = proto.equals("1");
        // Only literals: a host name here would make the server resolve names on a client's behalf.
        InetAddress addr = Addresses.literal(f[2], !v4);
        if (addr == null) {
            s.reply(ReplyCode.ARGUMENT_ERROR, "Syntax error in EPRT: bad " + (v4 ? "IPv4" : "IPv6") + " address.");
            return;
        }
        int port = ASCII_PORT.matcher(f[3]).matches() ? Integer.parseInt(f[3]) : -1;
        if (port < 1 || port > 65535) {
            s.reply(ReplyCode.ARGUMENT_ERROR, "Syntax error in EPRT: bad address or port.");
            return;
        }
        setActive(s, addr, port, "EPRT");
    }

    private static void setActive(FtpSession s, InetAddress addr, int port, String verb) {
        boolean allowForeign = s.ctx().config().allowForeignAddress();
        // Bounce protection (RFC 2577): the data connection goes back to the client, never elsewhere.
        if (!allowForeign && !Addresses.same(addr, s.remoteAddress().getAddress())) {
            s.reply(ReplyCode.ARGUMENT_ERROR, "Rejected: " + verb + " address must be the client's own address "
                    + s.remoteAddress().getAddress().getHostAddress() + " (bounce protection).");
            return;
        }
        if (!allowForeign && port < 1024) {
            s.reply(ReplyCode.ARGUMENT_ERROR, "Rejected: " + verb + " port below 1024 (bounce protection).");
            return;
        }
        s.endpoint(new DataEndpoint.Active(new InetSocketAddress(addr, port)));
        s.reply(ReplyCode.COMMAND_OK, verb + " command successful.");
    }

    private static boolean refusedByEpsvAll(FtpSession s) {
        if (s.epsvAll()) {
            s.reply(ReplyCode.BAD_SEQUENCE, "EPSV ALL in force; only EPSV may set up data connections.");
            return true;
        }
        return false;
    }

    private static void pasv(FtpSession s, Command c) throws IOException {
        if (refusedByEpsvAll(s)) {
            return;
        }
        InetAddress local = s.localAddress().getAddress();
        String announced = s.ctx().config().passiveAddress();
        if (announced == null) {
            if (!Addresses.isIpv4(local)) {
                s.reply(ReplyCode.CANT_OPEN_DATA, "PASV works over IPv4 only; use EPSV.");
                return;
            }
            announced = Addresses.unmap(local).getHostAddress();
        }
        PassiveListener listener = openListener(s, local);
        if (listener == null) {
            return;
        }
        int p = listener.port();
        s.reply(ReplyCode.ENTERING_PASSIVE, "Entering Passive Mode (" + announced.replace('.', ',') + ","
                + (p >> 8) + "," + (p & 0xFF) + ").");
    }

    private static void epsv(FtpSession s, Command c) throws IOException {
        String arg = c.argument().trim();
        boolean v4 = Addresses.isIpv4(s.localAddress().getAddress());
        if (arg.equalsIgnoreCase("ALL")) {
            s.epsvAll(true);
            s.reply(ReplyCode.COMMAND_OK, "EPSV ALL ok.");
            return;
        }
        if (!arg.isEmpty() && !arg.equals("1") && !arg.equals("2")) {
            s.reply(ReplyCode.ARGUMENT_ERROR, "Syntax: EPSV [<sp> 1 | 2 | ALL]");
            return;
        }
        if (!arg.isEmpty() && arg.equals("1") != v4) {
            s.reply(ReplyCode.PROTOCOL_NOT_SUPPORTED, "Network protocol not supported, use (" + (v4 ? 1 : 2) + ")");
            return;
        }
        PassiveListener listener = openListener(s, s.localAddress().getAddress());
        if (listener != null) {
            s.reply(ReplyCode.ENTERING_EXTENDED_PASSIVE, "Entering Extended Passive Mode (|||" + listener.port() + "|)");
        }
    }

    private static PassiveListener openListener(FtpSession s, InetAddress local) {
        try {
            PassiveListener listener = s.ctx().data().openPassive(local, s.remoteAddress().getAddress());
            s.endpoint(new DataEndpoint.Passive(listener));
            return listener;
        } catch (IOException e) {
            s.reply(ReplyCode.CANT_OPEN_DATA, "Can't open passive connection: " + e.getMessage() + ".");
            return null;
        }
    }
}
