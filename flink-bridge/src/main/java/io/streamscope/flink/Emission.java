package io.streamscope.flink;

/**
 * One record a sink received on Flink, with where and when it was emitted: Flink fixes the order of records only
 * within one producing subtask, so this is what it takes to put the outputs of several sinks back in order.
 *
 * @param sink the sink's name
 * @param value the record
 * @param timestamp its event-time timestamp, or null
 * @param subtask the index of the producing subtask
 * @param watermark the watermark that subtask had passed downstream when it emitted the record (Long.MIN_VALUE
 *     before the first): a window fired by the watermark comes out before the watermark moves on, so its
 *     {@code end - 1} is above this value; one fired by a record arriving within the allowed lateness is at or below
 * @param seq the emission order: increasing in the order one subtask emitted its records, across all its sinks
 */
public record Emission(String sink, Object value, Long timestamp, int subtask, long watermark, long seq) {
}
