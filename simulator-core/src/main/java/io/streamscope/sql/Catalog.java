package io.streamscope.sql;

import io.streamscope.connectors.LogRecord;
import io.streamscope.connectors.PartitionedLog;
import io.streamscope.data.Row;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;

/**
 * The session's one catalog: the scenario's topics, each visible as a table of its own name (as a Kafka or Paimon
 * catalog exposes its topics), the tables CREATE TABLE binds to topics (which shadow a topic's table of the same
 * name, as a temporary table shadows a catalog table in Flink), and the materialized tables.
 */
public final class Catalog {
    private final Map<String, PartitionedLog> topics;
    private final Map<String, SourceTable> implicitTables = new LinkedHashMap<>();
    private final Map<String, String> implicitNotes = new LinkedHashMap<>();
    private final Map<String, SourceTable> tables = new LinkedHashMap<>();
    private final Map<String, MaterializedTable> materialized = new LinkedHashMap<>();

    public Catalog(Map<String, PartitionedLog> topics) {
        this.topics = Collections.unmodifiableMap(new LinkedHashMap<>(topics));
        for (PartitionedLog log : topics.values()) {
            implicitTables.put(log.topic(), inferTable(log));
        }
    }

    public Map<String, PartitionedLog> topics() {
        return topics;
    }

    /** A table reading a topic, created by a statement or implied by the topic; null when there is none. */
    public SourceTable source(String name) {
        SourceTable t = tables.get(name);
        return t != null ? t : implicitTables.get(name);
    }

    public MaterializedTable materialized(String name) {
        return materialized.get(name);
    }

    /** True when the name is taken by a created table or a materialized table (a topic's own table may be shadowed). */
    public boolean taken(String name) {
        return tables.containsKey(name) || materialized.containsKey(name);
    }

    /** The tables created by statements and the topics' own tables not shadowed by one, in creation order. */
    public List<SourceTable> sourceTables() {
        List<SourceTable> out = new ArrayList<>(tables.values());
        for (SourceTable t : implicitTables.values()) {
            if (!tables.containsKey(t.name()) && !materialized.containsKey(t.name())) {
                out.add(t);
            }
        }
        return out;
    }

    public List<MaterializedTable> materializedTables() {
        return List.copyOf(materialized.values());
    }

    /** Why a topic's table lacks a column, if a field had values of several types. */
    public String implicitNote(String table) {
        return implicitNotes.get(table);
    }

    void add(SourceTable t) {
        tables.put(t.name(), t);
    }

    void add(MaterializedTable t) {
        materialized.put(t.name(), t);
    }

    boolean removeSource(String name) {
        return tables.remove(name) != null;
    }

    boolean removeMaterialized(String name) {
        return materialized.remove(name) != null;
    }

    /** Every name a query could read, for "did you mean" hints. */
    List<String> names() {
        List<String> out = new ArrayList<>(tables.keySet());
        out.addAll(materialized.keySet());
        for (String n : implicitTables.keySet()) {
            if (!out.contains(n)) {
                out.add(n);
            }
        }
        return out;
    }

    /**
     * A topic's own table: every field any record has, in order of first appearance, typed by its values (whole
     * numbers BIGINT, with a fraction anywhere DOUBLE, text STRING, true/false BOOLEAN). A field whose records
     * disagree on the type is left out, with a note. A generated topic is typed from one sample record, drawn
     * from a random source of its own so that the engine's draws are untouched.
     */
    private SourceTable inferTable(PartitionedLog log) {
        Map<String, SqlType> types = new LinkedHashMap<>();
        Map<String, String> conflicts = new LinkedHashMap<>();
        List<Row> rows = new ArrayList<>();
        for (int p = 0; p < log.numPartitions(); p++) {
            PartitionedLog.Partition part = log.partition(p);
            if (part.isGenerated()) {
                LogRecord r = part.get(0, new SplittableRandom(0));
                if (r != null && r.value() instanceof Row row) {
                    rows.add(row);
                }
                break;
            }
            for (LogRecord r : part.records()) {
                if (r.value() instanceof Row row) {
                    rows.add(row);
                }
            }
        }
        for (Row row : rows) {
            for (String f : row.fieldNames()) {
                SqlType t = Coercion.typeOf(row.get(f));
                if (!types.containsKey(f)) {
                    types.put(f, t);
                    continue;
                }
                SqlType old = types.get(f);
                if (t == null || t == old || conflicts.containsKey(f)) {
                    continue;
                }
                if (old == null) {
                    types.put(f, t);
                } else if (old.isNumeric() && t.isNumeric()) {
                    types.put(f, SqlType.DOUBLE);
                } else {
                    conflicts.put(f, old.sqlName() + " and " + t.sqlName());
                }
            }
        }
        List<Column> columns = new ArrayList<>();
        for (Map.Entry<String, SqlType> e : types.entrySet()) {
            if (conflicts.containsKey(e.getKey())) {
                continue;
            }
            // a field that is NULL in every record has no type to infer; STRING reads it as NULL
            columns.add(new Column(e.getKey(), e.getValue() == null ? SqlType.STRING : e.getValue()));
        }
        if (!conflicts.isEmpty()) {
            List<String> parts = new ArrayList<>();
            conflicts.forEach((f, t) -> parts.add(f + " (" + t + ")"));
            implicitNotes.put(log.topic(), "fields with values of several types are left out: "
                    + String.join(", ", parts) + "; declare the table with CREATE TABLE to choose a type");
        }
        return new SourceTable(log.topic(), log.topic(), columns, null, 0, -1, false, true);
    }
}
