package ftpdlab.bind;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

/**
 * The registry of strategies by configuration value: a new strategy is one class plus one line
 * here. Every list of strategy names (the config key's allowed values, compare's default, the
 * tests) reads {@link #names()}.
 */
public final class BindStrategies {

    private static final Map<String, Function<BindSettings, BindStrategy>> FACTORIES = new LinkedHashMap<>();

    static {
        add(RetryBindStrategy.NAME, RetryBindStrategy::new);
        add(ReusePortBindStrategy.NAME, s -> new ReusePortBindStrategy());
        add(ReuseAddrBindStrategy.NAME, s -> new ReuseAddrBindStrategy());
        add(EphemeralBindStrategy.NAME, s -> new EphemeralBindStrategy());
    }

    /** A strategy registered from outside; closing it takes the strategy out of the registry again. */
    public interface Registration extends AutoCloseable {
        @Override
        void close();
    }

    private BindStrategies() {
    }

    /** Every registered name, in registration order (the built-in ones first). */
    public static synchronized List<String> names() {
        return List.copyOf(FACTORIES.keySet());
    }

    public static synchronized BindStrategy create(String name, BindSettings settings) {
        var factory = FACTORIES.get(name);
        if (factory == null) {
            throw new IllegalArgumentException("unknown bind strategy " + name);
        }
        BindStrategy strategy = factory.apply(settings);
        if (!strategy.name().equals(name)) {
            // SITE STATS would report a name the configuration cannot select.
            throw new IllegalStateException("bind strategy registered as " + name + " calls itself " + strategy.name());
        }
        return strategy;
    }

    /**
     * Adds a strategy outside this package, for as long as the registration stays open: what tests
     * use to prove that a new strategy needs nothing but its class and this one call.
     *
     * @param name lower case letters, digits and '-' (configuration values are lower-cased), not yet registered
     */
    public static synchronized Registration register(String name, Function<BindSettings, BindStrategy> factory) {
        add(name, factory);
        return () -> {
            synchronized (BindStrategies.class) {
                FACTORIES.remove(name, factory);
            }
        };
    }

    private static void add(String name, Function<BindSettings, BindStrategy> factory) {
        if (!name.matches("[a-z0-9][a-z0-9-]*")) {
            throw new IllegalArgumentException("bad bind strategy name '" + name + "': lower case letters, digits and '-'");
        }
        if (FACTORIES.putIfAbsent(name, factory) != null) {
            throw new IllegalArgumentException("bind strategy " + name + " is already registered");
        }
    }
}
