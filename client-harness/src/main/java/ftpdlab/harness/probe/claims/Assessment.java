package ftpdlab.harness.probe.claims;

/** A verdict and the one sentence that says why, from the cells. */
public record Assessment(Verdict verdict, String why) {
}
