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

    /** An operator registered a timer for a key. */
    record TimerRegistered(long seq, long time, String subtask, long cause, String operator, String key,
                           long timestamp, String domain, String namespace) implements TraceEvent {
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
}
