package io.streamscope.app.engine;

import io.streamscope.trace.TraceEvent;
import java.util.List;
import java.util.function.Predicate;

/**
 * A kind of moment "run until" stops at, as a test on trace events. The checkpoint and failure kinds test the
 * event's type name, so they work as soon as the engine traces barriers, checkpoints and failures, without this
 * class knowing those types.
 */
public record StopCondition(String label, String shortcut, Predicate<TraceEvent> test) {
    /** The engine's failure events: an injected fault, a task failing, the job failing over or failing for good. */
    private static final java.util.Set<String> FAILURES = java.util.Set.of("FaultInjected", "TaskFailed",
            "JobFailover", "JobFailed");

    public static final StopCondition WATERMARK = new StopCondition("next watermark advance", "W",
            e -> e instanceof TraceEvent.WatermarkAdvanced);
    public static final StopCondition WINDOW_FIRING = new StopCondition("next window firing", "F",
            e -> e instanceof TraceEvent.WindowFired);
    public static final StopCondition LATE_RECORD = new StopCondition("next late record", "L",
            e -> e instanceof TraceEvent.LateRecord);
    public static final StopCondition SINK = new StopCondition("next sink record", "K",
            e -> e instanceof TraceEvent.SinkReceived);
    public static final StopCondition BACKPRESSURE = new StopCondition("next backpressure", "P",
            e -> e instanceof TraceEvent.BackpressureStarted);
    public static final StopCondition BARRIER = new StopCondition("next checkpoint barrier", "R",
            e -> typeName(e).contains("Barrier"));
    public static final StopCondition CHECKPOINT_COMPLETED = new StopCondition("next checkpoint completion", "C",
            e -> typeName(e).equals("CheckpointCompleted"));
    public static final StopCondition FAILURE = new StopCondition("next failure", "X",
            e -> FAILURES.contains(typeName(e)) || typeName(e).contains("Killed"));

    /** Every kind, in menu order. */
    public static List<StopCondition> all() {
        return List.of(WATERMARK, WINDOW_FIRING, LATE_RECORD, SINK, BACKPRESSURE, BARRIER, CHECKPOINT_COMPLETED,
                FAILURE);
    }

    static String typeName(TraceEvent e) {
        return e.getClass().getSimpleName();
    }
}
