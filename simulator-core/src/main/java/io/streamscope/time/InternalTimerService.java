package io.streamscope.time;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Event-time and processing-time timers of one keyed operator subtask, as Flink's InternalTimerService: a
 * timer is (key, namespace, timestamp), registering the same one twice keeps one, and event-time timers fire
 * in timestamp order when the watermark reaches them (ties in registration order).
 */
public final class InternalTimerService {
    /** A timer; namespace is the window for window operators, or a constant for process functions. */
    public record Timer(Object key, Object namespace, long timestamp, long seq) {
    }

    private record TimerId(Object key, Object namespace, long timestamp) {
        // timestamps are round numbers; mix them so the index keeps its buckets spread
        @Override
        public int hashCode() {
            long h = timestamp * 0x9E3779B97F4A7C15L + key.hashCode() * 31L + namespace.hashCode();
            h = (h ^ (h >>> 32)) * 0xd6e8feb86659fd93L;
            return (int) (h ^ (h >>> 32));
        }

        @Override
        public boolean equals(Object o) {
            return o instanceof TimerId t && t.timestamp == timestamp && t.key.equals(key)
                    && t.namespace.equals(namespace);
        }
    }

    /** Called when timers fire. */
    public interface Triggerable {
        void onEventTime(Timer timer) throws Exception;

        void onProcessingTime(Timer timer) throws Exception;
    }

    /** Lets the service ask the subtask for a wake-up at a processing time. */
    public interface ProcessingTimeScheduler {
        void scheduleAt(long time);
    }

    /**
     * One domain's timers: a binary heap ordered by (timestamp, registration) with lazy deletion, plus an index
     * for de-duplication. A heap insert is cheap for the mostly increasing timestamps of event time, and a
     * deletion only marks the entry; dead entries are dropped when they reach the top or when they pile up.
     */
    private static final class TimerQueue {
        private static final class Entry {
            final Timer timer;
            boolean live = true;

            Entry(Timer timer) {
                this.timer = timer;
            }
        }

        private final java.util.PriorityQueue<Entry> heap = new java.util.PriorityQueue<>((a, b) -> {
            int c = Long.compare(a.timer.timestamp(), b.timer.timestamp());
            return c != 0 ? c : Long.compare(a.timer.seq(), b.timer.seq());
        });
        private final Map<TimerId, Entry> index = new HashMap<>();

        boolean add(Timer t) {
            Entry e = new Entry(t);
            if (index.putIfAbsent(new TimerId(t.key(), t.namespace(), t.timestamp()), e) != null) {
                return false;
            }
            heap.add(e);
            return true;
        }

        boolean contains(Object key, Object namespace, long time) {
            return index.containsKey(new TimerId(key, namespace, time));
        }

        void remove(Object key, Object namespace, long time) {
            Entry e = index.remove(new TimerId(key, namespace, time));
            if (e != null) {
                e.live = false;
                if (heap.size() > 64 && heap.size() > 2 * index.size()) {
                    heap.removeIf(x -> !x.live);
                }
            }
        }

        /** The earliest live timer, or null. */
        Timer peek() {
            while (!heap.isEmpty() && !heap.peek().live) {
                heap.poll();
            }
            return heap.isEmpty() ? null : heap.peek().timer;
        }

        Timer poll() {
            Timer t = peek();
            if (t != null) {
                heap.poll();
                index.remove(new TimerId(t.key(), t.namespace(), t.timestamp()));
            }
            return t;
        }

        /** Live timers in firing order. */
        List<Timer> sorted() {
            List<Timer> out = new ArrayList<>(index.size());
            for (Entry e : heap) {
                if (e.live) {
                    out.add(e.timer);
                }
            }
            out.sort(java.util.Comparator.comparingLong(Timer::timestamp).thenComparingLong(Timer::seq));
            return out;
        }
    }

    private final TimerQueue eventTimers = new TimerQueue();
    private final TimerQueue processingTimers = new TimerQueue();
    private final ProcessingTimeScheduler scheduler;
    private Triggerable triggerable;
    private long currentWatermark = Long.MIN_VALUE;
    private long seq;

    public InternalTimerService(ProcessingTimeScheduler scheduler) {
        this.scheduler = scheduler;
    }

    public void setTriggerable(Triggerable t) {
        this.triggerable = t;
    }

    public long currentWatermark() {
        return currentWatermark;
    }

    /** True when the timer was new (a duplicate registration is a no-op, as in Flink). */
    public boolean registerEventTimeTimer(Object key, Object namespace, long time) {
        // a duplicate draws a sequence number it never uses: still deterministic, and ties keep their order
        return eventTimers.add(new Timer(key, namespace, time, seq++));
    }

    public boolean registerProcessingTimeTimer(Object key, Object namespace, long time) {
        if (processingTimers.contains(key, namespace, time)) {
            return false;
        }
        Timer first = processingTimers.peek();
        processingTimers.add(new Timer(key, namespace, time, seq++));
        if (first == null || time < first.timestamp()) {
            scheduler.scheduleAt(time);
        }
        return true;
    }

    public void deleteEventTimeTimer(Object key, Object namespace, long time) {
        eventTimers.remove(key, namespace, time);
    }

    public void deleteProcessingTimeTimer(Object key, Object namespace, long time) {
        processingTimers.remove(key, namespace, time);
    }

    /** Sets the watermark and fires every event-time timer at or below it, including ones registered meanwhile. */
    public void advanceWatermark(long watermark) throws Exception {
        currentWatermark = watermark;
        Timer t;
        while ((t = eventTimers.peek()) != null && t.timestamp() <= watermark) {
            eventTimers.poll();
            triggerable.onEventTime(t);
        }
    }

    /** Fires every processing-time timer due at {@code now}. */
    public void onProcessingTime(long now) throws Exception {
        Timer t;
        while ((t = processingTimers.peek()) != null && t.timestamp() <= now) {
            processingTimers.poll();
            triggerable.onProcessingTime(t);
        }
        Timer next = processingTimers.peek();
        if (next != null) {
            scheduler.scheduleAt(next.timestamp());
        }
    }

    /** A pending timer as the inspector shows it. */
    public record TimerEntry(String key, long timestamp, String domain, String namespace) {
    }

    /** Pending timers, event time first, each in firing order. */
    public List<TimerEntry> describe() {
        List<TimerEntry> out = new ArrayList<>();
        for (Timer t : eventTimers.sorted()) {
            out.add(new TimerEntry(io.streamscope.data.Json.render(t.key()), t.timestamp(), "event-time",
                    String.valueOf(t.namespace())));
        }
        for (Timer t : processingTimers.sorted()) {
            out.add(new TimerEntry(io.streamscope.data.Json.render(t.key()), t.timestamp(), "processing-time",
                    String.valueOf(t.namespace())));
        }
        return out;
    }

    /** Pending event-time timers in firing order. */
    public List<Timer> eventTimeTimers() {
        return eventTimers.sorted();
    }

    /** Pending processing-time timers in firing order. */
    public List<Timer> processingTimeTimers() {
        return processingTimers.sorted();
    }

    /** A pending timer as it goes into a checkpoint. */
    public record TimerSnapshot(Object key, Object namespace, long timestamp, boolean eventTime)
            implements java.io.Serializable {
    }

    /** Every pending timer, event time first, each domain in firing order (so a restore keeps ties in order). */
    public List<TimerSnapshot> snapshot() {
        List<TimerSnapshot> out = new ArrayList<>();
        for (Timer t : eventTimers.sorted()) {
            out.add(new TimerSnapshot(t.key(), t.namespace(), t.timestamp(), true));
        }
        for (Timer t : processingTimers.sorted()) {
            out.add(new TimerSnapshot(t.key(), t.namespace(), t.timestamp(), false));
        }
        return out;
    }

    /** Registers a timer taken from a checkpoint; restored timers keep the order they are restored in. */
    public void restore(TimerSnapshot t) {
        if (t.eventTime()) {
            registerEventTimeTimer(t.key(), t.namespace(), t.timestamp());
        } else {
            registerProcessingTimeTimer(t.key(), t.namespace(), t.timestamp());
        }
    }
}
