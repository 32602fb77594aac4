package io.streamscope.runtime;

import io.streamscope.checkpoint.OperatorRestoreState;
import io.streamscope.checkpoint.OperatorSubtaskState;
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

    /** Called when a checkpoint barrier is about to be forwarded: the last moment to emit before it (Flink's order). */
    default void prepareSnapshotPreBarrier(long checkpointId) throws Exception {
    }

    /**
     * The operator's state for a checkpoint, consistent with every element processed before the barrier: keyed
     * state by key group, operator state as list entries. Stateless operators keep the default.
     */
    default OperatorSubtaskState snapshotState(long checkpointId) throws Exception {
        return OperatorSubtaskState.EMPTY;
    }

    /**
     * Called after open, before the first element, with the state of the checkpoint a (re)deployment restores,
     * or null when there is none (a fresh start, or a restart before any checkpoint completed).
     */
    default void initializeState(OperatorRestoreState restored) throws Exception {
    }

    /** Checkpoint {@code checkpointId} completed on every task (where two-phase-commit sinks commit). */
    default void notifyCheckpointComplete(long checkpointId) throws Exception {
    }

    /** Checkpoint {@code checkpointId} was aborted. */
    default void notifyCheckpointAborted(long checkpointId) throws Exception {
    }

    /** Called on the auto-watermark interval by operators that asked for it. */
    default void onPeriodicTick(long now) throws Exception {
    }

    /** Keyed state and pending timers, as text entries for the inspector. */
    default List<StateEntry> describeState() {
        return List.of();
    }

    /**
     * One line of an operator's state: which key, which key group, what name, what value, and for state with a
     * time-to-live the processing time it expires at (null otherwise).
     */
    record StateEntry(String key, int keyGroup, String name, String value, Long expiresAt) {
        public StateEntry(String key, int keyGroup, String name, String value) {
            this(key, keyGroup, name, value, null);
        }
    }

    /** Pending timers in firing order, for the inspector. */
    default List<io.streamscope.time.InternalTimerService.TimerEntry> describeTimers() {
        return List.of();
    }
}
