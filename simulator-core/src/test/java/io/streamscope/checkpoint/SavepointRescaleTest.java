package io.streamscope.checkpoint;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import io.streamscope.api.SingleOutputStreamOperator;
import io.streamscope.api.StreamExecutionEnvironment;
import io.streamscope.api.functions.FieldKeySelector;
import io.streamscope.connectors.CollectingSink;
import io.streamscope.connectors.DeliveryGuarantee;
import io.streamscope.connectors.PartitionedLog;
import io.streamscope.connectors.SinkTable;
import io.streamscope.data.Row;
import io.streamscope.runtime.EngineConfig;
import io.streamscope.runtime.JobRuntime;
import io.streamscope.sim.Simulation;
import io.streamscope.state.KeyGroupRangeAssignment;
import io.streamscope.testing.CheckpointTraces;
import io.streamscope.testing.Counter;
import io.streamscope.time.WatermarkStrategy;
import io.streamscope.trace.TraceEvent;
import io.streamscope.window.TumblingEventTimeWindows;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.constraints.LongRange;
import org.junit.jupiter.api.Test;

/**
 * Savepoints as Flink takes and restores them: stop-with-savepoint ends a job after a savepoint its sources stopped
 * at; a job started from it (Flink's {@code -s}) continues where it stopped, also with another parallelism, because
 * keyed state moves with its key groups; the max parallelism fixes the key groups, so a different explicit one is
 * refused, and an unset one is taken from the savepoint.
 */
class SavepointRescaleTest {
    static final int KEYS = 6;

    /** Three partitions; key k always in partition k % 3 (as Kafka's partitioner keeps a key in one partition). */
    static PartitionedLog log(int perPartition) {
        PartitionedLog log = new PartitionedLog("events", 3, true);
        int[] offsets = new int[3];
        for (int i = 0; i < 3 * perPartition; i++) {
            int k = (i * 7) % KEYS;
            int p = k % 3;
            log.append(p, null, Row.of("key", "k" + k, "p", (long) p, "o", (long) offsets[p]++, "value", 1L), i,
                    5L * i);
        }
        return log;
    }

    static StreamExecutionEnvironment env(PartitionedLog log, int sources, int counters, int countMaxParallelism) {
        StreamExecutionEnvironment env = StreamExecutionEnvironment.create()
                .setCheckpointConfig(CheckpointConfig.every(50));
        SingleOutputStreamOperator<Row> counts = env.<Row>fromSource(log, WatermarkStrategy.forMonotonousTimestamps(),
                        "src").setParallelism(sources)
                .keyBy(new FieldKeySelector("key"))
                .process(new Counter(), "count").setParallelism(counters);
        if (countMaxParallelism > 0) {
            counts.setMaxParallelism(countMaxParallelism);
        }
        counts.sinkTo(new CollectingSink("out", DeliveryGuarantee.EXACTLY_ONCE)).setParallelism(counters);
        return env;
    }

    static Simulation sim(StreamExecutionEnvironment env, CompletedCheckpoint restore) {
        return Simulation.of(env, EngineConfig.defaults(), restore);
    }

    static Map<Object, List<Row>> perKey(List<SinkTable.Row> rows) {
        Map<Object, List<Row>> out = new TreeMap<>();
        for (SinkTable.Row r : rows) {
            Row row = (Row) r.value();
            out.computeIfAbsent(row.get("key"), k -> new ArrayList<>()).add(row);
        }
        return out;
    }

    /** Runs to {@code stopAt}, stops with a savepoint, restores with new parallelisms, runs to the end. */
    static List<SinkTable.Row> stopAndRescale(PartitionedLog log, long stopAt, int sources, int counters,
                                              int newSources, int newCounters) {
        Simulation first = sim(env(log, sources, counters, -1), null);
        first.runUntilTime(stopAt);
        if (first.isFinished()) {
            return first.sink("out").committedRows(); // it ended by itself: there is nothing left to stop
        }
        first.stopWithSavepoint(false);
        first.runToEnd();
        assertThat(first.jobStatus()).isEqualTo(JobRuntime.JobStatus.FINISHED);
        CompletedCheckpoint savepoint = first.latestCompletedCheckpoint();
        assertThat(savepoint.savepoint()).isTrue();
        Simulation second = sim(env(log, newSources, newCounters, -1), savepoint);
        second.runToEnd();
        assertThat(second.isFinished()).isTrue();
        List<SinkTable.Row> all = new ArrayList<>(first.sink("out").committedRows());
        all.addAll(second.sink("out").committedRows());
        return all;
    }

    @Test
    void stopWithSavepointStopsTheSourcesAndEndsTheJob() {
        Simulation sim = sim(env(log(40), 2, 2, -1), null);
        sim.runUntilTime(200);
        sim.stopWithSavepoint(false);
        sim.runToEnd();
        assertThat(sim.jobStatus()).isEqualTo(JobRuntime.JobStatus.FINISHED);
        CompletedCheckpoint sp = sim.latestCompletedCheckpoint();
        assertThat(sp.savepoint()).isTrue();
        TraceEvent.CheckpointTriggered trigger = CheckpointTraces.of(sim.trace(), TraceEvent.CheckpointTriggered.class)
                .stream().filter(TraceEvent.CheckpointTriggered::savepoint).findFirst().orElseThrow();
        // requested at 200 while the periodic checkpoint of 200 was in progress: it waited for it (max concurrent 1)
        assertThat(trigger.time()).isBetween(200L, 210L);
        assertThat(CheckpointTraces.of(sim.trace(), TraceEvent.CheckpointCompleted.class))
                .anyMatch(c -> !c.savepoint() && c.time() == trigger.time());
        // nothing is read after a source snapshotted the savepoint, and the job does not wait for its input's end
        for (TraceEvent.CheckpointSnapshotTaken s : CheckpointTraces.of(sim.trace(),
                TraceEvent.CheckpointSnapshotTaken.class)) {
            if (s.checkpointId() == sp.checkpointId() && s.subtask().startsWith("src")) {
                assertThat(CheckpointTraces.of(sim.trace(), TraceEvent.RecordRead.class))
                        .noneMatch(r -> r.subtask().equals(s.subtask()) && r.seq() > s.seq());
            }
        }
        assertThat(CheckpointTraces.of(sim.trace(), TraceEvent.RecordRead.class)).hasSizeLessThan(120);
        // what was processed before the savepoint is committed with it
        assertThat(sim.sink("out").committedRows()).hasSameSizeAs(sim.sink("out").rows());
    }

    @Test
    void aJobRestoredFromTheSavepointContinuesWhereTheFirstStopped() {
        PartitionedLog log = log(40);
        Simulation clean = sim(env(log, 2, 2, -1), null);
        clean.runToEnd();
        Map<Object, List<Row>> expected = perKey(clean.sink("out").committedRows());
        assertThat(perKey(stopAndRescale(log, 200, 2, 2, 2, 2))).isEqualTo(expected);
    }

    @Test
    void rescalingMovesKeyedStateWithItsKeyGroups() {
        PartitionedLog log = log(40);
        Simulation clean = sim(env(log, 2, 2, -1), null);
        clean.runToEnd();
        Map<Object, List<Row>> expected = perKey(clean.sink("out").committedRows());
        assertThat(perKey(stopAndRescale(log, 200, 2, 2, 3, 3))).isEqualTo(expected);
        assertThat(perKey(stopAndRescale(log, 130, 2, 2, 1, 1))).isEqualTo(expected);
        assertThat(perKey(stopAndRescale(log, 333, 3, 1, 1, 4))).isEqualTo(expected);
    }

    @Test
    void eachRestoredSubtaskGetsExactlyTheKeysOfItsKeyGroupRange() {
        PartitionedLog log = log(40);
        Simulation first = sim(env(log, 2, 2, -1), null);
        first.runUntilTime(200);
        first.stopWithSavepoint(false);
        first.runToEnd();
        Simulation second = sim(env(log, 2, 3, -1), first.latestCompletedCheckpoint());
        second.step(); // deployed and restored at 0
        int mp = KeyGroupRangeAssignment.computeDefaultMaxParallelism(2);
        for (int i = 0; i < 3; i++) {
            int start = KeyGroupRangeAssignment.keyGroupRangeStart(mp, 3, i);
            int end = KeyGroupRangeAssignment.keyGroupRangeEnd(mp, 3, i);
            assertThat(second.view().subtask("count[" + i + "]").state()).allSatisfy(st -> {
                assertThat(st.keyGroup()).isBetween(start, end);
                assertThat(st.keyGroup()).isEqualTo(KeyGroupRangeAssignment.assignToKeyGroup(
                        st.key().replace("\"", ""), mp));
            });
        }
        long restoredKeys = second.view().subtasks().stream().mapToLong(s -> s.state().size()).sum();
        assertThat(restoredKeys).isEqualTo(KEYS);
    }

    @Test
    void aDifferentExplicitMaxParallelismIsRefusedAnUnsetOneIsTakenFromTheSavepoint() {
        PartitionedLog log = log(20);
        Simulation first = sim(env(log, 2, 2, 64), null);
        first.runUntilTime(100);
        first.stopWithSavepoint(false);
        first.runToEnd();
        CompletedCheckpoint sp = first.latestCompletedCheckpoint();
        IllegalStateException e = catchThrowableOfType(IllegalStateException.class,
                () -> sim(env(log, 2, 2, 32), sp));
        assertThat(e).isNotNull();
        assertThat(e.getMessage()).contains("cannot restore operator 'count' from savepoint " + sp.checkpointId())
                .contains("its max parallelism was 64 and is now set to 32");
        Simulation adopted = sim(env(log, 2, 3, -1), sp);
        assertThat(adopted.runtime().maxParallelism(adopted.plan().jobGraph().vertex("count"))).isEqualTo(64);
        adopted.runToEnd();
        Simulation clean = sim(env(log, 2, 2, 64), null);
        clean.runToEnd();
        List<SinkTable.Row> all = new ArrayList<>(first.sink("out").committedRows());
        all.addAll(adopted.sink("out").committedRows());
        assertThat(perKey(all)).isEqualTo(perKey(clean.sink("out").committedRows()));
    }

    @Test
    void stopWithSavepointAndDrainFiresEveryWindowFirst() {
        PartitionedLog log = log(40);
        StreamExecutionEnvironment env = StreamExecutionEnvironment.create()
                .setCheckpointConfig(CheckpointConfig.every(10_000));
        env.<Row>fromSource(log, WatermarkStrategy.forMonotonousTimestamps(), "src")
                .keyBy(new FieldKeySelector("key"))
                .window(TumblingEventTimeWindows.of(Duration.ofMillis(1000)))
                .process(new io.streamscope.testing.WindowOut(), "w")
                .sinkTo(new CollectingSink("out"));
        Simulation sim = Simulation.of(env, EngineConfig.defaults());
        sim.runUntilTime(100);
        assertThat(sim.sink("out").rows()).isEmpty(); // event time is still in the first window
        sim.stopWithSavepoint(true);
        sim.runToEnd();
        // --drain: the sources advanced event time to the end before the savepoint, so the open windows fired
        assertThat(sim.sink("out").rows()).isNotEmpty();
        OperatorState windows = sim.latestCompletedCheckpoint().operators().values().stream()
                .filter(o -> o.name().equals("w")).findFirst().orElseThrow();
        assertThat(windows.subtaskStates().values()).allMatch(s -> s.keyGroups().isEmpty());
    }

    @Property(tries = 50)
    void aJobRescaledFromASavepointProducesWhatAJobThatNeverRescaledProduces(
            @ForAll @IntRange(min = 5, max = 30) int perPartition, @ForAll @LongRange(min = 10, max = 400) long stopAt,
            @ForAll @IntRange(min = 1, max = 3) int sources, @ForAll @IntRange(min = 1, max = 4) int counters,
            @ForAll @IntRange(min = 1, max = 3) int newSources, @ForAll @IntRange(min = 1, max = 4) int newCounters) {
        PartitionedLog log = log(perPartition);
        Simulation clean = sim(env(log, sources, counters, -1), null);
        clean.runToEnd();
        assertThat(perKey(stopAndRescale(log, stopAt, sources, counters, newSources, newCounters)))
                .isEqualTo(perKey(clean.sink("out").committedRows()));
    }
}
