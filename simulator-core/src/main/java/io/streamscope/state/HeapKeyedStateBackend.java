package io.streamscope.state;

import io.streamscope.api.functions.MapState;
import io.streamscope.api.functions.ValueState;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Keyed state on the heap, scoped to the current key (Flink's HashMapStateBackend). Maps keep insertion
 * order, so every listing of keys and states is deterministic.
 */
public final class HeapKeyedStateBackend {
    private final Map<String, LinkedHashMap<Object, Object>> states = new LinkedHashMap<>();
    private final int maxParallelism;
    private Object currentKey;

    public HeapKeyedStateBackend(int maxParallelism) {
        this.maxParallelism = maxParallelism;
    }

    public void setCurrentKey(Object key) {
        this.currentKey = key;
    }

    public Object currentKey() {
        return currentKey;
    }

    private LinkedHashMap<Object, Object> table(String name) {
        return states.computeIfAbsent(name, n -> new LinkedHashMap<>());
    }

    /** Value state named {@code name}, read and written for whatever key is current at the time of the call. */
    public <T> ValueState<T> valueState(String name) {
        LinkedHashMap<Object, Object> t = table(name);
        return new ValueState<>() {
            @Override
            @SuppressWarnings("unchecked")
            public T value() {
                return (T) t.get(currentKey);
            }

            @Override
            public void update(T value) {
                if (value == null) {
                    t.remove(currentKey);
                } else {
                    t.put(currentKey, value);
                }
            }

            @Override
            public void clear() {
                t.remove(currentKey);
            }
        };
    }

    /** Map state named {@code name}, scoped to the current key. */
    public <K, V> MapState<K, V> mapState(String name) {
        LinkedHashMap<Object, Object> t = table(name);
        return new MapState<>() {
            @SuppressWarnings("unchecked")
            private LinkedHashMap<K, V> map(boolean create) {
                Object m = t.get(currentKey);
                if (m == null && create) {
                    m = new LinkedHashMap<K, V>();
                    t.put(currentKey, m);
                }
                return (LinkedHashMap<K, V>) m;
            }

            @Override
            public V get(K key) {
                LinkedHashMap<K, V> m = map(false);
                return m == null ? null : m.get(key);
            }

            @Override
            public void put(K key, V value) {
                map(true).put(key, value);
            }

            @Override
            public boolean contains(K key) {
                LinkedHashMap<K, V> m = map(false);
                return m != null && m.containsKey(key);
            }

            @Override
            public void remove(K key) {
                LinkedHashMap<K, V> m = map(false);
                if (m != null) {
                    m.remove(key);
                    if (m.isEmpty()) {
                        t.remove(currentKey);
                    }
                }
            }

            @Override
            public Iterable<Map.Entry<K, V>> entries() {
                LinkedHashMap<K, V> m = map(false);
                return m == null ? List.of() : new ArrayList<>(m.entrySet());
            }

            @Override
            public boolean isEmpty() {
                LinkedHashMap<K, V> m = map(false);
                return m == null || m.isEmpty();
            }

            @Override
            public void clear() {
                t.remove(currentKey);
            }
        };
    }

    /** One key's entry in one named state, for views. */
    public record Entry(Object key, int keyGroup, String state, Object value) {
    }

    /** Every (key, state) entry, ordered by key group, then first appearance. */
    public List<Entry> entries() {
        List<Entry> out = new ArrayList<>();
        for (Map.Entry<String, LinkedHashMap<Object, Object>> s : states.entrySet()) {
            for (Map.Entry<Object, Object> e : s.getValue().entrySet()) {
                out.add(new Entry(e.getKey(), KeyGroupRangeAssignment.assignToKeyGroup(e.getKey(), maxParallelism),
                        s.getKey(), e.getValue()));
            }
        }
        out.sort(java.util.Comparator.comparingInt(Entry::keyGroup));
        return out;
    }

    /** One (state, key) entry as it goes into a checkpoint. */
    public record SnapshotEntry(String state, Object key, Object value) implements java.io.Serializable {
    }

    /** Adds every (state, key) entry to a checkpoint, by the key group of its key. */
    public void snapshotTo(KeyGroupStateWriter writer) {
        for (Map.Entry<String, LinkedHashMap<Object, Object>> s : states.entrySet()) {
            for (Map.Entry<Object, Object> e : s.getValue().entrySet()) {
                writer.add(e.getKey(), new SnapshotEntry(s.getKey(), e.getKey(), e.getValue()));
            }
        }
    }

    /** Puts back one entry of a checkpoint (state handles already handed out see it, they share the table). */
    public void restore(SnapshotEntry e) {
        table(e.state()).put(e.key(), e.value());
    }
}
