package ftpdlab.session;

import static org.assertj.core.api.Assertions.assertThat;

import ftpdlab.protocol.Command;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/** The gate's rules on their own; the wire tests (data/PipelinedCommandsTest, LoginTest) show them over FTP. */
class ReplyGateTest {

    private final AtomicInteger resumes = new AtomicInteger();
    private final ReplyGate gate = new ReplyGate(resumes::incrementAndGet);

    @Test
    void withoutADelayEveryCommandRunsAtOnce() {
        assertThat(gate.offer(Command.parse("NOOP"))).isEqualTo(ReplyGate.Offer.RUN);
        gate.delivered();
        assertThat(resumes).hasValue(0);
    }

    @Test
    void aDeliveredReplyWithNothingHeldSendsNoResumeSignal() {
        gate.delay();
        gate.delivered();
        assertThat(resumes).as("no hand-off when no command waited").hasValue(0);
        assertThat(gate.offer(Command.parse("NOOP"))).isEqualTo(ReplyGate.Offer.RUN);
    }

    @Test
    void commandsHeldBehindALateReplyRunAfterItInOrderAndThenTheGateOpens() {
        gate.delay();
        assertThat(gate.offer(Command.parse("NOOP"))).isEqualTo(ReplyGate.Offer.HELD);
        assertThat(gate.offer(Command.parse("PWD"))).isEqualTo(ReplyGate.Offer.HELD);
        assertThat(gate.next()).as("nothing runs before the late reply").isNull();

        gate.delivered();
        gate.delivered();
        assertThat(resumes).as("one signal for one late reply").hasValue(1);
        // A command that comes while the held ones wait for their turn queues behind them.
        assertThat(gate.offer(Command.parse("SYST"))).isEqualTo(ReplyGate.Offer.HELD);
        assertThat(drain()).containsExactly("NOOP", "PWD", "SYST");
        assertThat(gate.offer(Command.parse("TYPE"))).isEqualTo(ReplyGate.Offer.RUN);
    }

    @Test
    void aHeldCommandThatDelaysAgainStopsTheDrainUntilItsOwnReply() {
        gate.delay();
        gate.offer(Command.parse("PASS x"));
        gate.offer(Command.parse("NOOP"));
        gate.delivered();
        assertThat(gate.next().verb()).isEqualTo("PASS");
        gate.delay(); // the held PASS waits for its own check
        assertThat(gate.next()).as("NOOP waits for the PASS reply").isNull();
        gate.delivered();
        assertThat(resumes).hasValue(2);
        assertThat(drain()).containsExactly("NOOP");
    }

    @Test
    void aClientThatSendsTooMuchAheadOverflows() {
        gate.delay();
        for (int i = 0; i < ReplyGate.MAX_HELD; i++) {
            assertThat(gate.offer(Command.parse("NOOP"))).isEqualTo(ReplyGate.Offer.HELD);
        }
        assertThat(gate.offer(Command.parse("NOOP"))).isEqualTo(ReplyGate.Offer.OVERFLOW);
    }

    private List<String> drain() {
        List<String> verbs = new ArrayList<>();
        for (Command c = gate.next(); c != null; c = gate.next()) {
            verbs.add(c.verb());
        }
        return verbs;
    }
}
