package io.streamscope.cli;

import io.streamscope.runtime.Times;
import io.streamscope.trace.TraceEvent;
import java.util.List;

/**
 * Turns trace events into the readable log of {@code streamscope run}: one line per event that matters to a
 * reader, {@code <time> ms  <subtask>  <what happened>}. Channel traffic and timer registrations are noise in
 * a normal run and only shown with --verbose.
 */
final class TraceLog {
    private final boolean verbose;
    private final int subtaskWidth;

    TraceLog(boolean verbose, List<TraceEvent> events) {
        this.verbose = verbose;
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
        if (e instanceof TraceEvent.RecordRead r) {
            return "read " + r.topic() + "-" + r.partition() + " offset " + r.offset() + ": " + r.record()
                    + " (timestamp " + r.timestamp() + ")";
        } else if (e instanceof TraceEvent.ElementSent s) {
            return verbose ? "sent on " + s.channel() + ": " + s.element() : null;
        } else if (e instanceof TraceEvent.ElementDelivered d) {
            return verbose ? "delivered on " + d.channel() + ": " + d.element() : null;
        } else if (e instanceof TraceEvent.WatermarkGenerated g) {
            return "split " + g.split() + " generated watermark " + Times.watermark(g.watermark());
        } else if (e instanceof TraceEvent.WatermarkAdvanced a) {
            return "watermark advanced to " + Times.watermark(a.watermark());
        } else if (e instanceof TraceEvent.WatermarkStatusChanged c) {
            return c.input() + " became " + (c.idle() ? "idle" : "active");
        } else if (e instanceof TraceEvent.TimerRegistered t) {
            return verbose ? op(e, t.operator()) + t.domain() + " timer registered for " + t.timestamp() + " key "
                    + t.key() + namespace(t.namespace()) : null;
        } else if (e instanceof TraceEvent.TimerFired t) {
            return op(e, t.operator()) + t.domain() + " timer " + t.timestamp() + " fired for key " + t.key()
                    + namespace(t.namespace());
        } else if (e instanceof TraceEvent.WindowFired w) {
            return op(e, w.operator()) + "window [" + w.start() + ", " + w.end() + ") key " + w.key() + " fired "
                    + w.firing() + ": " + w.result();
        } else if (e instanceof TraceEvent.WindowCleared c) {
            return op(e, c.operator()) + "window [" + c.start() + ", " + c.end() + ") key " + c.key() + " cleared";
        } else if (e instanceof TraceEvent.LateRecord l) {
            return op(e, l.operator()) + "late record " + l.record() + " key " + l.key() + " (timestamp "
                    + l.timestamp() + ", watermark " + Times.watermark(l.watermark()) + ") "
                    + (l.sideOutput() == null ? "dropped (no late-data side output)"
                    : "-> side output \"" + l.sideOutput() + "\"");
        } else if (e instanceof TraceEvent.RecordEmitted r) {
            return verbose ? op(e, r.operator()) + "emitted " + r.record()
                    + (r.outputTag() == null ? "" : " to side output \"" + r.outputTag() + "\"") : null;
        } else if (e instanceof TraceEvent.SinkReceived s) {
            return "sink \"" + s.sink() + "\" received " + s.record();
        } else if (e instanceof TraceEvent.BackpressureStarted b) {
            return "backpressured: output buffer of " + b.channel() + " is full";
        } else if (e instanceof TraceEvent.BackpressureEnded b) {
            return "backpressure ended: " + b.channel() + " has room again";
        } else if (e instanceof TraceEvent.SubtaskFinished) {
            return "finished";
        }
        return e.toString();
    }

    /** Names the operator when it is not the head of the subtask's chain (chained operators share a subtask). */
    private static String op(TraceEvent e, String operator) {
        if (operator == null || e.subtask().startsWith(operator + "[")) {
            return "";
        }
        return operator + ": ";
    }

    private static String namespace(String ns) {
        if (ns == null || ns.isEmpty() || ns.equals("VoidNamespace")) {
            return "";
        }
        return " window " + ns;
    }
}
