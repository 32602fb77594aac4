package io.streamscope.sql;

/** A column of a table or a query result: its name and SQL type. */
public record Column(String name, SqlType type) implements java.io.Serializable {
    @Override
    public String toString() {
        return name + " " + type.sqlName();
    }
}
