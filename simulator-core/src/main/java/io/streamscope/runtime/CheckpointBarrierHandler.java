package io.streamscope.runtime;

import io.streamscope.trace.TraceEvent;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Handles checkpoint barriers over the input channels of a subtask (Flink's SingleCheckpointBarrierHandler).
 *
 * <p>Aligned: a channel that delivered barrier n is blocked until every channel has; what arrives on it meanwhile
 * stays queued in its input buffer (the alignment buffer) and its sender is eventually backpressured. When the last
 * barrier arrives the subtask snapshots, forwards the barrier and releases the channels.
 *
 * <p>Unaligned: the first barrier of checkpoint n (which overtook the data in its channel) makes the subtask snapshot
 * at once and forward the barrier; no channel is blocked. For each channel, what was sent before its barrier and
 * not processed before the snapshot is persisted as channel state: what was still queued when its barrier arrived,
 * plus what the subtask processed from it between the snapshot and that barrier. An aligned checkpoint whose
 * aligned timeout passes switches to unaligned when a barrier overtakes in one of its channels.
 *
 * <p>A newer barrier subsumes a checkpoint in progress; an aborted checkpoint releases its channels. A channel
 * whose sender has finished sends no more barriers and counts as delivered.
 */
final class CheckpointBarrierHandler {
    private enum Mode { IDLE, ALIGNING, UNALIGNED }

    private final Subtask subtask;
    private final InputGate gate;
    private final boolean[] received;
    private int numReceived;
    /** The newest checkpoint this subtask has seen a barrier of (or aborted); older barriers are ignored. */
    private long currentCheckpointId = -1;
    private Mode mode = Mode.IDLE;
    private StreamElement.CheckpointBarrier pendingBarrier;
    private long firstBarrierTime;
    private long processedDuringAlignment;
    /** Unaligned: elements processed from a channel since the snapshot, before its barrier came. */
    private final List<List<StreamElement>> recorded = new ArrayList<>();
    private final Map<Integer, List<StreamElement>> channelState = new LinkedHashMap<>();
    private SubtaskCheckpointCoordinator.Started started;

    CheckpointBarrierHandler(Subtask subtask, InputGate gate) {
        this.subtask = subtask;
        this.gate = gate;
        this.received = new boolean[gate.numChannels()];
        for (int i = 0; i < received.length; i++) {
            recorded.add(null);
        }
    }

    private JobRuntime rt() {
        return subtask.runtime();
    }

    private boolean stale(long id) {
        return id < currentCheckpointId || (id == currentCheckpointId && mode == Mode.IDLE);
    }

    /** A new checkpoint's first barrier: whatever is in progress is subsumed. */
    private void begin(StreamElement.CheckpointBarrier b, long now) {
        long id = b.checkpointId();
        if (mode != Mode.IDLE) {
            long old = currentCheckpointId;
            release(now);
            subtask.declineCheckpoint(old, "it was subsumed by the barrier of checkpoint " + id, false, now);
        }
        currentCheckpointId = id;
        mode = Mode.ALIGNING;
        pendingBarrier = b;
        Arrays.fill(received, false);
        numReceived = 0;
        firstBarrierTime = now;
        processedDuringAlignment = 0;
        channelState.clear();
    }

    /** A barrier taken from input channel {@code channel} in order with the data. */
    void processBarrier(StreamElement.CheckpointBarrier b, int channel, long now) throws Exception {
        long id = b.checkpointId();
        if (stale(id)) {
            checkComplete(now); // a stale barrier; its channel may now be drained and closed
            return;
        }
        if (id > currentCheckpointId) {
            begin(b, now);
        }
        markReceived(channel, now);
        if (mode == Mode.ALIGNING) {
            gate.block(channel);
        } else {
            // unaligned already: everything before this in-order barrier was processed and recorded
            List<StreamElement> r = recorded.get(channel);
            channelState.put(channel, r == null ? List.of() : r);
            recorded.set(channel, null);
        }
        checkComplete(now);
    }

    /** A barrier that overtook the data of its channel (unaligned, or converted after the aligned timeout). */
    void processPriorityBarrier(Envelope env, int channel, long now) throws Exception {
        StreamElement.CheckpointBarrier b = (StreamElement.CheckpointBarrier) env.element;
        long id = b.checkpointId();
        if (stale(id) || (id == currentCheckpointId && received[channel])) {
            return;
        }
        if (id > currentCheckpointId) {
            begin(b, now);
        }
        if (mode == Mode.ALIGNING) {
            switchToUnaligned(b, now);
        }
        markReceived(channel, now);
        List<StreamElement> r = recorded.get(channel);
        List<StreamElement> state = r == null ? new ArrayList<>() : new ArrayList<>(r);
        recorded.set(channel, null);
        Channel c = gate.channels().get(channel);
        state.addAll(env.overtaken != null ? env.overtaken : c.unprocessedBefore(env.outputStart));
        channelState.put(channel, state);
        checkComplete(now);
    }

    /**
     * Snapshots now, unaligned: channels that already delivered their barrier have nothing in flight before it and
     * are released; every other channel records what is processed from it until its barrier comes.
     */
    private void switchToUnaligned(StreamElement.CheckpointBarrier b, long now) throws Exception {
        mode = Mode.UNALIGNED;
        for (int i = 0; i < received.length; i++) {
            if (received[i]) {
                channelState.put(i, List.of());
                gate.unblock(i, now);
            } else {
                recorded.set(i, new ArrayList<>());
            }
        }
        StreamElement.CheckpointBarrier unaligned = b.options().unaligned() ? b : b.toUnaligned();
        pendingBarrier = unaligned;
        started = subtask.checkpointer().start(unaligned, firstBarrierTime - b.timestamp(),
                now - firstBarrierTime, processedDuringAlignment, now);
    }

    private void markReceived(int channel, long now) {
        received[channel] = true;
        numReceived++;
        if (rt().tracer().on()) {
            long cause = rt().tracer().cause();
            int got = numReceived;
            int needed = gate.numChannels();
            long id = currentCheckpointId;
            String ch = gate.channels().get(channel).id();
            long seq = rt().tracer().emit(s -> new TraceEvent.CheckpointBarrierReceived(s, now, subtask.id(), cause,
                    id, ch, got, needed));
            rt().tracer().setCause(seq);
        }
    }

    /** Completes the checkpoint at this subtask when every channel delivered the barrier or is closed for good. */
    void checkComplete(long now) throws Exception {
        if (mode == Mode.IDLE) {
            return;
        }
        for (int i = 0; i < received.length; i++) {
            if (!received[i] && !closed(i)) {
                return;
            }
        }
        StreamElement.CheckpointBarrier b = pendingBarrier;
        if (mode == Mode.ALIGNING) {
            long alignment = now - firstBarrierTime;
            long processed = processedDuringAlignment;
            release(now);
            if (rt().tracer().on()) {
                long cause = rt().tracer().cause();
                long seq = rt().tracer().emit(s -> new TraceEvent.CheckpointAligned(s, now, subtask.id(), cause,
                        b.checkpointId(), alignment, processed));
                rt().tracer().setCause(seq);
            }
            subtask.checkpointer().checkpointState(b, firstBarrierTime - b.timestamp(), alignment, processed, now);
            return;
        }
        Map<String, List<StreamElement>> state = new LinkedHashMap<>();
        for (int i = 0; i < received.length; i++) {
            List<StreamElement> l = channelState.get(i);
            if (l == null && recorded.get(i) != null) {
                l = recorded.get(i); // a closed channel: what was processed from it after the snapshot
            }
            if (l != null && !l.isEmpty()) {
                state.put(gate.channels().get(i).id(), l);
            }
        }
        SubtaskCheckpointCoordinator.Started s = started;
        release(now);
        subtask.checkpointer().finish(s, state, now);
    }

    /** A channel whose sender finished and that holds nothing more will never deliver another barrier. */
    private boolean closed(int i) {
        Channel c = gate.channels().get(i);
        return c.sender().status() == Subtask.Status.FINISHED && c.isEmpty();
    }

    private void release(long now) {
        mode = Mode.IDLE;
        pendingBarrier = null;
        started = null;
        for (int i = 0; i < received.length; i++) {
            recorded.set(i, null);
            gate.unblock(i, now);
        }
    }

    /** The checkpoint was aborted: a checkpoint in progress for it (or an older one) lets its channels go. */
    void abort(long checkpointId, long now) {
        if (mode != Mode.IDLE && currentCheckpointId <= checkpointId) {
            release(now);
        }
        currentCheckpointId = Math.max(currentCheckpointId, checkpointId);
    }

    /**
     * An element (not a barrier) was processed from a channel: counted while aligning (Flink's "processed
     * in-flight data"), recorded while an unaligned checkpoint waits for that channel's barrier.
     */
    void elementProcessed(StreamElement element, int channel) {
        if (mode == Mode.ALIGNING) {
            processedDuringAlignment++;
        } else if (mode == Mode.UNALIGNED && recorded.get(channel) != null) {
            recorded.get(channel).add(element);
        }
    }

    /** True once this subtask has taken part in the checkpoint (or a newer one), through a barrier or a trigger. */
    boolean hasSeen(long checkpointId) {
        return currentCheckpointId >= checkpointId;
    }

    /** The coordinator triggered this subtask directly (its upstream finished): later barriers of it are stale. */
    void triggered(long checkpointId, long now) {
        if (mode != Mode.IDLE && currentCheckpointId < checkpointId) {
            long old = currentCheckpointId;
            release(now);
            subtask.declineCheckpoint(old, "it was subsumed by the trigger of checkpoint " + checkpointId, false, now);
        }
        currentCheckpointId = Math.max(currentCheckpointId, checkpointId);
    }

    boolean isAligning() {
        return mode == Mode.ALIGNING;
    }

    /** The checkpoint whose barriers are being aligned (or, unaligned, still awaited), or -1. */
    long aligningCheckpoint() {
        return mode == Mode.IDLE ? -1 : currentCheckpointId;
    }

    /** Indexes of the channels blocked by the alignment in progress. */
    List<Integer> blockedChannels() {
        List<Integer> out = new ArrayList<>();
        for (int i = 0; i < received.length; i++) {
            if (gate.isBlocked(i)) {
                out.add(i);
            }
        }
        return out;
    }
}
