package io.streamscope.runtime;

import java.util.List;

/** An operator instance inside a subtask, driven element by element. */
public interface StreamOperator {
    void open(OperatorContext context) throws Exception;

    void processElement(StreamElement.Record record) throws Exception;

    /** Default: forward. Operators with timers fire them first, then forward (Flink's order). */
    default void processWatermark(long watermark, OperatorContext context) throws Exception {
        context.output().emitWatermark(watermark);
    }

    default void processWatermarkStatus(boolean idle, OperatorContext context) throws Exception {
        context.output().emitWatermarkStatus(idle);
    }

    /** Called once the operator's input has ended. */
    default void endInput() throws Exception {
    }

    /** Called on the auto-watermark interval by operators that asked for it. */
    default void onPeriodicTick(long now) throws Exception {
    }

    /** Keyed state and pending timers, as text entries for the inspector. */
    default List<StateEntry> describeState() {
        return List.of();
    }

    /** One line of an operator's state: which key, which key group, what name, what value. */
    record StateEntry(String key, int keyGroup, String name, String value) {
    }

    /** Pending timers in firing order, for the inspector. */
    default List<io.streamscope.time.InternalTimerService.TimerEntry> describeTimers() {
        return List.of();
    }
}
