package io.streamscope.trace;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.function.LongFunction;

/**
 * Collects trace events in order and hands them to listeners. When recording is off, the engine does not
 * even build the events: callers check {@link #on()} first.
 */
public final class Tracer {
    private final boolean recording;
    private final List<TraceEvent> events = new ArrayList<>();
    private final List<TraceListener> listeners = new ArrayList<>();
    private long nextSeq;
    private long cause = -1;

    public Tracer(boolean recording) {
        this.recording = recording;
    }

    /** True when events are recorded or listened to. */
    public boolean on() {
        return recording || !listeners.isEmpty();
    }

    public void addListener(TraceListener l) {
        listeners.add(l);
    }

    public void removeListener(TraceListener l) {
        listeners.remove(l);
    }

    /** Records an event built from its seq; returns the seq, or -1 when tracing is off. */
    public long emit(LongFunction<TraceEvent> factory) {
        if (!on()) {
            return -1;
        }
        long seq = nextSeq++;
        TraceEvent e = factory.apply(seq);
        if (recording) {
            events.add(e);
        }
        for (TraceListener l : listeners) {
            l.onEvent(e);
        }
        return seq;
    }

    /** The seq of the event being handled now: the cause of whatever happens next. */
    public long cause() {
        return cause;
    }

    public void setCause(long cause) {
        this.cause = cause;
    }

    public List<TraceEvent> events() {
        return Collections.unmodifiableList(events);
    }

    public long size() {
        return nextSeq;
    }
}
