package io.streamscope.data;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/** An immutable record with named fields in a fixed order: the data type of scenario jobs. */
public final class Row implements java.io.Serializable {
    // rows are checkpointed inside window and keyed state (Java serialization stands in for Flink's serializers)
    private static final long serialVersionUID = 1L;
    private final String[] names;
    private final Object[] values;

    private Row(String[] names, Object[] values) {
        this.names = names;
        this.values = values;
    }

    /** Builds a row from alternating names and values: {@code Row.of("user", "alice", "timestamp", 1000L)}. */
    public static Row of(Object... namesAndValues) {
        if (namesAndValues.length % 2 != 0) {
            throw new IllegalArgumentException("Row.of needs name/value pairs, got an odd number of arguments");
        }
        int n = namesAndValues.length / 2;
        String[] names = new String[n];
        Object[] values = new Object[n];
        for (int i = 0; i < n; i++) {
            names[i] = (String) namesAndValues[2 * i];
            values[i] = normalize(namesAndValues[2 * i + 1]);
        }
        return new Row(names, values);
    }

    /** Builds a row from an ordered map of fields. */
    public static Row fromMap(Map<String, ?> fields) {
        String[] names = new String[fields.size()];
        Object[] values = new Object[fields.size()];
        int i = 0;
        for (Map.Entry<String, ?> e : fields.entrySet()) {
            names[i] = e.getKey();
            values[i] = normalize(e.getValue());
            i++;
        }
        return new Row(names, values);
    }

    /** Integral numbers become Long and other numbers Double, so equal values compare and hash equal. */
    private static Object normalize(Object v) {
        if (v instanceof Integer || v instanceof Short || v instanceof Byte) {
            return ((Number) v).longValue();
        }
        if (v instanceof Float) {
            return ((Float) v).doubleValue();
        }
        return v;
    }

    public int arity() {
        return names.length;
    }

    public List<String> fieldNames() {
        return Collections.unmodifiableList(Arrays.asList(names));
    }

    public boolean has(String name) {
        return indexOf(name) >= 0;
    }

    private int indexOf(String name) {
        // field names are mostly interned literals, and the name asked for is usually not the first field: a pass
        // comparing references only avoids comparing the characters of every field ahead of it
        for (int i = 0; i < names.length; i++) {
            if (names[i] == name) {
                return i;
            }
        }
        for (int i = 0; i < names.length; i++) {
            if (names[i].equals(name)) {
                return i;
            }
        }
        return -1;
    }

    /** The value of a field, or null when the row has no such field. */
    public Object get(String name) {
        int i = indexOf(name);
        return i < 0 ? null : values[i];
    }

    /** The value of a field that must exist. */
    public Object require(String name) {
        int i = indexOf(name);
        if (i < 0) {
            throw new IllegalArgumentException("row " + this + " has no field '" + name + "'");
        }
        return values[i];
    }

    public long getLong(String name) {
        Object v = require(name);
        if (v instanceof Number n) {
            return n.longValue();
        }
        throw new IllegalArgumentException("field '" + name + "' of " + this + " is not a number");
    }

    public double getDouble(String name) {
        Object v = require(name);
        if (v instanceof Number n) {
            return n.doubleValue();
        }
        throw new IllegalArgumentException("field '" + name + "' of " + this + " is not a number");
    }

    /** A copy with one field set (replaced in place, or appended when new). */
    public Row with(String name, Object value) {
        int i = indexOf(name);
        if (i >= 0) {
            Object[] v = values.clone();
            v[i] = normalize(value);
            return new Row(names, v);
        }
        String[] n = Arrays.copyOf(names, names.length + 1);
        Object[] v = Arrays.copyOf(values, values.length + 1);
        n[names.length] = name;
        v[values.length] = normalize(value);
        return new Row(n, v);
    }

    /** A copy holding only the named fields, in the given order. */
    public Row select(List<String> fields) {
        String[] n = new String[fields.size()];
        Object[] v = new Object[fields.size()];
        for (int i = 0; i < n.length; i++) {
            n[i] = fields.get(i);
            v[i] = require(fields.get(i));
        }
        return new Row(n, v);
    }

    public Map<String, Object> toMap() {
        Map<String, Object> m = new LinkedHashMap<>();
        for (int i = 0; i < names.length; i++) {
            m.put(names[i], values[i]);
        }
        return m;
    }

    public List<Object> values() {
        return Collections.unmodifiableList(new ArrayList<>(Arrays.asList(values)));
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Row r && Arrays.equals(names, r.names) && Arrays.equals(values, r.values);
    }

    @Override
    public int hashCode() {
        return Objects.hash(Arrays.hashCode(names), Arrays.hashCode(values));
    }

    /** Compact JSON, the form the trace, the command line and the views show. */
    @Override
    public String toString() {
        StringBuilder sb = new StringBuilder("{");
        for (int i = 0; i < names.length; i++) {
            if (i > 0) {
                sb.append(',');
            }
            Json.appendString(sb, names[i]);
            sb.append(':');
            Json.appendValue(sb, values[i]);
        }
        return sb.append('}').toString();
    }
}
