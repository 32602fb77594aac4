package io.streamscope.time;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;

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

    private static final java.util.Comparator<Timer> ORDER =
            java.util.Comparator.comparingLong(Timer::timestamp).thenComparingLong(Timer::seq);

    private final TreeSet<Timer> eventTimers = new TreeSet<>(ORDER);
    private final TreeSet<Timer> processingTimers = new TreeSet<>(ORDER);
    private final Map<TimerId, Timer> eventIndex = new HashMap<>();
    private final Map<TimerId, Timer> processingIndex = new HashMap<>();
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
        TimerId id = new TimerId(key, namespace, time);
        if (eventIndex.containsKey(id)) {
            return false;
        }
        Timer t = new Timer(key, namespace, time, seq++);
        eventIndex.put(id, t);
        eventTimers.add(t);
        return true;
    }

    public boolean registerProcessingTimeTimer(Object key, Object namespace, long time) {
        TimerId id = new TimerId(key, namespace, time);
        if (processingIndex.containsKey(id)) {
            return false;
        }
        Timer t = new Timer(key, namespace, time, seq++);
        Timer first = processingTimers.isEmpty() ? null : processingTimers.first();
        processingIndex.put(id, t);
        processingTimers.add(t);
        if (first == null || time < first.timestamp()) {
            scheduler.scheduleAt(time);
        }
        return true;
    }

    public void deleteEventTimeTimer(Object key, Object namespace, long time) {
        Timer t = eventIndex.remove(new TimerId(key, namespace, time));
        if (t != null) {
            eventTimers.remove(t);
        }
    }

    public void deleteProcessingTimeTimer(Object key, Object namespace, long time) {
        Timer t = processingIndex.remove(new TimerId(key, namespace, time));
        if (t != null) {
            processingTimers.remove(t);
        }
    }

    /** Sets the watermark and fires every event-time timer at or below it, including ones registered meanwhile. */
    public void advanceWatermark(long watermark) throws Exception {
        currentWatermark = watermark;
        while (!eventTimers.isEmpty() && eventTimers.first().timestamp() <= watermark) {
            Timer t = eventTimers.pollFirst();
            eventIndex.remove(new TimerId(t.key(), t.namespace(), t.timestamp()));
            triggerable.onEventTime(t);
        }
    }

    /** Fires every processing-time timer due at {@code now}. */
    public void onProcessingTime(long now) throws Exception {
        while (!processingTimers.isEmpty() && processingTimers.first().timestamp() <= now) {
            Timer t = processingTimers.pollFirst();
            processingIndex.remove(new TimerId(t.key(), t.namespace(), t.timestamp()));
            triggerable.onProcessingTime(t);
        }
        if (!processingTimers.isEmpty()) {
            scheduler.scheduleAt(processingTimers.first().timestamp());
        }
    }

    /** A pending timer as the inspector shows it. */
    public record TimerEntry(String key, long timestamp, String domain, String namespace) {
    }

    /** Pending timers, event time first, each in firing order. */
    public List<TimerEntry> describe() {
        List<TimerEntry> out = new ArrayList<>();
        for (Timer t : eventTimers) {
            out.add(new TimerEntry(io.streamscope.data.Json.render(t.key()), t.timestamp(), "event-time",
                    String.valueOf(t.namespace())));
        }
        for (Timer t : processingTimers) {
            out.add(new TimerEntry(io.streamscope.data.Json.render(t.key()), t.timestamp(), "processing-time",
                    String.valueOf(t.namespace())));
        }
        return out;
    }

    /** Pending event-time timers in firing order. */
    public List<Timer> eventTimeTimers() {
        return new ArrayList<>(eventTimers);
    }

    /** Pending processing-time timers in firing order. */
    public List<Timer> processingTimeTimers() {
        return new ArrayList<>(processingTimers);
    }
}
