package io.streamscope.connectors;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/** What one sink received, in arrival order. */
public final class SinkTable {
    /** One received record: its value, event-time timestamp (null if none), the subtask and the virtual time. */
    public record Row(Object value, Long timestamp, String subtask, long time) {
    }

    private final String name;
    private final List<Row> rows = new ArrayList<>();

    public SinkTable(String name) {
        this.name = name;
    }

    public String name() {
        return name;
    }

    public void add(Row r) {
        rows.add(r);
    }

    public List<Row> rows() {
        return Collections.unmodifiableList(rows);
    }

    /** Just the values, in arrival order. */
    public List<Object> values() {
        List<Object> out = new ArrayList<>(rows.size());
        for (Row r : rows) {
            out.add(r.value());
        }
        return out;
    }
}
