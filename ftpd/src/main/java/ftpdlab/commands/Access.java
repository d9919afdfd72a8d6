package ftpdlab.commands;

import ftpdlab.session.FtpSession;

/** Who may run a verb (or a SITE subcommand); the pre-check answers 530 or 550 before the handler runs. */
public enum Access {
    /** Before login too (USER, PASS, QUIT, FEAT, ...). */
    ANYONE,
    /** Any logged-in user. */
    USER,
    /** A logged-in user with write permission. */
    WRITE,
    /** A logged-in account with the admin flag (never anonymous): SITE STATS RESET. */
    ADMIN;

    /** The 550 text when the logged-in session {@code s} may not run what this level guards; null when it may. */
    String refusal(FtpSession s) {
        return switch (this) {
            case ANYONE, USER -> null;
            case WRITE -> s.canWrite() ? null : "Permission denied: this account is read-only.";
            case ADMIN -> s.isAdmin() ? null : "Permission denied: admin accounts only.";
        };
    }
}
