package io.streamscope.app.view;

import io.streamscope.app.engine.Recording;
import io.streamscope.trace.TraceEvent;
import java.util.List;

/**
 * Counters of one subtask read from the trace up to a step: records sent downstream, sink records, time spent
 * backpressured. Kept incrementally while playing forward; recounted from the start after a rewind.
 */
final class SubtaskMetrics {
    private Recording recording;
    private String subtask;
    private int counted;
    private long recordsOut;
    private long sinkRecords;
    private long windowFirings;
    private long lateRecords;
    private long backpressuredMillis;
    private long backpressuredSince = -1;
    private int backpressureEpisodes;

    /** Brings the counters to {@code traceCount} events of {@code recording} for {@code id}. */
    void update(Recording r, String id, int traceCount) {
        if (r != recording || !id.equals(subtask) || traceCount < counted) {
            recording = r;
            subtask = id;
            counted = 0;
            recordsOut = 0;
            sinkRecords = 0;
            windowFirings = 0;
            lateRecords = 0;
            backpressuredMillis = 0;
            backpressuredSince = -1;
            backpressureEpisodes = 0;
        }
        List<TraceEvent> trace = r.trace();
        for (int i = counted; i < traceCount; i++) {
            TraceEvent e = trace.get(i);
            if (!e.subtask().equals(id)) {
                continue;
            }
            if (e instanceof TraceEvent.ElementSent s && s.element().startsWith("record")) {
                recordsOut++;
            } else if (e instanceof TraceEvent.SinkReceived) {
                sinkRecords++;
            } else if (e instanceof TraceEvent.WindowFired) {
                windowFirings++;
            } else if (e instanceof TraceEvent.LateRecord) {
                lateRecords++;
            } else if (e instanceof TraceEvent.BackpressureStarted) {
                backpressuredSince = e.time();
                backpressureEpisodes++;
            } else if (e instanceof TraceEvent.BackpressureEnded && backpressuredSince >= 0) {
                backpressuredMillis += e.time() - backpressuredSince;
                backpressuredSince = -1;
            }
        }
        counted = traceCount;
    }

    long recordsOut() {
        return recordsOut;
    }

    long sinkRecords() {
        return sinkRecords;
    }

    long windowFirings() {
        return windowFirings;
    }

    long lateRecords() {
        return lateRecords;
    }

    int backpressureEpisodes() {
        return backpressureEpisodes;
    }

    /** Time backpressured up to {@code now}, counting an episode still going on. */
    long backpressuredMillis(long now) {
        return backpressuredMillis + (backpressuredSince >= 0 ? now - backpressuredSince : 0);
    }
}
