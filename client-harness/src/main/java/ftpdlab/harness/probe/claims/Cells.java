package ftpdlab.harness.probe.claims;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.NoSuchElementException;
import java.util.Optional;

/** The measured cells by id, with the questions a verdict asks of them. */
public final class Cells {

    private final Map<String, ClaimCell> byId = new LinkedHashMap<>();

    public Cells(List<ClaimCell> cells) {
        cells.forEach(c -> byId.put(c.id(), c));
    }

    public ClaimCell get(String id) {
        ClaimCell c = byId.get(id);
        if (c == null) {
            throw new NoSuchElementException("no cell " + id);
        }
        return c;
    }

    boolean ok(String id) {
        return get(id).ok();
    }

    boolean refused(String id) {
        return get(id).refused();
    }

    boolean measured(String id) {
        return get(id).measured();
    }

    /** True when the datagram of a measured cell reached exactly one of its two sockets. */
    boolean reachedOne(String id) {
        String r = get(id).receivers();
        return "first".equals(r) || "second".equals(r);
    }

    boolean reachedBoth(String id) {
        return "both".equals(get(id).receivers());
    }

    /** Why a verdict cannot be given: the first of {@code ids} that was not measured, or empty. */
    Optional<Assessment> missing(String... ids) {
        List<String> absent = new ArrayList<>();
        for (String id : ids) {
            if (!measured(id)) {
                absent.add(id + " (" + get(id).detail() + ")");
            }
        }
        return absent.isEmpty() ? Optional.empty()
                : Optional.of(new Assessment(Verdict.NOT_DECIDED, "needed cells not measured: " + String.join(", ", absent)));
    }
}
