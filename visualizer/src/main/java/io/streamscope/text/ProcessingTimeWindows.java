package io.streamscope.text;

import io.streamscope.trace.TraceEvent;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * The window events of a trace that belong to processing-time windows: their bounds are virtual milliseconds
 * since the start, not event time, so they must not be written or drawn as event times. The events do not carry
 * their window's time domain, but a processing-time window's timers are processing-time timers, and it fires only
 * on such a timer and is cleared right after that firing, so the timer's domain and the chain of causes tell.
 * The trace list, the command line's log and the timeline all ask this one question here.
 */
public final class ProcessingTimeWindows {
    private final Set<Long> seqs = new HashSet<>();

    /** Follows the causes through a whole trace, in its order (a cause comes before its effects). */
    public ProcessingTimeWindows(List<TraceEvent> trace) {
        for (TraceEvent e : trace) {
            if (e instanceof TraceEvent.TimerFired t && "processing-time".equals(t.domain())) {
                seqs.add(e.seq());
            } else if ((e instanceof TraceEvent.WindowFired || e instanceof TraceEvent.WindowCleared)
                    && seqs.contains(e.cause())) {
                seqs.add(e.seq());
            }
        }
    }

    /**
     * True for a window firing or clearing that a processing-time timer caused, and for the registration of a
     * processing-time timer of a window (a timer with a namespace).
     */
    public boolean contains(TraceEvent e) {
        if (e instanceof TraceEvent.TimerRegistered t) {
            return t.namespace() != null && "processing-time".equals(t.domain());
        }
        return (e instanceof TraceEvent.WindowFired || e instanceof TraceEvent.WindowCleared) && seqs.contains(e.seq());
    }
}
