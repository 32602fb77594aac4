package io.streamscope.time;

import static org.assertj.core.api.Assertions.assertThat;

import io.streamscope.api.StreamExecutionEnvironment;
import io.streamscope.api.functions.FieldKeySelector;
import io.streamscope.connectors.CollectingSink;
import io.streamscope.connectors.PartitionedLog;
import io.streamscope.data.Row;
import io.streamscope.runtime.EngineConfig;
import io.streamscope.sim.Simulation;
import io.streamscope.testing.WindowOut;
import io.streamscope.trace.TraceEvent;
import io.streamscope.window.TumblingEventTimeWindows;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * assignTimestampsAndWatermarks as Flink's TimestampsAndWatermarksOperator: timestamps from the record, one
 * generator per subtask with periodic emission, watermarks from upstream ignored except the final
 * Long.MAX_VALUE, which is forwarded so that a bounded job still fires everything at the end.
 */
class TimestampsAndWatermarksOperatorTest {

    @Test
    void upstreamWatermarksAreReplacedAndTheFinalMaxIsForwarded() {
        PartitionedLog log = new PartitionedLog("events", 1, true);
        // the log's own record timestamps are far ahead (1e6 + ts): the source's watermarks would fire
        // everything early if they were let through
        long[] ts = {100, 700, 1500, 2600, 2100};
        for (int i = 0; i < ts.length; i++) {
            log.append(0, "a", Row.of("key", "a", "value", (long) i, "ts", ts[i]), 1_000_000 + ts[i], 100L * i);
        }
        StreamExecutionEnvironment env = StreamExecutionEnvironment.create();
        env.<Row>fromSource(log, WatermarkStrategy.forMonotonousTimestamps()
                        .withEmission(WatermarkStrategy.Emission.PER_EVENT), "src")
                .assignTimestampsAndWatermarks(WatermarkStrategy.forBoundedOutOfOrderness(Duration.ofMillis(500))
                        .withTimestampField("ts"), "wm")
                .keyBy(new FieldKeySelector("key"))
                .window(TumblingEventTimeWindows.of(Duration.ofSeconds(1)))
                .process(new WindowOut(), "window")
                .sinkTo(new CollectingSink("out"));
        Simulation sim = Simulation.of(env, EngineConfig.defaults());
        sim.runToEnd();
        List<String> advances = new ArrayList<>();
        for (TraceEvent e : sim.trace()) {
            if (e instanceof TraceEvent.WatermarkAdvanced w && w.subtask().equals("window[0]")) {
                advances.add(w.time() + ":" + (w.watermark() == Long.MAX_VALUE ? "MAX" : w.watermark()));
            }
        }
        // records read at 0,100,200,300,400 (then the source ends); the operator's generator ticks every 200 ms
        // (a tick due at the same virtual ms as a record runs first, as mails come before input): at 200 the max
        // ts is 700 -> 199; at 400 it is 2600 -> 2099. The source's own watermarks (~1e6) never arrive. The source
        // then ends at 400 and its final MAX passes through. All seen downstream 1 ms (channel latency) later.
        assertThat(advances).containsExactly("201:199", "401:2099", "401:MAX");
        List<Row> out = new ArrayList<>();
        sim.sink("out").values().forEach(v -> out.add(WindowOut.strip(v)));
        assertThat(out).containsExactly(
                WindowOut.row("a", 0, 1000, List.of(0L, 1L)),
                WindowOut.row("a", 1000, 2000, List.of(2L)),
                WindowOut.row("a", 2000, 3000, List.of(3L, 4L)));
    }
}
