package io.streamscope.sql;

/**
 * A mistake in SQL text or in what a statement asks for, with the line and column (both from 1) of the place the
 * mistake was found and what was expected there. The message reads {@code line 3, column 8: expected ..., got ...}.
 */
public final class SqlException extends Exception {
    private static final long serialVersionUID = 1L;
    private final int line;
    private final int column;
    private final String problem;

    public SqlException(int line, int column, String problem) {
        super("line " + line + ", column " + column + ": " + problem);
        this.line = line;
        this.column = column;
        this.problem = problem;
    }

    /** An error at the place of a token or an AST node. */
    public static SqlException at(Pos pos, String problem) {
        return new SqlException(pos.line(), pos.column(), problem);
    }

    public int line() {
        return line;
    }

    public int column() {
        return column;
    }

    /** What went wrong, without the position. */
    public String problem() {
        return problem;
    }

    /** A place in the SQL text: line and column from 1, counting characters. */
    public record Pos(int line, int column) implements java.io.Serializable {
        @Override
        public String toString() {
            return "line " + line + ", column " + column;
        }
    }
}
