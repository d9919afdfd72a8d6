package ftpdlab.auth;

import java.util.Objects;

/**
 * One account. {@code home} is a virtual path inside the server root ("/" by default);
 * {@code write} = may upload/delete/rename/mkdir; {@code admin} = may run admin commands
 * (SITE STATS RESET); anonymous users never are.
 */
public record User(String name, String home, boolean write, boolean anonymous, boolean admin) {

    public User(String name, String home, boolean write, boolean anonymous) {
        this(name, home, write, anonymous, false);
    }

    public User {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(home, "home");
        // Homes are resolved against the server root later; a relative one would
        // silently depend on whatever the session's current directory happens to be.
        if (!home.startsWith("/")) {
            throw new IllegalArgumentException("home must start with '/', got '" + home + "'");
        }
        if (anonymous && admin) {
            throw new IllegalArgumentException("an anonymous user is never an admin");
        }
    }
}
