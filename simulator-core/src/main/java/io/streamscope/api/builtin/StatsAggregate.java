package io.streamscope.api.builtin;

import io.streamscope.api.functions.AggregateFunction;
import io.streamscope.data.Row;
import java.util.ArrayList;
import java.util.List;

/**
 * The built-in aggregates as one incremental AggregateFunction over Rows. Sums of integral values stay
 * integral (Long); a fractional value anywhere makes the sum a Double, as Flink's SUM over DOUBLE would.
 */
public record StatsAggregate(List<AggSpec> specs) implements AggregateFunction<Row, StatsAggregate.Acc, Row> {

    public StatsAggregate {
        specs = List.copyOf(specs);
        java.util.Set<String> aliases = new java.util.HashSet<>();
        for (AggSpec s : specs) {
            if (!aliases.add(s.alias())) {
                throw new IllegalArgumentException("two aggregates are named '" + s.alias() + "'; rename one with"
                        + " 'as'");
            }
        }
    }

    /** The accumulator: one slot per aggregate. */
    public static final class Acc implements java.io.Serializable {
        private static final long serialVersionUID = 1L;
        final Object[] slots;

        Acc(int n) {
            slots = new Object[n];
        }

        @Override
        public String toString() {
            return java.util.Arrays.toString(slots);
        }
    }

    @Override
    public Acc createAccumulator() {
        Acc a = new Acc(specs.size());
        for (int i = 0; i < specs.size(); i++) {
            if (specs.get(i).kind() == AggSpec.Kind.COUNT) {
                a.slots[i] = 0L;
            } else if (specs.get(i).kind() == AggSpec.Kind.DISTINCT_COUNT) {
                a.slots[i] = new DistinctSet();
            }
        }
        return a;
    }

    @Override
    @SuppressWarnings("unchecked")
    public Acc add(Row value, Acc acc) {
        for (int i = 0; i < specs.size(); i++) {
            AggSpec s = specs.get(i);
            switch (s.kind()) {
                case COUNT -> acc.slots[i] = (Long) acc.slots[i] + 1;
                case SUM -> acc.slots[i] = plus(acc.slots[i], number(value, s.field()));
                case MIN -> acc.slots[i] = pick(acc.slots[i], number(value, s.field()), true);
                case MAX -> acc.slots[i] = pick(acc.slots[i], number(value, s.field()), false);
                case DISTINCT_COUNT -> ((DistinctSet) acc.slots[i]).add(value.require(s.field()));
            }
        }
        return acc;
    }

    private static Number number(Row row, String field) {
        Object v = row.require(field);
        if (v instanceof Number n) {
            return n;
        }
        throw new IllegalArgumentException("field '" + field + "' of " + row + " is not a number");
    }

    static Number plus(Object a, Number b) {
        if (a == null) {
            return b;
        }
        Number x = (Number) a;
        if (x instanceof Long && b instanceof Long) {
            return x.longValue() + b.longValue();
        }
        return x.doubleValue() + b.doubleValue();
    }

    static Number pick(Object a, Number b, boolean min) {
        if (a == null) {
            return b;
        }
        Number x = (Number) a;
        int c = Double.compare(x.doubleValue(), b.doubleValue());
        return (min ? c <= 0 : c >= 0) ? x : b;
    }

    @Override
    @SuppressWarnings("unchecked")
    public Row getResult(Acc acc) {
        List<Object> pairs = new ArrayList<>();
        for (int i = 0; i < specs.size(); i++) {
            pairs.add(specs.get(i).alias());
            Object v = acc.slots[i];
            pairs.add(specs.get(i).kind() == AggSpec.Kind.DISTINCT_COUNT ? (long) ((DistinctSet) v).size()
                    : v);
        }
        return Row.of(pairs.toArray());
    }

    @Override
    @SuppressWarnings("unchecked")
    public Acc merge(Acc a, Acc b) {
        Acc m = createAccumulator();
        for (int i = 0; i < specs.size(); i++) {
            Object x = a.slots[i];
            Object y = b.slots[i];
            m.slots[i] = switch (specs.get(i).kind()) {
                case COUNT -> (Long) x + (Long) y;
                case SUM -> y == null ? x : plus(x, (Number) y);
                case MIN -> y == null ? x : pick(x, (Number) y, true);
                case MAX -> y == null ? x : pick(x, (Number) y, false);
                case DISTINCT_COUNT -> {
                    yield ((DistinctSet) x).union((DistinctSet) y);
                }
            };
        }
        return m;
    }
}
