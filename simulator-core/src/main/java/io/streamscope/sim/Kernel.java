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
        final EngineAction action;

        Scheduled(long time, long seq, EngineAction action) {
            this.time = time;
            this.seq = seq;
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
        queue.add(new Scheduled(Math.max(time, now), nextSeq++, action));
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
