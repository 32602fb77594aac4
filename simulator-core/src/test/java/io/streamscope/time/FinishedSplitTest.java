package io.streamscope.time;

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
import io.streamscope.view.EngineView;
import io.streamscope.window.TumblingEventTimeWindows;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * A split of a bounded topic that has been read to its end stops holding back its source subtask's watermark,
 * as Flink's SourceReaderBase releases a finished split's output (releaseOutputForSplit). The case is the one
 * the Flink bridge found to differ before this was modelled: real Flink 2.3.0 fires [0, 5000) with two records
 * once partition 1 reaches 8000, and sends 3000 to the late output.
 */
class FinishedSplitTest {
    private static Row ev(long ts) {
        return Row.of("key", "k", "timestamp", ts);
    }

    @Test
    void aFinishedPartitionNoLongerHoldsTheWatermarkBack() {
        PartitionedLog log = new PartitionedLog("events", 2, true);
        log.append(0, "k", ev(1000), 1000, 0);
        for (long ts : new long[] {2000, 8000, 3000, 9000}) {
            log.append(1, "k", ev(ts), ts, 0);
        }
        StreamExecutionEnvironment env = StreamExecutionEnvironment.create();
        OutputTag<Row> late = new OutputTag<>("late");
        var windows = env.<Row>fromSource(log, WatermarkStrategy.forMonotonousTimestamps()
                        .withEmission(WatermarkStrategy.Emission.PER_EVENT), "src")
                .keyBy(new FieldKeySelector("key"))
                .window(TumblingEventTimeWindows.of(Duration.ofSeconds(5)))
                .sideOutputLateData(late)
                .aggregate(new StatsAggregate(List.of(AggSpec.parse("count"))), new WindowRowFunction("key"));
        windows.sinkTo(new CollectingSink("out"));
        windows.getSideOutput(late).sinkTo(new CollectingSink("late"));
        Simulation sim = Simulation.of(env, EngineConfig.defaults());
        // read order, one subtask round-robin over its splits: p0 1000, p1 2000, (p0 finished) p1 8000, 3000, 9000
        sim.runToEnd();
        assertThat(sim.sink("out").values()).containsExactly(
                Row.of("key", "k", "start", 0L, "end", 5000L, "count", 2L),
                Row.of("key", "k", "start", 5000L, "end", 10000L, "count", 2L));
        assertThat(sim.sink("late").values()).containsExactly(ev(3000));
    }

    @Test
    void theViewMarksTheFinishedSplit() {
        PartitionedLog log = new PartitionedLog("events", 2, true);
        log.append(0, "k", ev(1000), 1000, 0);
        log.append(1, "k", ev(2000), 2000, 0);
        log.append(1, "k", ev(4000), 4000, 100);
        StreamExecutionEnvironment env = StreamExecutionEnvironment.create();
        env.<Row>fromSource(log, WatermarkStrategy.forMonotonousTimestamps()
                .withEmission(WatermarkStrategy.Emission.PER_EVENT), "src").sinkTo(new CollectingSink("out"));
        Simulation sim = Simulation.of(env, EngineConfig.defaults());
        sim.runUntilTime(50);
        List<EngineView.SplitView> splits = sim.view().subtask("src[0]").splits();
        assertThat(splits).extracting(EngineView.SplitView::finished).containsExactly(true, false);
    }
}
