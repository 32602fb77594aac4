package io.streamscope.api.builtin;

import io.streamscope.api.OutputTag;
import io.streamscope.api.functions.Collector;
import io.streamscope.api.functions.KeyedProcessFunction;
import io.streamscope.api.functions.RuntimeContext;
import io.streamscope.api.functions.ValueState;
import io.streamscope.data.Row;
import java.util.ArrayList;
import java.util.List;

/**
 * Sessionization with a KeyedProcessFunction, the design of interview question E1: a user's session ends
 * after {@code gap} ms of event time without events. Sessions are kept per key as [start, lastEvent + gap)
 * and merged when an event touches or bridges them, so the result matches event-time session windows; an
 * event-time timer at {@code end - 1} emits {key, start, end, count[, distinct]}. An event that belongs to no
 * open session and whose session would already be complete by the watermark goes to the late output.
 */
public final class SessionizeFunction extends KeyedProcessFunction<Object, Row, Row> {
    private static final long serialVersionUID = 1L;
    private final long gap;
    private final String keyField;
    private final String distinctField;
    private final OutputTag<Row> lateTag;
    private transient ValueState<List<Session>> sessions;
    /**
     * distinctField interned: each subtask works on a deserialized copy of this function, whose strings are no
     * longer the interned literals the records' field names are, and Row lookups match by reference first.
     */
    private transient String distinctName;

    /** An open session of one key. */
    public record Session(long start, long end, long count, List<Object> distinct) implements java.io.Serializable {
        @Override
        public String toString() {
            return "[" + start + ", " + end + ") count=" + count;
        }
    }

    public SessionizeFunction(long gapMillis, String keyField, String distinctField, OutputTag<Row> lateTag) {
        if (gapMillis <= 0) {
            throw new IllegalArgumentException("session gap must be positive");
        }
        this.gap = gapMillis;
        this.keyField = keyField;
        this.distinctField = distinctField;
        this.lateTag = lateTag;
    }

    public long gapMillis() {
        return gap;
    }

    public String distinctField() {
        return distinctField;
    }

    public OutputTag<Row> lateTag() {
        return lateTag;
    }

    @Override
    public void open(RuntimeContext runtimeContext) {
        sessions = runtimeContext.getState("sessions");
        distinctName = distinctField == null ? null : distinctField.intern();
    }

    @Override
    public void processElement(Row value, Context<Object> ctx, Collector<Row> out) {
        long ts = ctx.timestamp();
        long watermark = ctx.timerService().currentWatermark();
        List<Session> stored = sessions.value();
        if (stored != null && stored.size() == 1 && extendsOnlySession(stored, value, ts, ctx)) {
            return;
        }
        List<Session> open = stored == null ? new ArrayList<>() : new ArrayList<>(stored);
        Session merged = new Session(ts, ts + gap, 1,
                distinctField == null ? List.of() : List.of(value.require(distinctName)));
        List<Session> keep = new ArrayList<>();
        boolean touched = false;
        for (Session s : open) {
            if (s.start() <= merged.end() && s.end() >= merged.start()) {
                touched = true;
                ctx.timerService().deleteEventTimeTimer(s.end() - 1);
                List<Object> d = new ArrayList<>(s.distinct());
                for (Object o : merged.distinct()) {
                    if (!containsValue(d, o)) {
                        d.add(o);
                    }
                }
                merged = new Session(Math.min(s.start(), merged.start()), Math.max(s.end(), merged.end()),
                        s.count() + merged.count(), d);
            } else {
                keep.add(s);
            }
        }
        if (!touched && merged.end() - 1 <= watermark) {
            if (lateTag != null) {
                ctx.output(lateTag, value);
            }
            return;
        }
        keep.add(merged);
        keep.sort(java.util.Comparator.comparingLong(Session::start));
        sessions.update(keep);
        ctx.timerService().registerEventTimeTimer(merged.end() - 1);
    }

    /**
     * The common case, one open session that the event touches: extend it in place (the heap state backend
     * holds the list by reference, as Flink's heap backend does) and move its timer only if its end moved.
     */
    private boolean extendsOnlySession(List<Session> stored, Row value, long ts, Context<Object> ctx) {
        Session s = stored.get(0);
        if (!(s.start() <= ts + gap && s.end() >= ts)) {
            return false;
        }
        List<Object> distinct = s.distinct();
        if (distinctField != null) {
            Object d = value.require(distinctName);
            if (!containsValue(distinct, d)) {
                distinct = new ArrayList<>(distinct);
                distinct.add(d);
            }
        }
        long end = Math.max(s.end(), ts + gap);
        if (end != s.end()) {
            ctx.timerService().deleteEventTimeTimer(s.end() - 1);
            ctx.timerService().registerEventTimeTimer(end - 1);
        }
        stored.set(0, new Session(Math.min(s.start(), ts), end, s.count() + 1, distinct));
        return true;
    }

    /**
     * {@code list.contains(v)}, trying references first: the values of a field are usually shared objects (the
     * same strings), and a pass over references is much cheaper than calling equals on every element.
     */
    private static boolean containsValue(List<Object> list, Object v) {
        for (int i = 0, n = list.size(); i < n; i++) {
            if (list.get(i) == v) {
                return true;
            }
        }
        return list.contains(v);
    }

    @Override
    public void onTimer(long timestamp, OnTimerContext<Object> ctx, Collector<Row> out) {
        List<Session> open = sessions.value();
        if (open == null) {
            return;
        }
        List<Session> keep = new ArrayList<>();
        for (Session s : open) {
            if (s.end() - 1 == timestamp) {
                List<Object> pairs = new ArrayList<>(List.of(keyField, ctx.getCurrentKey(), "start", s.start(), "end",
                        s.end(), "count", s.count()));
                if (distinctField != null) {
                    pairs.add("distinct_" + distinctField);
                    pairs.add((long) s.distinct().size());
                }
                out.collect(Row.of(pairs.toArray()));
            } else {
                keep.add(s);
            }
        }
        sessions.update(keep.isEmpty() ? null : keep);
    }
}
