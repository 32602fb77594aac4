package io.streamscope.window;

import static org.assertj.core.api.Assertions.assertThat;

import io.streamscope.api.OutputTag;
import io.streamscope.api.SingleOutputStreamOperator;
import io.streamscope.api.StreamExecutionEnvironment;
import io.streamscope.api.WindowedStream;
import io.streamscope.api.functions.FieldKeySelector;
import io.streamscope.connectors.CollectingSink;
import io.streamscope.connectors.SinkTable;
import io.streamscope.data.Row;
import io.streamscope.runtime.EngineConfig;
import io.streamscope.runtime.StreamOperator;
import io.streamscope.runtime.Subtask;
import io.streamscope.sim.Simulation;
import io.streamscope.testing.Script;
import io.streamscope.testing.WindowOut;
import io.streamscope.trace.TraceEvent;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.function.UnaryOperator;
import org.junit.jupiter.api.Test;

/**
 * Event-time windows as Flink's WindowOperator with the EventTimeTrigger: a window fires when the watermark
 * reaches its maxTimestamp (end - 1), emits at end - 1, keeps state until maxTimestamp + allowedLateness,
 * re-fires with its full contents for records within the lateness, and sends records that are late for all
 * their windows to the late side output (or drops and counts them).
 */
class EventTimeWindowTest {

    /** Runs a script through keyBy(key).window(...) with {@link WindowOut}; sinks "out" and "late". */
    static Simulation run(Script script, WindowAssigner assigner, UnaryOperator<WindowedStream<Row, Object>> conf,
                          boolean lateOutput, int parallelism) {
        StreamExecutionEnvironment env = StreamExecutionEnvironment.create();
        OutputTag<Row> late = new OutputTag<>("late");
        WindowedStream<Row, Object> w = script.source(env).keyBy(new FieldKeySelector("key")).window(assigner);
        w = conf.apply(w);
        if (lateOutput) {
            w.sideOutputLateData(late);
        }
        SingleOutputStreamOperator<Row> out = w.process(new WindowOut(), "window").setParallelism(parallelism);
        out.sinkTo(new CollectingSink("out")).setParallelism(parallelism);
        if (lateOutput) {
            out.getSideOutput(late).sinkTo(new CollectingSink("late")).setParallelism(parallelism);
        }
        Simulation sim = Simulation.of(env, EngineConfig.defaults());
        sim.runToEnd();
        return sim;
    }

    static List<Row> stripped(SinkTable t) {
        List<Row> out = new ArrayList<>();
        for (Object v : t.values()) {
            out.add(WindowOut.strip(v));
        }
        return out;
    }

    static Row outRow(Simulation sim, int i) {
        return (Row) sim.sink("out").rows().get(i).value();
    }

    @Test
    void tumblingWindowsFireWhenTheWatermarkReachesMaxTimestamp() {
        // the scenario of Flink's WindowOperatorTest.testTumblingEventTimeWindows (size 3 s), same expectations
        Script s = new Script()
                .data("key2", 1, 3999).data("key2", 1, 3000)
                .data("key1", 1, 20).data("key1", 1, 0).data("key1", 1, 999)
                .data("key2", 1, 1998).data("key2", 1, 1999).data("key2", 1, 1000)
                .watermark(999).watermark(1999)
                .watermark(2999)
                .watermark(3999).watermark(4999)
                .watermark(5999)
                .watermark(6999).watermark(7999);
        Simulation sim = run(s, TumblingEventTimeWindows.of(Duration.ofSeconds(3)), w -> w, false, 1);
        assertThat(stripped(sim.sink("out"))).containsExactlyInAnyOrder(
                WindowOut.row("key1", 0, 3000, List.of(1L, 1L, 1L)),
                WindowOut.row("key2", 0, 3000, List.of(1L, 1L, 1L)),
                WindowOut.row("key2", 3000, 6000, List.of(1L, 1L)));
        for (SinkTable.Row r : sim.sink("out").rows()) {
            Row v = (Row) r.value();
            long end = (Long) v.get("end");
            // fired by the watermark end - 1 itself, not by the one before (end - 1001) nor later
            assertThat(v.get("wm")).isEqualTo(end - 1);
            // the result carries the window's maxTimestamp
            assertThat(r.timestamp()).isEqualTo(end - 1);
        }
    }

    @Test
    void slidingWindowsPortedFromFlink() {
        // the scenario of Flink's WindowOperatorTest.testSlidingEventTimeWindows (size 3 s, slide 1 s)
        Script s = new Script()
                .data("key2", 1, 3999).data("key2", 1, 3000)
                .data("key1", 1, 20).data("key1", 1, 0).data("key1", 1, 999)
                .data("key2", 1, 1998).data("key2", 1, 1999).data("key2", 1, 1000)
                .watermark(999).watermark(1999).watermark(2999).watermark(3999).watermark(4999)
                .watermark(5999).watermark(6999).watermark(7999);
        Simulation sim = run(s, SlidingEventTimeWindows.of(Duration.ofSeconds(3), Duration.ofSeconds(1)),
                w -> w, false, 1);
        List<String> got = new ArrayList<>();
        for (SinkTable.Row r : sim.sink("out").rows()) {
            Row v = (Row) r.value();
            got.add(v.get("key") + ":" + v.get("count") + "@" + r.timestamp() + "/wm" + v.get("wm"));
        }
        // Flink: wm 999 -> (key1,3)@999; 1999 -> (key1,3),(key2,3)@1999; 2999 -> (key1,3),(key2,3)@2999;
        // 3999 -> (key2,5)@3999; 4999 -> (key2,2)@4999; 5999 -> (key2,2)@5999; nothing after
        assertThat(got).containsExactlyInAnyOrder(
                "key1:3@999/wm999",
                "key1:3@1999/wm1999", "key2:3@1999/wm1999",
                "key1:3@2999/wm2999", "key2:3@2999/wm2999",
                "key2:5@3999/wm3999",
                "key2:2@4999/wm4999",
                "key2:2@5999/wm5999");
    }

    @Test
    void watermarkEndMinusTwoDoesNotFireEndMinusOneDoes() {
        Script s = new Script().data("a", 7, 500).watermark(998).watermark(999);
        StreamExecutionEnvironment env = StreamExecutionEnvironment.create();
        s.source(env).keyBy(new FieldKeySelector("key"))
                .window(TumblingEventTimeWindows.of(Duration.ofSeconds(1)))
                .process(new WindowOut(), "window")
                .sinkTo(new CollectingSink("out"));
        Simulation sim = Simulation.of(env, EngineConfig.defaults());
        sim.runUntilTime(Script.timeOfEntry(2) - 1); // watermark 998 delivered and processed
        assertThat(sim.view().subtask("window[0]").watermark()).isEqualTo(998);
        assertThat(sim.sink("out").rows()).isEmpty();
        sim.runUntilTime(Script.timeOfEntry(2) + 50); // watermark 999
        assertThat(sim.sink("out").rows()).hasSize(1);
        assertThat(outRow(sim, 0).get("wm")).isEqualTo(999L);
        assertThat(sim.sink("out").rows().get(0).timestamp()).isEqualTo(999L);
    }

    @Test
    void allowedLatenessRefiresWithFullContentsThenClearsSilently() {
        Script s = new Script()
                .data("a", 1, 100)
                .data("a", 2, 900)
                .watermark(999)           // 2: on-time firing [1, 2]
                .data("a", 3, 300)        // 3: within lateness (cleanup at 999 + 500): late firing [1, 2, 3]
                .watermark(1498)          // 4: nothing
                .data("a", 4, 400)        // 5: late firing [1, 2, 3, 4]
                .watermark(1499)          // 6: cleanup time: state cleared, nothing emitted
                .data("a", 5, 999);       // 7: 999 + 500 == watermark 1499: late (equality is late)
        Simulation sim = run(s, TumblingEventTimeWindows.of(Duration.ofSeconds(1)),
                w -> w.allowedLateness(Duration.ofMillis(500)), true, 1);
        assertThat(stripped(sim.sink("out"))).containsExactly(
                WindowOut.row("a", 0, 1000, List.of(1L, 2L)),
                WindowOut.row("a", 0, 1000, List.of(1L, 2L, 3L)),
                WindowOut.row("a", 0, 1000, List.of(1L, 2L, 3L, 4L)));
        assertThat(outRow(sim, 0).get("wm")).isEqualTo(999L);
        assertThat(outRow(sim, 1).get("wm")).isEqualTo(999L);
        assertThat(outRow(sim, 2).get("wm")).isEqualTo(1498L);
        // late firings carry the window's maxTimestamp too
        assertThat(sim.sink("out").rows()).allSatisfy(r -> assertThat(r.timestamp()).isEqualTo(999L));
        assertThat(sim.sink("late").values()).containsExactly(Row.of("key", "a", "value", 5L, "ts", 999L));
        assertThat(sim.sink("late").rows().get(0).timestamp()).isEqualTo(999L);

        List<String> firings = new ArrayList<>();
        List<TraceEvent.WindowCleared> cleared = new ArrayList<>();
        for (TraceEvent e : sim.trace()) {
            if (e instanceof TraceEvent.WindowFired f) {
                firings.add(f.firing());
            } else if (e instanceof TraceEvent.WindowCleared c) {
                cleared.add(c);
            }
        }
        assertThat(firings).containsExactly("on-time", "late", "late");
        assertThat(cleared).hasSize(1);
        assertThat(cleared.get(0).start()).isEqualTo(0);
        assertThat(cleared.get(0).end()).isEqualTo(1000);
        // the cleanup happened at the watermark 1499 (entry 6) and emitted nothing
        long clearedAt = cleared.get(0).time();
        assertThat(clearedAt).isBetween(Script.timeOfEntry(6), Script.timeOfEntry(7) - 1);
        assertThat(sim.sink("out").rows()).allSatisfy(r -> assertThat(r.time()).isLessThan(clearedAt));
    }

    @Test
    void lateRecordWithoutSideOutputIsDroppedAndCounted() {
        Script s = new Script().data("a", 1, 100).watermark(999).data("a", 2, 999).data("a", 3, 1000);
        Simulation sim = run(s, TumblingEventTimeWindows.of(Duration.ofSeconds(1)), w -> w, false, 1);
        // ts 999 with lateness 0: 999 <= watermark 999 -> late and dropped; ts 1000 belongs to [1000, 2000)
        assertThat(stripped(sim.sink("out"))).containsExactly(
                WindowOut.row("a", 0, 1000, List.of(1L)),
                WindowOut.row("a", 1000, 2000, List.of(3L)));
        WindowOperator op = windowOperator(sim, "window[0]");
        assertThat(op.lateRecordsDropped()).isEqualTo(1);
        List<TraceEvent.LateRecord> late = new ArrayList<>();
        for (TraceEvent e : sim.trace()) {
            if (e instanceof TraceEvent.LateRecord l) {
                late.add(l);
            }
        }
        assertThat(late).hasSize(1);
        assertThat(late.get(0).timestamp()).isEqualTo(999);
        assertThat(late.get(0).watermark()).isEqualTo(999);
        assertThat(late.get(0).sideOutput()).isNull();
    }

    static WindowOperator windowOperator(Simulation sim, String subtask) {
        Subtask st = sim.runtime().subtask(subtask);
        for (StreamOperator op : st.operators()) {
            if (op instanceof WindowOperator w) {
                return w;
            }
        }
        throw new AssertionError("no window operator in " + subtask);
    }

    @Test
    void slidingRecordIsLateOnlyWhenAllItsWindowsAreLate() {
        Script s = new Script()
                .data("a", 1, 100)
                .data("a", 2, 1200)
                .watermark(1999)   // fires [-1000, 1000) and [0, 2000)
                .data("a", 3, 1500) // [0, 2000) is late, [1000, 3000) is not: counted there, not late output
                .data("a", 4, 500)  // [-1000, 1000) and [0, 2000) both late: late output
                .watermark(2999);
        Simulation sim = run(s, SlidingEventTimeWindows.of(Duration.ofSeconds(2), Duration.ofSeconds(1)), w -> w,
                true, 1);
        assertThat(stripped(sim.sink("out"))).containsExactlyInAnyOrder(
                WindowOut.row("a", -1000, 1000, List.of(1L)),
                WindowOut.row("a", 0, 2000, List.of(1L, 2L)),
                WindowOut.row("a", 1000, 3000, List.of(2L, 3L)));
        assertThat(sim.sink("late").values()).containsExactly(Row.of("key", "a", "value", 4L, "ts", 500L));
    }

    @Test
    void endOfBoundedInputFiresAllRemainingWindows() {
        Script s = new Script().data("a", 1, 100).data("b", 2, 5000).data("a", 3, 61_000);
        Simulation sim = run(s, TumblingEventTimeWindows.of(Duration.ofSeconds(10)), w -> w, false, 2);
        assertThat(stripped(sim.sink("out"))).containsExactlyInAnyOrder(
                WindowOut.row("a", 0, 10_000, List.of(1L)),
                WindowOut.row("b", 0, 10_000, List.of(2L)),
                WindowOut.row("a", 60_000, 70_000, List.of(3L)));
        // the final watermark of a bounded source is Long.MAX_VALUE
        assertThat(sim.sink("out").values()).allSatisfy(v -> assertThat(((Row) v).get("wm")).isEqualTo(Long.MAX_VALUE));
        assertThat(sim.isFinished()).isTrue();
    }
}
