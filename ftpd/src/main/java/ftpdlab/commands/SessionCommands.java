package ftpdlab.commands;

import ftpdlab.auth.LoginThrottle;
import ftpdlab.auth.PasswordChecks;
import ftpdlab.auth.User;
import ftpdlab.fs.ListingFormatter;
import ftpdlab.protocol.Command;
import ftpdlab.protocol.Reply;
import ftpdlab.protocol.ReplyCode;
import ftpdlab.session.FtpSession;
import java.net.InetAddress;
import ftpdlab.fs.FileEntry;
import ftpdlab.fs.FsException;
import ftpdlab.fs.VirtualFileSystem;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Login, session control and server information: USER PASS ACCT QUIT REIN NOOP SYST FEAT OPTS HELP STAT (SITE: {@link SiteCommands}). */
final class SessionCommands {

    private static final Logger log = LoggerFactory.getLogger(SessionCommands.class);
    static final String BANNED = "Too many failed logins from your address; try again later.";

    private SessionCommands() {
    }

    static void register(CommandTable.Builder b, Supplier<CommandTable> table) {
        b.add("USER", ArgRule.REQUIRED, Access.ANYONE, "USER <sp> user-name", SessionCommands::user);
        b.add("PASS", ArgRule.OPTIONAL, Access.ANYONE, "PASS <sp> password", SessionCommands::pass);
        b.add("ACCT", ArgRule.REQUIRED, Access.ANYONE, "ACCT <sp> account-information",
                (s, c) -> s.reply(ReplyCode.NOT_IMPLEMENTED_SUPERFLUOUS, "ACCT not needed at this site."));
        b.addDuringTransfer("QUIT", ArgRule.OPTIONAL, Access.ANYONE, "QUIT (end the session)", SessionCommands::quit);
        b.add("REIN", ArgRule.NONE, Access.ANYONE, "REIN (log out, keep the connection)", (s, c) -> {
            s.reinitialize();
            s.reply(ReplyCode.SERVICE_READY, "Service ready for new user.");
        });
        b.addDuringTransfer("NOOP", ArgRule.NONE, Access.ANYONE, "NOOP (do nothing)",
                (s, c) -> s.reply(ReplyCode.COMMAND_OK, "NOOP ok."));
        b.add("SYST", ArgRule.NONE, Access.ANYONE, "SYST (system type)",
                (s, c) -> s.reply(ReplyCode.SYSTEM_TYPE, "UNIX Type: L8"));
        b.add("FEAT", ArgRule.NONE, Access.ANYONE, "FEAT (list extensions)", (s, c) -> feat(s, table.get()));
        b.add("OPTS", ArgRule.REQUIRED, Access.ANYONE, "OPTS <sp> UTF8 ON | MLST facts", "UTF8", SessionCommands::opts);
        b.add("HELP", ArgRule.OPTIONAL, Access.ANYONE, "HELP [<sp> command]", (s, c) -> help(s, c, table.get()));
        b.addDuringTransfer("STAT", ArgRule.OPTIONAL, Access.USER, "STAT [<sp> path-name]", SessionCommands::stat);
        b.add("SITE", ArgRule.REQUIRED, Access.USER, "SITE <sp> HELP | STATS [RESET]", SiteCommands::site);
        b.notImplemented("SMNT", "SMNT <sp> pathname (not supported)");
    }

    private static void user(FtpSession s, Command c) {
        if (s.loggedIn()) {
            // A new USER starts a new login, as in pyftpdlib and vsftpd's one_process mode.
            s.reinitialize();
        }
        s.pendingUser(c.argument());
        // RFC 2577: the same answer for every name, so USER cannot probe which accounts exist.
        boolean anon = c.argument().equalsIgnoreCase("anonymous") || c.argument().equalsIgnoreCase("ftp");
        s.reply(ReplyCode.NEED_PASSWORD, anon ? "Anonymous login ok, send your email address as password."
                : "Password required for " + c.argument() + ".");
    }

    private static void pass(FtpSession s, Command c) {
        if (s.loggedIn()) {
            s.reply(ReplyCode.BAD_SEQUENCE, "Already logged in.");
            return;
        }
        String name = s.pendingUser();
        if (name == null) {
            s.reply(ReplyCode.BAD_SEQUENCE, "Login with USER first.");
            return;
        }
        if (s.loginFailuresExhausted()) {
            // The session is already being closed for too many failures (the 530 is only delayed):
            // guesses a client pipelined behind the last failure must not be tried at all.
            s.pendingUser(null);
            s.reply(ReplyCode.NOT_LOGGED_IN, "Login incorrect; too many failures.");
            return;
        }
        InetAddress from = s.remoteAddress().getAddress();
        if (s.ctx().logins().banned(from)) {
            s.replyAndClose(Reply.of(ReplyCode.SERVICE_NOT_AVAILABLE, BANNED));
            return;
        }
        s.pendingUser(null);
        char[] password = c.argument().toCharArray();
        // PBKDF2 is slow on purpose: it runs on the password pool, never on the command threads
        // other sessions need. Commands pipelined behind this PASS are held until it is answered.
        s.gate().delay();
        s.ctx().passwords().submit(from, s.ctx().config().limits().preLoginMaxPerAddress(),
                new PasswordCheck(s, from, name, password));
        log.debug("{} login user={} waits for its password check", s, VirtualFileSystem.printable(name));
    }

    /** One PASS waiting for the password pool: checked only if its address is still welcome when its turn comes. */
    private record PasswordCheck(FtpSession s, InetAddress from, String name, char[] password)
            implements PasswordChecks.Check {

        @Override
        public boolean stillWanted() {
            if (s.closed()) {
                // Its client left while it waited: hashing for nobody is what a reconnecting guesser wants.
                log.debug("{} login user={} not checked: the connection closed while it waited", s,
                        VirtualFileSystem.printable(name));
                return false;
            }
            // A ban begun while this check waited covers it: the guesses queued before the ban
            // must not hash, and a right one among them must not log in.
            if (s.ctx().logins().banned(from)) {
                log.info("{} login user={} not checked: address banned while it waited", s, VirtualFileSystem.printable(name));
                s.replyAndClose(Reply.of(ReplyCode.SERVICE_NOT_AVAILABLE, BANNED));
                return false;
            }
            return true;
        }

        @Override
        public void run() {
            answer(s, name, s.ctx().users().authenticate(name, password));
        }

        @Override
        public void failed(RuntimeException e) {
            log.error("{} login user={} check crashed", s, VirtualFileSystem.printable(name), e);
            // Closing also ends the commands held behind this PASS: none waits for the login timeout.
            s.replyAndClose(Reply.of(ReplyCode.SERVICE_NOT_AVAILABLE, "Local error checking the password; closing."));
        }

        @Override
        public void refused(String why) {
            log.info("{} login user={} not checked: {}", s, VirtualFileSystem.printable(name), why);
            s.replyAndClose(Reply.of(ReplyCode.SERVICE_NOT_AVAILABLE, why));
        }
    }

    private static void answer(FtpSession s, String name, User u) {
        if (u != null) {
            VirtualFileSystem door;
            try {
                door = s.ctx().config().homeJail() ? s.ctx().fs().jail(u.home()) : s.ctx().fs();
            } catch (FsException e) {
                log.warn("{} login user={} refused: home {} unusable: {}", s, u.name(), u.home(), e.getMessage());
                s.reply(ReplyCode.NOT_LOGGED_IN, "Login refused: your home directory is not available.");
                s.gate().delivered();
                return;
            }
            s.loggedIn(u, door, door == s.ctx().fs() ? u.home() : "/");
            log.info("{} login user={} write={} admin={}", s, u.name(), u.write(), u.admin());
            s.reply(ReplyCode.LOGGED_IN, (u.anonymous() ? "Anonymous" : "User " + u.name()) + " logged in"
                    + (u.write() ? "." : ", read-only."));
            s.gate().delivered();
            return;
        }
        InetAddress from = s.remoteAddress().getAddress();
        LoginThrottle.Verdict v = s.ctx().logins().recordFailure(from);
        int failures = s.recordLoginFailure();
        boolean banned = s.ctx().logins().banned(from);
        boolean close = banned || s.loginFailuresExhausted();
        log.info("{} login failed user={} failures={} fromAddress={}", s, VirtualFileSystem.printable(name), failures,
                s.ctx().logins().failures(from));
        if (v.banStarted()) {
            log.warn("address {} banned for {} after {} failed logins", from.getHostAddress(),
                    s.ctx().config().limits().loginBanTime(), s.ctx().config().limits().loginBanAfter());
        }
        // RFC 2577's delay, counted per address and scheduled: a sleeping thread would stall others.
        Runnable reply = () -> {
            if (banned) {
                s.replyAndClose(Reply.of(ReplyCode.SERVICE_NOT_AVAILABLE, BANNED));
            } else if (close) {
                s.replyAndClose(Reply.of(ReplyCode.NOT_LOGGED_IN, "Login incorrect; too many failures, closing connection."));
            } else {
                s.reply(ReplyCode.NOT_LOGGED_IN, "Login incorrect.");
                s.gate().delivered();
            }
        };
        try {
            s.ctx().timer().schedule(reply, v.delay().toMillis(), TimeUnit.MILLISECONDS);
        } catch (java.util.concurrent.RejectedExecutionException shuttingDown) {
            reply.run();
        }
    }

    private static void quit(FtpSession s, Command c) {
        // Flag first, then look: a transfer ending in between sees the flag and says goodbye itself.
        s.quitAfterTransfer();
        if (!s.transferInProgress()) {
            s.sayGoodbye();
        }
    }

    private static void feat(FtpSession s, CommandTable table) {
        List<String> body = new ArrayList<>();
        for (CommandSpec spec : table.all()) {
            if (spec.feature() == null) {
                continue;
            }
            if (spec.verb().equals("MLST")) {
                // RFC 3659 7.8: '*' marks the facts this session currently gets, as chosen by OPTS MLST.
                StringBuilder mlst = new StringBuilder("MLST ");
                for (String fact : ListingFormatter.ALL_FACTS) {
                    mlst.append(fact).append(s.mlstFacts().contains(fact) ? "*;" : ";");
                }
                body.add(mlst.toString());
            } else {
                body.add(spec.feature());
            }
        }
        body.sort(String::compareTo);
        s.reply(Reply.multi(ReplyCode.SYSTEM_STATUS, "Features:", body, "End"));
    }

    private static void opts(FtpSession s, Command c) {
        String arg = c.argument().trim();
        String[] parts = arg.split("\\s+", 2);
        String option = parts[0].toUpperCase(Locale.ROOT);
        if (option.equals("UTF8") || option.equals("UTF-8")) {
            s.reply(ReplyCode.COMMAND_OK, "Always in UTF8 mode.");
        } else if (option.equals("MLST")) {
            Set<String> facts = new LinkedHashSet<>();
            if (parts.length > 1) {
                for (String f : parts[1].split(";")) {
                    String fact = f.trim().toLowerCase(Locale.ROOT);
                    if (ListingFormatter.ALL_FACTS.contains(fact)) {
                        facts.add(fact);
                    }
                }
            }
            s.mlstFacts(facts);
            StringBuilder sb = new StringBuilder("MLST OPTS ");
            ListingFormatter.ALL_FACTS.stream().filter(facts::contains).forEach(f -> sb.append(f).append(';'));
            s.reply(ReplyCode.COMMAND_OK, sb.toString());
        } else {
            s.reply(ReplyCode.ARGUMENT_ERROR, "Unknown option '" + parts[0] + "'; supported: UTF8, MLST.");
        }
    }

    private static void help(FtpSession s, Command c, CommandTable table) {
        if (c.hasArgument()) {
            CommandSpec spec = table.get(c.argument().trim().toUpperCase(Locale.ROOT));
            if (spec == null) {
                s.reply(ReplyCode.ARGUMENT_ERROR, "Unknown command '" + c.argument().trim() + "'.");
            } else {
                s.reply(ReplyCode.HELP, "Syntax: " + spec.help());
            }
            return;
        }
        List<String> body = new ArrayList<>();
        StringBuilder line = new StringBuilder();
        int n = 0;
        for (String verb : table.verbs()) {
            line.append(String.format("%-6s", verb));
            if (++n % 10 == 0) {
                body.add(line.toString().stripTrailing());
                line.setLength(0);
            }
        }
        if (line.length() > 0) {
            body.add(line.toString().stripTrailing());
        }
        s.reply(Reply.multi(ReplyCode.HELP, "The following commands are recognized:", body,
                "Help OK (HELP <command> for its syntax)."));
    }

    private static void stat(FtpSession s, Command c) throws java.io.IOException, ftpdlab.fs.FsException {
        var t = s.transfer();
        if (t != null) {
            s.reply(ReplyCode.SYSTEM_STATUS, "Transfer in progress: " + t.job().describe() + ", "
                    + t.elapsedMs() + " ms, " + t.bindAttempts() + " bind attempts.");
            return;
        }
        if (c.hasArgument()) {
            VirtualFileSystem fs = s.fs();
            String v = fs.normalize(s.cwd(), c.argument());
            FileEntry target = fs.target(v);
            List<String> lines = new ArrayList<>();
            Instant now = Instant.now();
            for (FileEntry e : target.directory() ? fs.list(v) : List.of(target)) {
                lines.add(ListingFormatter.listLine(e, now));
            }
            s.reply(Reply.multi(ReplyCode.FILE_STATUS, "Status of " + c.argument() + ":", lines, "End of status."));
            return;
        }
        List<String> body = List.of(
                "Connected from " + s.remoteAddress().getAddress().getHostAddress(),
                "Logged in as " + s.user().name(),
                "TYPE: " + s.type().letter() + ", STRUcture: File, MODE: Stream",
                "Bind strategy: " + s.ctx().config().bindStrategy() + ", active data port " + s.ctx().dataPort());
        s.reply(Reply.multi(ReplyCode.SYSTEM_STATUS, "ftpd-lab status:", body, "End of status."));
    }
}
