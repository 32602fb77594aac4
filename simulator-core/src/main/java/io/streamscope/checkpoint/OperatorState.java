package io.streamscope.checkpoint;

import java.util.Collections;
import java.util.SortedMap;
import java.util.TreeMap;

/**
 * The state of one operator across its subtasks in a completed checkpoint, with the parallelism and max
 * parallelism it was taken at (Flink's OperatorState): what a restore redistributes.
 *
 * @param uid the operator's identity in the job (stable across runs of the same program)
 * @param name its name
 * @param parallelism the parallelism it ran with
 * @param maxParallelism its number of key groups
 * @param subtaskStates the state of each subtask, by subtask index
 */
public record OperatorState(String uid, String name, int parallelism, int maxParallelism,
                            SortedMap<Integer, OperatorSubtaskState> subtaskStates) {
    public OperatorState {
        subtaskStates = Collections.unmodifiableSortedMap(new TreeMap<>(subtaskStates));
    }

    public long sizeBytes() {
        long n = 0;
        for (OperatorSubtaskState s : subtaskStates.values()) {
            n += s.sizeBytes();
        }
        return n;
    }
}
