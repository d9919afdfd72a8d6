package ftpdlab.commands;

import java.util.Collection;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.TreeMap;

/** Verb to {@link CommandSpec}: the whole command set as data. HELP and FEAT are read from it. */
public final class CommandTable {

    private final Map<String, CommandSpec> specs;

    private CommandTable(Map<String, CommandSpec> specs) {
        this.specs = Collections.unmodifiableMap(specs);
    }

    /** The server's commands, grouped by concern. */
    public static CommandTable standard() {
        Builder b = new Builder();
        // HELP and FEAT describe the finished table, so they read it through this holder.
        var self = new java.util.concurrent.atomic.AtomicReference<CommandTable>();
        SessionCommands.register(b, self::get);
        DirectoryCommands.register(b);
        FileCommands.register(b);
        ParameterCommands.register(b);
        DataConnectionCommands.register(b);
        TransferCommands.register(b);
        // The verbs a client sends around every transfer that need nothing but the session: they
        // are answered on the I/O thread that read them, which spares two thread hand-offs each
        // (to a command thread, and back to the I/O thread for the reply). PASV stays off the
        // list: it binds a socket and may search the passive port range.
        b.inline("PORT", "EPRT", "TYPE", "MODE", "STRU", "NOOP", "SYST");
        self.set(b.build());
        return self.get();
    }

    public CommandSpec get(String verb) {
        return specs.get(verb);
    }

    public Collection<CommandSpec> all() {
        return specs.values();
    }

    /** Verbs in alphabetical order, for HELP. */
    public Collection<String> verbs() {
        return new TreeMap<>(specs).keySet();
    }

    /** Builds the table; each concern adds its own rows. */
    public static final class Builder {
        private final Map<String, CommandSpec> specs = new LinkedHashMap<>();

        public Builder add(String verb, ArgRule arg, Access access, String help, CommandHandler handler) {
            return put(new CommandSpec(verb, arg, access, help, null, false, false, handler));
        }

        public Builder add(String verb, ArgRule arg, Access access, String help, String feature, CommandHandler handler) {
            return put(new CommandSpec(verb, arg, access, help, feature, false, false, handler));
        }

        /** A verb that may run while a transfer is in flight. */
        public Builder addDuringTransfer(String verb, ArgRule arg, Access access, String help, CommandHandler handler) {
            return put(new CommandSpec(verb, arg, access, help, null, true, false, handler));
        }

        /** A verb we know but do not implement: 502, not 500. */
        public Builder notImplemented(String verb, String help) {
            return put(new CommandSpec(verb, ArgRule.OPTIONAL, Access.ANYONE, help, null, false, false, null));
        }

        /** Marks verbs whose handlers never block: see {@link CommandSpec#inline()}. */
        public Builder inline(String... verbs) {
            for (String v : verbs) {
                specs.compute(v, (k, s) -> {
                    if (s == null || s.handler() == null) {
                        throw new IllegalStateException("no handler for inline verb " + k);
                    }
                    return s.asInline();
                });
            }
            return this;
        }

        /** RFC 775's X-verbs (XPWD, XMKD, ...) behave exactly like the ones they stand for. */
        public Builder alias(String alias, String verb) {
            CommandSpec s = specs.get(verb);
            return put(new CommandSpec(alias, s.arg(), s.access(), s.help().replaceFirst("^" + verb, alias), null,
                    s.duringTransfer(), s.inline(), s.handler()));
        }

        private Builder put(CommandSpec s) {
            if (specs.putIfAbsent(s.verb(), s) != null) {
                throw new IllegalStateException("duplicate verb " + s.verb());
            }
            return this;
        }

        public CommandTable build() {
            return new CommandTable(new LinkedHashMap<>(specs));
        }
    }
}
