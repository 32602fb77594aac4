package io.streamscope.join;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.streamscope.api.IntervalJoined;
import io.streamscope.api.KeyedStream;
import io.streamscope.api.OutputTag;
import io.streamscope.api.StreamExecutionEnvironment;
import io.streamscope.api.functions.FieldKeySelector;
import io.streamscope.connectors.CollectingSink;
import io.streamscope.connectors.SinkTable;
import io.streamscope.data.Row;
import io.streamscope.runtime.EngineConfig;
import io.streamscope.sim.Simulation;
import io.streamscope.trace.TraceEvent;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;
import org.junit.jupiter.api.Test;

/**
 * The interval join as Flink's IntervalJoinOperator: a pair is emitted as soon as its second element arrives, with
 * the larger timestamp; bounds are inclusive unless made exclusive; an element below the join's watermark is late
 * (dropped, or sent to its side's late output); each element's bucket is removed when the watermark reaches the
 * cleanup time Flink registers: ts + upper for the left side (ts if upper <= 0), ts - lower for the right side (ts
 * if lower >= 0). All expected values are derived by hand from those rules.
 */
class IntervalJoinTest {
    static final OutputTag<Row> LATE_LEFT = new OutputTag<>("late-left");

    static Simulation run(JoinFixture left, JoinFixture right, long lower, long upper,
                          Consumer<IntervalJoined<Row, Row, Object>> configure) {
        StreamExecutionEnvironment env = StreamExecutionEnvironment.create();
        KeyedStream<Row, Object> l = left.source(env, "orders").keyBy(new FieldKeySelector("key"));
        KeyedStream<Row, Object> r = right.source(env, "payments").keyBy(new FieldKeySelector("key"));
        IntervalJoined<Row, Row, Object> joined = l.intervalJoin(r).between(Duration.ofMillis(lower),
                Duration.ofMillis(upper));
        configure.accept(joined);
        var out = joined.process(new JoinFixture.Pair(), "join");
        out.sinkTo(new CollectingSink("out"));
        out.getSideOutput(LATE_LEFT).sinkTo(new CollectingSink("late"));
        Simulation sim = Simulation.of(env, EngineConfig.defaults());
        sim.runToEnd();
        return sim;
    }

    static <T extends TraceEvent> List<T> events(Simulation sim, Class<T> type) {
        List<T> out = new ArrayList<>();
        for (TraceEvent e : sim.trace()) {
            if (type.isInstance(e)) {
                out.add(type.cast(e));
            }
        }
        return out;
    }

    static List<String> pairs(Simulation sim) {
        List<String> out = new ArrayList<>();
        for (SinkTable.Row r : sim.sink("out").rows()) {
            Row row = (Row) r.value();
            out.add(row.get("key") + ":" + row.get("left") + "+" + row.get("right") + "@" + r.timestamp());
        }
        return out;
    }

    @Test
    void boundsAreInclusiveByDefaultAndMatchInBothDirections() {
        // left a@1000 joins right timestamps in [1000 - 200, 1000 + 300] = [800, 1300], both ends included
        JoinFixture left = new JoinFixture("orders")
                .data("a", 1, 1000, 0)
                .data("b", 2, 5100, 700);      // arrives after its right partner b@5000
        JoinFixture right = new JoinFixture("payments")
                .data("a", 10, 799, 100)       // 1 ms below the lower bound
                .data("a", 11, 800, 200)       // the lower bound itself
                .data("a", 12, 1100, 300)
                .data("a", 13, 1300, 400)      // the upper bound itself
                .data("a", 14, 1301, 500)      // 1 ms above the upper bound
                .data("b", 20, 5000, 600);     // b@5100 will look back to [4800, 5400]
        Simulation sim = run(left, right, -200, 300, j -> { });
        assertThat(pairs(sim)).containsExactly("a:1+11@1000", "a:1+12@1100", "a:1+13@1300", "b:2+20@5100");
        // each pair is matched when its second element is processed (read at its append time, one channel
        // latency to the join), not when a watermark comes
        long hop = EngineConfig.defaults().channelLatencyMillis();
        List<TraceEvent.JoinMatched> matched = events(sim, TraceEvent.JoinMatched.class);
        assertThat(matched).extracting(TraceEvent.JoinMatched::time).containsExactly(200L + hop, 300L + hop,
                400L + hop, 700L + hop);
        assertThat(matched.get(3).leftTimestamp()).isEqualTo(5100);
        assertThat(matched.get(3).rightTimestamp()).isEqualTo(5000);
        assertThat(matched.get(3).timestamp()).isEqualTo(5100);
    }

    @Test
    void exclusiveBoundsLeaveOutTheirEnds() {
        JoinFixture left = new JoinFixture("orders").data("a", 1, 1000, 0);
        JoinFixture right = new JoinFixture("payments")
                .data("a", 11, 800, 100)
                .data("a", 12, 801, 200)
                .data("a", 13, 1299, 300)
                .data("a", 14, 1300, 400);
        Simulation sim = run(left, right, -200, 300, j -> j.lowerBoundExclusive().upperBoundExclusive());
        assertThat(pairs(sim)).containsExactly("a:1+12@1000", "a:1+13@1299");
    }

    @Test
    void aLowerBoundAboveTheUpperIsRefused() {
        StreamExecutionEnvironment env = StreamExecutionEnvironment.create();
        KeyedStream<Row, Object> l = new JoinFixture("o").source(env, "o").keyBy(new FieldKeySelector("key"));
        KeyedStream<Row, Object> r = new JoinFixture("p").source(env, "p").keyBy(new FieldKeySelector("key"));
        assertThatThrownBy(() -> l.intervalJoin(r).between(Duration.ofMillis(5), Duration.ofMillis(4))
                .process(new JoinFixture.Pair()))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("lowerBound <= upperBound must be fulfilled");
    }

    @Test
    void theJoinsWatermarkIsTheMinimumOfItsInputsAndIsForwardedOnlyWhenItAdvances() {
        JoinFixture left = new JoinFixture("orders")
                .watermark(1000, 100)
                .watermark(1200, 300)
                .watermark(1500, 500);
        JoinFixture right = new JoinFixture("payments")
                .watermark(500, 200)
                .watermark(2000, 400);
        Simulation sim = run(left, right, 0, 0, j -> { });
        List<TraceEvent.InputWatermarkAdvanced> inputs = events(sim, TraceEvent.InputWatermarkAdvanced.class);
        assertThat(inputs).filteredOn(e -> e.input() == 1).extracting(TraceEvent.InputWatermarkAdvanced::watermark)
                .containsExactly(1000L, 1200L, 1500L, Long.MAX_VALUE);
        assertThat(inputs).filteredOn(e -> e.input() == 2).extracting(TraceEvent.InputWatermarkAdvanced::watermark)
                .containsExactly(500L, 2000L, Long.MAX_VALUE);
        assertThat(inputs).filteredOn(e -> e.input() == 1).allMatch(e -> e.stream().equals("orders-data"));
        // min(1000, -) = nothing; min(1000, 500) = 500; 1200 on input 1 leaves the min at 500: nothing forwarded;
        // 2000 on input 2: min(1200, 2000) = 1200; 1500 on input 1: 1500; both ended: MAX
        assertThat(events(sim, TraceEvent.WatermarkAdvanced.class)).filteredOn(e -> e.subtask().equals("join[0]"))
                .extracting(TraceEvent.WatermarkAdvanced::watermark)
                .containsExactly(500L, 1200L, 1500L, Long.MAX_VALUE);
    }

    @Test
    void lateElementsAreDroppedOrSentToTheirSidesLateOutput() {
        // the join's watermark reaches 1000 (both inputs at 1000) before the late elements arrive
        JoinFixture left = new JoinFixture("orders")
                .watermark(1000, 100)
                .data("a", 1, 999, 300)        // late: 999 < 1000 -> side output late-left
                .data("a", 2, 1000, 400);      // not late: only timestamps below the watermark are
        JoinFixture right = new JoinFixture("payments")
                .watermark(1000, 200)
                .data("a", 10, 998, 350)       // late, and the right side has no late output: dropped
                .data("a", 11, 1000, 450);
        Simulation sim = run(left, right, 0, 0, j -> j.sideOutputLeftLateData(LATE_LEFT));
        assertThat(pairs(sim)).containsExactly("a:2+11@1000");
        List<TraceEvent.LateRecord> late = events(sim, TraceEvent.LateRecord.class);
        assertThat(late).extracting(TraceEvent.LateRecord::timestamp).containsExactly(999L, 998L);
        assertThat(late).extracting(TraceEvent.LateRecord::sideOutput).containsExactly("late-left", null);
        assertThat(late).allMatch(l -> l.watermark() == 1000);
        assertThat(sim.sink("late").values()).extracting(v -> ((Row) v).get("value")).containsExactly(1L);
    }

    @Test
    void stateIsClearedWhenTheWatermarkPassesTheCleanupTimeFlinkRegisters() {
        // between(0, 1500): left a@1000 is kept until the watermark reaches 1000 + 1500 = 2500; right a@1200 (lower
        // bound 0) only until 1200. A right element at 2400 arriving at watermark 2000 still finds the left one.
        JoinFixture left = new JoinFixture("orders")
                .data("a", 1, 1000, 0)
                .watermark(2000, 100)
                .watermark(2499, 400)
                .watermark(2500, 600);
        JoinFixture right = new JoinFixture("payments")
                .data("a", 10, 1200, 50)
                .watermark(2000, 150)
                .data("a", 11, 2400, 300)
                .watermark(3000, 350);
        Simulation sim = run(left, right, 0, 1500, j -> { });
        assertThat(pairs(sim)).containsExactly("a:1+10@1200", "a:1+11@2400");
        List<TraceEvent.TimerRegistered> timers = events(sim, TraceEvent.TimerRegistered.class);
        assertThat(timers).extracting(t -> t.namespace() + "@" + t.timestamp())
                .containsExactly("CLEANUP_LEFT@2500", "CLEANUP_RIGHT@1200", "CLEANUP_RIGHT@2400");
        List<TraceEvent.JoinStateCleared> cleared = events(sim, TraceEvent.JoinStateCleared.class);
        assertThat(cleared).extracting(c -> c.side() + "@" + c.timestamp())
                .containsExactly("right@1200", "right@2400", "left@1000");
        // the right bucket 1200 goes at watermark 2000, the left bucket 1000 only at 2500 (2499 is not enough)
        TraceEvent.JoinStateCleared leftCleared = cleared.get(2);
        assertThat(leftCleared.elements()).isEqualTo(1);
        TraceEvent.WatermarkAdvanced at = (TraceEvent.WatermarkAdvanced) sim.trace().stream()
                .filter(e -> e instanceof TraceEvent.WatermarkAdvanced w && w.subtask().equals("join[0]")
                        && w.seq() < leftCleared.seq())
                .reduce((a, b) -> b).orElseThrow();
        assertThat(at.watermark()).isEqualTo(2500);
        assertThat(leftCleared.time()).isEqualTo(600 + EngineConfig.defaults().channelLatencyMillis());
    }

    @Test
    void aNegativeWindowRegistersCleanupAtTheTimesFlinkDerives() {
        // between(-500, 0): a left element at t is cleaned up at t (upper <= 0), a right one at t + 500
        JoinFixture left = new JoinFixture("orders").data("a", 1, 1000, 0);
        JoinFixture right = new JoinFixture("payments").data("a", 10, 700, 100);
        Simulation sim = run(left, right, -500, 0, j -> { });
        assertThat(pairs(sim)).containsExactly("a:1+10@1000");
        assertThat(events(sim, TraceEvent.TimerRegistered.class)).extracting(t -> t.namespace() + "@" + t.timestamp())
                .containsExactly("CLEANUP_LEFT@1000", "CLEANUP_RIGHT@1200");
        assertThat(events(sim, TraceEvent.JoinStateCleared.class)).extracting(c -> c.side() + "@" + c.timestamp())
                .containsExactly("left@1000", "right@700");
    }

    @Test
    void theJobGraphHasOneOperatorWithTwoInboundEdgesThatHeadsItsOwnChain() {
        JoinFixture left = new JoinFixture("orders").data("a", 1, 1000, 0);
        JoinFixture right = new JoinFixture("payments").data("a", 10, 700, 100);
        Simulation sim = run(left, right, -500, 0, j -> { });
        var graph = sim.plan().jobGraph();
        var join = graph.vertex("join");
        assertThat(graph.inputs(join)).extracting(e -> e.source().name() + "/" + e.input() + "/"
                + e.partitioner().flinkName()).containsExactly("orders-data/0/HASH", "payments-data/1/HASH");
        assertThat(sim.plan().chainOf(join).head()).isEqualTo(join);
        assertThat(sim.plan().channels()).filteredOn(c -> c.receiver().id().equals("join[0]"))
                .extracting(c -> c.id() + "/" + c.input() + "/" + c.gateIndex())
                .containsExactly("orders[0]->join[0]/0/0", "payments[0]->join[0]/1/1");
    }
}
