package io.streamscope.api.builtin;

import java.io.Serializable;
import java.util.Arrays;
import java.util.LinkedHashSet;

/**
 * The set behind distinctCount. A window of one key usually sees few distinct values, so they are kept in a
 * small array scanned linearly (cache friendly, no per-element nodes) and moved to a hash set only when the
 * set grows large. Insertion order is kept either way.
 */
final class DistinctSet implements Serializable {
    private static final long serialVersionUID = 1L;
    private static final int ARRAY_LIMIT = 32;
    private Object[] small = new Object[4];
    private int size;
    private LinkedHashSet<Object> large;

    void add(Object v) {
        if (large != null) {
            large.add(v);
            return;
        }
        for (int i = 0; i < size; i++) {
            Object o = small[i];
            if (o == v || o.equals(v)) {
                return;
            }
        }
        if (size == ARRAY_LIMIT) {
            large = new LinkedHashSet<>(Arrays.asList(small).subList(0, size));
            large.add(v);
            small = null;
            return;
        }
        if (size == small.length) {
            small = Arrays.copyOf(small, Math.min(ARRAY_LIMIT, size * 2));
        }
        small[size++] = v;
    }

    int size() {
        return large != null ? large.size() : size;
    }

    DistinctSet union(DistinctSet other) {
        DistinctSet u = new DistinctSet();
        forEach(this, u);
        forEach(other, u);
        return u;
    }

    private static void forEach(DistinctSet from, DistinctSet into) {
        if (from.large != null) {
            for (Object o : from.large) {
                into.add(o);
            }
        } else {
            for (int i = 0; i < from.size; i++) {
                into.add(from.small[i]);
            }
        }
    }

    @Override
    public String toString() {
        return large != null ? large.toString() : Arrays.toString(Arrays.copyOf(small, size));
    }
}
