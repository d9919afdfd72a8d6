package ftpdlab.harness.probe.claims;

import java.util.List;

/**
 * One claim as the report shows it.
 *
 * @param linux   the verdict measured on this kernel, with why
 * @param freebsd FreeBSD's verdict per source, with the citation
 * @param bsd44   what 4.4BSD does, with the citation
 * @param command the command that shows it
 */
public record ClaimResult(int number, String claim, List<String> cells, Assessment linux, Verdict freebsdVerdict,
        String freebsd, String bsd44, String command) {

    public static final String COMMAND = "client-harness probe --claims";

    static ClaimResult of(FaqClaim claim, Cells cells) {
        return new ClaimResult(claim.number(), claim.text(), claim.cellIds(), claim.assess(cells), claim.freebsdVerdict(),
                claim.freebsd(), claim.bsd44(), COMMAND);
    }
}
