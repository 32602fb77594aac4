package io.streamscope.api.builtin;

import java.io.Serializable;
import java.util.Arrays;

/**
 * The set behind distinctCount, tuned for the hot path of sliding windows (every record is added to several
 * windows' sets). Values are kept in insertion order in an array with their hash codes alongside: small sets
 * are scanned by hash (no per-element nodes, cache friendly), larger ones get an open-addressing index of
 * positions.
 */
final class DistinctSet implements Serializable {
    private static final long serialVersionUID = 1L;
    private static final int SCAN_LIMIT = 16;
    private Object[] values = new Object[4];
    private int[] hashes = new int[4];
    private int size;
    /** Positions + 1 of values by hash (0 = empty slot); null while the set is small enough to scan. */
    private int[] index;

    void add(Object v) {
        int h = v.hashCode();
        if (index == null) {
            for (int i = 0; i < size; i++) {
                if (hashes[i] == h && (values[i] == v || values[i].equals(v))) {
                    return;
                }
            }
        } else {
            int mask = index.length - 1;
            for (int slot = spread(h) & mask; index[slot] != 0; slot = (slot + 1) & mask) {
                int i = index[slot] - 1;
                // the same value object comes back again and again (a field's strings are shared): comparing the
                // reference first finds it without reading the stored hash
                if (values[i] == v || (hashes[i] == h && values[i].equals(v))) {
                    return;
                }
            }
        }
        append(v, h);
    }

    private void append(Object v, int h) {
        if (size == values.length) {
            values = Arrays.copyOf(values, size * 2);
            hashes = Arrays.copyOf(hashes, size * 2);
        }
        values[size] = v;
        hashes[size] = h;
        size++;
        if (index != null && size * 2 > index.length) {
            rebuildIndex(index.length * 2);
        } else if (index != null) {
            insert(size - 1);
        } else if (size > SCAN_LIMIT) {
            rebuildIndex(64);
        }
    }

    private void rebuildIndex(int capacity) {
        index = new int[capacity];
        for (int i = 0; i < size; i++) {
            insert(i);
        }
    }

    private void insert(int position) {
        int mask = index.length - 1;
        int slot = spread(hashes[position]) & mask;
        while (index[slot] != 0) {
            slot = (slot + 1) & mask;
        }
        index[slot] = position + 1;
    }

    private static int spread(int h) {
        h *= 0x9E3779B9;
        return h ^ (h >>> 16);
    }

    int size() {
        return size;
    }

    DistinctSet union(DistinctSet other) {
        DistinctSet u = new DistinctSet();
        for (int i = 0; i < size; i++) {
            u.add(values[i]);
        }
        for (int i = 0; i < other.size; i++) {
            u.add(other.values[i]);
        }
        return u;
    }

    @Override
    public String toString() {
        return Arrays.toString(Arrays.copyOf(values, size));
    }
}
