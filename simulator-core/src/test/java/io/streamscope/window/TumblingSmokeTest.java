package io.streamscope.window;

import static org.assertj.core.api.Assertions.assertThat;

import io.streamscope.api.OutputTag;
import io.streamscope.api.StreamExecutionEnvironment;
import io.streamscope.api.builtin.AggSpec;
import io.streamscope.api.builtin.StatsAggregate;
import io.streamscope.api.builtin.WindowRowFunction;
import io.streamscope.api.functions.FieldKeySelector;
import io.streamscope.connectors.CollectingSink;
import io.streamscope.connectors.PartitionedLog;
import io.streamscope.data.Row;
import io.streamscope.runtime.EngineConfig;
import io.streamscope.sim.Simulation;
import io.streamscope.time.WatermarkStrategy;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

class TumblingSmokeTest {
    @Test
    void countsPerKeyAndWindow() {
        PartitionedLog log = new PartitionedLog("events", 1, true);
        long[][] data = {{1000, 1}, {2000, 2}, {6000, 3}, {4000, 4}, {12000, 5}};
        for (int i = 0; i < data.length; i++) {
            log.append(0, "a", Row.of("key", "a", "timestamp", data[i][0], "value", data[i][1]), data[i][0], i);
        }
        StreamExecutionEnvironment env = StreamExecutionEnvironment.create();
        OutputTag<Row> late = new OutputTag<>("late");
        var windowed = env.<Row>fromSource(log, WatermarkStrategy.forBoundedOutOfOrderness(Duration.ZERO)
                        .withEmission(WatermarkStrategy.Emission.PER_EVENT), "events")
                .keyBy(new FieldKeySelector("key"))
                .window(TumblingEventTimeWindows.of(Duration.ofSeconds(5)))
                .sideOutputLateData(late)
                .aggregate(new StatsAggregate(List.of(AggSpec.parse("count"), AggSpec.parse("sum(value) as sum"))),
                        new WindowRowFunction("key"));
        windowed.sinkTo(new CollectingSink("out"));
        windowed.getSideOutput(late).sinkTo(new CollectingSink("late"));
        Simulation sim = Simulation.of(env, EngineConfig.defaults());
        sim.runToEnd();
        assertThat(sim.sink("out").values()).containsExactly(
                Row.of("key", "a", "start", 0L, "end", 5000L, "count", 2L, "sum", 3L),
                Row.of("key", "a", "start", 5000L, "end", 10000L, "count", 1L, "sum", 3L),
                Row.of("key", "a", "start", 10000L, "end", 15000L, "count", 1L, "sum", 5L));
        assertThat(sim.sink("late").values()).containsExactly(
                Row.of("key", "a", "timestamp", 4000L, "value", 4L));
        assertThat(sim.isFinished()).isTrue();
    }
}
