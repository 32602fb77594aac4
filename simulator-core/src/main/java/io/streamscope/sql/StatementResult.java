package io.streamscope.sql;

import io.streamscope.data.Row;
import java.util.List;

/** What executing one statement gave: a message (DDL, SET, ALTER, ADVANCE) or rows (SELECT, SHOW, DESCRIBE). */
public sealed interface StatementResult permits StatementResult.Ok, StatementResult.Rows {
    /** The statement as written. */
    String text();

    /** The session's virtual time when the statement was executed (after it, for ADVANCE). */
    long time();

    /** A statement without rows; {@code table} is the materialized table it created or changed, if any. */
    record Ok(String text, long time, String message, MaterializedTable table) implements StatementResult {
    }

    /**
     * A query's result.
     *
     * @param columns the result's columns
     * @param rows the final rows (what a table of the result holds after the whole changelog is applied)
     * @param changelog for a streaming query, every row the job emitted, with its kind in {@code op}, in order;
     *     for a batch query the same rows as {@code rows}, each +I
     * @param note how the query ran (mode, snapshot time, job duration), or what SHOW/DESCRIBE lists
     */
    record Rows(String text, long time, List<Column> columns, List<Row> rows, List<Row> changelog, String note)
            implements StatementResult {
    }
}
