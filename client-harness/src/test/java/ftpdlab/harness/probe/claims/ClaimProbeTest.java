package ftpdlab.harness.probe.claims;

import static org.assertj.core.api.Assertions.assertThat;

import ftpdlab.harness.model.PortRangeModel;
import ftpdlab.harness.probe.FreePorts;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** The claims' cells on the running kernel; only what Linux has done the same way for years is asserted. */
@Timeout(120)
class ClaimProbeTest {

    private static Cells cells;
    private static List<ClaimCell> all;

    @BeforeAll
    static void probeOnce() throws Exception {
        String os = System.getProperty("os.name");
        Assumptions.assumeTrue(os.toLowerCase(Locale.ROOT).contains("linux"), "Linux's rules are asserted; this is " + os);
        all = new ClaimProbe(Instant.now().plus(Duration.ofSeconds(90)),
                FreePorts.belowEphemeralRange(PortRangeModel.localPortRange()[0]), new OtherProcess()).run();
        cells = new Cells(all);
    }

    private static String bind(String id) {
        ClaimCell c = cells.get(id);
        assertThat(c.measured()).as("%s: %s", id, c.detail()).isTrue();
        return c.bind();
    }

    @Test
    void everyCellOfThePlanRanExceptWhereThisHostCannot() {
        assertThat(all).extracting(ClaimCell::id).containsExactlyElementsOf(CellPlan.CELLS.stream().map(Spec::id).toList());
        assertThat(all).filteredOn(c -> !c.measured())
                .allSatisfy(c -> assertThat(c.detail()).as(c.id()).startsWith("not run: "));
        assertThat(all).filteredOn(c -> !c.measured()).extracting(ClaimCell::id)
                .as("only IPv6 and other-process cells may be impossible here").isSubsetOf("2c", "3d", "4c", "4d", "4e", "4f");
    }

    @Test
    void aRestartedListenerPassesTimeWaitOnlyWhenOldAndNewSetSoReuseaddr() {
        assertThat(bind("1a")).isEqualTo("EADDRINUSE");
        assertThat(bind("1b")).isEqualTo("EADDRINUSE");
        assertThat(bind("1c")).isEqualTo("OK");
        assertThat(bind("1d")).isEqualTo("EADDRINUSE");
    }

    @Test
    void twoListenersNeverShareButUdpSocketsDo() {
        assertThat(bind("2a")).isEqualTo("EADDRINUSE");
        assertThat(bind("2b")).isEqualTo("EADDRINUSE");
        assertThat(bind("2d")).isEqualTo("OK");
        assertThat(bind("2e")).isEqualTo("OK");
        assertThat(cells.get("2e").copies()).as("a unicast datagram is delivered once").isEqualTo(1);
    }

    @Test
    void aWildcardListenerRefusesASpecificBindButAWildcardUdpSocketCanBeHijacked() {
        assertThat(bind("3a")).isEqualTo("EADDRINUSE");
        assertThat(bind("3b")).isEqualTo("EADDRINUSE");
        assertThat(bind("3c")).isEqualTo("EADDRINUSE");
        assertThat(bind("3e")).isEqualTo("OK");
        assertThat(bind("3g")).isEqualTo("OK");
        assertThat(cells.get("3g").receivers()).as("the more specific socket gets the datagram").isEqualTo("second");
        assertThat(bind("3h")).isEqualTo("EADDRINUSE");
    }

    @Test
    void soReuseportSharesOnlyWhenBothSetItAndOnlyWithinOneUser() {
        assertThat(bind("4a")).isEqualTo("EADDRINUSE");
        assertThat(bind("4b")).isEqualTo("EADDRINUSE");
        assertThat(bind("4c")).isEqualTo("OK");
        assertThat(bind("4d")).isEqualTo("OK");
        Assumptions.assumeTrue(OtherProcess.isRoot(), "the other-user cells need root");
        assertThat(bind("4e")).isEqualTo("EADDRINUSE");
        assertThat(bind("4f")).isEqualTo("EADDRINUSE");
    }

    @Test
    void aMulticastGroupReachesEverySocketAUnicastPortIsSpread() {
        assertThat(bind("5a")).isEqualTo("OK");
        assertThat(cells.get("5a").receivers()).isEqualTo("both");
        assertThat(bind("6b")).isEqualTo("OK");
        assertThat(cells.get("6b").receivers()).isEqualTo("both");
        assertThat(bind("6a")).isEqualTo("EADDRINUSE");
        assertThat(bind("6d")).isEqualTo("EADDRINUSE");
        assertThat(bind("6e")).isEqualTo("EADDRINUSE");
        ClaimCell unicast = cells.get("5c");
        assertThat(unicast.ok()).isTrue();
        assertThat(unicast.copies()).as("each unicast datagram once").isEqualTo(unicast.datagrams());
        assertThat(unicast.receivers()).as("32 senders spread over the group by hash").isEqualTo("both");
    }

    @Test
    void ftpdsOwnOptionAlreadySharesAFixedPortOnLinux() {
        assertThat(bind("7a")).isEqualTo("EADDRINUSE");
        assertThat(bind("7b")).isEqualTo("OK");
        assertThat(bind("7c")).isEqualTo("OK");
        assertThat(cells.get("7d").detail()).isEqualTo("connect EADDRNOTAVAIL");
        assertThat(bind("7e")).isEqualTo("EADDRINUSE");
    }

    @Test
    void everyClaimGetsAVerdictOnThisKernel() {
        ClaimsReport report = ClaimsReport.of("test", List.of(), all);

        assertThat(report.claims()).hasSize(7).allSatisfy(r -> {
            assertThat(r.linux().verdict()).as("claim %d: %s", r.number(), r.linux().why()).isNotEqualTo(Verdict.NOT_DECIDED);
            assertThat(r.linux().why()).isNotBlank();
        });
        assertThat(report.setupFailed()).isEmpty();
        assertThat(report.render()).contains("Claim 7.", "Summary (client-harness probe --claims):");
    }
}
