package ftpdlab.harness.probe.claims;

import com.fasterxml.jackson.annotation.JsonProperty;

/**
 * One measured situation: what a second socket's bind() returned next to a first one (and, for
 * UDP, which of them a datagram reached), beside what FreeBSD's source says it returns there.
 *
 * @param id        short stable key the claims refer to, e.g. "3f"
 * @param setup     what the cell did, in words
 * @param measured  false when the cell could not run or set up here; {@link #detail} says why
 * @param bind      "OK" or an errno name such as EADDRINUSE; null unless measured
 * @param receivers for datagrams sent after both binds: which sockets got any, "both", "first", "second" or
 *                  "none"; null if none was sent
 * @param datagrams how many were sent (0 for none), each from its own sender
 * @param copies    how many the two sockets received together: as many as were sent unless a kernel copies them
 * @param detail    why there is no measurement, or what else was seen (a connect() outcome); may be null
 * @param freebsd   what FreeBSD does in the same cell, per its source (see the claim's citation)
 */
public record ClaimCell(String id, String setup, boolean measured, String bind, String receivers, int datagrams,
        int copies, String detail, String freebsd) {

    public static final String OK = "OK";

    public static ClaimCell notRun(String id, String setup, String why, String freebsd) {
        return new ClaimCell(id, setup, false, null, null, 0, 0, why, freebsd);
    }

    public boolean ok() {
        return measured && OK.equals(bind);
    }

    public boolean refused() {
        return measured && "EADDRINUSE".equals(bind);
    }

    /** The cell's result as the table shows it. */
    @JsonProperty("result")
    public String result() {
        if (!measured) {
            return detail;
        }
        StringBuilder s = new StringBuilder(bind);
        if (receivers != null) {
            String where = switch (receivers) {
                case "both" -> "both sockets";
                case "none" -> "neither socket";
                default -> "the " + receivers + " socket only";
            };
            s.append(datagrams == 1 ? ", datagram reached " + where
                    : ", " + datagrams + " datagrams reached " + where + " (" + copies + " copies in all)");
        }
        if (detail != null) {
            s.append(", ").append(detail);
        }
        return s.toString();
    }

}
