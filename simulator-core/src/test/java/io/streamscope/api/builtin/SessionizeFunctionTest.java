package io.streamscope.api.builtin;

import static org.assertj.core.api.Assertions.assertThat;

import io.streamscope.api.DataStream;
import io.streamscope.api.OutputTag;
import io.streamscope.api.SingleOutputStreamOperator;
import io.streamscope.api.StreamExecutionEnvironment;
import io.streamscope.api.functions.FieldKeySelector;
import io.streamscope.connectors.CollectingSink;
import io.streamscope.connectors.PartitionedLog;
import io.streamscope.data.Row;
import io.streamscope.runtime.EngineConfig;
import io.streamscope.sim.Simulation;
import io.streamscope.time.WatermarkStrategy;
import io.streamscope.window.EventTimeSessionWindows;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * SessionizeFunction (a KeyedProcessFunction) against EventTimeSessionWindows + count on the same input: both
 * must give the sessions derived by hand from Flink's session semantics (a window [t, t + gap) per event, merged
 * while windows intersect, touching included), fire at end - 1, and send the same records to the late output.
 */
class SessionizeFunctionTest {
    private static final long GAP = 1000;

    private static Simulation run(long[][] events) {
        PartitionedLog log = new PartitionedLog("clicks", 1, true);
        for (int i = 0; i < events.length; i++) {
            String key = "u" + events[i][0];
            long ts = events[i][1];
            log.append(0, key, Row.of("key", key, "ts", ts), ts, 10L * i);
        }
        StreamExecutionEnvironment env = StreamExecutionEnvironment.create();
        DataStream<Row> src = env.fromSource(log, WatermarkStrategy.forBoundedOutOfOrderness(Duration.ofMillis(1000))
                .withEmission(WatermarkStrategy.Emission.PER_EVENT), "clicks");
        OutputTag<Row> windowLate = new OutputTag<>("window-late");
        SingleOutputStreamOperator<Row> windows = src.keyBy(new FieldKeySelector("key"))
                .window(EventTimeSessionWindows.withGap(Duration.ofMillis(GAP)))
                .sideOutputLateData(windowLate)
                .aggregate(new StatsAggregate(List.of(AggSpec.parse("count"))), new WindowRowFunction("key"),
                        "window");
        windows.sinkTo(new CollectingSink("windows"));
        windows.getSideOutput(windowLate).sinkTo(new CollectingSink("windows-late"));
        OutputTag<Row> fnLate = new OutputTag<>("fn-late");
        SingleOutputStreamOperator<Row> fn = src.keyBy(new FieldKeySelector("key"))
                .process(new SessionizeFunction(GAP, "key", null, fnLate), "sessionize");
        fn.sinkTo(new CollectingSink("sessions"));
        fn.getSideOutput(fnLate).sinkTo(new CollectingSink("sessions-late"));
        Simulation sim = Simulation.of(env, EngineConfig.defaults());
        sim.runToEnd();
        return sim;
    }

    private static Row session(String key, long start, long end, long count) {
        return Row.of("key", key, "start", start, "end", end, "count", count);
    }

    // sessions with gap 1000, derived by hand:
    // u1: 0, 400, 1300 -> [0, 2300) (400 -> 1300 is 900 apart); 3000, 3999 -> [3000, 4999);
    //     5000 -> [5000, 6000) ([3000, 4999) ends at 4999 < 5000: no touch)
    // u2: 100, 1100, 2100 -> [100, 3100) (each 1000 apart: the windows touch and merge)
    private static final List<Row> EXPECTED = List.of(
            session("u1", 0, 2300, 3), session("u1", 3000, 4999, 2), session("u1", 5000, 6000, 1),
            session("u2", 100, 3100, 3));

    @Test
    void inOrderInput() {
        long[][] events = {{1, 0}, {2, 100}, {1, 400}, {2, 1100}, {1, 1300}, {2, 2100}, {1, 3000}, {1, 3999},
                {1, 5000}};
        Simulation sim = run(events);
        assertThat(sim.sink("windows").values()).containsExactlyInAnyOrderElementsOf(EXPECTED);
        assertThat(sim.sink("sessions").values()).containsExactlyInAnyOrderElementsOf(EXPECTED);
        // both emit at the session's maxTimestamp
        sim.sink("sessions").rows().forEach(r -> assertThat(r.timestamp())
                .isEqualTo(((Row) r.value()).getLong("end") - 1));
    }

    @Test
    void outOfOrderInputWithinTheBound() {
        // each record at most 1000 ms (the bound) behind the max seen so far; a final u2@50 is far too late
        long[][] events = {{1, 400}, {1, 0}, {2, 1100}, {2, 100}, {1, 1300}, {2, 2100}, {1, 3999}, {1, 3000},
                {1, 5000}, {2, 50}};
        Simulation sim = run(events);
        assertThat(sim.sink("windows").values()).containsExactlyInAnyOrderElementsOf(EXPECTED);
        assertThat(sim.sink("sessions").values()).containsExactlyInAnyOrderElementsOf(EXPECTED);
        // watermark before u2@50 is 5000 - 1000 - 1 = 3999; [50, 1050) is complete by then and u2's session
        // [100, 3100) was fired and cleared at 3099: late for both
        assertThat(sim.sink("windows-late").values()).containsExactly(Row.of("key", "u2", "ts", 50L));
        assertThat(sim.sink("sessions-late").values()).containsExactly(Row.of("key", "u2", "ts", 50L));
    }

    @Test
    void aBridgingRecordArrivingAfterTheFirstSessionFiredStartsANewOne() {
        // u2@2100 moves the watermark to 2100 - 1000 - 1 = 1099 = maxTimestamp of u2's [100, 1100): it fires and
        // is cleared. u2@1100 (not late: its window [1100, 2100) ends after 1099) then touches only [2100, 3100).
        long[][] events = {{2, 100}, {2, 2100}, {2, 1100}};
        Simulation sim = run(events);
        List<Row> expected = List.of(session("u2", 100, 1100, 1), session("u2", 1100, 3100, 2));
        assertThat(sim.sink("windows").values()).containsExactlyInAnyOrderElementsOf(expected);
        assertThat(sim.sink("sessions").values()).containsExactlyInAnyOrderElementsOf(expected);
        assertThat(sim.sink("windows-late").rows()).isEmpty();
        assertThat(sim.sink("sessions-late").rows()).isEmpty();
    }
}
