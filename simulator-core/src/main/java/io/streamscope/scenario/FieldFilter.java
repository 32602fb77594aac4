package io.streamscope.scenario;

import io.streamscope.api.functions.FilterFunction;
import io.streamscope.data.Row;
import io.streamscope.data.Values;
import java.util.List;

/**
 * The filter of scenario files: keeps rows whose {@code field} compares to a constant as {@code op} says.
 * Declarative (a record of field, operator and constant) so that other engines can translate it.
 *
 * <p>Numbers compare by value whatever their type (1 == 1.0); strings compare lexicographically; {@code ==}
 * and {@code !=} between values of different kinds are false and true. Ordering a string against a number is
 * an error at run time, as it would be in a typed engine at compile time.
 */
public record FieldFilter(String field, String op, Object value) implements FilterFunction<Row> {
    private static final long serialVersionUID = 1L;

    /** The comparison operators, in the order messages list them. */
    public static final List<String> OPERATORS = List.of("==", "!=", ">", ">=", "<", "<=");

    public FieldFilter {
        if (!OPERATORS.contains(op)) {
            throw new IllegalArgumentException("unknown comparison " + op + "; expected one of " + OPERATORS);
        }
    }

    @Override
    public boolean filter(Row row) {
        Object v = row.require(field);
        switch (op) {
            case "==":
                return Values.same(v, value);
            case "!=":
                return !Values.same(v, value);
            default:
                int c = order(v, value);
                switch (op) {
                    case ">":
                        return c > 0;
                    case ">=":
                        return c >= 0;
                    case "<":
                        return c < 0;
                    default:
                        return c <= 0;
                }
        }
    }

    private int order(Object a, Object b) {
        if ((a instanceof Number && b instanceof Number) || (a instanceof String && b instanceof String)) {
            return Values.compare(a, b);
        }
        throw new IllegalArgumentException("filter " + this + ": cannot order " + io.streamscope.data.Json.render(a)
                + " against " + io.streamscope.data.Json.render(b));
    }

    @Override
    public String toString() {
        return field + " " + op + " " + io.streamscope.data.Json.render(value);
    }
}
