package io.streamscope.scenario;

import io.streamscope.connectors.LogRecord;
import io.streamscope.connectors.RecordGenerator;
import io.streamscope.data.Row;
import java.util.List;
import java.util.random.RandomGenerator;

/**
 * The record generator of scenario files. The record at offset {@code o} of a partition is appended at
 * {@code startAt + o * interval}; its event time is {@code startTimestamp + o * step} minus a random delay in
 * {@code [0, maxDelay]}; its key is drawn from {@code keys}; its value is the Row
 * {@code {keyField: key, "timestamp": ts, "value": v}} with v drawn from {@code [minValue, maxValue]}.
 *
 * <p>Randomness comes only from the engine's seeded source handed to {@link #generate}, drawn in a fixed
 * order (key, delay, value) and only when there is a choice, so a run is reproducible from its seed. The
 * generator keeps no state, so one loaded scenario can be started many times.
 */
public record GeneratedRecords(String keyField, List<String> keys, long interval, long startAt, long startTimestamp,
                               long step, long maxDelay, long minValue, long maxValue) implements RecordGenerator {

    public GeneratedRecords {
        keys = List.copyOf(keys);
        if (keys.isEmpty()) {
            throw new IllegalArgumentException("a generator needs at least one key");
        }
        if (minValue > maxValue) {
            throw new IllegalArgumentException("value range is empty: " + minValue + " > " + maxValue);
        }
    }

    @Override
    public LogRecord generate(int partition, long offset, RandomGenerator random) {
        long at = startAt + offset * interval;
        String key = keys.size() == 1 ? keys.get(0) : keys.get(random.nextInt(keys.size()));
        long delay = maxDelay == 0 ? 0 : random.nextLong(maxDelay + 1);
        long ts = startTimestamp + offset * step - delay;
        long value = minValue == maxValue ? minValue : minValue + random.nextLong(maxValue - minValue + 1);
        return new LogRecord(offset, key, Row.of(keyField, key, "timestamp", ts, "value", value), ts, at);
    }

    /** The fields of every generated row. */
    List<String> fields() {
        return List.of(keyField, "timestamp", "value");
    }
}
