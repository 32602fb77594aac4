package io.streamscope.sql;

import io.streamscope.scenario.Durations;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The options SET and RESET change, with Flink's keys and defaults. Streamscope follows Flink 2.2 here: FRESHNESS
 * is optional (FLIP-551, FLINK-38532) and defaults to {@code materialized-table.default-freshness.continuous}
 * (3 min) or, for REFRESH_MODE = FULL, {@code materialized-table.default-freshness.full} (1 h); without
 * REFRESH_MODE the mode is CONTINUOUS when the freshness is below
 * {@code materialized-table.refresh-mode.freshness-threshold} (30 min), else FULL.
 */
public final class SessionOptions {
    public static final String FRESHNESS_THRESHOLD = "materialized-table.refresh-mode.freshness-threshold";
    public static final String DEFAULT_FRESHNESS_CONTINUOUS = "materialized-table.default-freshness.continuous";
    public static final String DEFAULT_FRESHNESS_FULL = "materialized-table.default-freshness.full";
    public static final String RUNTIME_MODE = "execution.runtime-mode";
    public static final String PARALLELISM = "parallelism.default";
    public static final String CHECKPOINT_INTERVAL = "execution.checkpointing.interval";

    /** The keys, in the order SET lists them. */
    public static final List<String> KEYS = List.of(FRESHNESS_THRESHOLD, DEFAULT_FRESHNESS_CONTINUOUS,
            DEFAULT_FRESHNESS_FULL, RUNTIME_MODE, PARALLELISM, CHECKPOINT_INTERVAL);

    private static final Map<String, String> DEFAULTS = Map.of(FRESHNESS_THRESHOLD, "30 min",
            DEFAULT_FRESHNESS_CONTINUOUS, "3 min", DEFAULT_FRESHNESS_FULL, "1 h", RUNTIME_MODE, "streaming",
            PARALLELISM, "1");

    private final Map<String, String> values = new LinkedHashMap<>();

    /** Sets an option; throws IllegalArgumentException naming what the key or value should be. */
    public void set(String key, String value) {
        if (!KEYS.contains(key)) {
            String hint = io.streamscope.scenario.Suggestions.suggest(key, KEYS);
            throw new IllegalArgumentException("unknown option '" + key + "'" + (hint == null ? ""
                    : " (did you mean '" + hint + "'?)") + "; the options are: " + String.join(", ", KEYS));
        }
        check(key, value);
        values.put(key, value);
    }

    public void reset(String key) {
        if (key != null && !KEYS.contains(key)) {
            throw new IllegalArgumentException("unknown option '" + key + "'; the options are: "
                    + String.join(", ", KEYS));
        }
        if (key == null) {
            values.clear();
        } else {
            values.remove(key);
        }
    }

    /** The value in effect (set, or the default), or null for an unset option without default. */
    public String get(String key) {
        return values.containsKey(key) ? values.get(key) : DEFAULTS.get(key);
    }

    /** True when SET gave the option (it is not at its default). */
    public boolean isSet(String key) {
        return values.containsKey(key);
    }

    /** Every option with its value in effect ("" for unset). */
    public Map<String, String> all() {
        Map<String, String> out = new LinkedHashMap<>();
        for (String k : KEYS) {
            String v = get(k);
            out.put(k, v == null ? "" : v);
        }
        return out;
    }

    private static void check(String key, String value) {
        switch (key) {
            case RUNTIME_MODE:
                if (!value.equalsIgnoreCase("streaming") && !value.equalsIgnoreCase("batch")) {
                    throw new IllegalArgumentException("'" + key + "' is 'streaming' or 'batch', got '" + value + "'");
                }
                return;
            case PARALLELISM: {
                int p;
                try {
                    p = Integer.parseInt(value.strip());
                } catch (NumberFormatException e) {
                    throw new IllegalArgumentException("'" + key + "' is a whole number, got '" + value + "'");
                }
                if (p < 1) {
                    throw new IllegalArgumentException("'" + key + "' is at least 1, got " + p);
                }
                return;
            }
            default:
                long ms = duration(key, value);
                if (ms < 1) {
                    throw new IllegalArgumentException("'" + key + "' must be positive, got '" + value + "'");
                }
        }
    }

    /** Flink's duration syntax: "30 min", "3min", "1 h", "500 ms"; a bare number is milliseconds. */
    static long duration(String key, String value) {
        String v = value.strip();
        if (!v.isEmpty() && v.chars().allMatch(Character::isDigit)) {
            return Long.parseLong(v);
        }
        try {
            return Durations.parse(v.toLowerCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("'" + key + "' is a duration such as '30 min', '3 min' or '1 h', got '"
                    + value + "'");
        }
    }

    public long freshnessThresholdMillis() {
        return duration(FRESHNESS_THRESHOLD, get(FRESHNESS_THRESHOLD));
    }

    public long defaultFreshnessMillis(boolean full) {
        String k = full ? DEFAULT_FRESHNESS_FULL : DEFAULT_FRESHNESS_CONTINUOUS;
        return duration(k, get(k));
    }

    public boolean batch() {
        return get(RUNTIME_MODE).equalsIgnoreCase("batch");
    }

    public int parallelism() {
        return Integer.parseInt(get(PARALLELISM).strip());
    }

    /** A checkpoint interval set by the user, which a continuous refresh job keeps (FLINK-35734); -1 when unset. */
    public long checkpointIntervalMillis() {
        String v = get(CHECKPOINT_INTERVAL);
        return v == null ? -1 : duration(CHECKPOINT_INTERVAL, v);
    }
}
