package io.streamscope.graph;

import io.streamscope.api.functions.KeySelector;

/** An operator of the logical job graph: what it does, its name, parallelism and chaining preferences. */
public final class JobVertex {
    private final int id;
    private final String name;
    private final OperatorSpec spec;
    private int parallelism;
    private int maxParallelism = -1;
    private long costMillis;
    private boolean chainingAllowed = true;
    private KeySelector<?, ?> keySelector;
    private KeySelector<?, ?> secondKeySelector;

    JobVertex(int id, String name, OperatorSpec spec, int parallelism) {
        this.id = id;
        this.name = name;
        this.spec = spec;
        this.parallelism = parallelism;
    }

    public int id() {
        return id;
    }

    public String name() {
        return name;
    }

    public OperatorSpec spec() {
        return spec;
    }

    public int parallelism() {
        return parallelism;
    }

    /** Max parallelism as configured, or -1 for Flink's default derived from the parallelism. */
    public int configuredMaxParallelism() {
        return maxParallelism;
    }

    /** The max parallelism in effect: the number of key groups of a keyed operator. */
    public int maxParallelism() {
        return maxParallelism > 0 ? maxParallelism
                : io.streamscope.state.KeyGroupRangeAssignment.computeDefaultMaxParallelism(parallelism);
    }

    /** Virtual milliseconds one record costs this operator. */
    public long costMillis() {
        return costMillis;
    }

    public boolean chainingAllowed() {
        return chainingAllowed;
    }

    /** The key selector of a keyed operator (its input is a keyBy), or null. */
    public KeySelector<?, ?> keySelector() {
        return keySelector;
    }

    /** The key selector of the second input of a keyed two-input operator, or null. */
    public KeySelector<?, ?> secondKeySelector() {
        return secondKeySelector;
    }

    public boolean isKeyed() {
        return keySelector != null;
    }

    void setParallelism(int p) {
        if (p < 1) {
            throw new IllegalArgumentException("parallelism of '" + name + "' must be at least 1, got " + p);
        }
        this.parallelism = p;
    }

    void setMaxParallelism(int mp) {
        if (mp < 1 || mp > io.streamscope.state.KeyGroupRangeAssignment.UPPER_BOUND_MAX_PARALLELISM) {
            throw new IllegalArgumentException("max parallelism of '" + name + "' must be in 1..32768, got " + mp);
        }
        this.maxParallelism = mp;
    }

    void setCostMillis(long c) {
        if (c < 0) {
            throw new IllegalArgumentException("processing cost of '" + name + "' must not be negative");
        }
        this.costMillis = c;
    }

    void disableChaining() {
        this.chainingAllowed = false;
    }

    void setKeySelector(KeySelector<?, ?> ks) {
        this.keySelector = ks;
    }

    void setSecondKeySelector(KeySelector<?, ?> ks) {
        this.secondKeySelector = ks;
    }

    @Override
    public String toString() {
        return name;
    }
}
