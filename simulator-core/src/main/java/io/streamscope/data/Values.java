package io.streamscope.data;

/**
 * How the engine compares Row values, shared by the scenario filter and the SQL subset: numbers by value whatever
 * their type ({@code 1 == 1.0}), strings lexicographically, booleans with false before true.
 */
public final class Values {
    private Values() {
    }

    /** True when both are numbers, both strings, or both booleans: the pairs {@link #compare} can order. */
    public static boolean orderable(Object a, Object b) {
        return (a instanceof Number && b instanceof Number) || (a instanceof String && b instanceof String)
                || (a instanceof Boolean && b instanceof Boolean);
    }

    /** Orders two values of orderable kinds; throws IllegalArgumentException for a pair that cannot be ordered. */
    public static int compare(Object a, Object b) {
        if (a instanceof Number x && b instanceof Number y) {
            return compareNumbers(x, y);
        }
        if (a instanceof String x && b instanceof String y) {
            return x.compareTo(y);
        }
        if (a instanceof Boolean x && b instanceof Boolean y) {
            return Boolean.compare(x, y);
        }
        throw new IllegalArgumentException("cannot order " + Json.render(a) + " against " + Json.render(b));
    }

    /** Equality where numbers compare by value: {@code 1} equals {@code 1.0}. */
    public static boolean same(Object a, Object b) {
        if (a instanceof Number x && b instanceof Number y) {
            return compareNumbers(x, y) == 0;
        }
        return a == null ? b == null : a.equals(b);
    }

    /** Whole numbers compare exactly as longs; anything else as doubles. */
    public static int compareNumbers(Number x, Number y) {
        if ((x instanceof Long || x instanceof Integer) && (y instanceof Long || y instanceof Integer)) {
            return Long.compare(x.longValue(), y.longValue());
        }
        return Double.compare(x.doubleValue(), y.doubleValue());
    }
}
