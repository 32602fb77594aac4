package io.streamscope.sim;

import java.util.Arrays;
import java.util.function.Predicate;

/**
 * The kernel's pending actions, in (time, scheduling order): one first-in-first-out bucket per distinct time, the
 * buckets sorted by time. Actions of one time leave in the order they were scheduled, which is exactly the
 * sequence order a priority queue over (time, sequence) gives. The kernel pushes and pops an action for nearly every
 * element a channel carries, and pending actions crowd on very few distinct times (the current millisecond, the
 * next one, a source's next watermark tick, which every wake of the source schedules again), so this costs a
 * search over a few times plus a ring-buffer operation where a heap of several hundred entries sifted through
 * nine levels.
 */
final class ActionQueue {
    /** Distinct times, latest first, so that the earliest bucket is the last one and leaves without shifting. */
    private long[] times = new long[16];
    private Bucket[] buckets = new Bucket[16];
    private int count;
    private int size;
    /** Emptied buckets, kept for reuse. */
    private Bucket[] spare = new Bucket[16];
    private int spareCount;

    int size() {
        return size;
    }

    boolean isEmpty() {
        return size == 0;
    }

    /** The earliest time pending; only when not empty. */
    long peekTime() {
        return times[count - 1];
    }

    void add(long time, Object owner, EngineAction action) {
        bucketFor(time).add(owner, action);
        size++;
    }

    /** Removes the earliest action and returns it (its time is what {@link #peekTime()} gave). Only when not empty. */
    EngineAction poll() {
        Bucket b = buckets[count - 1];
        EngineAction action = b.poll();
        size--;
        if (b.isEmpty()) {
            count--;
            buckets[count] = null;
            recycle(b);
        }
        return action;
    }

    /** Drops every action whose owner is non-null and matches; returns how many were dropped. */
    int removeIf(Predicate<Object> owner) {
        int dropped = 0;
        int kept = 0;
        for (int i = 0; i < count; i++) {
            Bucket b = buckets[i];
            dropped += b.removeIf(owner);
            if (b.isEmpty()) {
                recycle(b);
            } else {
                times[kept] = times[i];
                buckets[kept] = b;
                kept++;
            }
        }
        Arrays.fill(buckets, kept, count, null);
        count = kept;
        size -= dropped;
        return dropped;
    }

    private Bucket bucketFor(long time) {
        int i = lastNotEarlier(time);
        if (i >= 0 && times[i] == time) {
            return buckets[i];
        }
        // a new time, inserted after index i (the last later time)
        if (count == times.length) {
            times = Arrays.copyOf(times, count * 2);
            buckets = Arrays.copyOf(buckets, count * 2);
        }
        int at = i + 1;
        System.arraycopy(times, at, times, at + 1, count - at);
        System.arraycopy(buckets, at, buckets, at + 1, count - at);
        Bucket b = spareCount > 0 ? spare[--spareCount] : new Bucket();
        spare[spareCount] = null;
        times[at] = time;
        buckets[at] = b;
        count++;
        return b;
    }

    /** The index of the last (earliest) time that is not earlier than {@code time}, or -1. */
    private int lastNotEarlier(long time) {
        // most actions go to the earliest few times, at the end of the array: look there first
        int i = count - 1;
        for (int k = 0; k < 4 && i >= 0; k++, i--) {
            if (times[i] >= time) {
                return i;
            }
        }
        // times[0..i] are latest first: binary search for the last one >= time
        int lo = 0;
        int hi = i;
        while (lo <= hi) {
            int mid = (lo + hi) >>> 1;
            if (times[mid] >= time) {
                lo = mid + 1;
            } else {
                hi = mid - 1;
            }
        }
        return hi;
    }

    private void recycle(Bucket b) {
        if (spareCount == spare.length) {
            spare = Arrays.copyOf(spare, spareCount * 2);
        }
        spare[spareCount++] = b;
    }

    /** The actions of one time in scheduling order: a ring buffer of (owner, action). */
    private static final class Bucket {
        private Object[] owners = new Object[8];
        private EngineAction[] actions = new EngineAction[8];
        private int head;
        private int size;

        boolean isEmpty() {
            return size == 0;
        }

        void add(Object owner, EngineAction action) {
            if (size == actions.length) {
                grow();
            }
            int i = (head + size) & (actions.length - 1);
            owners[i] = owner;
            actions[i] = action;
            size++;
        }

        EngineAction poll() {
            EngineAction a = actions[head];
            actions[head] = null;
            owners[head] = null;
            head = (head + 1) & (actions.length - 1);
            size--;
            return a;
        }

        int removeIf(Predicate<Object> owner) {
            int mask = actions.length - 1;
            int kept = 0;
            for (int k = 0; k < size; k++) {
                int from = (head + k) & mask;
                Object o = owners[from];
                if (o == null || !owner.test(o)) {
                    int to = (head + kept) & mask;
                    owners[to] = o;
                    actions[to] = actions[from];
                    kept++;
                }
            }
            for (int k = kept; k < size; k++) {
                int i = (head + k) & mask;
                owners[i] = null;
                actions[i] = null;
            }
            int dropped = size - kept;
            size = kept;
            return dropped;
        }

        private void grow() {
            int n = actions.length;
            Object[] o = new Object[n * 2];
            EngineAction[] a = new EngineAction[n * 2];
            for (int k = 0; k < size; k++) {
                o[k] = owners[(head + k) & (n - 1)];
                a[k] = actions[(head + k) & (n - 1)];
            }
            owners = o;
            actions = a;
            head = 0;
        }
    }
}
