package io.streamscope.checkpoint;

import io.streamscope.state.KeyGroupRangeAssignment;
import java.util.List;
import java.util.TreeMap;

/**
 * Hands the state of a completed checkpoint to the operator instances of a (re)deployed job, as Flink's
 * StateAssignmentOperation does: each instance gets the key groups of its key-group range, whichever old subtasks
 * held them, so that keyed state follows its keys when the parallelism changes; operator list state is offered to
 * every instance to take its share. The max parallelism must not change: it fixes the key groups.
 */
public final class StateAssignment {
    private StateAssignment() {
    }

    /**
     * The state of subtask {@code index} of an operator now running with {@code parallelism} and
     * {@code maxParallelism}; throws when the max parallelism differs from the checkpoint's.
     */
    public static OperatorRestoreState assign(CompletedCheckpoint checkpoint, OperatorState state, int index,
                                              int parallelism, int maxParallelism) {
        if (state.maxParallelism() != maxParallelism) {
            throw new IllegalStateException("cannot restore operator '" + state.name() + "' from "
                    + checkpoint.describe() + ": it was taken with max parallelism " + state.maxParallelism()
                    + " but the job now has max parallelism " + maxParallelism + ". The max parallelism fixes the"
                    + " number of key groups, so it must not change between a checkpoint and its restore; set it"
                    + " back to " + state.maxParallelism());
        }
        int start = KeyGroupRangeAssignment.keyGroupRangeStart(maxParallelism, parallelism, index);
        int end = KeyGroupRangeAssignment.keyGroupRangeEnd(maxParallelism, parallelism, index);
        TreeMap<Integer, byte[]> groups = new TreeMap<>();
        TreeMap<Integer, List<byte[]>> lists = new TreeMap<>();
        for (var e : state.subtaskStates().entrySet()) {
            groups.putAll(e.getValue().keyGroups().subMap(start, end + 1));
            if (!e.getValue().listState().isEmpty()) {
                lists.put(e.getKey(), e.getValue().listState());
            }
        }
        return new OperatorRestoreState(checkpoint.checkpointId(), state.parallelism(), groups, lists);
    }
}
