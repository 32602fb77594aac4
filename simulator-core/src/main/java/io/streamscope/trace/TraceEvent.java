package io.streamscope.trace;

import com.fasterxml.jackson.annotation.JsonSubTypes;
import com.fasterxml.jackson.annotation.JsonTypeInfo;

/**
 * One observable thing the engine did. Every event has its position in the trace ({@code seq}), the virtual
 * time, the subtask it happened in (or "JobManager"), and the seq of the event that caused it (-1 if none).
 */
@JsonTypeInfo(use = JsonTypeInfo.Id.NAME, property = "type")
@JsonSubTypes({
        @JsonSubTypes.Type(value = TraceEvent.RecordRead.class, name = "RecordRead"),
        @JsonSubTypes.Type(value = TraceEvent.ElementSent.class, name = "ElementSent"),
        @JsonSubTypes.Type(value = TraceEvent.ElementDelivered.class, name = "ElementDelivered"),
        @JsonSubTypes.Type(value = TraceEvent.WatermarkGenerated.class, name = "WatermarkGenerated"),
        @JsonSubTypes.Type(value = TraceEvent.WatermarkAdvanced.class, name = "WatermarkAdvanced"),
        @JsonSubTypes.Type(value = TraceEvent.WatermarkStatusChanged.class, name = "WatermarkStatusChanged"),
        @JsonSubTypes.Type(value = TraceEvent.InputWatermarkAdvanced.class, name = "InputWatermarkAdvanced"),
        @JsonSubTypes.Type(value = TraceEvent.JoinMatched.class, name = "JoinMatched"),
        @JsonSubTypes.Type(value = TraceEvent.JoinStateCleared.class, name = "JoinStateCleared"),
        @JsonSubTypes.Type(value = TraceEvent.StateExpired.class, name = "StateExpired"),
        @JsonSubTypes.Type(value = TraceEvent.TimerRegistered.class, name = "TimerRegistered"),
        @JsonSubTypes.Type(value = TraceEvent.TimerFired.class, name = "TimerFired"),
        @JsonSubTypes.Type(value = TraceEvent.WindowFired.class, name = "WindowFired"),
        @JsonSubTypes.Type(value = TraceEvent.WindowCleared.class, name = "WindowCleared"),
        @JsonSubTypes.Type(value = TraceEvent.LateRecord.class, name = "LateRecord"),
        @JsonSubTypes.Type(value = TraceEvent.RecordEmitted.class, name = "RecordEmitted"),
        @JsonSubTypes.Type(value = TraceEvent.SinkReceived.class, name = "SinkReceived"),
        @JsonSubTypes.Type(value = TraceEvent.BackpressureStarted.class, name = "BackpressureStarted"),
        @JsonSubTypes.Type(value = TraceEvent.BackpressureEnded.class, name = "BackpressureEnded"),
        @JsonSubTypes.Type(value = TraceEvent.SubtaskFinished.class, name = "SubtaskFinished"),
        @JsonSubTypes.Type(value = TraceEvent.CheckpointTriggered.class, name = "CheckpointTriggered"),
        @JsonSubTypes.Type(value = TraceEvent.CheckpointSkipped.class, name = "CheckpointSkipped"),
        @JsonSubTypes.Type(value = TraceEvent.CheckpointBarrierReceived.class, name = "CheckpointBarrierReceived"),
        @JsonSubTypes.Type(value = TraceEvent.CheckpointAligned.class, name = "CheckpointAligned"),
        @JsonSubTypes.Type(value = TraceEvent.CheckpointSnapshotTaken.class, name = "CheckpointSnapshotTaken"),
        @JsonSubTypes.Type(value = TraceEvent.CheckpointInFlightPersisted.class, name = "CheckpointInFlightPersisted"),
        @JsonSubTypes.Type(value = TraceEvent.CheckpointAcknowledged.class, name = "CheckpointAcknowledged"),
        @JsonSubTypes.Type(value = TraceEvent.CheckpointDeclined.class, name = "CheckpointDeclined"),
        @JsonSubTypes.Type(value = TraceEvent.CheckpointCompleted.class, name = "CheckpointCompleted"),
        @JsonSubTypes.Type(value = TraceEvent.CheckpointFailed.class, name = "CheckpointFailed"),
        @JsonSubTypes.Type(value = TraceEvent.CheckpointCompleteNotified.class, name = "CheckpointCompleteNotified"),
        @JsonSubTypes.Type(value = TraceEvent.SubtaskAwaitingFinalCheckpoint.class,
                name = "SubtaskAwaitingFinalCheckpoint"),
        @JsonSubTypes.Type(value = TraceEvent.FaultInjected.class, name = "FaultInjected"),
        @JsonSubTypes.Type(value = TraceEvent.TaskFailed.class, name = "TaskFailed"),
        @JsonSubTypes.Type(value = TraceEvent.JobFailover.class, name = "JobFailover"),
        @JsonSubTypes.Type(value = TraceEvent.RecoveryFailed.class, name = "RecoveryFailed"),
        @JsonSubTypes.Type(value = TraceEvent.JobRestarted.class, name = "JobRestarted"),
        @JsonSubTypes.Type(value = TraceEvent.SubtaskRestored.class, name = "SubtaskRestored"),
        @JsonSubTypes.Type(value = TraceEvent.JobFailed.class, name = "JobFailed"),
        @JsonSubTypes.Type(value = TraceEvent.TransactionPreCommitted.class, name = "TransactionPreCommitted"),
        @JsonSubTypes.Type(value = TraceEvent.TransactionCommitted.class, name = "TransactionCommitted"),
        @JsonSubTypes.Type(value = TraceEvent.TransactionAborted.class, name = "TransactionAborted"),
        @JsonSubTypes.Type(value = TraceEvent.DuplicateWritten.class, name = "DuplicateWritten"),
})
public sealed interface TraceEvent {
    long seq();

    long time();

    String subtask();

    long cause();

    /** A source subtask read a record from a partition of the log. */
    record RecordRead(long seq, long time, String subtask, long cause, String topic, int partition, long offset,
                      String record, long timestamp) implements TraceEvent {
    }

    /** A subtask put an element into the output buffer of a channel (its result subpartition). */
    record ElementSent(long seq, long time, String subtask, long cause, String channel, String element)
            implements TraceEvent {
    }

    /** An element arrived in the input buffer of a channel at the receiving subtask. */
    record ElementDelivered(long seq, long time, String subtask, long cause, String channel, String element)
            implements TraceEvent {
    }

    /** A source split's watermark generator produced a new watermark. */
    record WatermarkGenerated(long seq, long time, String subtask, long cause, String split, long watermark)
            implements TraceEvent {
    }

    /** A subtask's combined input watermark advanced (min over its active inputs), driving its timers. */
    record WatermarkAdvanced(long seq, long time, String subtask, long cause, long watermark)
            implements TraceEvent {
    }

    /** An input (a split, a channel, or the subtask's output) became idle or active again. */
    record WatermarkStatusChanged(long seq, long time, String subtask, long cause, String input, boolean idle)
            implements TraceEvent {
    }

    /**
     * One input of a two-input operator advanced its watermark (the minimum over that input's channels; Flink's
     * processWatermark1 or 2). {@code input} counts from 1; {@code stream} names the operators feeding it. The
     * operator's own watermark, the minimum over both inputs, follows as a WatermarkAdvanced when it moves.
     */
    record InputWatermarkAdvanced(long seq, long time, String subtask, long cause, int input, String stream,
                                  long watermark) implements TraceEvent {
    }

    /**
     * An interval join matched a pair at once, when the second of the two arrived: the left and right elements with
     * their timestamps, and the pair's timestamp (the larger one).
     */
    record JoinMatched(long seq, long time, String subtask, long cause, String operator, String key, String left,
                       long leftTimestamp, String right, long rightTimestamp, long timestamp) implements TraceEvent {
    }

    /**
     * An interval join's cleanup timer fired: the buffered elements of one side ("left" or "right") at one
     * timestamp were dropped from its state, because no element of the other side can match them any more.
     */
    record JoinStateCleared(long seq, long time, String subtask, long cause, String operator, String key,
                            String side, long timestamp, int elements) implements TraceEvent {
    }

    /** An operator registered a timer for a key. */
    record TimerRegistered(long seq, long time, String subtask, long cause, String operator, String key,
                           long timestamp, String domain, String namespace) implements TraceEvent {
    }

    /**
     * Keyed state with a time-to-live was found expired ({@code expiredAt = lastAccess + ttl <= time}) and removed:
     * {@code cleanup} is "read" (an access found it), "incremental" (the incremental cleanup) or "full-snapshot"
     * (left out of a checkpoint; the live entry stays). {@code mapKey} is null for value state.
     */
    record StateExpired(long seq, long time, String subtask, long cause, String operator, String key, String state,
                        String mapKey, String value, long lastAccess, long expiredAt, String cleanup)
            implements TraceEvent {
    }

    /** A timer fired. */
    record TimerFired(long seq, long time, String subtask, long cause, String operator, String key,
                      long timestamp, String domain, String namespace) implements TraceEvent {
    }

    /** A window emitted its contents; {@code firing} is "on-time" (timer) or "late" (a record within lateness). */
    record WindowFired(long seq, long time, String subtask, long cause, String operator, String key, long start,
                       long end, String result, String firing) implements TraceEvent {
    }

    /** A window's state was cleared at {@code maxTimestamp + allowedLateness}; this emits nothing. */
    record WindowCleared(long seq, long time, String subtask, long cause, String operator, String key, long start,
                         long end) implements TraceEvent {
    }

    /** A record arrived after every window it belongs to was past its allowed lateness. */
    record LateRecord(long seq, long time, String subtask, long cause, String operator, String key, String record,
                      long timestamp, long watermark, String sideOutput) implements TraceEvent {
    }

    /** A user function emitted a record (main output, or the named side output). */
    record RecordEmitted(long seq, long time, String subtask, long cause, String operator, String outputTag,
                         String record) implements TraceEvent {
    }

    /** A sink received a record. */
    record SinkReceived(long seq, long time, String subtask, long cause, String sink, String record,
                        Long timestamp) implements TraceEvent {
    }

    /** A subtask stopped taking input because an output buffer of the named channel is full. */
    record BackpressureStarted(long seq, long time, String subtask, long cause, String channel)
            implements TraceEvent {
    }

    /** The full output buffer drained (credit came back) and the subtask resumes. */
    record BackpressureEnded(long seq, long time, String subtask, long cause, String channel)
            implements TraceEvent {
    }

    /** A subtask reached the end of all its inputs and finished. */
    record SubtaskFinished(long seq, long time, String subtask, long cause) implements TraceEvent {
    }

    // ---------------------------------------------------------------- checkpoints (only when a job enables them)

    /** The checkpoint coordinator (subtask "JobManager") triggered a checkpoint or savepoint at the sources. */
    record CheckpointTriggered(long seq, long time, String subtask, long cause, long checkpointId, boolean savepoint,
                               boolean unaligned) implements TraceEvent {
    }

    /** A trigger request was dropped: too soon after the last completion (min pause), or tasks not running. */
    record CheckpointSkipped(long seq, long time, String subtask, long cause, String reason) implements TraceEvent {
    }

    /**
     * A subtask took a barrier from an input channel; in aligned mode the channel is now blocked until all
     * {@code needed} channels delivered it ({@code received} so far).
     */
    record CheckpointBarrierReceived(long seq, long time, String subtask, long cause, long checkpointId,
                                     String channel, int received, int needed) implements TraceEvent {
    }

    /** Every input channel delivered the barrier: alignment is over and the subtask snapshots its state. */
    record CheckpointAligned(long seq, long time, String subtask, long cause, long checkpointId,
                             long alignmentMillis, long processedDuringAlignment) implements TraceEvent {
    }

    /**
     * A subtask took its snapshot and forwarded the barrier: the synchronous part blocks it for {@code syncMillis},
     * then the asynchronous part uploads {@code checkpointedBytes} in {@code asyncMillis}. {@code detail} lists a
     * source's split offsets.
     */
    record CheckpointSnapshotTaken(long seq, long time, String subtask, long cause, long checkpointId,
                                   long stateBytes, long checkpointedBytes, long syncMillis, long asyncMillis,
                                   boolean unaligned, int persistedInFlight, String detail) implements TraceEvent {
    }

    /**
     * Unaligned: the last barrier of the checkpoint reached the subtask, and the in-flight data it persisted is
     * complete ({@code elements} in {@code bytes}, input and output channels together); its upload follows.
     */
    record CheckpointInFlightPersisted(long seq, long time, String subtask, long cause, long checkpointId, int elements,
                                       long bytes) implements TraceEvent {
    }

    /** The coordinator received a subtask's acknowledgement of a checkpoint. */
    record CheckpointAcknowledged(long seq, long time, String subtask, long cause, long checkpointId, long stateBytes,
                                 int acknowledged, int needed) implements TraceEvent {
    }

    /** A subtask declined a checkpoint (its alignment was subsumed, or its upload failed). */
    record CheckpointDeclined(long seq, long time, String subtask, long cause, long checkpointId, String reason)
            implements TraceEvent {
    }

    /** Every subtask acknowledged: the checkpoint is complete and stored; its full and uploaded sizes. */
    record CheckpointCompleted(long seq, long time, String subtask, long cause, long checkpointId, boolean savepoint,
                               long durationMillis, long fullBytes, long checkpointedBytes) implements TraceEvent {
    }

    /**
     * A checkpoint was aborted (expired, declined, subsumed, or by a failover); {@code consecutiveFailures} counts
     * the failures that count against the tolerable number.
     */
    record CheckpointFailed(long seq, long time, String subtask, long cause, long checkpointId, String reason,
                            int consecutiveFailures) implements TraceEvent {
    }

    /** A subtask was told that a checkpoint completed (where two-phase-commit sinks commit). */
    record CheckpointCompleteNotified(long seq, long time, String subtask, long cause, long checkpointId)
            implements TraceEvent {
    }

    /** With checkpointing, a subtask whose input ended waits for a final checkpoint before it finishes (FLIP-147). */
    record SubtaskAwaitingFinalCheckpoint(long seq, long time, String subtask, long cause) implements TraceEvent {
    }

    // ---------------------------------------------------------------- faults and recovery

    /** A planned or injected fault took effect; {@code kind} as in the scenario format, such as "fail-subtask". */
    record FaultInjected(long seq, long time, String subtask, long cause, String kind, String target, String detail)
            implements TraceEvent {
    }

    /** The JobManager learned that a subtask failed. */
    record TaskFailed(long seq, long time, String subtask, long cause, String reason) implements TraceEvent {
    }

    /**
     * The job fails over: {@code strategy} is "region", "full" or "global" (a job-level failure restarts
     * everything); the listed subtasks are cancelled, their in-flight data dropped, and they restart after
     * {@code restartDelayMillis}. {@code restartAttempt} counts restarts of the job.
     */
    record JobFailover(long seq, long time, String subtask, long cause, String strategy, java.util.List<String> subtasks,
                       long restartDelayMillis, int restartAttempt) implements TraceEvent {
    }

    /** A restart could not happen (no slots: a TaskManager is still down); it counts as another failure. */
    record RecoveryFailed(long seq, long time, String subtask, long cause, String reason) implements TraceEvent {
    }

    /**
     * The subtasks were redeployed from checkpoint {@code checkpointId} (-1: none completed, so from the
     * beginning): sources rewind to its offsets and the records after them are replayed.
     */
    record JobRestarted(long seq, long time, String subtask, long cause, long checkpointId,
                        java.util.List<String> subtasks) implements TraceEvent {
    }

    /** A redeployed subtask got its state back; {@code detail} lists a source's rewound offsets. */
    record SubtaskRestored(long seq, long time, String subtask, long cause, long checkpointId, long stateBytes,
                           String detail) implements TraceEvent {
    }

    /** The job failed for good (no restart strategy, or its attempts are used up). */
    record JobFailed(long seq, long time, String subtask, long cause, String reason) implements TraceEvent {
    }

    // ---------------------------------------------------------------- sinks with delivery guarantees

    /** An exactly-once sink flushed its transaction on the barrier of {@code checkpointId} (phase one). */
    record TransactionPreCommitted(long seq, long time, String subtask, long cause, String sink, String transaction,
                                   long checkpointId, int records) implements TraceEvent {
    }

    /**
     * The checkpoint completed and the transaction was committed (phase two): its records are now visible to
     * read_committed readers, the oldest after waiting {@code maxDelayMillis}.
     */
    record TransactionCommitted(long seq, long time, String subtask, long cause, String sink, String transaction,
                                long checkpointId, int records, long maxDelayMillis) implements TraceEvent {
    }

    /** A recovery aborted a transaction the failed attempt left open or pre-committed for a checkpoint that failed. */
    record TransactionAborted(long seq, long time, String subtask, long cause, String sink, String transaction,
                              int records) implements TraceEvent {
    }

    /** A sink without transactions wrote a record again after a recovery: its readers see a duplicate. */
    record DuplicateWritten(long seq, long time, String subtask, long cause, String sink, String record)
            implements TraceEvent {
    }
}
