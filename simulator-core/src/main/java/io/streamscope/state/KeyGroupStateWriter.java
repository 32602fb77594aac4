package io.streamscope.state;

import java.io.Serializable;
import java.util.ArrayList;
import java.util.List;
import java.util.SortedMap;
import java.util.TreeMap;

/**
 * Collects the entries of an operator's keyed state (values, windows, timers) by the key group of their key and
 * writes each key group as one array of bytes: the unit Flink redistributes when a job is rescaled.
 */
public final class KeyGroupStateWriter {
    private final int maxParallelism;
    private final String owner;
    private final TreeMap<Integer, ArrayList<Serializable>> groups = new TreeMap<>();

    public KeyGroupStateWriter(int maxParallelism, String owner) {
        this.maxParallelism = maxParallelism;
        this.owner = owner;
    }

    /** Adds an entry belonging to {@code key}; entries of one key group keep the order they were added in. */
    public void add(Object key, Serializable entry) {
        int group = KeyGroupRangeAssignment.assignToKeyGroup(key, maxParallelism);
        groups.computeIfAbsent(group, g -> new ArrayList<>()).add(entry);
    }

    /** The serialized key groups, in key-group order. */
    public SortedMap<Integer, byte[]> build() {
        TreeMap<Integer, byte[]> out = new TreeMap<>();
        for (var e : groups.entrySet()) {
            out.put(e.getKey(), StateSerializer.serialize(e.getValue(), owner));
        }
        return out;
    }

    /** Every entry of the given key groups, in key-group order and, within a group, in the order written. */
    public static List<Object> read(SortedMap<Integer, byte[]> keyGroups) {
        List<Object> out = new ArrayList<>();
        for (byte[] b : keyGroups.values()) {
            out.addAll((List<?>) StateSerializer.deserialize(b));
        }
        return out;
    }
}
