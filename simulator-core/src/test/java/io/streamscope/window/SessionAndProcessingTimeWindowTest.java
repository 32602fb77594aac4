package io.streamscope.window;

import static org.assertj.core.api.Assertions.assertThat;

import io.streamscope.api.StreamExecutionEnvironment;
import io.streamscope.api.functions.FieldKeySelector;
import io.streamscope.connectors.CollectingSink;
import io.streamscope.connectors.PartitionedLog;
import io.streamscope.connectors.SinkTable;
import io.streamscope.data.Row;
import io.streamscope.runtime.EngineConfig;
import io.streamscope.sim.Simulation;
import io.streamscope.testing.Script;
import io.streamscope.testing.WindowOut;
import io.streamscope.trace.TraceEvent;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Merging session windows (Flink's MergingWindowSet + EventTimeTrigger.onMerge) and processing-time windows. */
class SessionAndProcessingTimeWindowTest {

    /** Values of a window output, sorted: the order of merged window contents is not part of the contract. */
    private static Row sortedValues(Object v) {
        Row r = WindowOut.strip(v);
        @SuppressWarnings("unchecked")
        List<Long> values = new ArrayList<>((List<Long>) r.get("values"));
        values.sort(null);
        return r.with("values", values);
    }

    private static List<Row> sorted(SinkTable t) {
        List<Row> out = new ArrayList<>();
        for (Object v : t.values()) {
            out.add(sortedValues(v));
        }
        return out;
    }

    @Test
    void sessionsMergeIncludingTouchingWindows() {
        Script s = new Script()
                .data("a", 1, 0)      // [0, 1000)
                .data("a", 2, 2000)   // [2000, 3000)
                .data("a", 3, 1000)   // [1000, 2000) touches both (TimeWindow.intersects): one session [0, 3000)
                .data("b", 4, 0)      // [0, 1000)
                .data("b", 5, 1001)   // [1001, 2001): 1 ms apart, does not touch -> two sessions
                .watermark(2999);
        Simulation sim = EventTimeWindowTest.run(s, EventTimeSessionWindows.withGap(Duration.ofSeconds(1)),
                w -> w, true, 1);
        assertThat(sorted(sim.sink("out"))).containsExactlyInAnyOrder(
                WindowOut.row("a", 0, 3000, List.of(1L, 2L, 3L)),
                WindowOut.row("b", 0, 1000, List.of(4L)),
                WindowOut.row("b", 1001, 2001, List.of(5L)));
        // each session fires at its own maxTimestamp, emitted with it
        for (SinkTable.Row r : sim.sink("out").rows()) {
            assertThat(r.timestamp()).isEqualTo((Long) ((Row) r.value()).get("end") - 1);
        }
        // the merged-away windows' timers were deleted: exactly one firing per session
        long fired = sim.trace().stream().filter(e -> e instanceof TraceEvent.WindowFired).count();
        assertThat(fired).isEqualTo(3);
        assertThat(sim.sink("late").rows()).isEmpty();
    }

    @Test
    void sessionsWithGapExactlyBetweenEventsMergeAndFireWhenTheWatermarkPassesTheMergedEnd() {
        // events 1000 apart with a 1000 ms gap: [0,1000) and [1000,2000) touch, one session [0, 2000)
        Script s = new Script().data("a", 1, 0).data("a", 2, 1000).watermark(999).watermark(1998).watermark(1999);
        Simulation sim = EventTimeWindowTest.run(s, EventTimeSessionWindows.withGap(Duration.ofSeconds(1)),
                w -> w, false, 1);
        assertThat(sorted(sim.sink("out"))).containsExactly(WindowOut.row("a", 0, 2000, List.of(1L, 2L)));
        assertThat(((Row) sim.sink("out").values().get(0)).get("wm")).isEqualTo(1999L);
    }

    @Test
    void lateRecordMergingIntoALiveSessionRefiresIt() {
        Script s = new Script()
                .data("a", 1, 0)          // [0, 1000)
                .watermark(1500)          // fires [0, 1000); kept until 999 + 1000 (allowed lateness)
                .data("a", 2, 500)        // [500, 1500) merges into [0, 1500): already due -> late firing
                .watermark(2499)          // cleanup of [0, 1500) at 1499 + 1000: nothing emitted
                .data("a", 3, 100);       // [100, 1100): nothing to merge with, late for good -> side output
        Simulation sim = EventTimeWindowTest.run(s, EventTimeSessionWindows.withGap(Duration.ofSeconds(1)),
                w -> w.allowedLateness(Duration.ofSeconds(1)), true, 1);
        assertThat(sorted(sim.sink("out"))).containsExactly(
                WindowOut.row("a", 0, 1000, List.of(1L)),
                WindowOut.row("a", 0, 1500, List.of(1L, 2L)));
        assertThat(((Row) sim.sink("out").values().get(1)).get("wm")).isEqualTo(1500L);
        assertThat(sim.sink("late").values()).containsExactly(Row.of("key", "a", "value", 3L, "ts", 100L));
        List<String> cleared = new ArrayList<>();
        List<String> firings = new ArrayList<>();
        for (TraceEvent e : sim.trace()) {
            if (e instanceof TraceEvent.WindowCleared c) {
                cleared.add("[" + c.start() + ", " + c.end() + ")");
            } else if (e instanceof TraceEvent.WindowFired f) {
                firings.add(f.firing());
            }
        }
        // the merged window is cleared once, at its own cleanup time; [0, 1000)'s cleanup timer was deleted
        assertThat(cleared).containsExactly("[0, 1500)");
        assertThat(firings).containsExactly("on-time", "late");
    }

    @Test
    void processingTimeWindowsFireOnTheVirtualProcessingClock() {
        PartitionedLog log = new PartitionedLog("events", 1, false);
        log.append(0, "a", Row.of("key", "a", "value", 1L), 0, 100);
        log.append(0, "a", Row.of("key", "a", "value", 2L), 0, 300);
        log.append(0, "a", Row.of("key", "a", "value", 3L), 0, 1200);
        StreamExecutionEnvironment env = StreamExecutionEnvironment.create();
        env.<Row>fromSource(log, io.streamscope.time.WatermarkStrategy.noWatermarks(), "events")
                .keyBy(new FieldKeySelector("key"))
                .window(TumblingProcessingTimeWindows.of(Duration.ofSeconds(1)))
                .process(new WindowOut(), "window")
                .sinkTo(new CollectingSink("out"));
        Simulation sim = Simulation.of(env, EngineConfig.defaults());
        sim.runUntilTime(998);
        assertThat(sim.sink("out").rows()).isEmpty();
        sim.runUntilTime(3000);
        // windows by the processing time at the window operator; each fires when that clock reaches end - 1
        assertThat(sorted(sim.sink("out"))).containsExactly(
                WindowOut.row("a", 0, 1000, List.of(1L, 2L)),
                WindowOut.row("a", 1000, 2000, List.of(3L)));
        assertThat(sim.sink("out").rows().get(0).time()).isEqualTo(999);
        assertThat(sim.sink("out").rows().get(1).time()).isEqualTo(1999);
        assertThat(sim.sink("out").rows().get(0).timestamp()).isEqualTo(999); // window.maxTimestamp()
    }
}
