package io.streamscope.sim;

import java.util.PriorityQueue;

/**
 * The discrete-event kernel: a virtual clock in milliseconds and a queue of actions ordered by
 * (time, sequence). Nothing here reads the wall clock; ties are broken by scheduling order.
 */
public final class Kernel {
    private static final class Scheduled implements Comparable<Scheduled> {
        final long time;
        final long seq;
        final Object owner;
        final EngineAction action;

        Scheduled(long time, long seq, Object owner, EngineAction action) {
            this.time = time;
            this.seq = seq;
            this.owner = owner;
            this.action = action;
        }

        @Override
        public int compareTo(Scheduled o) {
            int c = Long.compare(time, o.time);
            return c != 0 ? c : Long.compare(seq, o.seq);
        }
    }

    private final PriorityQueue<Scheduled> queue = new PriorityQueue<>();
    private long now;
    private long nextSeq;
    private long steps;

    public long now() {
        return now;
    }

    public long steps() {
        return steps;
    }

    /** Schedules an action; times in the past run at the current time, never earlier. */
    public void schedule(long time, EngineAction action) {
        schedule(time, null, action);
    }

    /**
     * Schedules an action on behalf of an owner (a deployed subtask, a channel, the checkpoint coordinator), so
     * that everything still pending for it can be dropped at once when it is cancelled (failover).
     */
    public void schedule(long time, Object owner, EngineAction action) {
        queue.add(new Scheduled(Math.max(time, now), nextSeq++, owner, action));
    }

    /** Drops every pending action whose owner matches; returns how many were dropped. */
    public int cancel(java.util.function.Predicate<Object> owner) {
        int before = queue.size();
        queue.removeIf(s -> s.owner != null && owner.test(s.owner));
        return before - queue.size();
    }

    public boolean isIdle() {
        return queue.isEmpty();
    }

    /** The time of the next action, or Long.MAX_VALUE when nothing is scheduled. */
    public long nextTime() {
        Scheduled s = queue.peek();
        return s == null ? Long.MAX_VALUE : s.time;
    }

    /** Runs the next action; false when there is none. */
    public boolean step() {
        Scheduled s = queue.poll();
        if (s == null) {
            return false;
        }
        now = s.time;
        steps++;
        s.action.fire(now);
        return true;
    }

    /** Moves the clock forward to {@code time} with nothing to run (used by run-until-time). */
    public void advanceTo(long time) {
        if (time > now && (queue.isEmpty() || queue.peek().time >= time)) {
            now = time;
        }
    }

    public int pending() {
        return queue.size();
    }
}
