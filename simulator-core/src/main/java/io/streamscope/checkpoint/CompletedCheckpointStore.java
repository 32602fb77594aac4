package io.streamscope.checkpoint;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;

/** The completed checkpoints a job keeps for recovery, newest last (Flink's state.checkpoints.num-retained). */
public final class CompletedCheckpointStore {
    private final int retained;
    private final ArrayDeque<CompletedCheckpoint> checkpoints = new ArrayDeque<>();

    public CompletedCheckpointStore(int retained) {
        this.retained = retained;
    }

    /** Adds a checkpoint; returns the oldest ones beyond the retained number, which are dropped (subsumed). */
    public List<CompletedCheckpoint> add(CompletedCheckpoint c) {
        checkpoints.addLast(c);
        List<CompletedCheckpoint> dropped = new ArrayList<>();
        while (checkpoints.size() > retained) {
            dropped.add(checkpoints.removeFirst());
        }
        return dropped;
    }

    /** The newest completed checkpoint, or null. */
    public CompletedCheckpoint latest() {
        return checkpoints.peekLast();
    }

    /** Every retained checkpoint, oldest first. */
    public List<CompletedCheckpoint> all() {
        return new ArrayList<>(checkpoints);
    }
}
