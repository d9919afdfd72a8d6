package ftpdlab.commands;

/**
 * One row of the command table.
 *
 * @param feature the FEAT line this verb adds, or null
 * @param duringTransfer may run while a transfer is in flight (ABOR, STAT, NOOP, QUIT)
 * @param handler null for a verb that is known but not implemented (502)
 */
public record CommandSpec(String verb, ArgRule arg, Access access, String help, String feature,
                          boolean duringTransfer, CommandHandler handler) {
}
