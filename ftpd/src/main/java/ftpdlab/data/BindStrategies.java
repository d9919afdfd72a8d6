package ftpdlab.data;

import ftpdlab.config.FtpdConfig;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

/** The registry of strategies by configuration value: a new strategy is one class plus one line here. */
public final class BindStrategies {

    private static final Map<String, Function<FtpdConfig, BindStrategy>> FACTORIES = new LinkedHashMap<>();

    static {
        FACTORIES.put("retry", c -> new RetryBindStrategy(c.retryMaxTries(), c.retryBackoff(), c.retryReuseAddress()));
        FACTORIES.put("reuseport", c -> new ReusePortBindStrategy());
        FACTORIES.put("reuseaddr", c -> new ReuseAddrBindStrategy());
        FACTORIES.put("ephemeral", c -> new EphemeralBindStrategy());
    }

    private BindStrategies() {
    }

    public static List<String> names() {
        return List.copyOf(FACTORIES.keySet());
    }

    public static BindStrategy create(FtpdConfig config) {
        var factory = FACTORIES.get(config.bindStrategy());
        if (factory == null) {
            throw new IllegalArgumentException("unknown bind strategy " + config.bindStrategy());
        }
        return factory.apply(config);
    }
}
