package io.streamscope.window;

import io.streamscope.api.functions.AggregateFunction;
import io.streamscope.checkpoint.OperatorRestoreState;
import io.streamscope.checkpoint.OperatorSubtaskState;
import io.streamscope.api.functions.Collector;
import io.streamscope.api.functions.KeySelector;
import io.streamscope.api.functions.ProcessWindowFunction;
import io.streamscope.data.Json;
import io.streamscope.runtime.OperatorContext;
import io.streamscope.runtime.StreamElement;
import io.streamscope.runtime.StreamOperator;
import io.streamscope.state.KeyGroupRangeAssignment;
import io.streamscope.state.KeyGroupStateWriter;
import io.streamscope.time.InternalTimerService;
import io.streamscope.trace.TraceEvent;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A keyed window operator with Flink's WindowOperator semantics: per key and window an accumulator (incremental
 * aggregate) or the list of elements; the trigger's timers; a cleanup timer at {@code maxTimestamp +
 * allowedLateness} that drops the window silently; late firing when a record arrives within allowed lateness;
 * records too late for every window to the late-data side output (or dropped); merging of session windows.
 */
public final class WindowOperator implements StreamOperator, InternalTimerService.Triggerable {
    private final WindowAssigner assigner;
    private final Trigger trigger;
    private final long allowedLateness;
    private final String lateDataTag;
    private final AggregateFunction<Object, Object, Object> aggregate;
    private final ProcessWindowFunction<Object, Object, Object> windowFunction;

    private OperatorContext ctx;
    private KeySelector<Object, Object> keySelector;
    private InternalTimerService timers;
    /** key -> (window -> accumulator, or the element list for a full-window function); insertion ordered. */
    private final LinkedHashMap<Object, WindowTable> state = new LinkedHashMap<>();
    private Object currentKey;
    /** The slot whose event-time timers the trigger context may skip re-registering (see {@link Slot}). */
    private Slot memoSlot;
    private TimeWindow triggerWindow;
    /**
     * True while the window being processed is the key's own window object rather than one made for this record:
     * a timer registered then gets a window object of its own, as it would have from the assigner, so that what a
     * checkpoint serializes (where shared objects are written once) stays the same.
     */
    private boolean triggerWindowHeld;
    /** Window bounds of the current record, see {@link WindowAssigner#assignWindowBounds}. */
    private long[] bounds = new long[16];
    private final Trigger.Context triggerContext = new TriggerContextImpl();
    private long lateRecordsDropped;

    @SuppressWarnings("unchecked")
    public WindowOperator(WindowAssigner assigner, Trigger trigger, long allowedLateness, String lateDataTag,
                          AggregateFunction<?, ?, ?> aggregate, ProcessWindowFunction<?, ?, ?> windowFunction) {
        if (allowedLateness < 0) {
            throw new IllegalArgumentException("allowed lateness must not be negative");
        }
        if (aggregate == null && windowFunction == null) {
            throw new IllegalArgumentException("a window needs an aggregate or a window function");
        }
        this.assigner = assigner;
        this.trigger = trigger != null ? trigger : assigner.defaultTrigger();
        this.allowedLateness = assigner.isEventTime() ? allowedLateness : 0;
        this.lateDataTag = lateDataTag;
        this.aggregate = (AggregateFunction<Object, Object, Object>) aggregate;
        this.windowFunction = (ProcessWindowFunction<Object, Object, Object>) windowFunction;
    }

    @Override
    public void open(OperatorContext context) {
        this.ctx = context;
        this.keySelector = context.keySelector();
        this.timers = context.timerService();
        this.timers.setTriggerable(this);
    }

    private WindowTable windowsOf(Object key) {
        WindowTable w = state.get(key);
        if (w == null) {
            w = new WindowTable();
            state.put(key, w);
        }
        return w;
    }

    @Override
    public void processElement(StreamElement.Record record) throws Exception {
        Object key = keySelector.getKey(record.value());
        currentKey = key;
        long now = ctx.now();
        boolean isSkippedElement;
        WindowTable keyWindows;
        if (assigner.isMerging()) {
            List<TimeWindow> windows = assigner.assignWindows(record.timestamp(), now);
            keyWindows = windowsOf(key);
            isSkippedElement = addToMergingWindows(key, record, windows, keyWindows);
        } else {
            int n = assigner.assignWindowBounds(record.timestamp(), now, bounds);
            if (n < 0) {
                bounds = new long[-n];
                n = assigner.assignWindowBounds(record.timestamp(), now, bounds);
            }
            keyWindows = windowsOf(key);
            isSkippedElement = addToWindows(key, record, n, keyWindows);
        }
        if (isSkippedElement && isElementLate(record)) {
            lateRecord(key, record);
        }
        if (keyWindows.isEmpty()) {
            removeKey(key);
        }
    }

    /**
     * Adds a record to its {@code n} windows (sliding or tumbling) in {@link #bounds}: each is found among the key's
     * windows by its bounds, and a window object is made only for a new one. True when every window was late.
     */
    private boolean addToWindows(Object key, StreamElement.Record record, int n, WindowTable keyWindows)
            throws Exception {
        boolean isSkippedElement = true;
        for (int w = 0; w < n; w++) {
            long start = bounds[2 * w];
            long end = bounds[2 * w + 1];
            int i = keyWindows.indexOf(start, end);
            TimeWindow actual = i >= 0 ? keyWindows.windowAt(i) : new TimeWindow(start, end);
            if (isWindowLate(actual)) {
                continue;
            }
            isSkippedElement = false;
            Slot slot;
            if (i >= 0) {
                slot = keyWindows.slotAt(i);
            } else {
                slot = new Slot();
                keyWindows.put(actual, slot);
            }
            triggerWindowHeld = i >= 0;
            try {
                addToWindow(key, record, actual, slot);
            } finally {
                triggerWindowHeld = false;
            }
        }
        return isSkippedElement;
    }

    /** Adds a record to its session windows, merging them; true when every window was late. */
    private boolean addToMergingWindows(Object key, StreamElement.Record record, List<TimeWindow> windows,
                                        WindowTable keyWindows) throws Exception {
        boolean isSkippedElement = true;
        for (TimeWindow window : windows) {
            TimeWindow actual = addMergingWindow(keyWindows, window);
            if (isWindowLate(actual)) {
                keyWindows.remove(actual);
                continue;
            }
            isSkippedElement = false;
            Slot slot = keyWindows.get(actual);
            if (slot == null) {
                slot = new Slot();
                keyWindows.put(actual, slot);
            }
            addToWindow(key, record, actual, slot);
        }
        return isSkippedElement;
    }

    /** Adds a record to one window's contents, runs the trigger and registers the cleanup timer. */
    private void addToWindow(Object key, StreamElement.Record record, TimeWindow actual, Slot slot) throws Exception {
        slot.acc = add(slot.acc, record.value());
        triggerWindow = actual;
        memoSlot = slot;
        Trigger.Result result = trigger.onElement(record.timestamp(), actual, triggerContext);
        if (result == Trigger.Result.FIRE) {
            emitWindowContents(key, actual, slot.acc, "late");
        }
        registerCleanupTimer(key, actual);
        memoSlot = null;
    }

    private Object add(Object acc, Object value) {
        if (aggregate != null) {
            return aggregate.add(value, acc == null ? aggregate.createAccumulator() : acc);
        }
        @SuppressWarnings("unchecked")
        List<Object> list = acc == null ? new ArrayList<>() : (List<Object>) acc;
        list.add(value);
        return list;
    }

    @SuppressWarnings("unchecked")
    private Object mergeAccumulators(Object a, Object b) {
        if (a == null) {
            return b;
        }
        if (b == null) {
            return a;
        }
        if (aggregate != null) {
            return aggregate.merge(a, b);
        }
        List<Object> list = new ArrayList<>((List<Object>) a);
        list.addAll((List<Object>) b);
        return list;
    }

    /** Flink's MergingWindowSet.addWindow with the merge callback of WindowOperator, state windows elided. */
    private TimeWindow addMergingWindow(WindowTable keyWindows, TimeWindow newWindow) {
        List<TimeWindow> all = keyWindows.windows();
        all.add(newWindow);
        TimeWindow resultWindow = newWindow;
        boolean mergedNewWindow = false;
        List<TimeWindow.Merge> merges = TimeWindow.mergeWindows(all);
        for (TimeWindow.Merge m : merges) {
            List<TimeWindow> mergedWindows = new ArrayList<>(m.merged());
            if (mergedWindows.remove(newWindow)) {
                mergedNewWindow = true;
                resultWindow = m.result();
            }
            Object mergedAcc = null;
            boolean present = false;
            for (TimeWindow w : mergedWindows) {
                if (keyWindows.containsKey(w)) {
                    present = true;
                    mergedAcc = mergeAccumulators(mergedAcc, keyWindows.remove(w).acc);
                }
            }
            if (present) {
                Slot merged = new Slot();
                merged.acc = mergedAcc;
                keyWindows.put(m.result(), merged);
            }
            boolean onlyItself = mergedWindows.size() == 1 && mergedWindows.contains(m.result());
            if (!onlyItself) {
                if (assigner.isEventTime() && cleanupTime(m.result()) <= timers.currentWatermark()) {
                    throw new IllegalStateException("The end timestamp of an event-time window cannot become"
                            + " earlier than the current watermark by merging. Current watermark: "
                            + timers.currentWatermark() + " window: " + m.result());
                }
                triggerWindow = m.result();
                trigger.onMerge(m.result(), triggerContext);
                for (TimeWindow w : mergedWindows) {
                    triggerWindow = w;
                    trigger.clear(w, triggerContext);
                    deleteCleanupTimer(currentKey, w);
                }
            }
        }
        return resultWindow;
    }

    private long cleanupTime(TimeWindow window) {
        if (assigner.isEventTime()) {
            long t = window.maxTimestamp() + allowedLateness;
            return t >= window.maxTimestamp() ? t : Long.MAX_VALUE;
        }
        return window.maxTimestamp();
    }

    private boolean isWindowLate(TimeWindow window) {
        return assigner.isEventTime() && cleanupTime(window) <= timers.currentWatermark();
    }

    private boolean isElementLate(StreamElement.Record r) {
        return assigner.isEventTime() && r.timestamp() + allowedLateness <= timers.currentWatermark();
    }

    private void registerCleanupTimer(Object key, TimeWindow window) {
        long t = cleanupTime(window);
        if (t == Long.MAX_VALUE) {
            return;
        }
        if (assigner.isEventTime()) {
            registerEventTimer(key, window, t);
        } else {
            registerProcessingTimer(key, window, t);
        }
    }

    private void deleteCleanupTimer(Object key, TimeWindow window) {
        long t = cleanupTime(window);
        if (t == Long.MAX_VALUE) {
            return;
        }
        if (assigner.isEventTime()) {
            timers.deleteEventTimeTimer(key, window, t);
        } else {
            timers.deleteProcessingTimeTimer(key, window, t);
        }
    }

    private void registerEventTimer(Object key, TimeWindow window, long t) {
        // every record re-registers its windows' timers; the slot remembers which are already pending
        if (memoSlot != null && memoSlot.knows(t)) {
            return;
        }
        if (timers.registerEventTimeTimer(key, timerWindow(window), t) && ctx.tracer().on()) {
            traceTimerRegistered(key, window, t, "event-time");
        }
        if (memoSlot != null) {
            memoSlot.remember(t);
        }
    }

    private void registerProcessingTimer(Object key, TimeWindow window, long t) {
        if (timers.registerProcessingTimeTimer(key, timerWindow(window), t) && ctx.tracer().on()) {
            traceTimerRegistered(key, window, t, "processing-time");
        }
    }

    /** The window object a new timer keeps: see {@link #triggerWindowHeld}. */
    private TimeWindow timerWindow(TimeWindow window) {
        return triggerWindowHeld ? new TimeWindow(window.start(), window.end()) : window;
    }

    private void traceTimerRegistered(Object key, TimeWindow window, long t, String domain) {
        long now = ctx.now();
        long cause = ctx.tracer().cause();
        ctx.tracer().emit(s -> new TraceEvent.TimerRegistered(s, now, ctx.subtaskId(), cause, ctx.operatorName(),
                Json.render(key), t, domain, window.toString()));
    }

    private void lateRecord(Object key, StreamElement.Record record) {
        if (lateDataTag == null) {
            lateRecordsDropped++;
        }
        if (ctx.tracer().on()) {
            long now = ctx.now();
            long cause = ctx.tracer().cause();
            long wm = timers.currentWatermark();
            ctx.tracer().emit(s -> new TraceEvent.LateRecord(s, now, ctx.subtaskId(), cause, ctx.operatorName(),
                    Json.render(key), Json.render(record.value()), record.timestamp(), wm, lateDataTag));
        }
        if (lateDataTag != null) {
            ctx.output().collect(lateDataTag, record);
        }
    }

    @Override
    public void processWatermark(long watermark, OperatorContext context) throws Exception {
        timers.advanceWatermark(watermark);
        context.output().emitWatermark(watermark);
    }

    @Override
    public void onEventTime(InternalTimerService.Timer timer) throws Exception {
        onTimer(timer, true);
    }

    @Override
    public void onProcessingTime(InternalTimerService.Timer timer) throws Exception {
        onTimer(timer, false);
    }

    private void onTimer(InternalTimerService.Timer timer, boolean eventTime) throws Exception {
        Object key = timer.key();
        TimeWindow window = (TimeWindow) timer.namespace();
        currentKey = key;
        WindowTable keyWindows = state.get(key);
        if (ctx.tracer().on()) {
            long now = ctx.now();
            long prev = ctx.tracer().cause();
            long seq = ctx.tracer().emit(s -> new TraceEvent.TimerFired(s, now, ctx.subtaskId(), prev,
                    ctx.operatorName(), Json.render(key), timer.timestamp(), eventTime ? "event-time"
                            : "processing-time", window.toString()));
            ctx.tracer().setCause(seq);
        }
        if (assigner.isMerging() && (keyWindows == null || !keyWindows.containsKey(window))) {
            return; // a timer of a window that was merged away
        }
        triggerWindow = window;
        Trigger.Result result = eventTime
                ? trigger.onEventTime(timer.timestamp(), window, triggerContext)
                : trigger.onProcessingTime(timer.timestamp(), window, triggerContext);
        Slot slot = keyWindows == null ? null : keyWindows.get(window);
        if (slot != null) {
            slot.forget(timer.timestamp());
        }
        Object contents = slot == null ? null : slot.acc;
        if (result == Trigger.Result.FIRE && contents != null) {
            emitWindowContents(key, window, contents, "on-time");
        }
        boolean cleanup = eventTime == assigner.isEventTime() && timer.timestamp() == cleanupTime(window);
        if (cleanup) {
            clearAllState(key, window, keyWindows);
        }
    }

    private void clearAllState(Object key, TimeWindow window, WindowTable keyWindows) {
        boolean had = keyWindows != null && keyWindows.remove(window) != null;
        triggerWindow = window;
        trigger.clear(window, triggerContext);
        if (keyWindows != null && keyWindows.isEmpty()) {
            removeKey(key);
        }
        if (had && ctx.tracer().on()) {
            long now = ctx.now();
            long cause = ctx.tracer().cause();
            ctx.tracer().emit(s -> new TraceEvent.WindowCleared(s, now, ctx.subtaskId(), cause, ctx.operatorName(),
                    Json.render(key), window.start(), window.end()));
        }
    }

    private void removeKey(Object key) {
        state.remove(key);
    }

    @SuppressWarnings("unchecked")
    private void emitWindowContents(Object key, TimeWindow window, Object contents, String firing)
            throws Exception {
        long ts = window.maxTimestamp();
        List<Object> emitted = ctx.tracer().on() ? new ArrayList<>() : null;
        Collector<Object> out = value -> {
            if (emitted != null) {
                emitted.add(value);
            }
            ctx.output().collect(StreamElement.Record.of(value, ts));
        };
        ProcessWindowFunction.WindowContext wctx = new ProcessWindowFunction.WindowContext() {
            @Override
            public TimeWindow window() {
                return window;
            }

            @Override
            public long currentWatermark() {
                return timers.currentWatermark();
            }

            @Override
            public long currentProcessingTime() {
                return ctx.now();
            }
        };
        // the trace event comes first so that what the firing emits has it as cause
        long seq = -1;
        if (emitted != null) {
            Object preview = aggregate != null ? aggregate.getResult(contents) : contents;
            long now = ctx.now();
            long cause = ctx.tracer().cause();
            String result = Json.render(preview);
            seq = ctx.tracer().emit(s -> new TraceEvent.WindowFired(s, now, ctx.subtaskId(), cause,
                    ctx.operatorName(), Json.render(key), window.start(), window.end(), result, firing));
            ctx.tracer().setCause(seq);
        }
        if (aggregate != null) {
            Object result = aggregate.getResult(contents);
            if (windowFunction != null) {
                windowFunction.process(key, wctx, List.of(result), out);
            } else {
                out.collect(result);
            }
        } else {
            windowFunction.process(key, wctx, (List<Object>) contents, out);
        }
    }

    /**
     * A window's contents plus up to two event-time timers known to be pending (the trigger's and the cleanup
     * timer). The memo only skips registrations Flink would de-duplicate anyway; it is cleared when such a
     * timer fires or is deleted, so it never hides a timer.
     */
    static final class Slot {
        Object acc;
        private long timerA = Long.MIN_VALUE;
        private long timerB = Long.MIN_VALUE;

        boolean knows(long t) {
            return t != Long.MIN_VALUE && (t == timerA || t == timerB);
        }

        void remember(long t) {
            if (timerA == Long.MIN_VALUE) {
                timerA = t;
            } else if (timerB == Long.MIN_VALUE && t != timerA) {
                timerB = t;
            }
        }

        void forget(long t) {
            if (timerA == t) {
                timerA = Long.MIN_VALUE;
            }
            if (timerB == t) {
                timerB = Long.MIN_VALUE;
            }
        }
    }

    private final class TriggerContextImpl implements Trigger.Context {
        @Override
        public long currentWatermark() {
            return timers.currentWatermark();
        }

        @Override
        public long currentProcessingTime() {
            return ctx.now();
        }

        @Override
        public void registerEventTimeTimer(long time) {
            registerEventTimer(currentKey, triggerWindow, time);
        }

        @Override
        public void deleteEventTimeTimer(long time) {
            timers.deleteEventTimeTimer(currentKey, triggerWindow, time);
            if (memoSlot != null) {
                memoSlot.forget(time);
            }
        }

        @Override
        public void registerProcessingTimeTimer(long time) {
            registerProcessingTimer(currentKey, triggerWindow, time);
        }

        @Override
        public void deleteProcessingTimeTimer(long time) {
            timers.deleteProcessingTimeTimer(currentKey, triggerWindow, time);
        }
    }

    /** One window of one key with its contents, as it goes into a checkpoint. */
    record WindowSnapshot(Object key, TimeWindow window, Object contents) implements java.io.Serializable {
    }

    /** Window contents and timers, per key group; the watermark is not part of it (it restarts, as in Flink). */
    @Override
    public OperatorSubtaskState snapshotState(long checkpointId) {
        KeyGroupStateWriter w = new KeyGroupStateWriter(ctx.maxParallelism(), "operator '"
                + ctx.operatorName() + "' in " + ctx.subtaskId());
        for (Map.Entry<Object, WindowTable> k : state.entrySet()) {
            WindowTable t = k.getValue();
            for (int i = 0; i < t.size(); i++) {
                w.add(k.getKey(), new WindowSnapshot(k.getKey(), t.windowAt(i), t.slotAt(i).acc));
            }
        }
        for (InternalTimerService.TimerSnapshot t : timers.snapshot()) {
            w.add(t.key(), t);
        }
        return new OperatorSubtaskState(w.build(), List.of());
    }

    @Override
    public void initializeState(OperatorRestoreState restored) {
        if (restored == null) {
            return;
        }
        for (Object o : KeyGroupStateWriter.read(restored.keyGroups())) {
            if (o instanceof WindowSnapshot ws) {
                Slot slot = new Slot();
                slot.acc = ws.contents();
                windowsOf(ws.key()).put(ws.window(), slot);
            } else if (o instanceof InternalTimerService.TimerSnapshot t) {
                timers.restore(t);
            }
        }
    }

    /** Records dropped as late because no side output was configured. */
    public long lateRecordsDropped() {
        return lateRecordsDropped;
    }

    @Override
    public List<StateEntry> describeState() {
        List<StateEntry> out = new ArrayList<>();
        int maxParallelism = ctx.maxParallelism();
        for (Map.Entry<Object, WindowTable> k : state.entrySet()) {
            Object key = k.getKey();
            WindowTable t = k.getValue();
            for (int i = 0; i < t.size(); i++) {
                Object acc = t.slotAt(i).acc;
                Object v = aggregate != null ? aggregate.getResult(acc) : acc;
                out.add(new StateEntry(Json.render(key), KeyGroupRangeAssignment.assignToKeyGroup(key,
                        maxParallelism), "window " + t.windowAt(i), Json.render(v)));
            }
        }
        out.sort(java.util.Comparator.comparingInt(StateEntry::keyGroup));
        return out;
    }

    @Override
    public List<InternalTimerService.TimerEntry> describeTimers() {
        return timers.describe();
    }
}
