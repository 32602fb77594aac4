package io.streamscope.time;

/**
 * Flink's bounded-out-of-orderness generator: the watermark is {@code maxTimestamp - outOfOrderness - 1},
 * i.e. the stream promises no record at or below it. Monotonous timestamps are the case outOfOrderness = 0.
 */
public final class BoundedOutOfOrdernessWatermarks<T> implements WatermarkGenerator<T> {
    private final long outOfOrdernessMillis;
    private long maxTimestamp;

    public BoundedOutOfOrdernessWatermarks(long outOfOrdernessMillis) {
        if (outOfOrdernessMillis < 0) {
            throw new IllegalArgumentException("out-of-orderness must not be negative: " + outOfOrdernessMillis);
        }
        this.outOfOrdernessMillis = outOfOrdernessMillis;
        // start so that the first watermark is Long.MIN_VALUE, as Flink does
        this.maxTimestamp = Long.MIN_VALUE + outOfOrdernessMillis + 1;
    }

    @Override
    public void onEvent(T event, long eventTimestamp, WatermarkOutput output) {
        maxTimestamp = Math.max(maxTimestamp, eventTimestamp);
    }

    @Override
    public void onPeriodicEmit(WatermarkOutput output) {
        output.emitWatermark(currentWatermark());
    }

    public long currentWatermark() {
        return maxTimestamp - outOfOrdernessMillis - 1;
    }

    @Override
    public String describeState() {
        return "maxTimestamp=" + (maxTimestamp == Long.MIN_VALUE + outOfOrdernessMillis + 1 ? "none" : maxTimestamp)
                + " outOfOrderness=" + outOfOrdernessMillis;
    }
}
