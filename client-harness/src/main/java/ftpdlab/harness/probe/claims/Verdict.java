package ftpdlab.harness.probe.claims;

import com.fasterxml.jackson.annotation.JsonValue;

/** How a claim fares on a kernel. */
public enum Verdict {
    HOLDS("holds"),
    HOLDS_WITH_A_DIFFERENCE("holds with a difference"),
    DOES_NOT_HOLD("does not hold"),
    /** a cell the verdict needs was not measured here; never a guess */
    NOT_DECIDED("not decided");

    private final String label;

    Verdict(String label) {
        this.label = label;
    }

    @JsonValue
    public String label() {
        return label;
    }
}
