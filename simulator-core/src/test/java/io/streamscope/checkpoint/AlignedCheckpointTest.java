package io.streamscope.checkpoint;

import static org.assertj.core.api.Assertions.assertThat;

import io.streamscope.api.StreamExecutionEnvironment;
import io.streamscope.api.functions.FieldKeySelector;
import io.streamscope.connectors.CollectingSink;
import io.streamscope.connectors.PartitionedLog;
import io.streamscope.data.Row;
import io.streamscope.runtime.EngineConfig;
import io.streamscope.sim.Simulation;
import io.streamscope.state.HeapKeyedStateBackend;
import io.streamscope.state.KeyGroupStateWriter;
import io.streamscope.testing.CheckpointTraces;
import io.streamscope.testing.Counter;
import io.streamscope.time.WatermarkStrategy;
import io.streamscope.trace.TraceEvent;
import io.streamscope.view.EngineView;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;

/**
 * Aligned checkpoints as Flink takes them: sources snapshot their split offsets and emit the barrier; a task with
 * two inputs blocks the channel that delivered barrier n until the other one has, keeping what arrives on it
 * queued (the alignment buffer); then it snapshots and forwards the barrier. The result is a consistent cut: the
 * state in checkpoint n reflects exactly the records before the checkpointed offsets, nothing more, nothing less.
 */
class AlignedCheckpointTest {
    static final String[] KEYS = {"a", "b", "c"};

    /**
     * Partition 0 bursts 40 records at t=0; partition 1 appends one every 10 ms. Two source subtasks feed one
     * counting subtask that costs 5 ms per record, so the burst backs up behind it: the burst's barrier arrives
     * late, and the other channel is held back by alignment meanwhile.
     */
    static PartitionedLog log(int burst, int steady) {
        PartitionedLog log = new PartitionedLog("events", 2, true);
        for (int i = 0; i < burst; i++) {
            log.append(0, null, Row.of("key", KEYS[i % 3], "p", 0L, "o", (long) i), i, 0);
        }
        for (int i = 0; i < steady; i++) {
            log.append(1, null, Row.of("key", KEYS[(i + 1) % 3], "p", 1L, "o", (long) i), i, 10L * i);
        }
        return log;
    }

    static Simulation job(PartitionedLog log, CheckpointConfig checkpoints) {
        StreamExecutionEnvironment env = StreamExecutionEnvironment.create().setParallelism(2);
        env.setCheckpointConfig(checkpoints);
        env.<Row>fromSource(log, WatermarkStrategy.forMonotonousTimestamps(), "src")
                .keyBy(new FieldKeySelector("key"))
                .process(new Counter(), "count").setParallelism(1).setProcessingCost(Duration.ofMillis(5))
                .sinkTo(new CollectingSink("out")).setParallelism(1);
        return Simulation.of(env, EngineConfig.defaults());
    }

    @Test
    void theCheckpointIsAConsistentCutAtTheSourceOffsets() {
        Simulation sim = job(log(40, 40), CheckpointConfig.every(100));
        sim.runToEnd();
        List<TraceEvent> trace = sim.trace();
        List<TraceEvent.CheckpointCompleted> completed = CheckpointTraces.of(trace,
                TraceEvent.CheckpointCompleted.class);
        assertThat(completed).hasSizeGreaterThanOrEqualTo(3);
        // a source that finished is not in later checkpoints: its last offsets (the end) carry over, as its
        // state does in the completed checkpoints
        Map<Integer, Long> offsets = new TreeMap<>();
        for (TraceEvent.CheckpointCompleted c : completed) {
            long id = c.checkpointId();
            TraceEvent.CheckpointSnapshotTaken atCounter = null;
            for (TraceEvent.CheckpointSnapshotTaken s : CheckpointTraces.of(trace,
                    TraceEvent.CheckpointSnapshotTaken.class)) {
                if (s.checkpointId() == id && s.subtask().startsWith("src")) {
                    offsets.putAll(CheckpointTraces.offsets(s.detail()));
                } else if (s.checkpointId() == id && s.subtask().equals("count[0]")) {
                    atCounter = s;
                }
            }
            assertThat(offsets).containsOnlyKeys(0, 1);
            assertThat(atCounter).isNotNull();
            // what the counter emitted before its snapshot: exactly the records below the offsets
            Set<List<Long>> before = new HashSet<>();
            for (TraceEvent e : trace) {
                if (e.seq() >= atCounter.seq()) {
                    break;
                }
                if (e instanceof TraceEvent.SinkReceived r) {
                    before.add(List.of(partition(r.record()), offset(r.record())));
                }
            }
            Set<List<Long>> expected = new HashSet<>();
            for (var o : offsets.entrySet()) {
                for (long i = 0; i < o.getValue(); i++) {
                    expected.add(List.of((long) o.getKey(), i));
                }
            }
            assertThat(before).as("records processed before checkpoint %d", id).isEqualTo(expected);
        }
    }

    @Test
    void keyedStateInTheCheckpointIsTheCountOfTheRecordsBeforeTheBarrier() {
        PartitionedLog log = log(40, 40);
        Simulation sim = job(log, CheckpointConfig.every(100));
        sim.runUntilTime(250);
        CompletedCheckpoint cp = sim.latestCompletedCheckpoint();
        assertThat(cp).isNotNull();
        Map<Integer, Long> offsets = new TreeMap<>();
        for (TraceEvent.CheckpointSnapshotTaken s : CheckpointTraces.of(sim.trace(),
                TraceEvent.CheckpointSnapshotTaken.class)) {
            if (s.checkpointId() == cp.checkpointId() && s.subtask().startsWith("src")) {
                offsets.putAll(CheckpointTraces.offsets(s.detail()));
            }
        }
        // expected: count per key over the records below the checkpointed offsets, from the log itself
        Map<Object, Long> expected = new HashMap<>();
        for (var o : offsets.entrySet()) {
            for (long i = 0; i < o.getValue(); i++) {
                Row r = (Row) log.partition(o.getKey()).get(i, null).value();
                expected.merge(r.get("key"), 1L, Long::sum);
            }
        }
        OperatorState state = null;
        for (OperatorState s : cp.operators().values()) {
            if (s.name().equals("count")) {
                state = s;
            }
        }
        assertThat(state).isNotNull();
        Map<Object, Long> restored = new HashMap<>();
        for (OperatorSubtaskState sub : state.subtaskStates().values()) {
            for (Object o : KeyGroupStateWriter.read(sub.keyGroups())) {
                HeapKeyedStateBackend.SnapshotEntry e = (HeapKeyedStateBackend.SnapshotEntry) o;
                assertThat(e.state()).isEqualTo("count");
                restored.put(e.key(), (Long) e.value());
            }
        }
        assertThat(restored).isEqualTo(expected);
    }

    @Test
    void theFirstBarrierBlocksItsChannelAndWhatFollowsQueuesUntilTheOtherBarrierArrives() {
        Simulation sim = job(log(40, 40), CheckpointConfig.every(100));
        boolean started = sim.runUntil(e -> e instanceof TraceEvent.CheckpointBarrierReceived r
                && r.subtask().equals("count[0]") && r.received() == 1, 1000);
        assertThat(started).isTrue();
        TraceEvent.CheckpointBarrierReceived first = (TraceEvent.CheckpointBarrierReceived) sim.lastMatch();
        assertThat(first.needed()).isEqualTo(2);
        int maxQueued = 0;
        while (true) {
            EngineView.SubtaskView counter = sim.view().subtask("count[0]");
            if (counter.aligningCheckpoint() < 0) {
                break;
            }
            assertThat(counter.aligningCheckpoint()).isEqualTo(first.checkpointId());
            assertThat(counter.alignmentBuffers()).extracting(EngineView.AlignmentBufferView::channel)
                    .containsExactly(first.channel());
            maxQueued = Math.max(maxQueued, counter.alignmentBuffers().get(0).elements().size());
            assertThat(counter.alignmentBuffers().get(0).elements()).allMatch(s -> s.startsWith("record"));
            sim.step();
        }
        // the steady partition kept appending during the alignment: its records waited in the alignment buffer
        assertThat(maxQueued).isGreaterThan(0);
        TraceEvent.CheckpointAligned aligned = (TraceEvent.CheckpointAligned) lastOf(sim.trace(),
                TraceEvent.CheckpointAligned.class);
        assertThat(aligned.checkpointId()).isEqualTo(first.checkpointId());
        assertThat(aligned.alignmentMillis()).isEqualTo(aligned.time() - first.time()).isGreaterThan(0);
        // records of the burst channel were processed while aligning
        assertThat(aligned.processedDuringAlignment()).isGreaterThan(0);
    }

    @Test
    void snapshotPartsTakeTheModelledTimesAndTheAcknowledgementFollowsThem() {
        SnapshotCosts costs = new SnapshotCosts(3, 100, 7, 10);
        Simulation sim = job(log(40, 40), CheckpointConfig.every(100).withCosts(costs));
        sim.runToEnd();
        List<TraceEvent.CheckpointSnapshotTaken> snaps = CheckpointTraces.of(sim.trace(),
                TraceEvent.CheckpointSnapshotTaken.class);
        assertThat(snaps).isNotEmpty();
        for (TraceEvent.CheckpointSnapshotTaken s : snaps) {
            assertThat(s.syncMillis()).isEqualTo(3 + s.stateBytes() / 100);
            assertThat(s.asyncMillis()).isEqualTo(7 + s.checkpointedBytes() / 10);
            TraceEvent.CheckpointAcknowledged ack = null;
            for (TraceEvent.CheckpointAcknowledged a : CheckpointTraces.of(sim.trace(),
                    TraceEvent.CheckpointAcknowledged.class)) {
                if (a.checkpointId() == s.checkpointId() && a.subtask().equals(s.subtask())) {
                    ack = a;
                }
            }
            assertThat(ack).as("ack of %s for %d", s.subtask(), s.checkpointId()).isNotNull();
            assertThat(ack.time()).isEqualTo(s.time() + s.syncMillis() + s.asyncMillis());
            assertThat(ack.stateBytes()).isEqualTo(s.stateBytes());
        }
        // the counter's state grows with the keys it has seen: the sizes are real serialized sizes
        assertThat(snaps.stream().filter(s -> s.subtask().equals("count[0]")).mapToLong(
                TraceEvent.CheckpointSnapshotTaken::stateBytes)).allMatch(b -> b > 0);
        for (TraceEvent.CheckpointCompleted c : CheckpointTraces.of(sim.trace(), TraceEvent.CheckpointCompleted.class)) {
            long lastAck = 0;
            long bytes = 0;
            for (TraceEvent.CheckpointAcknowledged a : CheckpointTraces.of(sim.trace(),
                    TraceEvent.CheckpointAcknowledged.class)) {
                if (a.checkpointId() == c.checkpointId()) {
                    lastAck = Math.max(lastAck, a.time());
                    bytes += a.stateBytes();
                }
            }
            long uploaded = 0;
            for (TraceEvent.CheckpointSnapshotTaken sn : snaps) {
                if (sn.checkpointId() == c.checkpointId()) {
                    uploaded += sn.checkpointedBytes();
                }
            }
            assertThat(c.time()).isEqualTo(lastAck);
            assertThat(c.fullBytes()).isEqualTo(bytes);
            // heap backend: every snapshot is uploaded in full; a subtask that finished uploads nothing more
            assertThat(c.checkpointedBytes()).isEqualTo(uploaded);
        }
    }

    @Test
    void everySubtaskIsNotifiedOfEveryCompletedCheckpoint() {
        Simulation sim = job(log(40, 40), CheckpointConfig.every(100));
        sim.runUntilTime(450);
        List<TraceEvent> trace = sim.trace();
        for (TraceEvent.CheckpointCompleted c : CheckpointTraces.of(trace, TraceEvent.CheckpointCompleted.class)) {
            List<String> acknowledged = new ArrayList<>();
            for (TraceEvent.CheckpointAcknowledged a : CheckpointTraces.of(trace,
                    TraceEvent.CheckpointAcknowledged.class)) {
                if (a.checkpointId() == c.checkpointId()) {
                    acknowledged.add(a.subtask());
                }
            }
            List<String> notified = new ArrayList<>();
            for (TraceEvent.CheckpointCompleteNotified n : CheckpointTraces.of(trace,
                    TraceEvent.CheckpointCompleteNotified.class)) {
                if (n.checkpointId() == c.checkpointId()) {
                    notified.add(n.subtask());
                    assertThat(n.seq()).isGreaterThan(c.seq());
                }
            }
            // every subtask that took part; a source that finished after its final checkpoint takes no part
            assertThat(notified).containsExactlyInAnyOrderElementsOf(acknowledged).contains("count[0]");
        }
        assertThat(CheckpointTraces.of(trace, TraceEvent.CheckpointCompleteNotified.class))
                .extracting(TraceEvent::subtask).contains("src[0]", "src[1]", "count[0]");
        assertThat(sim.view().checkpoints()).isNotEmpty().allSatisfy(cp -> {
            if (cp.status().equals("COMPLETED")) {
                assertThat(cp.subtaskDetails()).hasSize(cp.subtasks());
                assertThat(cp.acknowledged()).isEqualTo(cp.subtasks());
            }
        });
    }

    @Test
    void aBoundedJobFinishesAfterAFinalCheckpoint() {
        Simulation sim = job(log(10, 10), CheckpointConfig.every(100));
        sim.runToEnd();
        assertThat(sim.isFinished()).isTrue();
        List<TraceEvent> trace = sim.trace();
        for (String subtask : List.of("src[0]", "src[1]", "count[0]")) {
            TraceEvent.SubtaskAwaitingFinalCheckpoint waiting = null;
            TraceEvent.SubtaskFinished finished = null;
            for (TraceEvent e : trace) {
                if (e instanceof TraceEvent.SubtaskAwaitingFinalCheckpoint w && w.subtask().equals(subtask)) {
                    waiting = w;
                } else if (e instanceof TraceEvent.SubtaskFinished f && f.subtask().equals(subtask)) {
                    finished = f;
                }
            }
            assertThat(waiting).as(subtask).isNotNull();
            assertThat(finished).as(subtask).isNotNull();
            // it finished when told that a checkpoint it snapshotted after the end of its input completed
            TraceEvent.CheckpointSnapshotTaken finalSnapshot = null;
            for (TraceEvent.CheckpointSnapshotTaken s : CheckpointTraces.of(trace,
                    TraceEvent.CheckpointSnapshotTaken.class)) {
                if (s.subtask().equals(subtask) && s.seq() > waiting.seq() && finalSnapshot == null) {
                    finalSnapshot = s;
                }
            }
            assertThat(finalSnapshot).as(subtask).isNotNull();
            long id = finalSnapshot.checkpointId();
            TraceEvent.CheckpointCompleteNotified notified = null;
            for (TraceEvent.CheckpointCompleteNotified n : CheckpointTraces.of(trace,
                    TraceEvent.CheckpointCompleteNotified.class)) {
                if (n.subtask().equals(subtask) && n.checkpointId() == id) {
                    notified = n;
                }
            }
            assertThat(notified).isNotNull();
            assertThat(finished.time()).isEqualTo(notified.time());
        }
        // the last checkpoint's trigger is the last thing the coordinator did: no trigger after the job finished
        assertThat(sim.trace().get(sim.trace().size() - 1)).isInstanceOf(TraceEvent.SubtaskFinished.class);
    }

    @Test
    void withoutCheckpointingThereAreNoBarriersAndSubtasksFinishAtOnce() {
        Simulation sim = job(log(10, 10), CheckpointConfig.disabled());
        sim.runToEnd();
        assertThat(sim.trace()).noneMatch(e -> e.getClass().getSimpleName().startsWith("Checkpoint")
                || e instanceof TraceEvent.SubtaskAwaitingFinalCheckpoint);
        assertThat(sim.view().checkpoints()).isEmpty();
        assertThat(sim.view().job().checkpointing()).isFalse();
    }

    private static TraceEvent lastOf(List<TraceEvent> trace, Class<? extends TraceEvent> type) {
        TraceEvent last = null;
        for (TraceEvent e : trace) {
            if (type.isInstance(e)) {
                last = e;
            }
        }
        return last;
    }

    private static long partition(String json) {
        return Long.parseLong(json.replaceAll(".*\"p\":(\\d+).*", "$1"));
    }

    private static long offset(String json) {
        return Long.parseLong(json.replaceAll(".*\"o\":(\\d+).*", "$1"));
    }
}
