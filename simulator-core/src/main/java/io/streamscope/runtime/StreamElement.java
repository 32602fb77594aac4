package io.streamscope.runtime;

import io.streamscope.checkpoint.CheckpointOptions;
import io.streamscope.data.Json;

/**
 * What flows on a channel: records and the control elements Flink interleaves with them. Elements are
 * serializable because an unaligned checkpoint persists the ones in flight.
 */
public sealed interface StreamElement extends java.io.Serializable
        permits StreamElement.Record, StreamElement.Watermark, StreamElement.WatermarkStatus, StreamElement.EndOfInput,
        StreamElement.CheckpointBarrier {

    /** A short text for traces and views. */
    String describe();

    /** A data record with its event-time timestamp ({@code hasTimestamp} false after a processing-time step). */
    record Record(Object value, long timestamp, boolean hasTimestamp) implements StreamElement {
        public static Record of(Object value, long timestamp) {
            return new Record(value, timestamp, true);
        }

        public static Record withoutTimestamp(Object value) {
            return new Record(value, Long.MIN_VALUE, false);
        }

        @Override
        public String describe() {
            return "record " + Json.render(value) + (hasTimestamp ? " @" + timestamp : "");
        }
    }

    /** A watermark: the stream claims no more records with timestamp at or below it will follow. */
    record Watermark(long timestamp) implements StreamElement {
        public static final Watermark MAX = new Watermark(Long.MAX_VALUE);

        @Override
        public String describe() {
            return "watermark " + Times.watermark(timestamp);
        }
    }

    /** Idle or active: an idle input is left out of the downstream watermark minimum. */
    record WatermarkStatus(boolean idle) implements StreamElement {
        public static final WatermarkStatus IDLE = new WatermarkStatus(true);
        public static final WatermarkStatus ACTIVE = new WatermarkStatus(false);

        @Override
        public String describe() {
            return idle ? "status idle" : "status active";
        }
    }

    /** The end of a bounded input on this channel (Flink's EndOfPartition). */
    record EndOfInput() implements StreamElement {
        public static final EndOfInput INSTANCE = new EndOfInput();

        @Override
        public String describe() {
            return "end-of-input";
        }
    }

    /**
     * Flink's CheckpointBarrier: injected by a source after it snapshotted its split offsets, it travels with the
     * records and divides them into those before checkpoint {@code checkpointId} and those after it.
     */
    record CheckpointBarrier(long checkpointId, long timestamp, CheckpointOptions options) implements StreamElement {
        @Override
        public String describe() {
            return (options.savepoint() ? "savepoint barrier " : "barrier ") + checkpointId
                    + (options.unaligned() ? " (unaligned)" : "");
        }

        /** The same barrier, now travelling unaligned (after its aligned timeout passed). */
        public CheckpointBarrier toUnaligned() {
            return new CheckpointBarrier(checkpointId, timestamp, options.toUnaligned());
        }
    }
}
