package io.streamscope.flink;

/** One record a sink received: its value and its event-time timestamp (null when it has none). */
public record SinkRecord(Object value, Long timestamp) {
    @Override
    public String toString() {
        return io.streamscope.data.Json.render(value) + (timestamp == null ? "" : " @" + timestamp);
    }
}
