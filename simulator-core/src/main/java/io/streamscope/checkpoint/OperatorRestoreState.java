package io.streamscope.checkpoint;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.SortedMap;
import java.util.TreeMap;

/**
 * What one operator instance gets back at a restore: the key groups of its range (from whichever old subtasks held
 * them) and the operator list state of every old subtask, so that it can take its share (Flink's union
 * redistribution; with an unchanged parallelism an operator takes its own old subtask's entries).
 *
 * @param checkpointId the checkpoint or savepoint restored
 * @param oldParallelism the parallelism the state was taken at
 * @param keyGroups the serialized key groups this instance now owns
 * @param listStateBySubtask operator list state by old subtask index
 */
public record OperatorRestoreState(long checkpointId, int oldParallelism, SortedMap<Integer, byte[]> keyGroups,
                                   SortedMap<Integer, List<byte[]>> listStateBySubtask) {
    public OperatorRestoreState {
        keyGroups = Collections.unmodifiableSortedMap(new TreeMap<>(keyGroups));
        listStateBySubtask = Collections.unmodifiableSortedMap(new TreeMap<>(listStateBySubtask));
    }

    /** The list state of every old subtask, in subtask order. */
    public List<byte[]> allListState() {
        List<byte[]> out = new ArrayList<>();
        for (List<byte[]> l : listStateBySubtask.values()) {
            out.addAll(l);
        }
        return out;
    }

    /**
     * The list state entries an instance takes when each old subtask's entries go to exactly one new subtask:
     * its own old subtask's with an unchanged parallelism, those of old subtasks {@code i} with
     * {@code i % parallelism == index} otherwise.
     */
    public List<byte[]> share(int index, int parallelism) {
        List<byte[]> out = new ArrayList<>();
        for (var e : listStateBySubtask.entrySet()) {
            if (e.getKey() % parallelism == index) {
                out.addAll(e.getValue());
            }
        }
        return out;
    }

    /** Bytes restored: key groups plus the list state this instance reads. */
    public long sizeBytes() {
        long n = 0;
        for (byte[] b : keyGroups.values()) {
            n += b.length;
        }
        for (byte[] b : allListState()) {
            n += b.length;
        }
        return n;
    }
}
