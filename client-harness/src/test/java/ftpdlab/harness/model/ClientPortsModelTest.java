package ftpdlab.harness.model;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.time.Duration;
import org.junit.jupiter.api.Test;

/** The timestamps-off ceiling, worked numbers. */
class ClientPortsModelTest {

    @Test
    void aHundredPortNatPoolGivesTwentyFiveListenerPorts() {
        // 40000-40099: the lower half is 40000-40049, its odd ports 40001..40049: 25.
        assertThat(PortRangeModel.listenerPorts(new int[] {40000, 40099}, true)).isEqualTo(25);
        assertThat(PortRangeModel.listenerPorts(new int[] {40000, 40099}, false)).isEqualTo(50);
    }

    @Test
    void manyMoreAttemptsThanPortsGiveOneSuccessPerPortPerWindow() {
        // 2,000 attempts over 25 ports in 20 s (one window): 25 (1 - e^-80) = 25.
        assertThat(ClientPortsModel.successes(25, 1, 2000, Duration.ofSeconds(20))).isCloseTo(25.0, within(1e-9));
        // 16 hosts x 400 attempts: 16 x 25 (1 - e^-16) = 399.99.
        assertThat(ClientPortsModel.successes(25, 16, 6400, Duration.ofSeconds(20))).isCloseTo(400.0, within(0.01));
        // Two windows (120 s): twice.
        assertThat(ClientPortsModel.successes(25, 1, 4000, Duration.ofSeconds(120))).isCloseTo(50.0, within(1e-6));
    }

    @Test
    void fewAttemptsAreTheCouponCollector() {
        // 25 attempts over 25 ports: 25 (1 - 1/e) = 15.80 distinct.
        assertThat(ClientPortsModel.successesPerWindow(25, 25)).isCloseTo(15.80, within(0.01));
        // The netns lab's default load: 12,800 over 7,058 ports: 7058 (1 - e^-1.8136) = 5,907.
        assertThat(ClientPortsModel.successesPerWindow(7058, 12800)).isCloseTo(5907, within(1.0));
    }

    @Test
    void theCeilingGrowsWithHostsAndSaysHowManyAddressesARateNeeds() {
        assertThat(ClientPortsModel.ceilingPerSecond(25, 1)).isCloseTo(0.4167, within(1e-4));
        assertThat(ClientPortsModel.ceilingPerSecond(25, 16)).isCloseTo(6.667, within(1e-3));
        assertThat(ClientPortsModel.ceilingPerSecond(7058, 1)).isCloseTo(117.6, within(0.1));
        // 1,000 transfers/s against Linux clients (7,058 listener ports each): 1000 / 117.6 -> 9 addresses.
        assertThat(ClientPortsModel.addressesNeeded(1000, 7058)).isEqualTo(9);
        // The same rate behind 100-port NAT pools (25 usable ports each): 1000 / 0.4167 -> 2,400 addresses.
        assertThat(ClientPortsModel.addressesNeeded(1000, 25)).isEqualTo(2400);
        // the-case.md's table: 10,000/s with Linux clients, 100/s behind 25-port pools, 1,000/s behind full 100-port ones.
        assertThat(ClientPortsModel.addressesNeeded(10_000, 7058)).isEqualTo(86);
        assertThat(ClientPortsModel.addressesNeeded(10_000, 14_116)).isEqualTo(43);
        assertThat(ClientPortsModel.addressesNeeded(100, 25)).isEqualTo(240);
        assertThat(ClientPortsModel.addressesNeeded(1000, 100)).isEqualTo(600);
    }
}
