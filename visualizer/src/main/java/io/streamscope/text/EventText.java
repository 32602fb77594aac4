package io.streamscope.text;

import io.streamscope.runtime.Times;
import io.streamscope.trace.TraceEvent;

/**
 * The readable sentence for a trace event, shared by the command line's log and the desktop app's trace list, so
 * both say the same thing the same way. Channel traffic, emitted records and timer registrations are detail that
 * only the verbose form shows.
 */
public final class EventText {
    private EventText() {
    }

    /** True for the detail events only the verbose form shows: channel traffic, emitted records, timer registrations. */
    public static boolean isDetail(TraceEvent e) {
        return e instanceof TraceEvent.ElementSent || e instanceof TraceEvent.ElementDelivered
                || e instanceof TraceEvent.TimerRegistered || e instanceof TraceEvent.RecordEmitted;
    }

    /** What happened, or null when the event is detail and {@code verbose} is false. */
    public static String describe(TraceEvent e, boolean verbose) {
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
        // an event type without its own sentence (checkpoints, failures...): its name in words and its fields
        return generic(e);
    }

    /** {@code CheckpointTriggered[seq=.., time=.., subtask=.., cause=.., checkpointId=6]} as "checkpoint triggered:
     * checkpointId=6". */
    static String generic(TraceEvent e) {
        String name = e.getClass().getSimpleName().replaceAll("([a-z])([A-Z])", "$1 $2").toLowerCase();
        String s = e.toString();
        int open = s.indexOf('[');
        String fields = open >= 0 && s.endsWith("]") ? s.substring(open + 1, s.length() - 1) : "";
        fields = fields.replaceFirst("^seq=-?\\d+, time=-?\\d+, subtask=[^,]*, cause=-?\\d+(, )?", "");
        return fields.isEmpty() ? name : name + ": " + fields;
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
