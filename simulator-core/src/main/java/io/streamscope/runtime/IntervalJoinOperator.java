package io.streamscope.runtime;

import io.streamscope.api.OutputTag;
import io.streamscope.api.functions.Collector;
import io.streamscope.api.functions.KeySelector;
import io.streamscope.api.functions.MapState;
import io.streamscope.api.functions.ProcessJoinFunction;
import io.streamscope.checkpoint.OperatorRestoreState;
import io.streamscope.checkpoint.OperatorSubtaskState;
import io.streamscope.data.Json;
import io.streamscope.state.HeapKeyedStateBackend;
import io.streamscope.time.InternalTimerService;
import io.streamscope.trace.TraceEvent;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Flink's IntervalJoinOperator. Each side buffers its elements in keyed map state by timestamp. An element of the
 * left input at time t joins, at once, the buffered right elements in [t + lower, t + upper]; an element of the
 * right input at time t joins the buffered left elements in [t - upper, t - lower]. A pair gets the larger of the
 * two timestamps. An element below the operator's watermark is late: dropped, or sent to its side's late-data
 * output. Each element registers a cleanup timer; when the watermark passes it, that timestamp's bucket is removed.
 */
final class IntervalJoinOperator implements TwoInputStreamOperator, InternalTimerService.Triggerable {
    static final String LEFT_BUFFER = "LEFT_BUFFER";
    static final String RIGHT_BUFFER = "RIGHT_BUFFER";
    static final String CLEANUP_LEFT = "CLEANUP_LEFT";
    static final String CLEANUP_RIGHT = "CLEANUP_RIGHT";

    /** The bounds with exclusiveness folded in (an exclusive bound moves by 1 ms), as Flink's constructor does. */
    private final long lowerBound;
    private final long upperBound;
    private final String leftLateTag;
    private final String rightLateTag;
    private final ProcessJoinFunction<Object, Object, Object> fn;
    private OperatorContext ctx;
    private KeySelector<Object, Object> leftKey;
    private KeySelector<Object, Object> rightKey;
    private HeapKeyedStateBackend backend;
    private InternalTimerService timers;
    private MapState<Long, ArrayList<Object>> leftBuffer;
    private MapState<Long, ArrayList<Object>> rightBuffer;
    private long leftTimestamp;
    private long rightTimestamp;
    private long resultTimestamp;

    @SuppressWarnings("unchecked")
    IntervalJoinOperator(long lowerBound, long upperBound, boolean lowerInclusive, boolean upperInclusive,
                         OutputTag<?> leftLate, OutputTag<?> rightLate, ProcessJoinFunction<?, ?, ?> fn) {
        if (lowerBound > upperBound) {
            throw new IllegalArgumentException("lowerBound <= upperBound must be fulfilled");
        }
        this.lowerBound = lowerInclusive ? lowerBound : lowerBound + 1;
        this.upperBound = upperInclusive ? upperBound : upperBound - 1;
        this.leftLateTag = leftLate == null ? null : leftLate.id();
        this.rightLateTag = rightLate == null ? null : rightLate.id();
        this.fn = (ProcessJoinFunction<Object, Object, Object>) fn;
    }

    @Override
    @SuppressWarnings("unchecked")
    public void open(OperatorContext context) throws Exception {
        this.ctx = context;
        this.leftKey = context.keySelector();
        this.rightKey = (KeySelector<Object, Object>) context.vertex().secondKeySelector();
        this.backend = context.keyedState();
        this.timers = context.timerService();
        this.timers.setTriggerable(this);
        this.leftBuffer = backend.mapState(LEFT_BUFFER);
        this.rightBuffer = backend.mapState(RIGHT_BUFFER);
        fn.open(new KeyedRuntimeContext(backend, context));
    }

    private final Collector<Object> collector = value -> ctx.output().collect(StreamElement.Record.of(value,
            resultTimestamp));

    private final ProcessJoinFunction.Context context = new ProcessJoinFunction.Context() {
        @Override
        public long getLeftTimestamp() {
            return leftTimestamp;
        }

        @Override
        public long getRightTimestamp() {
            return rightTimestamp;
        }

        @Override
        public long getTimestamp() {
            return resultTimestamp;
        }

        @Override
        public <X> void output(OutputTag<X> tag, X value) {
            ctx.output().collect(tag.id(), StreamElement.Record.of(value, resultTimestamp));
        }
    };

    @Override
    public void processElement1(StreamElement.Record record) throws Exception {
        backend.setCurrentKey(leftKey.getKey(record.value()));
        processElement(record, leftBuffer, rightBuffer, lowerBound, upperBound, true);
    }

    @Override
    public void processElement2(StreamElement.Record record) throws Exception {
        backend.setCurrentKey(rightKey.getKey(record.value()));
        processElement(record, rightBuffer, leftBuffer, -upperBound, -lowerBound, false);
    }

    private void processElement(StreamElement.Record record, MapState<Long, ArrayList<Object>> ours,
                                MapState<Long, ArrayList<Object>> other, long relativeLower, long relativeUpper,
                                boolean isLeft) throws Exception {
        if (!record.hasTimestamp()) {
            throw new IllegalStateException("Long.MIN_VALUE timestamp: Elements used in interval stream joins need to"
                    + " have meaningful timestamps (operator '" + ctx.operatorName() + "' got "
                    + Json.render(record.value()) + " without one)");
        }
        Object value = record.value();
        long ts = record.timestamp();
        if (ts < timers.currentWatermark()) {
            late(value, ts, isLeft);
            return;
        }
        ArrayList<Object> bucket = ours.get(ts);
        ArrayList<Object> updated = bucket == null ? new ArrayList<>() : new ArrayList<>(bucket);
        updated.add(value);
        ours.put(ts, updated);
        // buckets in timestamp order: deterministic (Flink's heap map state iterates in hash order)
        List<Long> times = new ArrayList<>();
        for (Map.Entry<Long, ArrayList<Object>> e : other.entries()) {
            times.add(e.getKey());
        }
        times.sort(null);
        for (long t : times) {
            if (t < ts + relativeLower || t > ts + relativeUpper) {
                continue;
            }
            for (Object o : other.get(t)) {
                if (isLeft) {
                    collect(value, o, ts, t);
                } else {
                    collect(o, value, t, ts);
                }
            }
        }
        long cleanupTime = relativeUpper > 0 ? ts + relativeUpper : ts;
        String namespace = isLeft ? CLEANUP_LEFT : CLEANUP_RIGHT;
        if (timers.registerEventTimeTimer(backend.currentKey(), namespace, cleanupTime) && ctx.tracer().on()) {
            long now = ctx.now();
            long cause = ctx.tracer().cause();
            Object key = backend.currentKey();
            ctx.tracer().emit(s -> new TraceEvent.TimerRegistered(s, now, ctx.subtaskId(), cause, ctx.operatorName(),
                    Json.render(key), cleanupTime, "event-time", namespace));
        }
    }

    private void late(Object value, long ts, boolean isLeft) {
        String tag = isLeft ? leftLateTag : rightLateTag;
        if (ctx.tracer().on()) {
            long now = ctx.now();
            long cause = ctx.tracer().cause();
            long wm = timers.currentWatermark();
            Object key = backend.currentKey();
            ctx.tracer().emit(s -> new TraceEvent.LateRecord(s, now, ctx.subtaskId(), cause, ctx.operatorName(),
                    Json.render(key), Json.render(value), ts, wm, tag));
        }
        if (tag != null) {
            ctx.output().collect(tag, StreamElement.Record.of(value, ts));
        }
    }

    private void collect(Object left, Object right, long lt, long rt) throws Exception {
        leftTimestamp = lt;
        rightTimestamp = rt;
        resultTimestamp = Math.max(lt, rt);
        if (ctx.tracer().on()) {
            long now = ctx.now();
            long cause = ctx.tracer().cause();
            Object key = backend.currentKey();
            long result = resultTimestamp;
            ctx.tracer().setCause(ctx.tracer().emit(s -> new TraceEvent.JoinMatched(s, now, ctx.subtaskId(), cause,
                    ctx.operatorName(), Json.render(key), Json.render(left), lt, Json.render(right), rt, result)));
        }
        fn.processElement(left, right, context, collector);
    }

    @Override
    public void processWatermark(long watermark, OperatorContext context) throws Exception {
        timers.advanceWatermark(watermark);
        context.output().emitWatermark(watermark);
    }

    @Override
    public void onEventTime(InternalTimerService.Timer timer) throws Exception {
        backend.setCurrentKey(timer.key());
        long t = timer.timestamp();
        boolean left = CLEANUP_LEFT.equals(timer.namespace());
        if (ctx.tracer().on()) {
            long now = ctx.now();
            long prev = ctx.tracer().cause();
            ctx.tracer().setCause(ctx.tracer().emit(s -> new TraceEvent.TimerFired(s, now, ctx.subtaskId(), prev,
                    ctx.operatorName(), Json.render(timer.key()), t, "event-time", String.valueOf(timer.namespace()))));
        }
        // the bucket the timer was registered for, recovered from its time as Flink does
        long bucket;
        MapState<Long, ArrayList<Object>> buffer;
        if (left) {
            bucket = upperBound <= 0 ? t : t - upperBound;
            buffer = leftBuffer;
        } else if (CLEANUP_RIGHT.equals(timer.namespace())) {
            bucket = lowerBound <= 0 ? t + lowerBound : t;
            buffer = rightBuffer;
        } else {
            throw new IllegalStateException("Invalid namespace " + timer.namespace());
        }
        ArrayList<Object> removed = buffer.get(bucket);
        buffer.remove(bucket);
        if (ctx.tracer().on()) {
            long now = ctx.now();
            long cause = ctx.tracer().cause();
            int n = removed == null ? 0 : removed.size();
            Object key = timer.key();
            ctx.tracer().emit(s -> new TraceEvent.JoinStateCleared(s, now, ctx.subtaskId(), cause, ctx.operatorName(),
                    Json.render(key), left ? "left" : "right", bucket, n));
        }
    }

    @Override
    public void onProcessingTime(InternalTimerService.Timer timer) {
        // the join registers event-time timers only
    }

    /** Both buffers and the cleanup timers, per key group: redistributed on rescaling like any keyed state. */
    @Override
    public OperatorSubtaskState snapshotState(long checkpointId) {
        return KeyedBackendState.snapshot(ctx, backend, timers);
    }

    @Override
    public void initializeState(OperatorRestoreState restored) {
        KeyedBackendState.restore(restored, backend, timers);
    }

    @Override
    public List<StateEntry> describeState() {
        return KeyedBackendState.describe(backend);
    }

    @Override
    public List<InternalTimerService.TimerEntry> describeTimers() {
        return timers.describe();
    }
}
