package io.streamscope.sql;

import io.streamscope.api.DataStream;
import io.streamscope.api.KeyedStream;
import io.streamscope.api.SingleOutputStreamOperator;
import io.streamscope.api.StreamExecutionEnvironment;
import io.streamscope.connectors.PartitionedLog;
import io.streamscope.data.Row;
import io.streamscope.time.WatermarkStrategy;
import io.streamscope.window.WindowAssigner;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;

/**
 * A checked query, ready to be declared as a job on the engine's DataStream API: a source (a topic's table, a
 * window table function over one, a snapshot of a materialized table, or a subquery), then WHERE ({@code Filter}),
 * the projection ({@code Calc}), and a {@code GroupAggregate} (a KeyedProcessFunction that emits a changelog) or a
 * {@code WindowAggregate} (the window operator, append-only). Every row it produces carries its kind as the first
 * field, {@code op}.
 */
public final class PlannedQuery {
    /** What the query reads. */
    public sealed interface Input permits Scan, MaterializedScan, Window, Subquery {
    }

    /** A table bound to a topic. */
    public record Scan(SourceTable table) implements Input {
    }

    /** The visible rows of a materialized table, read as a bounded table. */
    public record MaterializedScan(String name, List<Column> columns) implements Input {
    }

    /** TUMBLE (slide = size) or HOP over a table's event-time attribute. */
    public record Window(SourceTable table, Ast.WindowKind kind, long sizeMillis, long slideMillis) implements Input {
    }

    /** A query in FROM. */
    public record Subquery(PlannedQuery inner) implements Input {
    }

    /** A non-windowed GROUP BY (no keys: a global aggregation). */
    record GroupAgg(List<String> keys, List<AggCall> calls, List<SqlFunctions.Projection> select, RowExpr having) {
    }

    /** A GROUP BY window_start, window_end[, keys] over a window table function. */
    record WindowAgg(List<String> keys, List<AggCall> calls, List<SqlFunctions.Projection> select, RowExpr having) {
    }

    /** How a query runs: a streaming job (changelog) or a batch job over bounded input (final results). */
    public enum Mode { STREAMING, BATCH }

    /**
     * Where a job is declared and what it reads.
     *
     * @param env the environment the job is declared on
     * @param mode streaming or batch
     * @param topicLog the log to read for a topic (the topic itself, or a snapshot or a shifted copy of it)
     * @param materializedLog a bounded log of a materialized table's visible rows
     * @param namePrefix prepended to operator names, to keep several queries apart in one job
     * @param upsertSink the sink takes upserts by the query's unique key, so update-before rows are not needed
     */
    public record BuildContext(StreamExecutionEnvironment env, Mode mode, Function<String, PartitionedLog> topicLog,
                               Function<String, PartitionedLog> materializedLog, String namePrefix,
                               boolean upsertSink) {
    }

    private final Input input;
    private final RowExpr where;
    private final List<SqlFunctions.Projection> calc;
    private final GroupAgg group;
    private final WindowAgg window;
    private final List<Column> columns;
    private final boolean insertOnly;
    private final List<String> uniqueKey;

    PlannedQuery(Input input, RowExpr where, List<SqlFunctions.Projection> calc, GroupAgg group, WindowAgg window,
                 List<Column> columns, boolean insertOnly, List<String> uniqueKey) {
        this.input = input;
        this.where = where;
        this.calc = List.copyOf(calc);
        this.group = group;
        this.window = window;
        this.columns = List.copyOf(columns);
        this.insertOnly = insertOnly;
        this.uniqueKey = uniqueKey == null ? null : List.copyOf(uniqueKey);
    }

    /** The result's columns (without {@code op}). */
    public List<Column> columns() {
        return columns;
    }

    public List<String> columnNames() {
        List<String> out = new ArrayList<>();
        for (Column c : columns) {
            out.add(c.name());
        }
        return out;
    }

    /** True when a streaming run only appends (+I); false when it also updates or deletes rows. */
    public boolean insertOnly() {
        return insertOnly;
    }

    /**
     * Output columns that identify a row of the result (the GROUP BY columns, with window_start and window_end for
     * a windowed one), empty for a global aggregation (one row), or null when the query has no such key.
     */
    public List<String> uniqueKey() {
        return uniqueKey;
    }

    public Input input() {
        return input;
    }

    /** True for a non-windowed GROUP BY (or a global aggregation) at the top of the query. */
    public boolean isGroupAggregation() {
        return group != null;
    }

    public boolean hasHaving() {
        return (group != null && group.having() != null) || (window != null && window.having() != null);
    }

    /** The topics this query reads, directly or through subqueries, in the order met. */
    public List<String> topics() {
        List<String> out = new ArrayList<>();
        collect(out, false);
        return out;
    }

    /** The materialized tables this query reads. */
    public List<String> materializedTables() {
        List<String> out = new ArrayList<>();
        collect(out, true);
        return out;
    }

    private void collect(List<String> out, boolean materialized) {
        String name = null;
        if (input instanceof Scan s && !materialized) {
            name = s.table().topic();
        } else if (input instanceof Window w && !materialized) {
            name = w.table().topic();
        } else if (input instanceof MaterializedScan m && materialized) {
            name = m.name();
        } else if (input instanceof Subquery q) {
            q.inner().collect(out, materialized);
        }
        if (name != null && !out.contains(name)) {
            out.add(name);
        }
    }

    /**
     * Declares the query's operators on the environment and returns the stream of result rows (the caller adds
     * the sink). Operators: the source (named after the table), {@code Filter}, {@code Calc}, and
     * {@code GroupAggregate} or {@code WindowAggregate}.
     */
    public DataStream<Row> build(BuildContext ctx) {
        return build(ctx, true);
    }

    private DataStream<Row> build(BuildContext ctx, boolean top) {
        StreamExecutionEnvironment env = ctx.env();
        String p = ctx.namePrefix();
        boolean batch = ctx.mode() == Mode.BATCH;
        DataStream<Row> in;
        if (input instanceof Scan s) {
            in = env.fromSource(ctx.topicLog().apply(s.table().topic()), strategy(s.table(), batch),
                    p + s.table().name());
        } else if (input instanceof Window w) {
            in = env.fromSource(ctx.topicLog().apply(w.table().topic()), strategy(w.table(), batch),
                    p + w.table().name());
        } else if (input instanceof MaterializedScan m) {
            in = env.fromSource(ctx.materializedLog().apply(m.name()), WatermarkStrategy.noWatermarks(), p + m.name());
        } else {
            in = ((Subquery) input).inner().build(ctx, false);
        }
        if (where != null) {
            in = in.filter(new SqlFunctions.Where(where), p + "Filter");
        }
        SingleOutputStreamOperator<Row> projected = in.map(new SqlFunctions.Calc(calc, input instanceof Subquery),
                p + "Calc");
        if (group != null) {
            SqlFunctions.GroupKeySelector keys = new SqlFunctions.GroupKeySelector(group.keys());
            // Flink drops update-before rows only for a sink that upserts by the key and no filter after the
            // aggregate that could turn an update into a removal
            boolean updateBefore = !(top && ctx.upsertSink() && group.having() == null);
            KeyedStream<Row, Object> keyed = projected.keyBy(keys);
            SingleOutputStreamOperator<Row> agg = keyed.process(new GroupAggregateFunction(keys, group.calls(),
                    group.select(), group.having(), updateBefore, batch), p + "GroupAggregate");
            if (group.keys().isEmpty()) {
                agg.setParallelism(1); // a global aggregation runs in one subtask, as Flink's singleton exchange
            }
            return agg;
        }
        if (window != null) {
            Window w = (Window) input;
            WindowAssigner assigner = w.kind() == Ast.WindowKind.TUMBLE
                    ? new WindowAssigner.Tumbling(w.sizeMillis(), 0, true)
                    : new WindowAssigner.Sliding(w.sizeMillis(), w.slideMillis(), 0, true);
            SqlFunctions.GroupKeySelector keys = new SqlFunctions.GroupKeySelector(window.keys());
            SingleOutputStreamOperator<Row> agg = projected.keyBy(keys).window(assigner)
                    .aggregate(new SqlFunctions.WindowAggregate(window.calls()),
                            new SqlFunctions.WindowResult(keys, window.select(), window.having()),
                            p + "WindowAggregate");
            if (window.keys().isEmpty()) {
                agg.setParallelism(1);
            }
            return agg;
        }
        return projected;
    }

    /**
     * The watermark strategy of a table's source. SQL's {@code WATERMARK FOR ts AS ts - INTERVAL 'n'} gives the
     * watermark {@code max(ts) - n}; the engine's bounded-out-of-orderness generator gives {@code max - bound - 1},
     * so the bound is {@code n - 1 ms} (for n = 0 the watermark is {@code max - 1}, 1 ms behind Flink's). In batch
     * mode there are no watermarks until the input ends, and the final one fires every window and every group.
     */
    static WatermarkStrategy strategy(SourceTable t, boolean batch) {
        if (t.timeAttribute() == null) {
            return WatermarkStrategy.noWatermarks();
        }
        if (batch) {
            return WatermarkStrategy.noWatermarks().withTimestampField(t.timeAttribute());
        }
        long bound = Math.max(0, t.watermarkDelayMillis() - 1);
        WatermarkStrategy s = bound == 0 ? WatermarkStrategy.forMonotonousTimestamps()
                : WatermarkStrategy.forBoundedOutOfOrderness(Duration.ofMillis(bound));
        s = s.withTimestampField(t.timeAttribute());
        if (t.idleTimeoutMillis() > 0) {
            s = s.withIdleness(Duration.ofMillis(t.idleTimeoutMillis()));
        }
        if (t.perEventWatermarks()) {
            s = s.withEmission(WatermarkStrategy.Emission.PER_EVENT);
        }
        return s;
    }
}
