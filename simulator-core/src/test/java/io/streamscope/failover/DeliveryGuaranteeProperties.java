package io.streamscope.failover;

import static org.assertj.core.api.Assertions.assertThat;

import io.streamscope.api.SingleOutputStreamOperator;
import io.streamscope.api.StreamExecutionEnvironment;
import io.streamscope.api.functions.FieldKeySelector;
import io.streamscope.checkpoint.CheckpointConfig;
import io.streamscope.checkpoint.CompletedCheckpoint;
import io.streamscope.checkpoint.OperatorState;
import io.streamscope.checkpoint.OperatorSubtaskState;
import io.streamscope.connectors.CollectingSink;
import io.streamscope.connectors.DeliveryGuarantee;
import io.streamscope.connectors.PartitionedLog;
import io.streamscope.connectors.SinkTable;
import io.streamscope.data.Row;
import io.streamscope.graph.ClusterSpec;
import io.streamscope.runtime.EngineConfig;
import io.streamscope.runtime.SourceReader;
import io.streamscope.sim.Simulation;
import io.streamscope.state.HeapKeyedStateBackend;
import io.streamscope.state.KeyGroupStateWriter;
import io.streamscope.state.StateSerializer;
import io.streamscope.testing.Counter;
import io.streamscope.time.WatermarkStrategy;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.statistics.Statistics;

/**
 * Over random jobs, inputs and fault plans: the exactly-once sink's read_committed output equals the output of the
 * same job run without failures (per key, in order); the at-least-once sink's output contains it, and what it has
 * more are exactly the duplicates it counted; and the keyed state in every completed checkpoint is the count of
 * the records before the checkpointed offsets.
 *
 * <p>Keys are partitioned like Kafka's default partitioner does (a key always goes to the same partition), so the
 * order of one key's records is fixed and a failure-free run has one right answer per key.
 */
class DeliveryGuaranteeProperties {

    /** A planned fault: kind 0 fails a subtask, 1 kills a TaskManager. */
    record PlannedFault(int kind, long at, int target) {
    }

    /** A random job and input; mode 0 is aligned, 1 unaligned, 2 aligned switching to unaligned after a timeout. */
    record Job(int partitions, int sourceParallelism, int countParallelism, int keys, List<List<int[]>> records,
               long interval, long cost, long jitter, long seed, List<PlannedFault> faults, long restartDelay,
               int mode, long alignedTimeout, int buffers) {
    }

    @Provide
    Arbitrary<Job> jobs() {
        // half the records come in bursts (no gap), so that slow counters build up in-flight data
        Arbitrary<Integer> gap = Arbitraries.oneOf(Arbitraries.just(0), Arbitraries.integers().between(0, 25));
        Arbitrary<int[]> record = Combinators.combine(Arbitraries.integers().between(0, 4), gap)
                .as((k, g) -> new int[] {k, g});
        Arbitrary<List<List<int[]>>> records = record.list().ofMaxSize(30).list().ofSize(3);
        Arbitrary<PlannedFault> fault = Combinators.combine(Arbitraries.integers().between(0, 1),
                Arbitraries.longs().between(5, 700), Arbitraries.integers().between(0, 5)).as(PlannedFault::new);
        Arbitrary<int[]> shape = Combinators.combine(Arbitraries.integers().between(1, 3),
                Arbitraries.integers().between(1, 3), Arbitraries.integers().between(1, 3),
                Arbitraries.integers().between(1, 5)).as((p, sp, cp, k) -> new int[] {p, sp, cp, k});
        Arbitrary<long[]> timing = Combinators.combine(Arbitraries.longs().between(15, 150),
                Arbitraries.longs().between(0, 8), Arbitraries.longs().between(0, 3),
                Arbitraries.longs().between(0, 1000), Arbitraries.longs().between(0, 80))
                .as((i, c, j, s, d) -> new long[] {i, c, j, s, d});
        Arbitrary<int[]> checkpointing = Combinators.combine(Arbitraries.integers().between(0, 2),
                Arbitraries.integers().between(1, 60), Arbitraries.integers().between(1, 4))
                .as((m, t, b) -> new int[] {m, t, b});
        return Combinators.combine(shape, records, timing, fault.list().ofMaxSize(3), checkpointing)
                .as((sh, rs, t, fs, c) -> new Job(sh[0], sh[1], sh[2], sh[3], rs, t[0], t[1], t[2], t[3], fs, t[4],
                        c[0], c[1], c[2]));
    }

    /**
     * Unaligned jobs under backpressure that fail at least once: bursts into slow counters with few buffers, so
     * that barriers overtake queued records and recoveries restore in-flight data.
     */
    @Provide
    Arbitrary<Job> unalignedRecoveries() {
        Arbitrary<int[]> record = Combinators.combine(Arbitraries.integers().between(0, 4),
                Arbitraries.integers().between(0, 5)).as((k, g) -> new int[] {k, g});
        Arbitrary<List<List<int[]>>> records = record.list().ofMinSize(10).ofMaxSize(50).list().ofSize(3);
        Arbitrary<PlannedFault> fault = Combinators.combine(Arbitraries.integers().between(0, 1),
                Arbitraries.longs().between(20, 400), Arbitraries.integers().between(0, 5)).as(PlannedFault::new);
        Arbitrary<int[]> shape = Combinators.combine(Arbitraries.integers().between(1, 3),
                Arbitraries.integers().between(1, 3), Arbitraries.integers().between(1, 3),
                Arbitraries.integers().between(1, 5)).as((p, sp, cp, k) -> new int[] {p, sp, cp, k});
        Arbitrary<long[]> timing = Combinators.combine(Arbitraries.longs().between(15, 60),
                Arbitraries.longs().between(4, 8), Arbitraries.longs().between(0, 3),
                Arbitraries.longs().between(0, 1000), Arbitraries.longs().between(0, 30))
                .as((i, c, j, sd, d) -> new long[] {i, c, j, sd, d});
        Arbitrary<int[]> checkpointing = Combinators.combine(Arbitraries.integers().between(1, 2),
                Arbitraries.integers().between(1, 20), Arbitraries.integers().between(1, 2))
                .as((m, t, b) -> new int[] {m, t, b});
        return Combinators.combine(shape, records, timing, fault.list().ofMinSize(1).ofMaxSize(3), checkpointing)
                .as((sh, rs, t, fs, c) -> new Job(sh[0], sh[1], sh[2], sh[3], rs, t[0], t[1], t[2], t[3], fs, t[4],
                        c[0], c[1], c[2]));
    }

    @Property(tries = 80)
    void unalignedCheckpointsRecoverExactlyOnceWithTheirInFlightData(@ForAll("unalignedRecoveries") Job job) {
        exactlyOnceCommitsTheFailureFreeOutputAndAtLeastOnceContainsIt(job);
    }

    /** Key k goes to partition k % partitions; a record's key is drawn among the keys of its partition. */
    static PartitionedLog log(Job job) {
        PartitionedLog log = new PartitionedLog("events", job.partitions(), true);
        for (int p = 0; p < job.partitions(); p++) {
            List<Integer> keys = new ArrayList<>();
            for (int k = 0; k < job.keys(); k++) {
                if (k % job.partitions() == p) {
                    keys.add(k);
                }
            }
            if (keys.isEmpty()) {
                continue;
            }
            long at = 0;
            int o = 0;
            for (int[] r : job.records().get(p)) {
                at += r[1];
                String key = "k" + keys.get(r[0] % keys.size());
                log.append(p, key, Row.of("key", key, "p", (long) p, "o", (long) o), o, at);
                o++;
            }
        }
        return log;
    }

    static Simulation run(Job job, PartitionedLog log, boolean withFaults) {
        Simulation sim = start(job, log, withFaults);
        // bounded input: the job must end; a virtual minute is far more than any of these jobs needs
        sim.runUntilTime(60_000);
        assertThat(sim.isFinished()).as("the job finishes (status %s)", sim.jobStatus()).isTrue();
        return sim;
    }

    /** Deploys the job (with its faults planned when asked) without running it. */
    static Simulation start(Job job, PartitionedLog log, boolean withFaults) {
        CheckpointConfig checkpoints = CheckpointConfig.every(job.interval()).withRetained(1000);
        if (job.mode() == 1) {
            checkpoints = checkpoints.withUnaligned(true, 0);
        } else if (job.mode() == 2) {
            checkpoints = checkpoints.withUnaligned(true, job.alignedTimeout());
        }
        StreamExecutionEnvironment env = StreamExecutionEnvironment.create()
                .setCheckpointConfig(checkpoints)
                .setRestartStrategy(new RestartStrategy.FixedDelay(100, job.restartDelay()));
        SingleOutputStreamOperator<Row> counts = env.<Row>fromSource(log, WatermarkStrategy.forMonotonousTimestamps(),
                        "src").setParallelism(job.sourceParallelism())
                .keyBy(new FieldKeySelector("key"))
                .process(new Counter(), "count").setParallelism(job.countParallelism())
                .setProcessingCost(Duration.ofMillis(job.cost()));
        counts.sinkTo(new CollectingSink("exactly", DeliveryGuarantee.EXACTLY_ONCE))
                .setParallelism(job.countParallelism());
        counts.sinkTo(new CollectingSink("atLeast", DeliveryGuarantee.AT_LEAST_ONCE))
                .setParallelism(job.countParallelism());
        EngineConfig config = EngineConfig.defaults().withSeed(job.seed()).withLatency(1, job.jitter())
                .withBuffers(job.buffers(), job.buffers()).withCluster(new ClusterSpec(2, 2));
        Simulation sim = Simulation.of(env, config);
        if (withFaults) {
            List<Fault> faults = new ArrayList<>();
            List<String> subtasks = new ArrayList<>();
            sim.runtime().subtasks().forEach(s -> subtasks.add(s.id()));
            for (PlannedFault f : job.faults()) {
                if (f.kind() == 0) {
                    faults.add(new Fault.FailSubtask(f.at(), subtasks.get(f.target() % subtasks.size())));
                } else {
                    faults.add(new Fault.KillTaskManager(f.at(), "tm-" + (1 + f.target() % 2), f.target() * 5L, 0));
                }
            }
            sim.scheduleFaults(faults);
        }
        return sim;
    }

    static boolean hadChannelState(Simulation sim, long checkpointId) {
        for (CompletedCheckpoint cp : sim.runtime().coordinator().store().all()) {
            if (cp.checkpointId() == checkpointId) {
                return !cp.channelState().isEmpty();
            }
        }
        return false;
    }

    static Map<Object, List<Row>> perKey(List<SinkTable.Row> rows) {
        Map<Object, List<Row>> out = new TreeMap<>();
        for (SinkTable.Row r : rows) {
            Row row = (Row) r.value();
            out.computeIfAbsent(row.get("key"), k -> new ArrayList<>()).add(row);
        }
        return out;
    }

    static Map<Row, Integer> multiset(List<SinkTable.Row> rows) {
        Map<Row, Integer> out = new HashMap<>();
        for (SinkTable.Row r : rows) {
            out.merge((Row) r.value(), 1, Integer::sum);
        }
        return out;
    }

    @Property(tries = 120)
    void exactlyOnceCommitsTheFailureFreeOutputAndAtLeastOnceContainsIt(@ForAll("jobs") Job job) {
        PartitionedLog log = log(job);
        Simulation clean = run(job, log, false);
        Simulation faulty = run(job, log, true);

        Map<Object, List<Row>> expected = perKey(clean.sink("exactly").committedRows());
        assertThat(perKey(clean.sink("atLeast").rows())).isEqualTo(expected);
        // read_committed never shows a duplicate or loses a record, and keeps each key's order
        assertThat(perKey(faulty.sink("exactly").committedRows())).isEqualTo(expected);

        SinkTable atLeast = faulty.sink("atLeast");
        Map<Row, Integer> got = multiset(atLeast.rows());
        Map<Row, Integer> want = multiset(clean.sink("atLeast").rows());
        for (var e : want.entrySet()) {
            assertThat(got.getOrDefault(e.getKey(), 0)).as("copies of %s", e.getKey())
                    .isGreaterThanOrEqualTo(e.getValue());
        }
        assertThat(atLeast.rows().size() - atLeast.duplicates()).isEqualTo(clean.sink("atLeast").rows().size());
        if (faulty.runtime().restarts() == 0) {
            assertThat(atLeast.duplicates()).isZero();
        }
        Statistics.label("recovered").collect(faulty.runtime().restarts() > 0);
        Statistics.label("in-flight data persisted").collect(faulty.trace().stream()
                .anyMatch(e -> e instanceof io.streamscope.trace.TraceEvent.CheckpointInFlightPersisted));
        Statistics.label("restored in-flight data").collect(faulty.trace().stream()
                .anyMatch(e -> e instanceof io.streamscope.trace.TraceEvent.JobRestarted r && r.checkpointId() > 0
                        && !faulty.runtime().coordinator().store().all().isEmpty()
                        && hadChannelState(faulty, r.checkpointId())));
        Statistics.label("duplicates seen").collect(atLeast.duplicates() > 0);
        Statistics.label("transactions aborted").collect(faulty.sink("exactly").transactions().stream()
                .anyMatch(t -> t.status().equals("ABORTED")));
    }

    @Property(tries = 60)
    void everyCompletedCheckpointHoldsTheCountsOfTheRecordsBeforeItsOffsetsInStateOrInFlight(@ForAll("jobs") Job job) {
        PartitionedLog log = log(job);
        Simulation sim = run(job, log, true);
        for (CompletedCheckpoint cp : sim.runtime().coordinator().store().all()) {
            Map<Integer, Long> offsets = new TreeMap<>();
            Map<Object, Long> counts = new HashMap<>();
            for (OperatorState op : cp.operators().values()) {
                for (OperatorSubtaskState s : op.subtaskStates().values()) {
                    if (op.name().equals("src")) {
                        for (byte[] b : s.listState()) {
                            SourceReader.SplitState split = (SourceReader.SplitState) StateSerializer.deserialize(b);
                            offsets.put(split.partition(), split.nextOffset());
                        }
                    } else if (op.name().equals("count")) {
                        for (Object o : KeyGroupStateWriter.read(s.keyGroups())) {
                            HeapKeyedStateBackend.SnapshotEntry e = (HeapKeyedStateBackend.SnapshotEntry) o;
                            counts.put(e.key(), (Long) e.value());
                        }
                    }
                }
            }
            // unaligned: records still in flight at the checkpoint are in its channel state, not yet in the counts
            for (List<byte[]> elements : cp.channelState().values()) {
                for (byte[] b : elements) {
                    Object e = StateSerializer.deserialize(b);
                    if (e instanceof io.streamscope.runtime.StreamElement.Record r) {
                        counts.merge(((Row) r.value()).get("key"), 1L, Long::sum);
                    }
                }
            }
            Statistics.label("channel state in a checkpoint").collect(!cp.channelState().isEmpty());
            Map<Object, Long> expected = new LinkedHashMap<>();
            for (var o : offsets.entrySet()) {
                for (long i = 0; i < o.getValue(); i++) {
                    expected.merge(((Row) log.partition(o.getKey()).get(i, null).value()).get("key"), 1L, Long::sum);
                }
            }
            assertThat(counts).as("checkpoint %d", cp.checkpointId()).isEqualTo(expected);
        }
    }
}
