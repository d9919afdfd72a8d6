package ftpdlab.commands;

/**
 * One row of the command table.
 *
 * @param feature the FEAT line this verb adds, or null
 * @param duringTransfer may run while a transfer is in flight (ABOR, STAT, NOOP, QUIT)
 * @param inline only reads and sets session state, with no disk, lock or name service: may run on
 *               the I/O thread that read it when nothing else of the session is queued
 * @param handler null for a verb that is known but not implemented (502)
 */
public record CommandSpec(String verb, ArgRule arg, Access access, String help, String feature,
                          boolean duringTransfer, boolean inline, CommandHandler handler) {

    CommandSpec asInline() {
        return new CommandSpec(verb, arg, access, help, feature, duringTransfer, true, handler);
    }
}
