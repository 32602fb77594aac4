package io.streamscope.join;

import static org.assertj.core.api.Assertions.assertThat;

import io.streamscope.api.DataStream;
import io.streamscope.api.StreamExecutionEnvironment;
import io.streamscope.api.functions.FieldKeySelector;
import io.streamscope.checkpoint.CheckpointConfig;
import io.streamscope.checkpoint.CompletedCheckpoint;
import io.streamscope.connectors.CollectingSink;
import io.streamscope.connectors.DeliveryGuarantee;
import io.streamscope.connectors.PartitionedLog;
import io.streamscope.connectors.SinkTable;
import io.streamscope.data.Row;
import io.streamscope.runtime.EngineConfig;
import io.streamscope.runtime.JobRuntime;
import io.streamscope.sim.Simulation;
import io.streamscope.time.WatermarkStrategy;
import io.streamscope.trace.TraceEvent;
import io.streamscope.trace.TraceJson;
import io.streamscope.view.EngineView;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import org.junit.jupiter.api.Test;

/**
 * Two-input subtasks and unions at runtime: idleness of one input lets the other drive the watermark, a union's
 * watermark is the minimum over all its channels, the view shows both inputs' watermarks, barriers are aligned over
 * the channels of both inputs so checkpoints (and a rescaling restore) keep the join's state, the trace is
 * identical run after run, and the join's result does not depend on parallelism.
 */
class TwoInputRuntimeTest {

    // ---------------------------------------------------------------- idleness

    @Test
    void anIdleInputNoLongerHoldsTheJoinsWatermarkBack() {
        // orders: monotonous timestamps, watermark = ts - 1. payments: one record at t=0 (watermark 499), then
        // silent; with withIdleness(1s) it is declared idle, and the join follows the orders alone.
        PartitionedLog orders = new PartitionedLog("orders", 1, false);
        orders.append(0, "a", Row.of("key", "a", "value", 1L), 1000, 100);
        orders.append(0, "a", Row.of("key", "a", "value", 2L), 3000, 3000);
        PartitionedLog payments = new PartitionedLog("payments", 1, false);
        payments.append(0, "a", Row.of("key", "a", "value", 10L), 500, 0);
        StreamExecutionEnvironment env = StreamExecutionEnvironment.create();
        var o = env.<Row>fromSource(orders, WatermarkStrategy.forMonotonousTimestamps(), "orders")
                .keyBy(new FieldKeySelector("key"));
        var p = env.<Row>fromSource(payments, WatermarkStrategy.forMonotonousTimestamps()
                .withIdleness(Duration.ofSeconds(1)), "payments").keyBy(new FieldKeySelector("key"));
        o.intervalJoin(p).between(Duration.ofMillis(-1000), Duration.ofMillis(0)).process(new JoinFixture.Pair(),
                "join").sinkTo(new CollectingSink("out"));
        Simulation sim = Simulation.of(env, EngineConfig.defaults());
        sim.runUntilTime(4000);
        List<TraceEvent> trace = sim.trace();
        TraceEvent.WatermarkStatusChanged idle = (TraceEvent.WatermarkStatusChanged) trace.stream()
                .filter(e -> e instanceof TraceEvent.WatermarkStatusChanged s && s.subtask().equals("join[0]")
                        && s.input().equals("input 2") && s.idle())
                .findFirst().orElseThrow();
        List<Long> before = new ArrayList<>();
        List<TraceEvent.WatermarkAdvanced> after = new ArrayList<>();
        for (TraceEvent e : trace) {
            if (e instanceof TraceEvent.WatermarkAdvanced w && w.subtask().equals("join[0]")) {
                if (w.seq() < idle.seq()) {
                    before.add(w.watermark());
                } else {
                    after.add(w);
                }
            }
        }
        // while payments count: min(999, 499) = 499 at most
        assertThat(before).containsExactly(499L);
        // once they are idle the join jumps to the orders' 999 at once, then follows them to 2999
        assertThat(after).extracting(TraceEvent.WatermarkAdvanced::watermark).containsExactly(999L, 2999L);
        assertThat(after.get(0).time()).isEqualTo(idle.time());
        // the subtask itself is not idle: one input still is active
        assertThat(trace).noneMatch(e -> e instanceof TraceEvent.WatermarkStatusChanged s
                && s.subtask().equals("join[0]") && s.input().equals("input"));
        EngineView.SubtaskView join = sim.view().subtask("join[0]");
        assertThat(join.inputWatermarks()).extracting(i -> i.input() + ":" + i.stream() + ":" + i.watermark() + ":"
                + i.idle()).containsExactly("1:orders:2999:false", "2:payments:499:true");
        assertThat(join.watermark()).isEqualTo(2999);
    }

    @Test
    void theViewNamesTheInputHoldingTheJoinBack() {
        JoinFixture left = new JoinFixture("orders").watermark(5000, 0);
        JoinFixture right = new JoinFixture("payments").watermark(2000, 0).watermark(3000, 10_000);
        StreamExecutionEnvironment env = StreamExecutionEnvironment.create();
        left.source(env, "orders").keyBy(new FieldKeySelector("key"))
                .intervalJoin(right.source(env, "payments").keyBy(new FieldKeySelector("key")))
                .between(Duration.ZERO, Duration.ofMinutes(15)).process(new JoinFixture.Pair(), "join")
                .sinkTo(new CollectingSink("out"));
        Simulation sim = Simulation.of(env, EngineConfig.defaults());
        sim.runUntilTime(100);
        EngineView.SubtaskView join = sim.view().subtask("join[0]");
        assertThat(join.watermark()).isEqualTo(2000);
        assertThat(join.inputWatermarks()).extracting(EngineView.InputWatermarkView::holdingBack)
                .containsExactly(false, true);
        assertThat(join.inputs()).extracting(i -> i.channel() + "/" + i.input())
                .containsExactly("orders[0]->join[0]/1", "payments[0]->join[0]/2");
    }

    // ---------------------------------------------------------------- union

    @Test
    void aUnionFeedsOneOperatorWhoseWatermarkIsTheMinimumOverAllItsChannels() {
        JoinFixture a = new JoinFixture("a").data("x", 1, 100, 0).watermark(1000, 10).watermark(3000, 30);
        JoinFixture b = new JoinFixture("b").data("y", 2, 200, 5).watermark(2000, 20).watermark(2500, 40);
        StreamExecutionEnvironment env = StreamExecutionEnvironment.create();
        DataStream<Row> u = a.source(env, "a").union(b.source(env, "b"));
        u.map(r -> r, "both").sinkTo(new CollectingSink("out"));
        Simulation sim = Simulation.of(env, EngineConfig.defaults());
        sim.runToEnd();
        var graph = sim.plan().jobGraph();
        assertThat(graph.inputs(graph.vertex("both"))).extracting(e -> e.source().name() + "/" + e.input())
                .containsExactly("a-data/0", "b-data/0");
        // two inbound edges: never chained to either
        assertThat(sim.plan().chainOf(graph.vertex("both")).head().name()).isEqualTo("both");
        assertThat(sim.sink("out").values()).extracting(v -> ((Row) v).get("value")).containsExactly(1L, 2L);
        // the data records' own watermarks (ts - BOUND - 1) are negative; then min(1000, 2000) = 1000,
        // min(3000, 2000) = 2000; a ends (MAX): min(MAX, 2500) = 2500; b ends: MAX
        assertThat(sim.trace()).filteredOn(e -> e instanceof TraceEvent.WatermarkAdvanced w
                        && w.subtask().equals("both[0]") && w.watermark() >= 0)
                .extracting(e -> ((TraceEvent.WatermarkAdvanced) e).watermark())
                .containsExactly(1000L, 2000L, 2500L, Long.MAX_VALUE);
    }

    @Test
    void aUnionOfAKeyedAndAnUnkeyedStreamIsRefusedNamingBoth() {
        JoinFixture a = new JoinFixture("a").data("x", 1, 100, 0);
        JoinFixture b = new JoinFixture("b").data("y", 2, 200, 5);
        StreamExecutionEnvironment env = StreamExecutionEnvironment.create();
        DataStream<Row> keyed = a.source(env, "a").keyBy(new FieldKeySelector("key"));
        keyed.union(b.source(env, "b")).map(r -> r, "both").sinkTo(new CollectingSink("out"));
        Throwable t = org.assertj.core.api.Assertions.catchThrowable(() -> Simulation.of(env,
                EngineConfig.defaults()));
        assertThat(t).hasMessageContaining("operator 'both' is keyed, but its input from 'b-data' is not"
                + " partitioned by key").hasMessageContaining("key every input of a union, or none");
    }

    @Test
    void aUnionAcrossTwoJobsIsRefused() {
        StreamExecutionEnvironment env1 = StreamExecutionEnvironment.create();
        StreamExecutionEnvironment env2 = StreamExecutionEnvironment.create();
        DataStream<Row> a = new JoinFixture("a").source(env1, "a");
        DataStream<Row> b = new JoinFixture("b").source(env2, "b");
        assertThat(org.assertj.core.api.Assertions.catchThrowable(() -> a.union(b)))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("a union needs streams of the same job");
    }

    // ---------------------------------------------------------------- checkpoints

    static PartitionedLog orders(int n) {
        PartitionedLog log = new PartitionedLog("orders", 2, true);
        for (int i = 0; i < n; i++) {
            log.append(i % 2, null, Row.of("key", "o" + (i % 7), "value", (long) i), 1000L * i, 20L * i);
        }
        return log;
    }

    static PartitionedLog payments(int n) {
        PartitionedLog log = new PartitionedLog("payments", 2, true);
        for (int i = 0; i < n; i++) {
            // each payment 0..4 s after an order of its key, and read 150 ms later than that order
            log.append(i % 2, null, Row.of("key", "o" + (i % 7), "value", 100L + i), 1000L * i + (i % 5) * 1000L,
                    20L * i + 150);
        }
        return log;
    }

    static StreamExecutionEnvironment joinJob(int n, int parallelism, boolean checkpoints) {
        StreamExecutionEnvironment env = StreamExecutionEnvironment.create();
        if (checkpoints) {
            env.setCheckpointConfig(CheckpointConfig.every(100));
        }
        var o = env.<Row>fromSource(orders(n), WatermarkStrategy.forBoundedOutOfOrderness(Duration.ofSeconds(1)),
                "orders").setParallelism(2).keyBy(new FieldKeySelector("key"));
        var p = env.<Row>fromSource(payments(n), WatermarkStrategy.forBoundedOutOfOrderness(Duration.ofSeconds(1)),
                "payments").setParallelism(2).keyBy(new FieldKeySelector("key"));
        o.intervalJoin(p).between(Duration.ZERO, Duration.ofSeconds(5)).process(new JoinFixture.Pair(), "join")
                .setParallelism(parallelism)
                .sinkTo(new CollectingSink("out", checkpoints ? DeliveryGuarantee.EXACTLY_ONCE
                        : DeliveryGuarantee.NONE)).setParallelism(parallelism);
        return env;
    }

    static List<String> sorted(List<SinkTable.Row> rows) {
        List<String> out = new ArrayList<>();
        for (SinkTable.Row r : rows) {
            out.add(r.value() + "@" + r.timestamp());
        }
        out.sort(null);
        return out;
    }

    @Test
    void barriersAreAlignedOverBothInputsAndARestoreKeepsTheJoinsState() {
        Simulation clean = Simulation.of(joinJob(60, 2, true), EngineConfig.defaults());
        clean.runToEnd();
        List<String> expected = sorted(clean.sink("out").committedRows());
        assertThat(expected).isNotEmpty();
        // the join subtasks count the barriers of all 4 channels (2 order and 2 payment senders)
        assertThat(clean.trace()).filteredOn(e -> e instanceof TraceEvent.CheckpointBarrierReceived b
                        && b.subtask().equals("join[0]") && b.checkpointId() == 1)
                .extracting(e -> ((TraceEvent.CheckpointBarrierReceived) e).needed()).containsOnly(4);
        assertThat(clean.trace()).anyMatch(e -> e instanceof TraceEvent.CheckpointAligned a
                && a.subtask().equals("join[0]"));

        // stop with a savepoint while orders are buffered, then continue at parallelism 2 and rescaled to 3 and 1
        for (int newParallelism : new int[] {2, 3, 1}) {
            Simulation first = Simulation.of(joinJob(60, 2, true), EngineConfig.defaults());
            first.runUntilTime(700);
            assertThat(first.view().subtasks().stream().filter(s -> s.id().startsWith("join"))
                    .mapToLong(s -> s.state().size()).sum()).isPositive();
            first.stopWithSavepoint(false);
            first.runToEnd();
            assertThat(first.jobStatus()).isEqualTo(JobRuntime.JobStatus.FINISHED);
            CompletedCheckpoint sp = first.latestCompletedCheckpoint();
            Simulation second = Simulation.of(joinJob(60, newParallelism, true), EngineConfig.defaults(), sp);
            second.runToEnd();
            List<SinkTable.Row> all = new ArrayList<>(first.sink("out").committedRows());
            all.addAll(second.sink("out").committedRows());
            assertThat(sorted(all)).as("restored at parallelism " + newParallelism).isEqualTo(expected);
        }
    }

    // ---------------------------------------------------------------- determinism and parallelism

    @Test
    void theSameJobGivesTheSameTraceTwice() {
        Simulation a = Simulation.of(joinJob(40, 2, true), EngineConfig.defaults());
        a.runToEnd();
        Simulation b = Simulation.of(joinJob(40, 2, true), EngineConfig.defaults());
        b.runToEnd();
        assertThat(TraceJson.write(a.trace())).isEqualTo(TraceJson.write(b.trace()));
        assertThat(a.trace()).anyMatch(e -> e instanceof TraceEvent.JoinMatched);
    }

    /**
     * With no watermarks before the end, nothing is late and nothing is cleaned up early, so the join's result is
     * exactly the nested-loop definition: every (left, right) of one key with rt in [lt + lower, lt + upper].
     */
    @Property(tries = 25)
    void theJoinsResultIsTheIntervalDefinitionAtAnyParallelism(@ForAll @IntRange(min = 1, max = 3) int parallelism,
                                                              @ForAll @IntRange(min = 0, max = 10_000) int seed,
                                                              @ForAll @IntRange(min = -3, max = 3) int lower,
                                                              @ForAll @IntRange(min = 0, max = 4) int width) {
        Random random = new Random(seed);
        List<Row> lefts = new ArrayList<>();
        List<Row> rights = new ArrayList<>();
        PartitionedLog l = new PartitionedLog("left", 2, true);
        PartitionedLog r = new PartitionedLog("right", 2, true);
        for (int i = 0; i < 12; i++) {
            Row row = Row.of("key", "k" + random.nextInt(3), "value", (long) i, "ts", (long) random.nextInt(10));
            lefts.add(row);
            l.append(i % 2, null, row, row.getLong("ts"), 5L * i + random.nextInt(5));
            Row other = Row.of("key", "k" + random.nextInt(3), "value", 100L + i, "ts", (long) random.nextInt(10));
            rights.add(other);
            r.append(i % 2, null, other, other.getLong("ts"), 5L * i + random.nextInt(5));
        }
        int upper = lower + width;
        List<String> expected = new ArrayList<>();
        for (Row a : lefts) {
            for (Row b : rights) {
                long lt = a.getLong("ts");
                long rt = b.getLong("ts");
                if (a.get("key").equals(b.get("key")) && rt >= lt + lower && rt <= lt + upper) {
                    expected.add(a.get("key") + ":" + a.get("value") + "+" + b.get("value") + "@" + Math.max(lt, rt));
                }
            }
        }
        StreamExecutionEnvironment env = StreamExecutionEnvironment.create();
        var ls = env.<Row>fromSource(l, WatermarkStrategy.noWatermarks(), "left").setParallelism(2)
                .keyBy(new FieldKeySelector("key"));
        var rs = env.<Row>fromSource(r, WatermarkStrategy.noWatermarks(), "right").setParallelism(2)
                .keyBy(new FieldKeySelector("key"));
        ls.intervalJoin(rs).between(Duration.ofMillis(lower), Duration.ofMillis(upper))
                .process(new JoinFixture.Pair(), "join").setParallelism(parallelism)
                .sinkTo(new CollectingSink("out")).setParallelism(parallelism);
        Simulation sim = Simulation.of(env, EngineConfig.defaults());
        sim.runToEnd();
        List<String> actual = new ArrayList<>();
        for (SinkTable.Row row : sim.sink("out").rows()) {
            Row v = (Row) row.value();
            actual.add(v.get("key") + ":" + v.get("left") + "+" + v.get("right") + "@" + row.timestamp());
        }
        expected.sort(null);
        actual.sort(null);
        assertThat(actual).isEqualTo(expected);
    }
}
