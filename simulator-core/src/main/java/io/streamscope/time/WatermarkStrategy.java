package io.streamscope.time;

import java.time.Duration;
import java.util.Optional;

/**
 * How a stream gets event-time timestamps and watermarks (Flink's WatermarkStrategy).
 *
 * @param outOfOrdernessMillis the bound of {@code maxTimestamp - outOfOrderness - 1}; 0 for monotonous
 * @param timestampField the Row field holding the event time, or null to use the source record's timestamp
 * @param idlenessMillis idle timeout, or -1 for none
 * @param emission whether the watermark is computed on the periodic tick or after every record
 * @param watermarksDisabled true for a strategy that assigns timestamps but never emits watermarks
 */
public record WatermarkStrategy(long outOfOrdernessMillis, String timestampField, long idlenessMillis,
                                Emission emission, boolean watermarksDisabled) {

    /** When watermarks are emitted. */
    public enum Emission {
        /** On the auto-watermark interval of the virtual processing-time clock, as Flink does by default. */
        PERIODIC,
        /** Right after every record: deterministic, and what the window calculator uses. */
        PER_EVENT
    }

    public static WatermarkStrategy forBoundedOutOfOrderness(Duration maxOutOfOrderness) {
        return new WatermarkStrategy(maxOutOfOrderness.toMillis(), null, -1, Emission.PERIODIC, false);
    }

    public static WatermarkStrategy forMonotonousTimestamps() {
        return new WatermarkStrategy(0, null, -1, Emission.PERIODIC, false);
    }

    public static WatermarkStrategy noWatermarks() {
        return new WatermarkStrategy(0, null, -1, Emission.PERIODIC, true);
    }

    /** Reads the event time from a field of the Row instead of the source record's timestamp. */
    public WatermarkStrategy withTimestampField(String field) {
        return new WatermarkStrategy(outOfOrdernessMillis, field, idlenessMillis, emission, watermarksDisabled);
    }

    public WatermarkStrategy withIdleness(Duration idleTimeout) {
        return new WatermarkStrategy(outOfOrdernessMillis, timestampField, idleTimeout.toMillis(), emission,
                watermarksDisabled);
    }

    public WatermarkStrategy withEmission(Emission e) {
        return new WatermarkStrategy(outOfOrdernessMillis, timestampField, idlenessMillis, e, watermarksDisabled);
    }

    public Optional<Long> idleness() {
        return idlenessMillis < 0 ? Optional.empty() : Optional.of(idlenessMillis);
    }

    public <T> WatermarkGenerator<T> createGenerator() {
        if (watermarksDisabled) {
            return new WatermarkGenerator<>() {
                @Override
                public void onEvent(T event, long ts, WatermarkOutput output) {
                }

                @Override
                public void onPeriodicEmit(WatermarkOutput output) {
                }
            };
        }
        return new BoundedOutOfOrdernessWatermarks<>(outOfOrdernessMillis);
    }
}
