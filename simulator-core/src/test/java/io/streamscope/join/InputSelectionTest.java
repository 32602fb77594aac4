package io.streamscope.join;

import static org.assertj.core.api.Assertions.assertThat;

import io.streamscope.api.StreamExecutionEnvironment;
import io.streamscope.api.functions.FieldKeySelector;
import io.streamscope.connectors.CollectingSink;
import io.streamscope.connectors.PartitionedLog;
import io.streamscope.data.Row;
import io.streamscope.runtime.EngineConfig;
import io.streamscope.sim.Simulation;
import io.streamscope.time.WatermarkStrategy;
import io.streamscope.trace.TraceEvent;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Which input a two-input subtask reads next, as Flink's InputSelection.fairSelectNextIndex: the input after the one
 * read last, if it has data, so inputs alternate element by element however many channels each has. Here input 1
 * is a union of two sources (two channels) and input 2 one source (one channel): serving channels round-robin would
 * read input 2 every third element; reading inputs alternately reads it every second.
 */
class InputSelectionTest {
    static final long COST = 10;

    @Test
    void twoInputsWithDataAlternateWhateverTheirNumberOfChannels() {
        // phase 1 (t = 0): six left elements k1..k6 are read and buffered by the join.
        // phase 2 (t = 1000): x1..x3 and y1..y3 (left, keys without partners) and c1..c6 (right, keys k1..k6) all
        // arrive at once and queue behind the join, which needs 10 ms per record. Each ci matches its ki as soon as
        // it is processed, so the JoinMatched times are the times the right elements were processed.
        PartitionedLog a = new PartitionedLog("a", 1, true);
        PartitionedLog b = new PartitionedLog("b", 1, true);
        PartitionedLog c = new PartitionedLog("c", 1, true);
        for (int i = 1; i <= 6; i++) {
            a.append(0, null, Row.of("key", "k" + i, "side", "left"), 100, 0);
        }
        for (int i = 1; i <= 3; i++) {
            a.append(0, null, Row.of("key", "x" + i, "side", "left"), 100, 1000);
            b.append(0, null, Row.of("key", "y" + i, "side", "left"), 100, 1000);
        }
        for (int i = 1; i <= 6; i++) {
            c.append(0, null, Row.of("key", "k" + i, "side", "right"), 100, 1000);
        }
        StreamExecutionEnvironment env = StreamExecutionEnvironment.create();
        // no watermarks: only records reach the join before the end, so every read is a record's
        WatermarkStrategy none = WatermarkStrategy.noWatermarks();
        var left = env.<Row>fromSource(a, none, "a").union(env.<Row>fromSource(b, none, "b"))
                .keyBy(new FieldKeySelector("key"));
        var right = env.<Row>fromSource(c, none, "c").keyBy(new FieldKeySelector("key"));
        left.intervalJoin(right).between(Duration.ZERO, Duration.ZERO).process(new JoinFixture.Pair(), "join")
                .setProcessingCost(Duration.ofMillis(COST)).sinkTo(new CollectingSink("out"));
        Simulation sim = Simulation.of(env, EngineConfig.defaults());
        sim.runToEnd();
        List<Long> times = new ArrayList<>();
        for (TraceEvent e : sim.trace()) {
            if (e instanceof TraceEvent.JoinMatched m) {
                times.add(m.time());
            }
        }
        assertThat(times).hasSize(6);
        // while input 1 still has x/y elements queued, every second record processed is a right one: 20 ms apart
        // (channel round-robin over the three channels would make it 30 ms)
        for (int i = 1; i < 6; i++) {
            assertThat(times.get(i) - times.get(i - 1)).as("gap before c" + (i + 1)).isEqualTo(2 * COST);
        }
    }
}
