package io.streamscope.runtime;

import io.streamscope.api.OutputTag;
import io.streamscope.api.functions.Collector;
import io.streamscope.api.functions.KeySelector;
import io.streamscope.api.functions.KeyedProcessFunction;
import io.streamscope.api.functions.TimerService;
import io.streamscope.checkpoint.OperatorRestoreState;
import io.streamscope.checkpoint.OperatorSubtaskState;
import io.streamscope.data.Json;
import io.streamscope.state.HeapKeyedStateBackend;
import io.streamscope.time.InternalTimerService;
import io.streamscope.trace.TraceEvent;
import java.util.List;

/**
 * Runs a KeyedProcessFunction: the current key is set from the key selector before each record and each
 * timer; outputs carry the record's timestamp, an event-time timer's timestamp, or none for processing time.
 */
final class KeyedProcessOperator implements StreamOperator, InternalTimerService.Triggerable {
    private static final String NAMESPACE = "VoidNamespace";
    private final KeyedProcessFunction<Object, Object, Object> fn;
    private OperatorContext ctx;
    private KeySelector<Object, Object> keySelector;
    private HeapKeyedStateBackend backend;
    private InternalTimerService timers;
    /**
     * The timestamp the context reports, kept unboxed: boxed once per record it was garbage for every record, and
     * boxed only when asked for, the box usually disappears where the function unboxes it right away.
     */
    private boolean hasCurrentTimestamp;
    private long currentTimestamp;
    private boolean hasOutputTimestamp;
    private long outputTimestamp;
    private KeyedProcessFunction.TimeDomain domain;

    @SuppressWarnings("unchecked")
    KeyedProcessOperator(KeyedProcessFunction<?, ?, ?> fn) {
        this.fn = (KeyedProcessFunction<Object, Object, Object>) fn;
    }

    @Override
    public void open(OperatorContext context) throws Exception {
        this.ctx = context;
        this.keySelector = context.keySelector();
        this.backend = context.keyedState();
        this.timers = context.timerService();
        this.timers.setTriggerable(this);
        fn.open(new KeyedRuntimeContext(backend, context));
    }

    private final Collector<Object> collector = value -> {
        StreamElement.Record r = hasOutputTimestamp ? StreamElement.Record.of(value, outputTimestamp)
                : StreamElement.Record.withoutTimestamp(value);
        ctx.output().collect(r);
    };

    private final TimerService timerService = new TimerService() {
        @Override
        public long currentProcessingTime() {
            return ctx.now();
        }

        @Override
        public long currentWatermark() {
            return timers.currentWatermark();
        }

        @Override
        public void registerEventTimeTimer(long time) {
            if (timers.registerEventTimeTimer(backend.currentKey(), NAMESPACE, time)) {
                traceRegistered(time, "event-time");
            }
        }

        @Override
        public void registerProcessingTimeTimer(long time) {
            if (timers.registerProcessingTimeTimer(backend.currentKey(), NAMESPACE, time)) {
                traceRegistered(time, "processing-time");
            }
        }

        @Override
        public void deleteEventTimeTimer(long time) {
            timers.deleteEventTimeTimer(backend.currentKey(), NAMESPACE, time);
        }

        @Override
        public void deleteProcessingTimeTimer(long time) {
            timers.deleteProcessingTimeTimer(backend.currentKey(), NAMESPACE, time);
        }
    };

    private void traceRegistered(long time, String domain) {
        if (ctx.tracer().on()) {
            long now = ctx.now();
            long cause = ctx.tracer().cause();
            Object key = backend.currentKey();
            ctx.tracer().emit(s -> new TraceEvent.TimerRegistered(s, now, ctx.subtaskId(), cause, ctx.operatorName(),
                    Json.render(key), time, domain, NAMESPACE));
        }
    }

    private final KeyedProcessFunction.OnTimerContext<Object> context = new KeyedProcessFunction.OnTimerContext<>() {
        @Override
        public Long timestamp() {
            return hasCurrentTimestamp ? currentTimestamp : null;
        }

        @Override
        public TimerService timerService() {
            return timerService;
        }

        @Override
        public <X> void output(OutputTag<X> tag, X value) {
            // in onTimer, Flink's OnTimerContext.output stamps side output with the timer's timestamp in both
            // time domains (only the main collector's timestamp is erased for processing time)
            StreamElement.Record r = hasOutputTimestamp || domain != null
                    ? StreamElement.Record.of(value, outputTimestamp) : StreamElement.Record.withoutTimestamp(value);
            ctx.output().collect(tag.id(), r);
        }

        @Override
        public Object getCurrentKey() {
            return backend.currentKey();
        }

        @Override
        public KeyedProcessFunction.TimeDomain timeDomain() {
            return domain;
        }
    };

    @Override
    public void processElement(StreamElement.Record r) throws Exception {
        backend.setCurrentKey(keySelector.getKey(r.value()));
        hasCurrentTimestamp = r.hasTimestamp();
        currentTimestamp = r.timestamp();
        hasOutputTimestamp = r.hasTimestamp();
        outputTimestamp = r.timestamp();
        domain = null;
        fn.processElement(r.value(), context, collector);
    }

    @Override
    public void processWatermark(long watermark, OperatorContext context) throws Exception {
        timers.advanceWatermark(watermark);
        context.output().emitWatermark(watermark);
    }

    @Override
    public void onEventTime(InternalTimerService.Timer timer) throws Exception {
        fire(timer, KeyedProcessFunction.TimeDomain.EVENT_TIME);
    }

    @Override
    public void onProcessingTime(InternalTimerService.Timer timer) throws Exception {
        fire(timer, KeyedProcessFunction.TimeDomain.PROCESSING_TIME);
    }

    private void fire(InternalTimerService.Timer timer, KeyedProcessFunction.TimeDomain d) throws Exception {
        backend.setCurrentKey(timer.key());
        domain = d;
        boolean eventTime = d == KeyedProcessFunction.TimeDomain.EVENT_TIME;
        // Flink's OnTimerContext.timestamp() is the timer's timestamp for event- and processing-time timers
        hasCurrentTimestamp = true;
        currentTimestamp = timer.timestamp();
        hasOutputTimestamp = eventTime;
        outputTimestamp = timer.timestamp();
        if (ctx.tracer().on()) {
            long now = ctx.now();
            long prev = ctx.tracer().cause();
            long seq = ctx.tracer().emit(s -> new TraceEvent.TimerFired(s, now, ctx.subtaskId(), prev,
                    ctx.operatorName(), Json.render(timer.key()), timer.timestamp(),
                    eventTime ? "event-time" : "processing-time", NAMESPACE));
            ctx.tracer().setCause(seq);
        }
        fn.onTimer(timer.timestamp(), context, collector);
    }

    /** The function's keyed state and its timers, per key group. */
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
