package ftpdlab.harness.load;

/** Who opens the data connection: the server (ACTIVE: PORT/EPRT) or the client (PASSIVE: PASV/EPSV). */
public enum Mode {
    ACTIVE,
    PASSIVE
}
