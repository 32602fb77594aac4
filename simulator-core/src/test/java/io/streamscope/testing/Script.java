package io.streamscope.testing;

import io.streamscope.api.DataStream;
import io.streamscope.api.StreamExecutionEnvironment;
import io.streamscope.connectors.PartitionedLog;
import io.streamscope.data.Row;
import io.streamscope.time.WatermarkStrategy;
import java.time.Duration;

/**
 * A test input that plays the role of Flink's operator test harness: data records and explicit watermarks,
 * in a fixed order, on one partition read by one source subtask.
 *
 * <p>An explicit watermark W is a marker record with timestamp {@code W + BOUND + 1}: the source's
 * bounded-out-of-orderness generator (bound {@link #BOUND}, per-event emission) then emits exactly W
 * ({@code maxTimestamp - bound - 1}). Data timestamps stay far below BOUND, so data never moves the watermark.
 * A filter right after the source drops the markers; watermarks pass through it. Entry i is appended at
 * processing time {@code i * STEP}, so the virtual time at which an output appears tells which entry caused it.
 */
public final class Script {
    public static final long BOUND = 1_000_000_000L;
    public static final long STEP = 100;
    public static final String MARK = "__watermark__";

    private final PartitionedLog log;
    private long appendTime;
    private int entries;

    public Script() {
        this("events");
    }

    public Script(String topic) {
        this(topic, true);
    }

    private Script(String topic, boolean bounded) {
        this.log = new PartitionedLog(topic, 1, bounded);
    }

    /** A script whose source never ends (no final watermark; run it with runUntilTime). */
    public static Script unbounded() {
        return new Script("events", false);
    }

    /** A data record {key, value, ts} with event time {@code ts}. */
    public Script data(String key, long value, long ts) {
        log.append(0, key, Row.of("key", key, "value", value, "ts", ts), ts, next());
        return this;
    }

    /** Makes the source emit watermark {@code w} right after the previous entries. */
    public Script watermark(long w) {
        long ts = w + BOUND + 1;
        log.append(0, MARK, Row.of("key", MARK, "ts", ts), ts, next());
        return this;
    }

    private long next() {
        long t = appendTime;
        appendTime += STEP;
        entries++;
        return t;
    }

    /** The processing time at which entry {@code i} (0-based) becomes readable. */
    public static long timeOfEntry(int i) {
        return i * STEP;
    }

    public int size() {
        return entries;
    }

    public PartitionedLog log() {
        return log;
    }

    /** The scripted stream, markers removed: per-event watermarks, parallelism 1. */
    public DataStream<Row> source(StreamExecutionEnvironment env) {
        return env.<Row>fromSource(log, WatermarkStrategy.forBoundedOutOfOrderness(Duration.ofMillis(BOUND))
                        .withEmission(WatermarkStrategy.Emission.PER_EVENT), "script")
                .filter(r -> !MARK.equals(r.get("key")), "drop-markers");
    }
}
