package io.streamscope.sql;

import io.streamscope.sql.SqlException.Pos;
import java.util.List;

/** The syntax tree the {@link Parser} produces: statements, queries and expressions, each with its position. */
public final class Ast {
    private Ast() {
    }

    /** A statement of a script. */
    public sealed interface Statement permits CreateTable, CreateMaterializedTable, AlterMaterializedTable, Drop, Query,
            SetOption, ResetOption, Advance, ShowTables, Describe {
        /** Where the statement starts. */
        Pos pos();
    }

    /** A statement with the text it was parsed from (without the closing semicolon). */
    public record Parsed(Statement statement, String text) {
    }

    /** A {@code 'key' = 'value'} pair of a WITH clause. */
    public record Option(String key, String value, Pos pos) {
    }

    /** A column of CREATE TABLE. */
    public record ColumnDef(String name, SqlType type, boolean notNull, Pos pos) {
    }

    /** {@code WATERMARK FOR column AS column [- INTERVAL 'n' unit]}: the event-time attribute and its delay. */
    public record WatermarkDef(String column, long delayMillis, Pos pos, Pos columnPos) {
    }

    /** The units an interval literal can have. */
    public enum TimeUnit {
        SECOND(1_000), MINUTE(60_000), HOUR(3_600_000), DAY(86_400_000);

        private final long millis;

        TimeUnit(long millis) {
            this.millis = millis;
        }

        public long millis() {
            return millis;
        }
    }

    /** {@code INTERVAL 'amount' UNIT}. */
    public record Interval(long amount, TimeUnit unit, Pos pos) {
        public long millis() {
            return amount * unit.millis();
        }

        @Override
        public String toString() {
            return "INTERVAL '" + amount + "' " + unit;
        }
    }

    /** CREATE [TEMPORARY] TABLE name (columns, WATERMARK, PRIMARY KEY) WITH (options). */
    public record CreateTable(Pos pos, String name, boolean temporary, boolean ifNotExists, List<ColumnDef> columns,
                              WatermarkDef watermark, List<String> primaryKey, List<Option> options) implements Statement {
    }

    /** The refresh modes a statement can name. */
    public enum RefreshMode { CONTINUOUS, FULL }

    /** CREATE MATERIALIZED TABLE name [...] [FRESHNESS = ...] [REFRESH_MODE = ...] AS query. */
    public record CreateMaterializedTable(Pos pos, String name, List<String> primaryKey, List<String> partitionedBy,
                                          List<Option> options, Interval freshness, RefreshMode refreshMode,
                                          Pos refreshModePos, Query query, String queryText) implements Statement {
    }

    /** What ALTER MATERIALIZED TABLE does. */
    public enum AlterAction { SUSPEND, RESUME, REFRESH }

    /** ALTER MATERIALIZED TABLE name SUSPEND | RESUME [WITH (...)] | REFRESH [PARTITION (...)]. */
    public record AlterMaterializedTable(Pos pos, String name, AlterAction action, List<Option> partition,
                                         List<Option> options) implements Statement {
    }

    /** DROP [TEMPORARY] [MATERIALIZED] TABLE [IF EXISTS] name. */
    public record Drop(Pos pos, String name, boolean materialized, boolean ifExists) implements Statement {
    }

    /** SET 'key' = 'value' (or SET alone, which lists the options). */
    public record SetOption(Pos pos, String key, String value) implements Statement {
    }

    /** RESET 'key' (or RESET alone). */
    public record ResetOption(Pos pos, String key) implements Statement {
    }

    /** Streamscope's clock command: ADVANCE TO 'time' | ADVANCE TO END | ADVANCE BY INTERVAL ... */
    public record Advance(Pos pos, boolean toEnd, boolean relative, long millis) implements Statement {
    }

    /** SHOW TABLES or SHOW MATERIALIZED TABLES. */
    public record ShowTables(Pos pos, boolean materializedOnly) implements Statement {
    }

    /** DESCRIBE name. */
    public record Describe(Pos pos, String name) implements Statement {
    }

    /** SELECT items FROM from [WHERE] [GROUP BY] [HAVING]. */
    public record Query(Pos pos, List<SelectItem> items, FromItem from, Expr where, List<Expr> groupBy, Expr having)
            implements Statement {
    }

    /** One entry of the select list. */
    public sealed interface SelectItem permits Star, Item {
        Pos pos();
    }

    /** {@code *} or {@code t.*}. */
    public record Star(Pos pos, String qualifier) implements SelectItem {
    }

    /** An expression with an optional alias. */
    public record Item(Pos pos, Expr expr, String alias) implements SelectItem {
    }

    /** What a query reads. */
    public sealed interface FromItem permits TableRef, SubqueryRef, WindowRef {
        Pos pos();

        /** The name columns can be qualified with, or null. */
        String alias();
    }

    /** A table by name. */
    public record TableRef(Pos pos, String name, String alias) implements FromItem {
    }

    /** {@code (SELECT ...) AS alias}. */
    public record SubqueryRef(Pos pos, Query query, String alias) implements FromItem {
    }

    /** The window table-valued functions. */
    public enum WindowKind { TUMBLE, HOP }

    /**
     * {@code TABLE(TUMBLE(TABLE t, DESCRIPTOR(col), size))} or {@code TABLE(HOP(TABLE t, DESCRIPTOR(col), slide,
     * size))}; {@code slide} is null for TUMBLE.
     */
    public record WindowRef(Pos pos, WindowKind kind, String table, Pos tablePos, String timeColumn, Pos timeColumnPos,
                            Interval size, Interval slide, String alias) implements FromItem {
    }

    /** An expression. */
    public sealed interface Expr permits ColumnRef, Literal, Binary, Unary, IsNull, Call {
        Pos pos();
    }

    /** A column, optionally qualified by a table name or alias. */
    public record ColumnRef(Pos pos, String qualifier, String name) implements Expr {
        @Override
        public String toString() {
            return qualifier == null ? name : qualifier + "." + name;
        }
    }

    /** A constant: Long, Double, String, Boolean, or null (NULL, whose type is null). */
    public record Literal(Pos pos, Object value, SqlType type) implements Expr {
        @Override
        public String toString() {
            return value instanceof String s ? "'" + s.replace("'", "''") + "'" : String.valueOf(value).toUpperCase();
        }
    }

    /** A binary operator: AND, OR, =, <>, <, <=, >, >=, +, -, *, /, %. */
    public record Binary(Pos pos, String op, Expr left, Expr right) implements Expr {
        @Override
        public String toString() {
            return "(" + left + " " + op + " " + right + ")";
        }
    }

    /** NOT or unary minus. */
    public record Unary(Pos pos, String op, Expr operand) implements Expr {
        @Override
        public String toString() {
            return op.equals("NOT") ? "NOT " + operand : "-" + operand;
        }
    }

    /** {@code x IS [NOT] NULL}. */
    public record IsNull(Pos pos, Expr operand, boolean negated) implements Expr {
        @Override
        public String toString() {
            return operand + (negated ? " IS NOT NULL" : " IS NULL");
        }
    }

    /** A function call: the aggregates COUNT, SUM, MIN, MAX, AVG; {@code star} for COUNT(*). */
    public record Call(Pos pos, String name, boolean distinct, boolean star, List<Expr> args) implements Expr {
        @Override
        public String toString() {
            StringBuilder sb = new StringBuilder(name).append('(');
            if (distinct) {
                sb.append("DISTINCT ");
            }
            if (star) {
                sb.append('*');
            }
            for (int i = 0; i < args.size(); i++) {
                sb.append(i > 0 ? ", " : "").append(args.get(i));
            }
            return sb.append(')').toString();
        }
    }
}
