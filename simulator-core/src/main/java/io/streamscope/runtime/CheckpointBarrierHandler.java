package io.streamscope.runtime;

import io.streamscope.trace.TraceEvent;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Aligns checkpoint barriers over the input channels of a subtask (Flink's SingleCheckpointBarrierHandler in
 * aligned mode). A channel that delivered barrier n is blocked until every channel has; what arrives on it
 * meanwhile stays queued in its input buffer (the alignment buffer) and its sender is eventually backpressured.
 * When the last barrier arrives the subtask snapshots, forwards the barrier and releases the channels. A newer
 * barrier subsumes an alignment in progress; an aborted checkpoint releases its channels. A channel whose sender
 * has finished sends no more barriers and counts as aligned.
 */
final class CheckpointBarrierHandler {
    private final Subtask subtask;
    private final InputGate gate;
    private final boolean[] received;
    private int numReceived;
    /** The newest checkpoint this subtask has seen a barrier of (or aborted); older barriers are ignored. */
    private long currentCheckpointId = -1;
    private boolean aligning;
    private StreamElement.CheckpointBarrier pendingBarrier;
    private long firstBarrierTime;
    private long processedDuringAlignment;

    CheckpointBarrierHandler(Subtask subtask, InputGate gate) {
        this.subtask = subtask;
        this.gate = gate;
        this.received = new boolean[gate.numChannels()];
    }

    private JobRuntime rt() {
        return subtask.runtime();
    }

    /** A barrier taken from input channel {@code channel}. */
    void processBarrier(StreamElement.CheckpointBarrier b, int channel, long now) throws Exception {
        long id = b.checkpointId();
        if (id < currentCheckpointId || (id == currentCheckpointId && !aligning)) {
            checkAligned(now); // a stale barrier; its channel may now be drained and closed
            return;
        }
        if (id > currentCheckpointId) {
            if (aligning) {
                long old = currentCheckpointId;
                release(now);
                subtask.declineCheckpoint(old, "its alignment was subsumed by the barrier of checkpoint " + id,
                        false, now);
            }
            currentCheckpointId = id;
            aligning = true;
            pendingBarrier = b;
            Arrays.fill(received, false);
            numReceived = 0;
            firstBarrierTime = now;
            processedDuringAlignment = 0;
        }
        received[channel] = true;
        numReceived++;
        gate.block(channel);
        if (rt().tracer().on()) {
            long cause = rt().tracer().cause();
            int got = numReceived;
            int needed = gate.numChannels();
            String ch = gate.channels().get(channel).id();
            long seq = rt().tracer().emit(s -> new TraceEvent.CheckpointBarrierReceived(s, now, subtask.id(), cause,
                    id, ch, got, needed));
            rt().tracer().setCause(seq);
        }
        checkAligned(now);
    }

    /** Completes the alignment when every channel delivered the barrier or is closed for good. */
    void checkAligned(long now) throws Exception {
        if (!aligning) {
            return;
        }
        for (int i = 0; i < received.length; i++) {
            if (!received[i] && !closed(i)) {
                return;
            }
        }
        StreamElement.CheckpointBarrier b = pendingBarrier;
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
    }

    /** A channel whose sender finished and that holds nothing more will never deliver another barrier. */
    private boolean closed(int i) {
        Channel c = gate.channels().get(i);
        return c.sender().status() == Subtask.Status.FINISHED && c.isEmpty();
    }

    private void release(long now) {
        aligning = false;
        pendingBarrier = null;
        for (int i = 0; i < received.length; i++) {
            gate.unblock(i, now);
        }
    }

    /** The checkpoint was aborted: an alignment for it (or an older one) lets its channels go. */
    void abort(long checkpointId, long now) {
        if (aligning && currentCheckpointId <= checkpointId) {
            release(now);
        }
        currentCheckpointId = Math.max(currentCheckpointId, checkpointId);
    }

    /** Counts an element processed from a channel not yet aligned (Flink's "processed in-flight data"). */
    void elementProcessed() {
        if (aligning) {
            processedDuringAlignment++;
        }
    }

    boolean isAligning() {
        return aligning;
    }

    /** The checkpoint being aligned, or -1. */
    long aligningCheckpoint() {
        return aligning ? currentCheckpointId : -1;
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
