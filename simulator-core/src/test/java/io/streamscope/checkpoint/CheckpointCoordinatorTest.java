package io.streamscope.checkpoint;

import static org.assertj.core.api.Assertions.assertThat;

import io.streamscope.api.StreamExecutionEnvironment;
import io.streamscope.connectors.CollectingSink;
import io.streamscope.connectors.PartitionedLog;
import io.streamscope.data.Row;
import io.streamscope.runtime.EngineConfig;
import io.streamscope.sim.Simulation;
import io.streamscope.testing.CheckpointTraces;
import io.streamscope.time.WatermarkStrategy;
import io.streamscope.trace.TraceEvent;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The checkpoint coordinator's timing on the virtual clock, reasoned from Flink's CheckpointCoordinator and
 * CheckpointRequestDecider: fixed-rate periodic triggers; while {@code maxConcurrent} checkpoints are pending a
 * request waits and runs when one completes; a periodic request too soon after the last completion (min pause) is
 * dropped and the timer restarts when the pause is over; a checkpoint not done within the timeout expires, and one
 * failure more than the tolerable number fails the job over.
 *
 * <p>The job is one source chained to a sink, and every snapshot's upload takes exactly 250 ms (no synchronous
 * part), so a checkpoint triggered at t completes at t + 250.
 */
class CheckpointCoordinatorTest {
    static final SnapshotCosts SLOW_UPLOAD = new SnapshotCosts(0, 1L << 40, 250, 1L << 40);
    static final SnapshotCosts FAST = new SnapshotCosts(0, 1L << 40, 0, 1L << 40);

    static Simulation job(CheckpointConfig config) {
        PartitionedLog log = new PartitionedLog("events", 1, true);
        for (int i = 0; i < 200; i++) {
            log.append(0, null, Row.of("n", (long) i), i, 10L * i);
        }
        StreamExecutionEnvironment env = StreamExecutionEnvironment.create().setCheckpointConfig(config);
        env.<Row>fromSource(log, WatermarkStrategy.forMonotonousTimestamps(), "src")
                .sinkTo(new CollectingSink("out"));
        return Simulation.of(env, EngineConfig.defaults());
    }

    static List<Long> triggerTimes(Simulation sim) {
        return CheckpointTraces.of(sim.trace(), TraceEvent.CheckpointTriggered.class).stream()
                .map(TraceEvent::time).toList();
    }

    @Test
    void periodicCheckpointsTriggerAtAFixedRateFromOneIntervalAfterTheStart() {
        Simulation sim = job(CheckpointConfig.every(100).withCosts(FAST));
        sim.runUntilTime(550);
        assertThat(triggerTimes(sim)).containsExactly(100L, 200L, 300L, 400L, 500L);
        assertThat(CheckpointTraces.of(sim.trace(), TraceEvent.CheckpointTriggered.class))
                .extracting(TraceEvent.CheckpointTriggered::checkpointId).containsExactly(1L, 2L, 3L, 4L, 5L);
    }

    @Test
    void withOneConcurrentCheckpointARequestWaitsAndRunsWhenThePendingOneCompletes() {
        Simulation sim = job(CheckpointConfig.every(100).withCosts(SLOW_UPLOAD));
        sim.runUntilTime(900);
        // 100 completes at 350, when the waiting request of 200 runs; it completes at 600, and so on
        assertThat(triggerTimes(sim)).containsExactly(100L, 350L, 600L, 850L);
        assertThat(CheckpointTraces.of(sim.trace(), TraceEvent.CheckpointCompleted.class))
                .extracting(TraceEvent::time).containsExactly(350L, 600L, 850L);
    }

    @Test
    void twoConcurrentCheckpointsOverlap() {
        Simulation sim = job(CheckpointConfig.every(100).withCosts(SLOW_UPLOAD).withMaxConcurrent(2));
        sim.runUntilTime(750);
        // 100 and 200 run together; the request of 300 waits until 100 completes at 350, the one of 400 until 200
        // completes at 450; 350 completes at 600 and releases the request of 500, 450 at 700 that of 600
        assertThat(triggerTimes(sim)).containsExactly(100L, 200L, 350L, 450L, 600L, 700L);
    }

    @Test
    void theMinimumPauseSeparatesACompletionFromTheNextTrigger() {
        Simulation sim = job(CheckpointConfig.every(100).withCosts(SLOW_UPLOAD).withMinPause(100));
        sim.runUntilTime(1200);
        // each checkpoint completes 250 ms after its trigger; the next may only start 100 ms after that
        assertThat(triggerTimes(sim)).containsExactly(100L, 450L, 800L, 1150L);
        List<TraceEvent.CheckpointSkipped> skipped = CheckpointTraces.of(sim.trace(),
                TraceEvent.CheckpointSkipped.class);
        assertThat(skipped).extracting(TraceEvent::time).containsExactly(350L, 700L, 1050L);
        assertThat(skipped.get(0).reason()).contains("minimum pause");
    }

    @Test
    void aManualTriggerStartsACheckpointAtOnceOrWhenThePendingOneCompletes() {
        Simulation sim = job(CheckpointConfig.every(10_000).withCosts(SLOW_UPLOAD));
        sim.runUntilTime(50);
        sim.triggerCheckpoint();
        sim.triggerCheckpoint();
        sim.runUntilTime(700);
        assertThat(triggerTimes(sim)).containsExactly(50L, 300L);
        assertThat(sim.latestCompletedCheckpoint().checkpointId()).isEqualTo(2);
    }

    @Test
    void anExpiredCheckpointCountsAsAFailureAndOneMoreThanTheTolerableFailsTheJobOver() {
        Simulation sim = job(CheckpointConfig.every(100).withCosts(SLOW_UPLOAD).withTimeout(200)
                .withTolerableFailures(3));
        sim.runUntilTime(1000);
        List<TraceEvent.CheckpointFailed> failed = CheckpointTraces.of(sim.trace(), TraceEvent.CheckpointFailed.class);
        // triggered at 100, 300, 500, 700 (each as soon as the previous one expired), expiring 200 ms later
        assertThat(failed).extracting(TraceEvent::time).startsWith(300L, 500L, 700L, 900L);
        assertThat(failed).extracting(TraceEvent.CheckpointFailed::consecutiveFailures).startsWith(1, 2, 3, 4);
        assertThat(failed.get(0).reason()).contains("expired");
        assertThat(CheckpointTraces.of(sim.trace(), TraceEvent.CheckpointCompleted.class)).isEmpty();
        // the fourth failure exceeds the three tolerated: a global failover at 900
        List<TraceEvent.JobFailover> failovers = CheckpointTraces.of(sim.trace(), TraceEvent.JobFailover.class);
        assertThat(failovers).hasSize(1);
        assertThat(failovers.get(0).time()).isEqualTo(900);
        assertThat(failovers.get(0).strategy()).isEqualTo("global");
    }
}
