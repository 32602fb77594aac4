package io.streamscope.failover;

import static org.assertj.core.api.Assertions.assertThat;

import io.streamscope.api.StreamExecutionEnvironment;
import io.streamscope.api.functions.FieldKeySelector;
import io.streamscope.checkpoint.CheckpointConfig;
import io.streamscope.connectors.CollectingSink;
import io.streamscope.connectors.PartitionedLog;
import io.streamscope.connectors.SinkTable;
import io.streamscope.data.Row;
import io.streamscope.graph.ClusterSpec;
import io.streamscope.runtime.EngineConfig;
import io.streamscope.runtime.JobRuntime;
import io.streamscope.sim.Simulation;
import io.streamscope.testing.CheckpointTraces;
import io.streamscope.testing.Counter;
import io.streamscope.time.WatermarkStrategy;
import io.streamscope.trace.TraceEvent;
import io.streamscope.trace.TraceJson;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;

/**
 * Failures and recovery as Flink handles them: a failed task makes the failover strategy pick what restarts (the
 * pipelined region, which is the whole job once there is a keyBy), the restart strategy decides whether and after
 * how long; the restart cancels the tasks, drops their in-flight data, restores the latest completed checkpoint,
 * rewinds every source split to its checkpointed offset and replays. Keyed state is then exactly-once: counts come
 * out right even though a plain sink sees some records twice.
 */
class FailureRecoveryTest {
    static final String[] KEYS = {"a", "b", "c"};

    /** Two partitions, one record every 10 ms each, keys a, b, c in turn. */
    static PartitionedLog log(int perPartition) {
        PartitionedLog log = new PartitionedLog("events", 2, true);
        for (int p = 0; p < 2; p++) {
            for (int i = 0; i < perPartition; i++) {
                log.append(p, null, Row.of("key", KEYS[(i + p) % 3], "p", (long) p, "o", (long) i), i, 10L * i);
            }
        }
        return log;
    }

    /** Sources (2) -> keyBy -> count (parallelism {@code countParallelism}, 2 ms per record) -> sink. */
    static StreamExecutionEnvironment countingJob(PartitionedLog log, int countParallelism) {
        StreamExecutionEnvironment env = StreamExecutionEnvironment.create().setParallelism(2);
        env.<Row>fromSource(log, WatermarkStrategy.forMonotonousTimestamps(), "src")
                .keyBy(new FieldKeySelector("key"))
                .process(new Counter(), "count").setParallelism(countParallelism)
                .setProcessingCost(Duration.ofMillis(2))
                .sinkTo(new CollectingSink("out")).setParallelism(countParallelism);
        return env;
    }

    static Simulation run(StreamExecutionEnvironment env, EngineConfig config, List<Fault> faults) {
        Simulation sim = Simulation.of(env, config);
        sim.scheduleFaults(faults);
        sim.runToEnd();
        return sim;
    }

    /** The last count emitted per key: what the counter's state ended at. */
    static Map<Object, Long> finalCounts(SinkTable t) {
        Map<Object, Long> out = new TreeMap<>();
        for (SinkTable.Row r : t.rows()) {
            Row row = (Row) r.value();
            out.put(row.get("key"), row.getLong("count"));
        }
        return out;
    }

    static Map<Object, Long> expectedCounts(PartitionedLog log) {
        Map<Object, Long> out = new TreeMap<>();
        for (int p = 0; p < log.numPartitions(); p++) {
            for (var r : log.partition(p).records()) {
                out.merge(((Row) r.value()).get("key"), 1L, Long::sum);
            }
        }
        return out;
    }

    @Test
    void aFailedSubtaskRestoresTheLatestCheckpointRewindsTheSourcesAndReplays() {
        PartitionedLog log = log(40);
        StreamExecutionEnvironment env = countingJob(log, 1)
                .setCheckpointConfig(CheckpointConfig.every(100))
                .setRestartStrategy(new RestartStrategy.FixedDelay(3, 50));
        Simulation sim = run(env, EngineConfig.defaults(), List.of(new Fault.FailSubtask(270, "count[0]")));
        List<TraceEvent> trace = sim.trace();

        TraceEvent.JobFailover failover = CheckpointTraces.of(trace, TraceEvent.JobFailover.class).get(0);
        assertThat(failover.time()).isEqualTo(270);
        // a keyBy connects every source to every counter: one pipelined region, the whole job
        assertThat(failover.subtasks()).containsExactly("src[0]", "src[1]", "count[0]");
        assertThat(failover.restartDelayMillis()).isEqualTo(50);

        long latestBefore = -1;
        for (TraceEvent.CheckpointCompleted c : CheckpointTraces.of(trace, TraceEvent.CheckpointCompleted.class)) {
            if (c.time() < 270) {
                latestBefore = c.checkpointId();
            }
        }
        assertThat(latestBefore).isPositive();
        TraceEvent.JobRestarted restarted = CheckpointTraces.of(trace, TraceEvent.JobRestarted.class).get(0);
        assertThat(restarted.time()).isEqualTo(320);
        assertThat(restarted.checkpointId()).isEqualTo(latestBefore);

        // each source split is rewound to the offset it snapshotted for that checkpoint
        Map<Integer, Long> checkpointed = new TreeMap<>();
        for (TraceEvent.CheckpointSnapshotTaken s : CheckpointTraces.of(trace,
                TraceEvent.CheckpointSnapshotTaken.class)) {
            if (s.checkpointId() == latestBefore && s.subtask().startsWith("src")) {
                checkpointed.putAll(CheckpointTraces.offsets(s.detail()));
            }
        }
        Map<Integer, Long> restored = new TreeMap<>();
        for (TraceEvent.SubtaskRestored r : CheckpointTraces.of(trace, TraceEvent.SubtaskRestored.class)) {
            if (r.subtask().startsWith("src")) {
                restored.putAll(CheckpointTraces.offsets(r.detail()));
            }
        }
        assertThat(restored).isEqualTo(checkpointed);
        Map<Integer, Long> firstReadAfter = new TreeMap<>();
        for (TraceEvent.RecordRead r : CheckpointTraces.of(trace, TraceEvent.RecordRead.class)) {
            if (r.seq() > restarted.seq()) {
                firstReadAfter.putIfAbsent(r.partition(), r.offset());
            }
        }
        assertThat(firstReadAfter).isEqualTo(checkpointed);

        // exactly-once state: the counts end right; the plain sink saw the replayed records twice
        assertThat(finalCounts(sim.sink("out"))).isEqualTo(expectedCounts(log));
        assertThat(sim.sink("out").rows().size()).isGreaterThan(80);
        assertThat(sim.isFinished()).isTrue();
        assertThat(sim.view().job().restarts()).isEqualTo(1);
    }

    @Test
    void withoutACompletedCheckpointTheJobRestartsFromTheBeginning() {
        PartitionedLog log = log(20);
        StreamExecutionEnvironment env = countingJob(log, 1)
                .setCheckpointConfig(CheckpointConfig.every(100))
                .setRestartStrategy(new RestartStrategy.FixedDelay(1, 10));
        Simulation sim = run(env, EngineConfig.defaults(), List.of(new Fault.FailSubtask(60, "src[1]")));
        TraceEvent.JobRestarted restarted = CheckpointTraces.of(sim.trace(), TraceEvent.JobRestarted.class).get(0);
        assertThat(restarted.checkpointId()).isEqualTo(-1);
        assertThat(CheckpointTraces.of(sim.trace(), TraceEvent.SubtaskRestored.class)).isEmpty();
        Map<Integer, Long> firstReadAfter = new TreeMap<>();
        for (TraceEvent.RecordRead r : CheckpointTraces.of(sim.trace(), TraceEvent.RecordRead.class)) {
            if (r.seq() > restarted.seq()) {
                firstReadAfter.putIfAbsent(r.partition(), r.offset());
            }
        }
        assertThat(firstReadAfter).containsEntry(0, 0L).containsEntry(1, 0L);
        assertThat(finalCounts(sim.sink("out"))).isEqualTo(expectedCounts(log));
    }

    @Test
    void fixedDelayRestartsAtMostItsAttemptsThenTheJobFails() {
        StreamExecutionEnvironment env = countingJob(log(100), 1)
                .setCheckpointConfig(CheckpointConfig.every(100))
                .setRestartStrategy(new RestartStrategy.FixedDelay(2, 100));
        Simulation sim = run(env, EngineConfig.defaults(), List.of(new Fault.FailSubtask(150, "count[0]"),
                new Fault.FailSubtask(400, "count[0]"), new Fault.FailSubtask(650, "count[0]")));
        assertThat(CheckpointTraces.of(sim.trace(), TraceEvent.JobRestarted.class)).extracting(TraceEvent::time)
                .containsExactly(250L, 500L);
        List<TraceEvent.JobFailed> failed = CheckpointTraces.of(sim.trace(), TraceEvent.JobFailed.class);
        assertThat(failed).hasSize(1);
        assertThat(failed.get(0).time()).isEqualTo(650);
        assertThat(sim.jobStatus()).isEqualTo(JobRuntime.JobStatus.FAILED);
        assertThat(sim.isFinished()).isFalse();
        assertThat(sim.view().subtasks()).allMatch(s -> s.status().equals("CANCELED"));
        assertThat(sim.now()).isEqualTo(650); // nothing is left to run after the job failed
    }

    @Test
    void exponentialDelayMultipliesTheBackoffAfterEachFailure() {
        StreamExecutionEnvironment env = countingJob(log(150), 1)
                .setCheckpointConfig(CheckpointConfig.every(100))
                .setRestartStrategy(new RestartStrategy.ExponentialDelay(100, 1000, 2.0, 3_600_000, 0, 100));
        Simulation sim = run(env, EngineConfig.defaults(), List.of(new Fault.FailSubtask(150, "count[0]"),
                new Fault.FailSubtask(400, "count[0]"), new Fault.FailSubtask(800, "count[0]")));
        assertThat(CheckpointTraces.of(sim.trace(), TraceEvent.JobFailover.class))
                .extracting(TraceEvent.JobFailover::restartDelayMillis).containsExactly(100L, 200L, 400L);
        assertThat(sim.isFinished()).isTrue();
    }

    @Test
    void flinksDefaultWithCheckpointingIsExponentialDelayOfAboutASecond() {
        StreamExecutionEnvironment env = countingJob(log(150), 1).setCheckpointConfig(CheckpointConfig.every(100));
        Simulation sim = run(env, EngineConfig.defaults(), List.of(new Fault.FailSubtask(150, "count[0]")));
        long delay = CheckpointTraces.of(sim.trace(), TraceEvent.JobFailover.class).get(0).restartDelayMillis();
        // initial backoff 1 s with a jitter of up to 10% either way
        assertThat(delay).isBetween(900L, 1100L);
    }

    @Test
    void withoutCheckpointingTheDefaultIsNoRestartAndTheJobFails() {
        StreamExecutionEnvironment env = countingJob(log(20), 1);
        Simulation sim = run(env, EngineConfig.defaults(), List.of(new Fault.FailSubtask(50, "count[0]")));
        assertThat(sim.jobStatus()).isEqualTo(JobRuntime.JobStatus.FAILED);
        assertThat(CheckpointTraces.of(sim.trace(), TraceEvent.JobFailover.class)).isEmpty();
        assertThat(CheckpointTraces.of(sim.trace(), TraceEvent.JobFailed.class).get(0).reason())
                .contains("count[0]");
    }

    @Test
    void aKilledTaskManagerStopsItsSubtasksAtOnceAndTheJobManagerFailsOverWhenItNotices() {
        EngineConfig config = EngineConfig.defaults().withCluster(new ClusterSpec(2, 1));
        StreamExecutionEnvironment env = countingJob(log(60), 2)
                .setCheckpointConfig(CheckpointConfig.every(100))
                .setRestartStrategy(new RestartStrategy.FixedDelay(3, 50));
        Simulation sim = Simulation.of(env, config);
        // slot sharing: subtask i of every task is in slot i, and tm-2 has slot 1
        assertThat(sim.runtime().taskManagerOf("src[1]")).isEqualTo("tm-2");
        sim.scheduleFaults(List.of(new Fault.KillTaskManager(250, "tm-2", 100, 0)));
        sim.runUntilTime(300);
        assertThat(sim.view().subtask("src[1]").status()).isEqualTo("FAILED");
        assertThat(sim.view().subtask("count[1]").status()).isEqualTo("FAILED");
        assertThat(sim.view().subtask("src[0]").status()).isEqualTo("RUNNING");
        assertThat(sim.jobStatus()).isEqualTo(JobRuntime.JobStatus.RUNNING); // the JobManager does not know yet
        sim.runToEnd();
        List<TraceEvent.TaskFailed> failed = CheckpointTraces.of(sim.trace(), TraceEvent.TaskFailed.class);
        assertThat(failed).extracting(TraceEvent::subtask).containsExactly("src[1]", "count[1]");
        assertThat(failed).allMatch(f -> f.time() == 350 && f.reason().contains("tm-2"));
        assertThat(CheckpointTraces.of(sim.trace(), TraceEvent.JobRestarted.class).get(0).time()).isEqualTo(400);
        assertThat(sim.isFinished()).isTrue();
    }

    @Test
    void aRestartWhileTheTaskManagerIsStillDownFailsAndIsRetried() {
        EngineConfig config = EngineConfig.defaults().withCluster(new ClusterSpec(2, 1));
        StreamExecutionEnvironment env = countingJob(log(60), 2)
                .setCheckpointConfig(CheckpointConfig.every(100))
                .setRestartStrategy(new RestartStrategy.FixedDelay(10, 200));
        Simulation sim = run(env, config, List.of(new Fault.KillTaskManager(250, "tm-2", 0, 500)));
        // down from 250 to 750: the restarts at 450 and 650 find no slot; the one at 850 succeeds
        assertThat(CheckpointTraces.of(sim.trace(), TraceEvent.RecoveryFailed.class)).extracting(TraceEvent::time)
                .containsExactly(450L, 650L);
        assertThat(CheckpointTraces.of(sim.trace(), TraceEvent.JobRestarted.class)).extracting(TraceEvent::time)
                .containsExactly(850L);
        assertThat(sim.isFinished()).isTrue();
    }

    @Test
    void regionFailoverRestartsOnlyThePipelineOfTheFailedSubtask() {
        PartitionedLog log = log(40);
        StreamExecutionEnvironment env = StreamExecutionEnvironment.create().setParallelism(2)
                .setCheckpointConfig(CheckpointConfig.every(100))
                .setRestartStrategy(new RestartStrategy.FixedDelay(1, 100));
        // forward edges only: src[i] -> sink[i] in one chain, two independent pipelined regions
        env.<Row>fromSource(log, WatermarkStrategy.forMonotonousTimestamps(), "src").sinkTo(new CollectingSink("out"));
        Simulation sim = Simulation.of(env, EngineConfig.defaults());
        sim.scheduleFaults(List.of(new Fault.FailSubtask(150, "src[0]")));
        sim.runUntilTime(200);
        TraceEvent.JobFailover failover = CheckpointTraces.of(sim.trace(), TraceEvent.JobFailover.class).get(0);
        assertThat(failover.strategy()).isEqualTo("region");
        assertThat(failover.subtasks()).containsExactly("src[0]");
        assertThat(sim.view().subtask("src[0]").status()).isEqualTo("CANCELED");
        assertThat(sim.view().subtask("src[1]").status()).isEqualTo("RUNNING");
        assertThat(sim.jobStatus()).isEqualTo(JobRuntime.JobStatus.RESTARTING);
        // the other region kept reading during the restart delay
        assertThat(CheckpointTraces.of(sim.trace(), TraceEvent.RecordRead.class))
                .anyMatch(r -> r.time() > 150 && r.subtask().equals("src[1]"));
        sim.runToEnd();
        assertThat(sim.view().subtask("src[0]").attempt()).isEqualTo(1);
        assertThat(sim.view().subtask("src[1]").attempt()).isEqualTo(0);

        StreamExecutionEnvironment full = StreamExecutionEnvironment.create().setParallelism(2)
                .setCheckpointConfig(CheckpointConfig.every(100))
                .setRestartStrategy(new RestartStrategy.FixedDelay(1, 100))
                .setFailoverStrategy(FailoverStrategy.FULL);
        full.<Row>fromSource(log, WatermarkStrategy.forMonotonousTimestamps(), "src")
                .sinkTo(new CollectingSink("out"));
        Simulation all = run(full, EngineConfig.defaults(), List.of(new Fault.FailSubtask(150, "src[0]")));
        assertThat(CheckpointTraces.of(all.trace(), TraceEvent.JobFailover.class).get(0).subtasks())
                .containsExactly("src[0]", "src[1]");
    }

    @Test
    void aSlowSubtaskPaysTheExtraCostPerRecordWhileTheFaultLasts() {
        StreamExecutionEnvironment env = countingJob(log(60), 1);
        Simulation sim = run(env, EngineConfig.defaults(),
                List.of(new Fault.SlowSubtask(100, "count[0]", 20, 200)));
        List<Long> times = CheckpointTraces.of(sim.trace(), TraceEvent.SinkReceived.class).stream()
                .map(TraceEvent::time).toList();
        long slowGaps = 0;
        for (int i = 1; i < times.size(); i++) {
            long gap = times.get(i) - times.get(i - 1);
            if (times.get(i - 1) >= 110 && times.get(i) <= 290) {
                assertThat(gap).isGreaterThanOrEqualTo(22); // 2 ms of the operator + 20 ms of the fault
                slowGaps++;
            }
        }
        assertThat(slowGaps).isGreaterThan(3);
        // a backlog built up: records appended before 290 reached the sink only after the fault ended
        assertThat(CheckpointTraces.of(sim.trace(), TraceEvent.SinkReceived.class))
                .anyMatch(r -> r.time() > 300 && 10 * Long.parseLong(r.record().replaceAll(".*\"o\":(\\d+).*",
                        "$1")) <= 290);
        assertThat(sim.sink("out").rows()).hasSize(120); // nothing was lost
    }

    @Test
    void failingCheckpointStorageDeclinesCheckpointsUntilTheTolerableNumberIsExceeded() {
        StreamExecutionEnvironment env = countingJob(log(100), 1)
                .setCheckpointConfig(CheckpointConfig.every(100).withTolerableFailures(1))
                .setRestartStrategy(new RestartStrategy.FixedDelay(1, 50));
        Simulation sim = Simulation.of(env, EngineConfig.defaults());
        sim.scheduleFaults(List.of(new Fault.FailCheckpointStorage(150, 300)));
        sim.runUntilTime(700);
        List<TraceEvent.CheckpointDeclined> declined = CheckpointTraces.of(sim.trace(),
                TraceEvent.CheckpointDeclined.class);
        assertThat(declined).isNotEmpty().allMatch(d -> d.reason().contains("storage"));
        List<TraceEvent.CheckpointFailed> failed = CheckpointTraces.of(sim.trace(), TraceEvent.CheckpointFailed.class);
        // checkpoints 2 (200) and 3 (300) fail; the second failure exceeds the one tolerated: global failover
        assertThat(failed).extracting(TraceEvent.CheckpointFailed::checkpointId).startsWith(2L, 3L);
        TraceEvent.JobFailover failover = CheckpointTraces.of(sim.trace(), TraceEvent.JobFailover.class).get(0);
        assertThat(failover.strategy()).isEqualTo("global");
        assertThat(failover.time()).isEqualTo(failed.get(1).time());
    }

    @Test
    void aCheckpointThatTimesOutFailsTheJobOverWithFlinksDefaultOfNoTolerableFailures() {
        StreamExecutionEnvironment env = countingJob(log(100), 1)
                .setCheckpointConfig(CheckpointConfig.every(100).withTimeout(300))
                .setRestartStrategy(new RestartStrategy.FixedDelay(1, 50));
        Simulation sim = run(env, EngineConfig.defaults(), List.of(new Fault.CheckpointTimeout(250, "count[0]")));
        List<TraceEvent.CheckpointFailed> failed = CheckpointTraces.of(sim.trace(), TraceEvent.CheckpointFailed.class);
        // the checkpoint triggered at 300 hangs at count[0] and expires at 600
        assertThat(failed.get(0).checkpointId()).isEqualTo(3);
        assertThat(failed.get(0).time()).isEqualTo(600);
        assertThat(failed.get(0).reason()).contains("expired");
        assertThat(CheckpointTraces.of(sim.trace(), TraceEvent.JobFailover.class).get(0).time()).isEqualTo(600);
        assertThat(sim.isFinished()).isTrue();
    }

    @Test
    void theSameFaultPlanGivesTheSameTrace() {
        EngineConfig config = EngineConfig.defaults().withLatency(1, 3).withSeed(5)
                .withCluster(new ClusterSpec(2, 2));
        List<Fault> faults = List.of(new Fault.FailSubtask(170, "count[1]"),
                new Fault.KillTaskManager(420, "tm-1", 30, 0), new Fault.SlowSubtask(50, "src[0]", 3, 100));
        String a = TraceJson.write(run(countingJob(log(50), 2).setCheckpointConfig(CheckpointConfig.every(80)),
                config, faults).trace());
        String b = TraceJson.write(run(countingJob(log(50), 2).setCheckpointConfig(CheckpointConfig.every(80)),
                config, faults).trace());
        assertThat(a).isEqualTo(b).contains("\"type\":\"JobRestarted\"");
    }

    @Test
    void checkpointAndRecoveryEventsRoundTripThroughJson() throws Exception {
        Simulation sim = run(countingJob(log(30), 2).setCheckpointConfig(CheckpointConfig.every(80)),
                EngineConfig.defaults(), List.of(new Fault.FailSubtask(170, "count[1]")));
        List<TraceEvent> back = TraceJson.read(TraceJson.write(sim.trace()));
        assertThat(back).isEqualTo(sim.trace());
        Map<String, Integer> kinds = new HashMap<>();
        for (TraceEvent e : back) {
            kinds.merge(e.getClass().getSimpleName(), 1, Integer::sum);
        }
        assertThat(kinds).containsKeys("CheckpointTriggered", "CheckpointBarrierReceived", "CheckpointAligned",
                "CheckpointSnapshotTaken", "CheckpointAcknowledged", "CheckpointCompleted",
                "CheckpointCompleteNotified", "FaultInjected", "TaskFailed", "JobFailover", "JobRestarted",
                "SubtaskRestored", "SubtaskAwaitingFinalCheckpoint");
    }
}
