package ftpdlab.harness.model;

/**
 * What a model predicts beside what was measured, in one unit.
 *
 * @param model short name, e.g. "lockstep retry"
 * @param quantity what is compared, e.g. "ok transfers"
 * @param why the formula with this phase's numbers in it
 */
public record Prediction(String model, String quantity, double predicted, double measured, String why) {

    /** |measured - predicted| / predicted; 0 when both are 0. */
    public double relativeError() {
        if (predicted == 0) {
            return measured == 0 ? 0 : Double.POSITIVE_INFINITY;
        }
        return Math.abs(measured - predicted) / predicted;
    }

    /** The goal: within 20 %. */
    public boolean agrees() {
        return relativeError() <= 0.20;
    }

    /** One line for the console and the report. */
    public String line() {
        String err = Double.isInfinite(relativeError()) ? "n/a" : String.format("%.0f%%", relativeError() * 100);
        return String.format("model %s: %s predicted %s, measured %s (%s off%s) - %s", model, quantity,
                fmt(predicted), fmt(measured), err, agrees() ? "" : ", disagrees", why);
    }

    private static String fmt(double v) {
        return v == Math.rint(v) ? Long.toString((long) v) : String.format("%.1f", v);
    }
}
