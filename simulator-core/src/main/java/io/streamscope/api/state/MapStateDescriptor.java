package io.streamscope.api.state;

/** Declares a keyed map state by name, optionally with a time-to-live per map entry (Flink's MapStateDescriptor). */
public final class MapStateDescriptor<K, V> {
    private final String name;
    private StateTtlConfig ttlConfig;

    public MapStateDescriptor(String name) {
        this.name = java.util.Objects.requireNonNull(name, "state name");
    }

    public String getName() {
        return name;
    }

    /** Gives the state a time-to-live. */
    public void enableTimeToLive(StateTtlConfig ttl) {
        this.ttlConfig = java.util.Objects.requireNonNull(ttl, "TTL config");
    }

    /** The TTL, or null when the map entries never expire. */
    public StateTtlConfig getTtlConfig() {
        return ttlConfig;
    }
}
