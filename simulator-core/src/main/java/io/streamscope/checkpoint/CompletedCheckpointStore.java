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

    /** Adds a checkpoint; the oldest ones beyond the retained number are dropped (subsumed). */
    public void add(CompletedCheckpoint c) {
        checkpoints.addLast(c);
        while (checkpoints.size() > retained) {
            checkpoints.removeFirst();
        }
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
