package io.streamscope.cli;

import io.streamscope.text.EventText;
import io.streamscope.text.ProcessingTimeWindows;
import io.streamscope.text.TimeText;
import io.streamscope.trace.TraceEvent;
import java.util.List;

/**
 * Turns trace events into the readable log of {@code streamscope run}: one line per event that matters to a
 * reader, {@code <time> ms  <subtask>  <what happened>}. Channel traffic and timer registrations are noise in
 * a normal run and only shown with --verbose. The sentences come from {@link EventText}, which the app shares,
 * with event times written as clock times as the app writes them ({@link TimeText}); with {@code epochMs} they
 * stay the raw epoch milliseconds that Flink's own logs and metrics show.
 */
final class TraceLog {
    private final boolean verbose;
    private final boolean epochMs;
    private final ProcessingTimeWindows processingTime;
    private final int subtaskWidth;

    TraceLog(boolean verbose, boolean epochMs, List<TraceEvent> events) {
        this.verbose = verbose;
        this.epochMs = epochMs;
        this.processingTime = new ProcessingTimeWindows(events);
        int w = 10;
        for (TraceEvent e : events) {
            w = Math.max(w, e.subtask().length());
        }
        this.subtaskWidth = Math.min(w, 40);
    }

    /** The log line of an event, or null when the event is not shown at this verbosity. */
    String line(TraceEvent e) {
        String what = describe(e);
        if (what == null) {
            return null;
        }
        return String.format("%7d ms  %-" + subtaskWidth + "s  %s", e.time(), e.subtask(), what);
    }

    private String describe(TraceEvent e) {
        return epochMs ? EventText.describe(e, verbose) : TimeText.describe(e, verbose, processingTime);
    }
}
