package io.streamscope.api.state;

/** Declares a keyed value state by name, optionally with a time-to-live (Flink's ValueStateDescriptor). */
public final class ValueStateDescriptor<T> {
    private final String name;
    private StateTtlConfig ttlConfig;

    public ValueStateDescriptor(String name) {
        this.name = java.util.Objects.requireNonNull(name, "state name");
    }

    public String getName() {
        return name;
    }

    /** Gives the state a time-to-live. */
    public void enableTimeToLive(StateTtlConfig ttl) {
        this.ttlConfig = java.util.Objects.requireNonNull(ttl, "TTL config");
    }

    /** The TTL, or null when the state never expires. */
    public StateTtlConfig getTtlConfig() {
        return ttlConfig;
    }
}
