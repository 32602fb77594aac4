package io.streamscope.sim;

/**
 * The discrete-event kernel: a virtual clock in milliseconds and a queue of actions ordered by
 * (time, sequence). Nothing here reads the wall clock; ties are broken by scheduling order.
 */
public final class Kernel {
    private final ActionQueue queue = new ActionQueue();
    private long now;
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
        queue.add(Math.max(time, now), owner, action);
    }

    /** Drops every pending action whose owner matches; returns how many were dropped. */
    public int cancel(java.util.function.Predicate<Object> owner) {
        return queue.removeIf(owner);
    }

    public boolean isIdle() {
        return queue.isEmpty();
    }

    /** The time of the next action, or Long.MAX_VALUE when nothing is scheduled. */
    public long nextTime() {
        return queue.isEmpty() ? Long.MAX_VALUE : queue.peekTime();
    }

    /** Runs the next action; false when there is none. */
    public boolean step() {
        if (queue.isEmpty()) {
            return false;
        }
        now = queue.peekTime();
        EngineAction action = queue.poll();
        steps++;
        action.fire(now);
        return true;
    }

    /** Moves the clock forward to {@code time} with nothing to run (used by run-until-time). */
    public void advanceTo(long time) {
        if (time > now && (queue.isEmpty() || queue.peekTime() >= time)) {
            now = time;
        }
    }

    public int pending() {
        return queue.size();
    }
}
