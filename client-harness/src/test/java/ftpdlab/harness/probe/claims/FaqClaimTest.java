package ftpdlab.harness.probe.claims;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.UnaryOperator;
import org.junit.jupiter.api.Test;

/** The verdict logic on cells made up for the purpose: what each claim concludes from which outcomes. */
class FaqClaimTest {

    /** What FreeBSD's source says each cell gives, as if measured. */
    private static ClaimCell freebsd(Spec spec) {
        String f = spec.freebsd();
        String bind = f.startsWith("EADDRINUSE") ? "EADDRINUSE" : ClaimCell.OK;
        String receivers = null;
        int datagrams = spec.send();
        int copies = 0;
        if (f.contains("reached both")) {
            receivers = "both";
            copies = 2 * datagrams;
        } else if (f.contains("reached the second socket only") || f.contains("reached one socket only")) {
            receivers = "second";
            copies = datagrams;
        }
        return new ClaimCell(spec.id(), spec.describe(), true, bind, receivers, datagrams, copies,
                f.contains("connect EADDRINUSE") ? "connect EADDRINUSE" : null, f);
    }

    private static Cells cells(UnaryOperator<ClaimCell> change) {
        List<ClaimCell> list = new ArrayList<>();
        for (Spec spec : CellPlan.CELLS) {
            list.add(change.apply(freebsd(spec)));
        }
        return new Cells(list);
    }

    private static ClaimCell with(ClaimCell c, String bind, String receivers, int copies) {
        return new ClaimCell(c.id(), c.setup(), true, bind, receivers, c.datagrams(), copies, c.detail(), c.freebsd());
    }

    /** Linux's outcomes where they differ from FreeBSD's, as ClaimProbeTest measures them. */
    private static final Map<String, UnaryOperator<ClaimCell>> LINUX = Map.ofEntries(
            Map.entry("1b", c -> with(c, "EADDRINUSE", null, 0)),
            Map.entry("2d", c -> with(c, "OK", null, 0)),
            Map.entry("2e", c -> with(c, "OK", "second", 1)),
            Map.entry("2f", c -> with(c, "OK", null, 0)),
            Map.entry("3a", c -> with(c, "EADDRINUSE", null, 0)),
            Map.entry("3b", c -> with(c, "EADDRINUSE", null, 0)),
            Map.entry("3c", c -> with(c, "EADDRINUSE", null, 0)),
            Map.entry("3d", c -> with(c, "EADDRINUSE", null, 0)),
            Map.entry("3h", c -> with(c, "EADDRINUSE", null, 0)),
            Map.entry("5c", c -> with(c, "OK", "both", c.datagrams())),
            Map.entry("6d", c -> with(c, "EADDRINUSE", null, 0)),
            Map.entry("6e", c -> with(c, "EADDRINUSE", null, 0)),
            Map.entry("7b", c -> with(c, "OK", null, 0)));

    private static Cells linux() {
        return cells(c -> LINUX.getOrDefault(c.id(), UnaryOperator.identity()).apply(c));
    }

    @Test
    void freebsdsCellsGiveFreebsdsVerdicts() {
        Cells bsd = cells(UnaryOperator.identity());
        for (FaqClaim claim : FaqClaim.values()) {
            assertThat(claim.assess(bsd).verdict()).as("claim %d: %s", claim.number(), claim.assess(bsd).why())
                    .isEqualTo(claim.freebsdVerdict());
        }
    }

    @Test
    void linuxsCellsHoldEveryClaimWithADifferenceAndSayWhich() {
        Cells linux = linux();
        for (FaqClaim claim : FaqClaim.values()) {
            assertThat(claim.assess(linux).verdict()).as("claim %d", claim.number())
                    .isEqualTo(Verdict.HOLDS_WITH_A_DIFFERENCE);
        }
        assertThat(FaqClaim.RESTART.assess(linux).why()).contains("only if the old listener had set it too (1b");
        assertThat(FaqClaim.HIJACK.assess(linux).why()).contains("(3a, 3b, 3c, 3d: EADDRINUSE)", "(3g)", "safe (3h)");
        assertThat(FaqClaim.ALL_SET_REUSEPORT.assess(linux).why()).contains("one effective user ID");
        assertThat(FaqClaim.MULTICAST_COPIES.assess(linux).why()).contains("load balancer", "32 senders");
        assertThat(FaqClaim.MULTICAST_REUSEADDR.assess(linux).why()).contains("do not mix", "unicast UDP address too (2e)");
        assertThat(FaqClaim.FTPD_HACK.assess(linux).why()).contains("SO_REUSEADDR, ftpd's own option, already does (7b)");
    }

    @Test
    void otherUserCellsNotRunLeaveClaimFourHoldingAndSaySo() {
        Cells c = cells(x -> x.id().equals("4e") || x.id().equals("4f")
                ? ClaimCell.notRun(x.id(), x.setup(), "not run: needs root to start a process as another user", x.freebsd())
                : x);

        Assessment a = FaqClaim.ALL_SET_REUSEPORT.assess(c);

        assertThat(a.verdict()).isEqualTo(Verdict.HOLDS);
        assertThat(a.why()).contains("the other-user cells did not run here");
    }

    @Test
    void aNeededCellNotMeasuredGivesNoVerdictAndNamesIt() {
        Cells c = cells(x -> x.id().equals("1c")
                ? ClaimCell.notRun(x.id(), x.setup(), "setup failed: EADDRINUSE", x.freebsd()) : x);

        Assessment a = FaqClaim.RESTART.assess(c);

        assertThat(a.verdict()).isEqualTo(Verdict.NOT_DECIDED);
        assertThat(a.why()).isEqualTo("needed cells not measured: 1c (setup failed: EADDRINUSE)");
    }

    @Test
    void claimsThatFailOnAKernelSayDoesNotHold() {
        assertThat(FaqClaim.RESTART.assess(cells(x -> x.id().equals("1c") ? with(x, "EADDRINUSE", null, 0) : x))
                .verdict()).isEqualTo(Verdict.DOES_NOT_HOLD);
        assertThat(FaqClaim.ONE_SERVER.assess(cells(x -> x.id().equals("2a") ? with(x, "OK", null, 0) : x))
                .verdict()).isEqualTo(Verdict.DOES_NOT_HOLD);
        assertThat(FaqClaim.MULTICAST_COPIES.assess(cells(x -> x.id().equals("5a") ? with(x, "OK", "first", 1) : x))
                .verdict()).isEqualTo(Verdict.DOES_NOT_HOLD);
        assertThat(FaqClaim.FTPD_HACK.assess(cells(x -> x.id().equals("7c") ? with(x, "EADDRINUSE", null, 0) : x))
                .verdict()).isEqualTo(Verdict.DOES_NOT_HOLD);
    }
}
