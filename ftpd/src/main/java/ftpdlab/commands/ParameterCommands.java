package ftpdlab.commands;

import ftpdlab.protocol.Command;
import ftpdlab.protocol.ReplyCode;
import ftpdlab.session.FtpSession;
import ftpdlab.session.TransferType;
import java.util.Locale;

/** Transfer parameters: TYPE MODE STRU REST ALLO. Only what every client needs: TYPE A/I, stream mode, file structure. */
final class ParameterCommands {

    private ParameterCommands() {
    }

    static void register(CommandTable.Builder b) {
        b.add("TYPE", ArgRule.REQUIRED, Access.USER, "TYPE <sp> A | I | L 8", ParameterCommands::type);
        b.add("MODE", ArgRule.REQUIRED, Access.USER, "MODE <sp> S", (s, c) -> oneOf(s, c, "S", "BC", "Mode"));
        b.add("STRU", ArgRule.REQUIRED, Access.USER, "STRU <sp> F", (s, c) -> oneOf(s, c, "F", "RP", "Structure"));
        b.add("REST", ArgRule.REQUIRED, Access.USER, "REST <sp> byte-offset", "REST STREAM", ParameterCommands::rest);
        b.add("ALLO", ArgRule.REQUIRED, Access.USER, "ALLO <sp> size",
                (s, c) -> s.reply(ReplyCode.NOT_IMPLEMENTED_SUPERFLUOUS, "No storage allocation necessary."));
    }

    private static void type(FtpSession s, Command c) {
        String t = c.argument().trim().toUpperCase(Locale.ROOT).replaceAll("\\s+", " ");
        switch (t) {
            case "A", "A N" -> set(s, TransferType.ASCII, "A");
            case "I", "L 8", "L8" -> set(s, TransferType.IMAGE, t.equals("I") ? "I" : "L 8");
            case "E", "E N", "A T", "A C", "E T", "E C" -> s.reply(ReplyCode.PARAMETER_NOT_IMPLEMENTED, "Type " + t + " not implemented.");
            default -> {
                if (t.startsWith("L ")) {
                    s.reply(ReplyCode.PARAMETER_NOT_IMPLEMENTED, "Only byte size 8 is supported.");
                } else {
                    s.reply(ReplyCode.ARGUMENT_ERROR, "Unknown type '" + c.argument() + "'; use A or I.");
                }
            }
        }
    }

    private static void set(FtpSession s, TransferType t, String shown) {
        s.type(t);
        s.reply(ReplyCode.COMMAND_OK, "Type set to " + shown + ".");
    }

    private static void oneOf(FtpSession s, Command c, String supported, String known, String what) {
        String v = c.argument().trim().toUpperCase(Locale.ROOT);
        if (v.equals(supported)) {
            s.reply(ReplyCode.COMMAND_OK, what + " set to " + v + ".");
        } else if (v.length() == 1 && known.contains(v)) {
            s.reply(ReplyCode.PARAMETER_NOT_IMPLEMENTED, what + " " + v + " not implemented; use " + supported + ".");
        } else {
            s.reply(ReplyCode.ARGUMENT_ERROR, "Unknown " + what.toLowerCase(Locale.ROOT) + " '" + c.argument() + "'.");
        }
    }

    private static void rest(FtpSession s, Command c) {
        long offset;
        try {
            offset = Long.parseLong(c.argument().trim());
        } catch (NumberFormatException e) {
            offset = -1;
        }
        if (offset < 0) {
            s.reply(ReplyCode.ARGUMENT_ERROR, "REST needs a byte offset of 0 or more.");
            return;
        }
        s.restOffset(offset);
        s.reply(ReplyCode.PENDING_FURTHER_INFO, "Restarting at " + offset + ". Send STOR, APPE or RETR.");
    }
}
