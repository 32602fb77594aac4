package io.streamscope.connectors;

/**
 * A record in a partition of the log, as Kafka stores it: offset, key, value, the record's timestamp, and the
 * virtual processing time at which it was appended (before that, a reader cannot see it).
 */
public record LogRecord(long offset, Object key, Object value, long timestamp, long appendTime) {
}
