package io.streamscope.checkpoint;

import java.util.Collections;
import java.util.List;
import java.util.SortedMap;
import java.util.TreeMap;

/**
 * The state one operator instance put into a checkpoint: its keyed state split by key group (so that it can be
 * redistributed when the parallelism changes, as Flink's key-group ranges are), and its operator list state
 * (source split offsets, a sink's transactions). Both are bytes, so their size is the state size.
 *
 * @param keyGroups serialized keyed state (values and timers) per key group, in key-group order
 * @param listState serialized entries of operator (non-keyed) list state
 */
public record OperatorSubtaskState(SortedMap<Integer, byte[]> keyGroups, List<byte[]> listState) {
    /** An operator without state. */
    public static final OperatorSubtaskState EMPTY = new OperatorSubtaskState(new TreeMap<>(), List.of());

    public OperatorSubtaskState {
        keyGroups = Collections.unmodifiableSortedMap(new TreeMap<>(keyGroups));
        listState = List.copyOf(listState);
    }

    /** Bytes of state, keyed and operator state together. */
    public long sizeBytes() {
        long n = 0;
        for (byte[] b : keyGroups.values()) {
            n += b.length;
        }
        for (byte[] b : listState) {
            n += b.length;
        }
        return n;
    }

    public boolean isEmpty() {
        return keyGroups.isEmpty() && listState.isEmpty();
    }
}
