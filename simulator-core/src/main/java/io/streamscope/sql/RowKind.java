package io.streamscope.sql;

/**
 * The kind of a changelog row, with Flink's short names. SQL jobs carry it as the first field of each Row,
 * {@code "op"}, the column name Flink's SQL client shows in changelog mode.
 */
public enum RowKind {
    INSERT("+I"), UPDATE_BEFORE("-U"), UPDATE_AFTER("+U"), DELETE("-D");

    /** The field of a Row that holds its kind. */
    public static final String FIELD = "op";

    private final String shortString;

    RowKind(String shortString) {
        this.shortString = shortString;
    }

    public String shortString() {
        return shortString;
    }

    /** True for +I and +U, which add a row; -U and -D take one back. */
    public boolean isAccumulate() {
        return this == INSERT || this == UPDATE_AFTER;
    }

    /** The kind of a Row: its "op" field, or +I for a row without one (an insert-only input). */
    public static RowKind of(io.streamscope.data.Row row) {
        Object op = row.get(FIELD);
        return op == null ? INSERT : fromShortString((String) op);
    }

    public static RowKind fromShortString(String s) {
        for (RowKind k : values()) {
            if (k.shortString.equals(s)) {
                return k;
            }
        }
        throw new IllegalArgumentException("not a row kind: " + s + "; expected +I, -U, +U or -D");
    }
}
