package io.streamscope.sql;

import java.util.List;

/**
 * A table bound to a topic of the scenario: by CREATE TABLE ... WITH ('connector' = 'kafka', 'topic' = ...), or
 * implicitly, one per topic under the topic's name, with the columns its records have.
 *
 * @param name the table's name
 * @param topic the topic it reads
 * @param columns its columns
 * @param timeAttribute the column of the WATERMARK declaration (the event-time attribute), or null
 * @param watermarkDelayMillis the n of {@code WATERMARK FOR ts AS ts - INTERVAL 'n' ...}
 * @param idleTimeoutMillis 'scan.watermark.idle-timeout', or -1 for none
 * @param perEventWatermarks 'scan.watermark.emit.strategy' = 'on-event' (else on the periodic interval)
 * @param implicit true for a topic's own table (not created by a statement)
 */
public record SourceTable(String name, String topic, List<Column> columns, String timeAttribute,
                          long watermarkDelayMillis, long idleTimeoutMillis, boolean perEventWatermarks,
                          boolean implicit) {
    public SourceTable {
        columns = List.copyOf(columns);
    }

    /** The column with this name, or null. */
    public Column column(String column) {
        for (Column c : columns) {
            if (c.name().equals(column)) {
                return c;
            }
        }
        return null;
    }
}
