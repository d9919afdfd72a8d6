package ftpdlab.commands;

import ftpdlab.protocol.Command;
import ftpdlab.protocol.Reply;
import ftpdlab.protocol.ReplyCode;
import ftpdlab.session.FtpSession;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * SITE's subcommands as data, like the command table: each row names its words, who may run
 * it and its help line. A new admin verb is one row with {@link Access#ADMIN}.
 */
final class SiteCommands {

    private record Row(String words, Access access, String help, CommandHandler handler) {
    }

    private static final List<Row> ROWS = List.of(
            new Row("HELP", Access.USER, "this list", (s, c) -> help(s)),
            new Row("STATS", Access.USER, "data connection counters", (s, c) -> stats(s)),
            new Row("STATS RESET", Access.ADMIN, "zero the counters (admin accounts)", (s, c) -> {
                s.ctx().stats().reset();
                s.reply(ReplyCode.COMMAND_OK, "Statistics reset.");
            }));

    private SiteCommands() {
    }

    static void site(FtpSession s, Command c) throws java.io.IOException, ftpdlab.fs.FsException {
        String words = String.join(" ", c.argument().trim().split("\\s+")).toUpperCase(Locale.ROOT);
        for (Row r : ROWS) {
            if (r.words().equals(words)) {
                String refusal = r.access().refusal(s);
                if (refusal != null) {
                    s.reply(ReplyCode.FILE_UNAVAILABLE, refusal);
                } else {
                    r.handler().handle(s, c);
                }
                return;
            }
        }
        s.reply(ReplyCode.ARGUMENT_ERROR, "Unknown SITE command; try SITE HELP.");
    }

    private static void help(FtpSession s) {
        List<String> body = new ArrayList<>();
        for (Row r : ROWS) {
            body.add(String.format("%-13s %s", r.words(), r.help()));
        }
        s.reply(Reply.multi(ReplyCode.HELP, "SITE commands:", body, "End."));
    }

    private static void stats(FtpSession s) {
        Map<String, String> snap = s.ctx().stats().snapshot();
        List<String> body = new ArrayList<>();
        snap.forEach((k, v) -> body.add(k + "=" + v));
        s.reply(Reply.multi(ReplyCode.SYSTEM_STATUS, "Statistics:", body, "End of statistics."));
    }
}
