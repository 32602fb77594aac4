package io.streamscope.sql;

import java.util.Locale;

/**
 * The column types of the SQL subset and how their values are held in a {@link io.streamscope.data.Row}: INT, BIGINT
 * and TIMESTAMP(3) as Long (a timestamp as epoch milliseconds, the engine's time unit), DOUBLE as Double, STRING as
 * String, BOOLEAN as Boolean. NULL is Java null.
 */
public enum SqlType {
    BOOLEAN("BOOLEAN"),
    INT("INT"),
    BIGINT("BIGINT"),
    DOUBLE("DOUBLE"),
    STRING("STRING"),
    TIMESTAMP("TIMESTAMP(3)");

    private final String sqlName;

    SqlType(String sqlName) {
        this.sqlName = sqlName;
    }

    /** The name as Flink prints it. */
    public String sqlName() {
        return sqlName;
    }

    public boolean isNumeric() {
        return this == INT || this == BIGINT || this == DOUBLE;
    }

    public boolean isIntegral() {
        return this == INT || this == BIGINT;
    }

    /** Types whose values can be ordered (MIN, MAX, {@code <}). */
    public boolean isComparable() {
        return this != BOOLEAN;
    }

    /** The type two numeric operands are widened to, as Flink's arithmetic does (INT op BIGINT is BIGINT). */
    public static SqlType widen(SqlType a, SqlType b) {
        if (a == DOUBLE || b == DOUBLE) {
            return DOUBLE;
        }
        if (a == BIGINT || b == BIGINT) {
            return BIGINT;
        }
        return INT;
    }

    /** True when values of the two types can be compared with each other. */
    public static boolean comparable(SqlType a, SqlType b) {
        if (a == null || b == null) {
            return true; // NULL compares with anything (and gives NULL)
        }
        if (a.isNumeric() && b.isNumeric()) {
            return true;
        }
        return a == b;
    }

    /** Reads a type name of a column definition; null when the name is not a type of the subset. */
    static SqlType fromName(String name) {
        switch (name.toUpperCase(Locale.ROOT)) {
            case "BOOLEAN":
                return BOOLEAN;
            case "INT":
            case "INTEGER":
            case "TINYINT":
            case "SMALLINT":
                return INT;
            case "BIGINT":
                return BIGINT;
            case "DOUBLE":
            case "FLOAT":
                return DOUBLE;
            case "STRING":
            case "VARCHAR":
            case "CHAR":
                return STRING;
            case "TIMESTAMP":
            case "TIMESTAMP_LTZ":
                return TIMESTAMP;
            default:
                return null;
        }
    }
}
