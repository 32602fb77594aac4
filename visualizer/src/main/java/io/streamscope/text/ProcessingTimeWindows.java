package io.streamscope.text;

import io.streamscope.trace.TraceEvent;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * The window firings and clearings of a trace that belong to processing-time windows. Their bounds are virtual
 * milliseconds since the start, not event time, so they must not be written as clock times; the events do not
 * carry their time domain, but a processing-time window fires only on a processing-time timer and is cleared
 * right after that firing, so the chain of causes tells.
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

    /** True for a window firing or clearing that a processing-time timer caused. */
    public boolean contains(TraceEvent e) {
        return (e instanceof TraceEvent.WindowFired || e instanceof TraceEvent.WindowCleared) && seqs.contains(e.seq());
    }
}
