package io.streamscope.state;

import io.streamscope.api.functions.MapState;
import io.streamscope.api.functions.ValueState;
import io.streamscope.api.state.StateTtlConfig;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.LongSupplier;

/**
 * Keyed state on the heap, scoped to the current key (Flink's HashMapStateBackend). Maps keep insertion
 * order, so every listing of keys and states is deterministic.
 *
 * <p>State declared with a {@link StateTtlConfig} stores {@link TtlValue}s (per key for value state, per map entry
 * for map state) stamped with the virtual processing time, and is cleaned as Flink cleans it: on read, by the
 * incremental cleanup (a cursor over the state's keys in insertion order), and out of full snapshots.
 */
public final class HeapKeyedStateBackend {
    /** How expired state was found and removed, for the trace. */
    public static final String CLEANUP_READ = "read";
    public static final String CLEANUP_INCREMENTAL = "incremental";
    public static final String CLEANUP_FULL_SNAPSHOT = "full-snapshot";

    /** Told when expired TTL state is removed (or left out of a snapshot), so the operator can trace it. */
    public interface ExpiryListener {
        /** {@code mapKey} is null for value state; {@code cleanup} is one of the CLEANUP_ constants. */
        void expired(String state, Object key, Object mapKey, Object value, long lastAccess, long expiredAt,
                     String cleanup);
    }

    private final Map<String, LinkedHashMap<Object, Object>> states = new LinkedHashMap<>();
    /** How each state name was declared: its TTL, or null for state without one. */
    private final Map<String, StateTtlConfig> ttls = new LinkedHashMap<>();
    /** Per TTL state with incremental cleanup: where the cleanup iterator stands (an index into insertion order). */
    private final Map<String, int[]> cleanupCursors = new LinkedHashMap<>();
    private final int maxParallelism;
    private final LongSupplier processingTime;
    private final ExpiryListener listener;
    private Object currentKey;

    public HeapKeyedStateBackend(int maxParallelism) {
        this(maxParallelism, () -> {
            throw new IllegalStateException("this keyed state backend has no processing-time clock for state TTL");
        }, (state, key, mapKey, value, lastAccess, expiredAt, cleanup) -> { });
    }

    /** A backend whose TTL state reads {@code processingTime} (the virtual clock) and reports removals. */
    public HeapKeyedStateBackend(int maxParallelism, LongSupplier processingTime, ExpiryListener listener) {
        this.maxParallelism = maxParallelism;
        this.processingTime = processingTime;
        this.listener = listener;
    }

    /**
     * Sets the key the state handles read and write. TTL states whose incremental cleanup runs for every record
     * run it here, as Flink runs it when the keyed backend selects a key.
     */
    public void setCurrentKey(Object key) {
        this.currentKey = key;
        if (!cleanupCursors.isEmpty()) {
            for (Map.Entry<String, StateTtlConfig> e : ttls.entrySet()) {
                StateTtlConfig.IncrementalCleanup ic = e.getValue() == null ? null : e.getValue().incrementalCleanup();
                if (ic != null && ic.runCleanupForEveryRecord()) {
                    runIncrementalCleanup(e.getKey(), e.getValue());
                }
            }
        }
    }

    public Object currentKey() {
        return currentKey;
    }

    private LinkedHashMap<Object, Object> table(String name) {
        return states.computeIfAbsent(name, n -> new LinkedHashMap<>());
    }

    /** Value state named {@code name}, read and written for whatever key is current at the time of the call. */
    public <T> ValueState<T> valueState(String name) {
        registerTtl(name, null);
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
        registerTtl(name, null);
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

    /**
     * One key's entry in one named state, for views. For TTL state {@code value} is the user's value (a map of user
     * values for map state) and {@code expiresAt} the processing time it expires at (the earliest of a map's
     * entries); null for state without TTL.
     */
    public record Entry(Object key, int keyGroup, String state, Object value, Long expiresAt) {
        public Entry(Object key, int keyGroup, String state, Object value) {
            this(key, keyGroup, state, value, null);
        }
    }

    /** Every (key, state) entry, ordered by key group, then first appearance. */
    public List<Entry> entries() {
        List<Entry> out = new ArrayList<>();
        for (Map.Entry<String, LinkedHashMap<Object, Object>> s : states.entrySet()) {
            StateTtlConfig ttl = ttls.get(s.getKey());
            for (Map.Entry<Object, Object> e : s.getValue().entrySet()) {
                int group = KeyGroupRangeAssignment.assignToKeyGroup(e.getKey(), maxParallelism);
                if (ttl == null) {
                    out.add(new Entry(e.getKey(), group, s.getKey(), e.getValue()));
                } else if (e.getValue() instanceof TtlValue v) {
                    out.add(new Entry(e.getKey(), group, s.getKey(), v.value(), ttl.expirationTimestamp(v.lastAccess())));
                } else {
                    LinkedHashMap<Object, Object> user = new LinkedHashMap<>();
                    long earliest = Long.MAX_VALUE;
                    for (Map.Entry<?, ?> me : ((Map<?, ?>) e.getValue()).entrySet()) {
                        TtlValue v = (TtlValue) me.getValue();
                        user.put(me.getKey(), v.value());
                        earliest = Math.min(earliest, ttl.expirationTimestamp(v.lastAccess()));
                    }
                    out.add(new Entry(e.getKey(), group, s.getKey(), user, earliest));
                }
            }
        }
        out.sort(java.util.Comparator.comparingInt(Entry::keyGroup));
        return out;
    }

    /** One (state, key) entry as it goes into a checkpoint. */
    public record SnapshotEntry(String state, Object key, Object value) implements java.io.Serializable {
    }

    /**
     * Adds every (state, key) entry to a checkpoint, by the key group of its key. TTL state is written with its
     * last-access timestamps; with cleanupFullSnapshot, entries expired at the time of the snapshot are left out of
     * it (and reported), while the live state keeps them until it is read or cleaned.
     */
    public void snapshotTo(KeyGroupStateWriter writer) {
        for (Map.Entry<String, LinkedHashMap<Object, Object>> s : states.entrySet()) {
            StateTtlConfig ttl = ttls.get(s.getKey());
            boolean filter = ttl != null && ttl.cleanupFullSnapshot();
            long now = filter ? processingTime.getAsLong() : 0;
            for (Map.Entry<Object, Object> e : s.getValue().entrySet()) {
                Object value = e.getValue();
                if (filter) {
                    value = unexpiredOrNull(s.getKey(), ttl, e.getKey(), value, now, CLEANUP_FULL_SNAPSHOT, false);
                    if (value == null) {
                        continue;
                    }
                }
                writer.add(e.getKey(), new SnapshotEntry(s.getKey(), e.getKey(), value));
            }
        }
    }

    /**
     * The stored value (a TtlValue, or a map of them) without its expired parts, or null when all of it expired;
     * each expired part is reported with {@code cleanup}. With {@code inPlace} a map is trimmed where it stands,
     * otherwise a trimmed copy is returned (for a snapshot, which must not touch the live state).
     */
    private Object unexpiredOrNull(String state, StateTtlConfig ttl, Object key, Object stored, long now,
                                   String cleanup, boolean inPlace) {
        if (stored instanceof TtlValue v) {
            if (ttl.expired(v.lastAccess(), now)) {
                listener.expired(state, key, null, v.value(), v.lastAccess(), ttl.expirationTimestamp(v.lastAccess()),
                        cleanup);
                return null;
            }
            return v;
        }
        @SuppressWarnings("unchecked")
        Map<Object, Object> m = (Map<Object, Object>) stored;
        Map<Object, Object> out = inPlace ? m : new LinkedHashMap<>(m);
        Iterator<Map.Entry<Object, Object>> it = out.entrySet().iterator();
        while (it.hasNext()) {
            Map.Entry<Object, Object> me = it.next();
            TtlValue v = (TtlValue) me.getValue();
            if (ttl.expired(v.lastAccess(), now)) {
                listener.expired(state, key, me.getKey(), v.value(), v.lastAccess(),
                        ttl.expirationTimestamp(v.lastAccess()), cleanup);
                it.remove();
            }
        }
        return out.isEmpty() ? null : out;
    }

    /** Records how a state is declared (null: without TTL); one name keeps one declaration, as in Flink. */
    private void registerTtl(String name, StateTtlConfig ttl) {
        if (ttls.containsKey(name) && !java.util.Objects.equals(ttls.get(name), ttl)) {
            throw new IllegalStateException("keyed state '" + name + "' is already declared "
                    + (ttls.get(name) == null ? "without a TTL" : "with " + ttls.get(name))
                    + "; one state name has one TTL configuration");
        }
        ttls.put(name, ttl);
        if (ttl != null && ttl.incrementalCleanup() != null) {
            cleanupCursors.putIfAbsent(name, new int[1]);
        }
    }

    /**
     * Flink's TtlIncrementalCleanup for one state: checks the next {@code cleanupSize} keys from where the last
     * run stopped and removes what has expired (for map state, the expired entries, and the key once its map is
     * empty). Flink iterates its heap state table; here the order is the keys' insertion order, and a run that
     * reaches the end stops there and the next one starts again from the first key.
     */
    private void runIncrementalCleanup(String name, StateTtlConfig ttl) {
        LinkedHashMap<Object, Object> t = states.get(name);
        int[] cursor = cleanupCursors.get(name);
        if (t == null || t.isEmpty()) {
            cursor[0] = 0;
            return;
        }
        if (cursor[0] >= t.size()) {
            cursor[0] = 0;
        }
        List<Object> keys = new ArrayList<>(t.keySet());
        int end = Math.min(keys.size(), cursor[0] + ttl.incrementalCleanup().cleanupSize());
        long now = processingTime.getAsLong();
        int removed = 0;
        for (int i = cursor[0]; i < end; i++) {
            Object key = keys.get(i);
            Object clean = unexpiredOrNull(name, ttl, key, t.get(key), now, CLEANUP_INCREMENTAL, true);
            if (clean == null) {
                t.remove(key);
                removed++;
            }
        }
        // a run that reached the last key ends the pass, as Flink's exhausted state iterator is replaced by a new
        // one: keys written since are met again from the first key, not by continuing past the old end
        cursor[0] = end == keys.size() ? 0 : end - removed;
    }

    /** Runs the state's incremental cleanup, as Flink does on every access of a TTL state, before the access. */
    private void accessed(String name, StateTtlConfig ttl) {
        if (ttl.incrementalCleanup() != null) {
            runIncrementalCleanup(name, ttl);
        }
    }

    /**
     * One read of a stored TTL value (a value state's, or one map entry's), as Flink's AbstractTtlDecorator reads it:
     * an expired value is removed (reported as cleanup on read) and returned only with ReturnExpiredIfNotCleanedUp;
     * an unexpired one is re-stamped with OnReadAndWrite. Returns the user value the read sees, or null.
     */
    private Object readWithTtl(String name, StateTtlConfig ttl, Object mapKey, TtlValue v, Runnable remove,
                               java.util.function.Consumer<TtlValue> restamp) {
        long now = processingTime.getAsLong();
        if (ttl.expired(v.lastAccess(), now)) {
            remove.run();
            listener.expired(name, currentKey, mapKey, v.value(), v.lastAccess(),
                    ttl.expirationTimestamp(v.lastAccess()), CLEANUP_READ);
            return ttl.stateVisibility() == StateTtlConfig.StateVisibility.ReturnExpiredIfNotCleanedUp
                    ? v.value() : null;
        }
        if (ttl.updateType() == StateTtlConfig.UpdateType.OnReadAndWrite) {
            restamp.accept(new TtlValue(v.value(), now));
        }
        return v.value();
    }

    /** Value state named {@code name} with a time-to-live (no TTL when {@code ttl} is null). */
    public <T> ValueState<T> valueState(String name, StateTtlConfig ttl) {
        if (ttl == null) {
            return valueState(name);
        }
        registerTtl(name, ttl);
        LinkedHashMap<Object, Object> t = table(name);
        return new ValueState<>() {
            @Override
            @SuppressWarnings("unchecked")
            public T value() {
                accessed(name, ttl);
                TtlValue v = (TtlValue) t.get(currentKey);
                return v == null ? null : (T) readWithTtl(name, ttl, null, v, () -> t.remove(currentKey),
                        fresh -> t.put(currentKey, fresh));
            }

            @Override
            public void update(T value) {
                accessed(name, ttl);
                if (value == null) {
                    t.remove(currentKey);
                } else {
                    t.put(currentKey, new TtlValue(value, processingTime.getAsLong()));
                }
            }

            @Override
            public void clear() {
                t.remove(currentKey);
                accessed(name, ttl);
            }
        };
    }

    /** Map state named {@code name} whose entries each have a time-to-live (no TTL when {@code ttl} is null). */
    public <K, V> MapState<K, V> mapState(String name, StateTtlConfig ttl) {
        if (ttl == null) {
            return mapState(name);
        }
        registerTtl(name, ttl);
        LinkedHashMap<Object, Object> t = table(name);
        return new MapState<>() {
            @SuppressWarnings("unchecked")
            private LinkedHashMap<Object, TtlValue> map(boolean create) {
                Object m = t.get(currentKey);
                if (m == null && create) {
                    m = new LinkedHashMap<Object, TtlValue>();
                    t.put(currentKey, m);
                }
                return (LinkedHashMap<Object, TtlValue>) m;
            }

            /** The visible value of one entry, applying expiry and update-on-read; the map may be emptied. */
            private Object read(LinkedHashMap<Object, TtlValue> m, Object mapKey) {
                TtlValue v = m.get(mapKey);
                return v == null ? null : readWithTtl(name, ttl, mapKey, v, () -> m.remove(mapKey),
                        fresh -> m.put(mapKey, fresh));
            }

            private void dropIfEmpty(LinkedHashMap<Object, TtlValue> m) {
                if (m != null && m.isEmpty()) {
                    t.remove(currentKey);
                }
            }

            @Override
            @SuppressWarnings("unchecked")
            public V get(K key) {
                accessed(name, ttl);
                LinkedHashMap<Object, TtlValue> m = map(false);
                if (m == null) {
                    return null;
                }
                Object v = read(m, key);
                dropIfEmpty(m);
                return (V) v;
            }

            @Override
            public void put(K key, V value) {
                accessed(name, ttl);
                map(true).put(key, new TtlValue(value, processingTime.getAsLong()));
            }

            @Override
            public boolean contains(K key) {
                return get(key) != null;
            }

            @Override
            public void remove(K key) {
                accessed(name, ttl);
                LinkedHashMap<Object, TtlValue> m = map(false);
                if (m != null) {
                    m.remove(key);
                    dropIfEmpty(m);
                }
            }

            @Override
            @SuppressWarnings("unchecked")
            public Iterable<Map.Entry<K, V>> entries() {
                accessed(name, ttl);
                LinkedHashMap<Object, TtlValue> m = map(false);
                if (m == null) {
                    return List.of();
                }
                List<Map.Entry<K, V>> out = new ArrayList<>();
                for (Object k : new ArrayList<>(m.keySet())) {
                    Object v = read(m, k);
                    if (v != null) {
                        out.add(Map.entry((K) k, (V) v));
                    }
                }
                dropIfEmpty(m);
                return out;
            }

            @Override
            public boolean isEmpty() {
                return !entries().iterator().hasNext();
            }

            @Override
            public void clear() {
                t.remove(currentKey);
                accessed(name, ttl);
            }
        };
    }

    /** Puts back one entry of a checkpoint (state handles already handed out see it, they share the table). */
    public void restore(SnapshotEntry e) {
        table(e.state()).put(e.key(), e.value());
    }
}
