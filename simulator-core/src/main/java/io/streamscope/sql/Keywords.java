package io.streamscope.sql;

import java.util.Locale;
import java.util.Set;

/**
 * The reserved words of the SQL subset: they cannot be used as unquoted identifiers, as in Flink SQL, where
 * {@code `timestamp`}, {@code `user`} and {@code `value`} need backticks.
 */
public final class Keywords {
    /** Flink SQL reserves these too; the list holds the ones the subset's grammar or its users meet. */
    private static final Set<String> RESERVED = Set.of("ALL", "ALTER", "AND", "AS", "BETWEEN", "BY", "CASE", "CAST",
            "CREATE", "DATE", "DAY", "DESCRIBE", "DISTINCT", "DROP", "ELSE", "END", "EXISTS", "FALSE", "FOR", "FROM",
            "FULL", "GROUP", "HAVING", "HOUR", "IN", "INNER", "INSERT", "INTERVAL", "INTO", "IS", "JOIN", "LEFT",
            "LIKE", "LIMIT", "MINUTE", "MONTH", "NOT", "NULL", "ON", "OR", "ORDER", "RESET", "RIGHT", "SECOND",
            "SELECT", "SET", "SHOW", "TABLE", "THEN", "TIME", "TIMESTAMP", "TRUE", "UNION", "USER", "VALUE", "VALUES",
            "WHEN", "WHERE", "WITH", "YEAR");

    private Keywords() {
    }

    public static boolean isReserved(String word) {
        return RESERVED.contains(word.toUpperCase(Locale.ROOT));
    }
}
