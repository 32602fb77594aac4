package io.streamscope.sql;

import io.streamscope.data.Json;

/**
 * Reads a field of a topic's record as a column of a declared type, as a JSON format does: a missing field or a
 * JSON null is NULL, a whole number fits INT, BIGINT, DOUBLE or TIMESTAMP(3) (epoch milliseconds), a fraction only
 * DOUBLE. A value that does not fit fails the job with the column and the value, as Flink's JSON format does by
 * default ({@code json.ignore-parse-errors = false}).
 */
public final class Coercion {
    private Coercion() {
    }

    /** The value as the column's type holds it; throws IllegalArgumentException when it does not fit. */
    public static Object toColumn(Object v, SqlType type, String column, String table) {
        if (v == null) {
            return null;
        }
        String problem = fits(v, type);
        if (problem != null) {
            throw new IllegalArgumentException("column " + column + " of table " + table + " is " + type.sqlName()
                    + ", but a record holds " + Json.render(v) + " (" + problem + ")");
        }
        if (type == SqlType.DOUBLE && v instanceof Long n) {
            return n.doubleValue();
        }
        return v;
    }

    /** Null when the value fits the type, else why not. */
    public static String fits(Object v, SqlType type) {
        if (v == null) {
            return null;
        }
        switch (type) {
            case BOOLEAN:
                return v instanceof Boolean ? null : "not a boolean";
            case INT:
                if (!(v instanceof Long n)) {
                    return "not a whole number";
                }
                return n >= Integer.MIN_VALUE && n <= Integer.MAX_VALUE ? null : "out of the range of INT";
            case BIGINT:
                return v instanceof Long ? null : "not a whole number";
            case TIMESTAMP:
                return v instanceof Long ? null : "not a whole number of epoch milliseconds";
            case DOUBLE:
                return v instanceof Long || v instanceof Double ? null : "not a number";
            default:
                return v instanceof String ? null : "not a string";
        }
    }

    /** The type a JSON value suggests for a column inferred from a topic's records; null for JSON null. */
    public static SqlType typeOf(Object v) {
        if (v instanceof Long) {
            return SqlType.BIGINT;
        }
        if (v instanceof Double) {
            return SqlType.DOUBLE;
        }
        if (v instanceof Boolean) {
            return SqlType.BOOLEAN;
        }
        if (v instanceof String) {
            return SqlType.STRING;
        }
        return null;
    }
}
