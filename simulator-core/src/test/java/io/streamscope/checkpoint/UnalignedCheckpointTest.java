package io.streamscope.checkpoint;

import static org.assertj.core.api.Assertions.assertThat;

import io.streamscope.sim.Simulation;
import io.streamscope.testing.CheckpointTraces;
import io.streamscope.trace.TraceEvent;
import io.streamscope.view.EngineView;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Unaligned checkpoints as Flink takes them (FLIP-76): the barrier overtakes the data queued in the channels, the
 * subtask snapshots at the first barrier without blocking any channel, and the overtaken in-flight data becomes
 * part of the checkpoint. With an aligned checkpoint timeout, a checkpoint starts aligned and its barriers overtake
 * once the timeout has passed since the trigger. The job is {@link AlignedCheckpointTest}'s: a burst queued in
 * front of a slow counter, so that its barrier waits behind records when aligned.
 */
class UnalignedCheckpointTest {

    static TraceEvent.CheckpointCompleted completed(Simulation sim, long id) {
        return CheckpointTraces.of(sim.trace(), TraceEvent.CheckpointCompleted.class).stream()
                .filter(c -> c.checkpointId() == id).findFirst().orElseThrow();
    }

    @Test
    void theBarrierOvertakesQueuedRecordsAndTheirCopyGoesIntoTheCheckpoint() {
        Simulation sim = AlignedCheckpointTest.job(AlignedCheckpointTest.log(40, 40),
                CheckpointConfig.every(100).withUnaligned(true, 0));
        boolean reached = sim.runUntil(e -> e instanceof TraceEvent.CheckpointSnapshotTaken s
                && s.subtask().equals("count[0]") && s.checkpointId() == 1, 1000);
        assertThat(reached).isTrue();
        TraceEvent.CheckpointSnapshotTaken snapshot = (TraceEvent.CheckpointSnapshotTaken) sim.lastMatch();
        assertThat(snapshot.unaligned()).isTrue();
        // both barriers left the sources at 100 and overtook everything: they arrive after the 1 ms latency,
        // and the counter takes the first one as soon as the record it is working on (5 ms) is done
        assertThat(snapshot.time()).isBetween(101L, 106L);
        // no channel is ever blocked
        for (int i = 0; i < 50; i++) {
            assertThat(sim.view().subtask("count[0]").alignmentBuffers()).isEmpty();
            sim.step();
        }
        sim.runToEnd();
        List<TraceEvent.CheckpointInFlightPersisted> persisted = CheckpointTraces.of(sim.trace(),
                TraceEvent.CheckpointInFlightPersisted.class);
        assertThat(persisted).anyMatch(p -> p.checkpointId() == 1 && p.elements() > 0 && p.bytes() > 0);
        EngineView.CheckpointView cp1 = sim.view().checkpoints().get(0);
        assertThat(cp1.unaligned()).isTrue();
        assertThat(cp1.subtaskDetails()).filteredOn(d -> d.subtask().equals("count[0]"))
                .allSatisfy(d -> {
                    assertThat(d.persistedInFlight()).isPositive();
                    assertThat(d.alignmentMillis()).isZero();
                });
        // the same checkpoint aligned waits for the burst to be worked off: unaligned completes sooner
        Simulation aligned = AlignedCheckpointTest.job(AlignedCheckpointTest.log(40, 40), CheckpointConfig.every(100));
        aligned.runToEnd();
        assertThat(completed(sim, 1).durationMillis()).isLessThan(completed(aligned, 1).durationMillis());
        assertThat(completed(sim, 1).checkpointedBytes()).isGreaterThan(completed(sim, 1).fullBytes());
    }

    @Test
    void anAlignedCheckpointSwitchesToUnalignedWhenItsAlignedTimeoutPasses() {
        Simulation sim = AlignedCheckpointTest.job(AlignedCheckpointTest.log(40, 40),
                CheckpointConfig.every(100).withUnaligned(true, 20));
        sim.runToEnd();
        TraceEvent.CheckpointTriggered trigger = CheckpointTraces.of(sim.trace(),
                TraceEvent.CheckpointTriggered.class).get(0);
        assertThat(trigger.unaligned()).isFalse(); // it starts aligned
        // at 120 the barrier still queued behind the burst overtakes: it is sent again, unaligned
        assertThat(CheckpointTraces.of(sim.trace(), TraceEvent.ElementSent.class))
                .anyMatch(s -> s.time() == 120 && s.element().equals("barrier 1 (unaligned)"));
        TraceEvent.CheckpointSnapshotTaken atCounter = CheckpointTraces.of(sim.trace(),
                TraceEvent.CheckpointSnapshotTaken.class).stream()
                .filter(s -> s.subtask().equals("count[0]") && s.checkpointId() == 1).findFirst().orElseThrow();
        assertThat(atCounter.unaligned()).isTrue();
        assertThat(atCounter.time()).isBetween(120L, 125L);
        assertThat(completed(sim, 1)).isNotNull();
    }

    @Test
    void savepointsAreAlwaysAligned() {
        Simulation sim = AlignedCheckpointTest.job(AlignedCheckpointTest.log(40, 40),
                CheckpointConfig.every(10_000).withUnaligned(true, 0));
        sim.runUntilTime(100);
        sim.triggerSavepoint();
        sim.runToEnd();
        TraceEvent.CheckpointTriggered t = CheckpointTraces.of(sim.trace(), TraceEvent.CheckpointTriggered.class)
                .get(0);
        assertThat(t.savepoint()).isTrue();
        assertThat(t.unaligned()).isFalse();
        assertThat(CheckpointTraces.of(sim.trace(), TraceEvent.CheckpointAligned.class))
                .anyMatch(a -> a.checkpointId() == t.checkpointId() && a.subtask().equals("count[0]"));
        assertThat(CheckpointTraces.of(sim.trace(), TraceEvent.CheckpointInFlightPersisted.class)).isEmpty();
    }
}
