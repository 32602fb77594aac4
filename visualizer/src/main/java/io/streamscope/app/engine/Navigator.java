package io.streamscope.app.engine;

import io.streamscope.trace.TraceEvent;
import java.util.List;
import java.util.function.Predicate;

/**
 * Answers "where is the next ..." over a recording: the step of the next event matching a condition or a
 * breakpoint. The whole run is recorded, so run-until is a search and a seek, never a blind run.
 */
public final class Navigator {
    private final Recording recording;

    public Navigator(Recording recording) {
        this.recording = recording;
    }

    /** A hit: the step to go to and the event that stopped there. */
    public record Hit(long step, TraceEvent event) {
    }

    /** The first event after {@code step} (produced by a later step) that matches, or null. */
    public Hit next(long step, Predicate<TraceEvent> test) {
        return next(step, Long.MAX_VALUE, test);
    }

    /** As {@link #next(long, Predicate)}, looking no further than step {@code limit}. */
    public Hit next(long step, long limit, Predicate<TraceEvent> test) {
        List<TraceEvent> trace = recording.trace();
        int from = recording.traceCountAt(step);
        int to = recording.traceCountAt(Math.min(limit, recording.lastStep()));
        for (int i = from; i < to; i++) {
            TraceEvent e = trace.get(i);
            if (test.test(e)) {
                return new Hit(recording.stepOfEvent(i), e);
            }
        }
        return null;
    }

    /** The first breakpoint hit after {@code step} up to {@code limit}, or null. */
    public Hit nextBreak(long step, long limit, List<Breakpoint> breakpoints, RecordKeys keys) {
        if (breakpoints.isEmpty()) {
            return null;
        }
        return next(step, limit, e -> {
            for (Breakpoint b : breakpoints) {
                if (b.matches(e, keys)) {
                    return true;
                }
            }
            return false;
        });
    }
}
