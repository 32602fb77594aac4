package io.streamscope.sql;

import io.streamscope.data.Values;
import java.io.Serializable;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.TreeMap;

/**
 * One aggregate call of a query, with Flink SQL's semantics: NULL arguments are skipped; SUM, AVG, MIN and MAX of
 * no (non-NULL) values are NULL; COUNT is never NULL. The result type follows Flink: COUNT is BIGINT, SUM, MIN and
 * MAX keep the argument's type, and AVG of a whole-number type keeps that type too, truncating the quotient toward
 * zero (Flink's {@code AvgAggFunction} computes {@code CAST(sum / count AS INT)} for INT). A call over an input that
 * retracts rows uses accumulators that can take a row back, as Flink's {@code ...WithRetractAggFunction}s do.
 *
 * @param kind the function
 * @param argField the field of the aggregate's input row holding the argument (null for COUNT(*))
 * @param argType the argument's type (null for COUNT(*))
 * @param resultType the result's type
 * @param retractable whether the input may retract rows (-U, -D)
 * @param display how the call was written, for state views
 */
public record AggCall(Kind kind, String argField, SqlType argType, SqlType resultType, boolean retractable,
                      String display) implements Serializable {

    /** The aggregate functions of the subset. */
    public enum Kind { COUNT_STAR, COUNT, COUNT_DISTINCT, SUM, AVG, MIN, MAX }

    /** A fresh accumulator for one group (or one window of one key). */
    public Acc create() {
        switch (kind) {
            case COUNT_STAR:
            case COUNT:
                return new Count();
            case COUNT_DISTINCT:
                return new CountDistinct();
            case SUM:
                return new Sum(argType == SqlType.DOUBLE);
            case AVG:
                return new Avg(argType == SqlType.DOUBLE);
            default:
                return retractable ? new MinMaxWithRetract(kind == Kind.MAX) : new MinMax(kind == Kind.MAX);
        }
    }

    /** The argument's value in an input row, or a non-null marker for COUNT(*). */
    Object argument(io.streamscope.data.Row row) {
        return argField == null ? Boolean.TRUE : row.get(argField);
    }

    /** The state of one aggregate for one group: takes values in, and (if built for it) takes them back. */
    public sealed interface Acc extends Serializable
            permits Count, CountDistinct, SumAndCount, MinMax, MinMaxWithRetract {
        void accumulate(Object v);

        void retract(Object v);

        Object value();
    }

    /** COUNT(*) and COUNT(x): the number of non-NULL values (COUNT(*) passes a non-NULL marker). */
    static final class Count implements Acc {
        private static final long serialVersionUID = 1L;
        private long n;

        @Override
        public void accumulate(Object v) {
            if (v != null) {
                n++;
            }
        }

        @Override
        public void retract(Object v) {
            if (v != null) {
                n--;
            }
        }

        @Override
        public Object value() {
            return n;
        }

        @Override
        public String toString() {
            return "count=" + n;
        }
    }

    /** COUNT(DISTINCT x): each distinct non-NULL value with how many rows hold it, so a retraction can remove it. */
    static final class CountDistinct implements Acc {
        private static final long serialVersionUID = 1L;
        // insertion-ordered so that state views list the values as they came
        private final Map<Object, Long> counts = new LinkedHashMap<>();

        @Override
        public void accumulate(Object v) {
            if (v != null) {
                counts.merge(v, 1L, Long::sum);
            }
        }

        @Override
        public void retract(Object v) {
            if (v == null) {
                return;
            }
            Long n = counts.get(v);
            if (n != null) {
                if (n == 1) {
                    counts.remove(v);
                } else {
                    counts.put(v, n - 1);
                }
            }
        }

        @Override
        public Object value() {
            return (long) counts.size();
        }

        @Override
        public String toString() {
            return "distinct=" + counts.keySet();
        }
    }

    /** The running sum and the number of non-NULL values that SUM and AVG both keep, with retraction. */
    abstract static sealed class SumAndCount implements Acc permits Sum, Avg {
        private static final long serialVersionUID = 1L;
        final boolean fractional;
        long longSum;
        double doubleSum;
        long n;

        SumAndCount(boolean fractional) {
            this.fractional = fractional;
        }

        @Override
        public void accumulate(Object v) {
            if (v != null) {
                add((Number) v, 1);
            }
        }

        @Override
        public void retract(Object v) {
            if (v != null) {
                add((Number) v, -1);
            }
        }

        private void add(Number v, int sign) {
            if (fractional) {
                doubleSum += sign * v.doubleValue();
            } else {
                longSum += sign * v.longValue();
            }
            n += sign;
        }
    }

    /** SUM: the sum and the number of non-NULL values (NULL when there are none). */
    static final class Sum extends SumAndCount {
        private static final long serialVersionUID = 1L;

        Sum(boolean fractional) {
            super(fractional);
        }

        @Override
        public Object value() {
            if (n == 0) {
                return null;
            }
            return fractional ? (Object) doubleSum : (Object) longSum;
        }

        @Override
        public String toString() {
            return "sum=" + (fractional ? doubleSum : longSum) + " n=" + n;
        }
    }

    /** AVG: sum and count; whole numbers divide with truncation toward zero, as Flink's integer AVG does. */
    static final class Avg extends SumAndCount {
        private static final long serialVersionUID = 1L;

        Avg(boolean fractional) {
            super(fractional);
        }

        @Override
        public Object value() {
            if (n == 0) {
                return null;
            }
            return fractional ? (Object) (doubleSum / n) : (Object) (longSum / n);
        }

        @Override
        public String toString() {
            return "sum=" + (fractional ? doubleSum : longSum) + " count=" + n;
        }
    }

    /** MIN or MAX over an insert-only input: the extreme so far. */
    static final class MinMax implements Acc {
        private static final long serialVersionUID = 1L;
        private final boolean max;
        private Object current;

        MinMax(boolean max) {
            this.max = max;
        }

        @Override
        public void accumulate(Object v) {
            if (v == null) {
                return;
            }
            if (current == null) {
                current = v;
                return;
            }
            int c = Values.compare(v, current);
            if (max ? c > 0 : c < 0) {
                current = v;
            }
        }

        @Override
        public void retract(Object v) {
            throw new IllegalStateException("MIN/MAX over an insert-only input cannot retract " + v);
        }

        @Override
        public Object value() {
            return current;
        }

        @Override
        public String toString() {
            return (max ? "max=" : "min=") + current;
        }
    }

    /** MIN or MAX over a retracting input: every value with its count, ordered, so a retraction can uncover the next. */
    static final class MinMaxWithRetract implements Acc {
        private static final long serialVersionUID = 1L;
        private final boolean max;
        private final TreeMap<Object, Long> values = new TreeMap<>(new ValueOrder());

        MinMaxWithRetract(boolean max) {
            this.max = max;
        }

        @Override
        public void accumulate(Object v) {
            if (v != null) {
                values.merge(v, 1L, Long::sum);
            }
        }

        @Override
        public void retract(Object v) {
            if (v == null) {
                return;
            }
            Long n = values.get(v);
            if (n != null) {
                if (n == 1) {
                    values.remove(v);
                } else {
                    values.put(v, n - 1);
                }
            }
        }

        @Override
        public Object value() {
            if (values.isEmpty()) {
                return null;
            }
            return max ? values.lastKey() : values.firstKey();
        }

        @Override
        public String toString() {
            return "values=" + values;
        }
    }

    /** The order of {@link Values#compare}, serializable because a TreeMap in checkpointed state keeps it. */
    static final class ValueOrder implements Comparator<Object>, Serializable {
        private static final long serialVersionUID = 1L;

        @Override
        public int compare(Object a, Object b) {
            return Values.compare(a, b);
        }
    }
}
