package io.streamscope.app.engine;

import io.streamscope.trace.TraceEvent;

/**
 * Playback pauses at a step that produced an event matching a breakpoint: an event of a chosen kind, any event
 * of a subtask, or any event about a key (a keyed event's key, or a record carrying it).
 */
public record Breakpoint(Kind kind, String value, StopCondition condition) {
    /** What a breakpoint watches. */
    public enum Kind { CONDITION, SUBTASK, KEY }

    public static Breakpoint on(StopCondition c) {
        return new Breakpoint(Kind.CONDITION, c.label(), c);
    }

    public static Breakpoint onSubtask(String subtask) {
        return new Breakpoint(Kind.SUBTASK, subtask, null);
    }

    public static Breakpoint onKey(String key) {
        return new Breakpoint(Kind.KEY, key, null);
    }

    public boolean matches(TraceEvent e, RecordKeys keys) {
        switch (kind) {
            case CONDITION:
                return condition.test().test(e);
            case SUBTASK:
                return e.subtask().equals(value);
            case KEY:
                return value.equals(keys.keyOf(e));
            default:
                return false;
        }
    }

    public String describe() {
        switch (kind) {
            case SUBTASK:
                return "subtask " + value;
            case KEY:
                return "key " + value;
            default:
                return value;
        }
    }
}
