package io.streamscope.sql;

import io.streamscope.api.functions.Collector;
import io.streamscope.api.functions.FilterFunction;
import io.streamscope.api.functions.KeySelector;
import io.streamscope.api.functions.MapFunction;
import io.streamscope.api.functions.ProcessWindowFunction;
import io.streamscope.data.Row;
import java.io.Serializable;
import java.util.ArrayList;
import java.util.List;

/** The functions SQL queries compile to, apart from the group aggregation ({@link GroupAggregateFunction}). */
public final class SqlFunctions {
    private SqlFunctions() {
    }

    /** A named expression: one output column. */
    public record Projection(String name, RowExpr expr) implements Serializable {
    }

    /** WHERE: keeps the rows whose condition is TRUE (FALSE and NULL drop the row, as in SQL). */
    public record Where(RowExpr condition) implements FilterFunction<Row> {
        @Override
        public boolean filter(Row row) {
            return Boolean.TRUE.equals(condition.eval(row));
        }

        @Override
        public String toString() {
            return "where " + condition;
        }
    }

    /**
     * Calc: computes the output columns of a row and keeps its kind as the first field {@code op}. A row read from a
     * topic or a table snapshot is an insert (+I) whatever its fields hold; only a subquery's rows carry a kind.
     */
    public record Calc(List<Projection> projections, boolean changelogInput) implements MapFunction<Row, Row> {
        public Calc {
            projections = List.copyOf(projections);
        }

        @Override
        public Row map(Row row) {
            return project(changelogInput ? RowKind.of(row) : RowKind.INSERT, projections, row);
        }
    }

    /** Builds {op, name1: value1, ...} from the projections evaluated on {@code in}. */
    static Row project(RowKind kind, List<Projection> projections, Row in) {
        Object[] pairs = new Object[2 + 2 * projections.size()];
        pairs[0] = RowKind.FIELD;
        pairs[1] = kind.shortString();
        for (int i = 0; i < projections.size(); i++) {
            pairs[2 + 2 * i] = projections.get(i).name();
            pairs[3 + 2 * i] = projections.get(i).expr().eval(in);
        }
        return Row.of(pairs);
    }

    /** The key of a NULL group-by value: a Java null cannot be a key, and a record's hash code is fixed (0). */
    public record NullKey() implements Serializable {
        @Override
        public String toString() {
            return "NULL";
        }
    }

    /**
     * keyBy on the GROUP BY columns: one column keys by its value (so its hash, and its key group, are those of the
     * value, as in a DataStream keyBy); several key by the list of values; none by one constant key (a global
     * aggregation).
     */
    public record GroupKeySelector(List<String> fields) implements KeySelector<Row, Object> {
        public GroupKeySelector {
            fields = List.copyOf(fields);
        }

        @Override
        public Object getKey(Row row) {
            if (fields.isEmpty()) {
                return 0L;
            }
            if (fields.size() == 1) {
                Object v = row.get(fields.get(0));
                return v == null ? new NullKey() : v;
            }
            ArrayList<Object> key = new ArrayList<>(fields.size());
            for (String f : fields) {
                key.add(row.get(f));
            }
            return key;
        }

        /** The GROUP BY values of a key, in the order of {@link #fields}. */
        public List<Object> values(Object key) {
            if (fields.isEmpty()) {
                return List.of();
            }
            if (fields.size() == 1) {
                List<Object> one = new ArrayList<>(1);
                one.add(key instanceof NullKey ? null : key);
                return one;
            }
            return new ArrayList<>((List<?>) key);
        }
    }

    /** The accumulators of one key's window: the incremental aggregate of a windowed GROUP BY. */
    public record WindowAggregate(List<AggCall> calls)
            implements io.streamscope.api.functions.AggregateFunction<Row, WindowAggregate.Accs, Row> {
        public WindowAggregate {
            calls = List.copyOf(calls);
        }

        /** One accumulator per call. */
        public static final class Accs implements Serializable {
            private static final long serialVersionUID = 1L;
            final AggCall.Acc[] accs;

            Accs(AggCall.Acc[] accs) {
                this.accs = accs;
            }

            @Override
            public String toString() {
                return java.util.Arrays.toString(accs);
            }
        }

        @Override
        public Accs createAccumulator() {
            AggCall.Acc[] a = new AggCall.Acc[calls.size()];
            for (int i = 0; i < a.length; i++) {
                a[i] = calls.get(i).create();
            }
            return new Accs(a);
        }

        @Override
        public Accs add(Row value, Accs acc) {
            for (int i = 0; i < calls.size(); i++) {
                acc.accs[i].accumulate(calls.get(i).argument(value));
            }
            return acc;
        }

        @Override
        public Row getResult(Accs acc) {
            Object[] pairs = new Object[2 * calls.size()];
            for (int i = 0; i < calls.size(); i++) {
                pairs[2 * i] = GroupAggregateFunction.aggField(i);
                pairs[2 * i + 1] = acc.accs[i].value();
            }
            return Row.of(pairs);
        }

        @Override
        public Accs merge(Accs a, Accs b) {
            // TUMBLE and HOP windows never merge; only session windows would call this
            throw new UnsupportedOperationException("window aggregates of TUMBLE and HOP windows do not merge");
        }
    }

    /**
     * Emits the row of a fired window: the GROUP BY values, window_start, window_end, window_time (end - 1, the
     * window's time attribute, as Flink's window TVF names them) and the aggregates, through HAVING and the select
     * list. A windowed aggregation only appends (+I): a window's result is final when it fires.
     */
    public record WindowResult(GroupKeySelector keys, List<Projection> select, RowExpr having)
            implements ProcessWindowFunction<Row, Row, Object> {
        public WindowResult {
            select = List.copyOf(select);
        }

        @Override
        public void process(Object key, WindowContext context, Iterable<Row> elements, Collector<Row> out) {
            for (Row aggs : elements) {
                List<Object> pairs = new ArrayList<>();
                List<Object> values = keys.values(key);
                for (int i = 0; i < values.size(); i++) {
                    pairs.add(keys.fields().get(i));
                    pairs.add(values.get(i));
                }
                pairs.add("window_start");
                pairs.add(context.window().start());
                pairs.add("window_end");
                pairs.add(context.window().end());
                pairs.add("window_time");
                pairs.add(context.window().end() - 1);
                for (String f : aggs.fieldNames()) {
                    pairs.add(f);
                    pairs.add(aggs.get(f));
                }
                Row internal = Row.of(pairs.toArray());
                if (having == null || Boolean.TRUE.equals(having.eval(internal))) {
                    out.collect(project(RowKind.INSERT, select, internal));
                }
            }
        }
    }
}
