package io.streamscope.join;

import io.streamscope.api.DataStream;
import io.streamscope.api.StreamExecutionEnvironment;
import io.streamscope.api.functions.Collector;
import io.streamscope.api.functions.ProcessJoinFunction;
import io.streamscope.connectors.PartitionedLog;
import io.streamscope.data.Row;
import io.streamscope.time.WatermarkStrategy;
import java.time.Duration;

/**
 * One input of a join test: records {key, value, ts} and explicit watermarks, each appended at a processing time
 * the test chooses, so the order in which the join sees the two inputs is the test's. An explicit watermark W is a
 * marker record at {@code W + BOUND + 1} under a bounded-out-of-orderness generator with bound BOUND and per-event
 * emission (as {@code testing.Script} does); data records keep the watermark far below any data timestamp.
 */
final class JoinFixture {
    static final long BOUND = 1_000_000_000L;
    static final String MARK = "__watermark__";
    private final PartitionedLog log;

    JoinFixture(String topic) {
        this.log = new PartitionedLog(topic, 1, true);
    }

    JoinFixture data(String key, long value, long ts, long at) {
        log.append(0, key, Row.of("key", key, "value", value, "ts", ts), ts, at);
        return this;
    }

    JoinFixture watermark(long w, long at) {
        long ts = w + BOUND + 1;
        log.append(0, MARK, Row.of("key", MARK, "ts", ts), ts, at);
        return this;
    }

    PartitionedLog log() {
        return log;
    }

    DataStream<Row> source(StreamExecutionEnvironment env, String name) {
        return env.<Row>fromSource(log, WatermarkStrategy.forBoundedOutOfOrderness(Duration.ofMillis(BOUND))
                        .withEmission(WatermarkStrategy.Emission.PER_EVENT), name)
                .filter(r -> !MARK.equals(r.get("key")), name + "-data");
    }

    /** A pair as the tests read it: key, both values, both timestamps and the pair's timestamp. */
    static final class Pair extends ProcessJoinFunction<Row, Row, Row> {
        private static final long serialVersionUID = 1L;

        @Override
        public void processElement(Row left, Row right, Context ctx, Collector<Row> out) {
            out.collect(Row.of("key", left.get("key"), "left", left.get("value"), "right", right.get("value"),
                    "lt", ctx.getLeftTimestamp(), "rt", ctx.getRightTimestamp(), "ts", ctx.getTimestamp()));
        }
    }
}
