package io.streamscope.sql;

import io.streamscope.data.Row;
import io.streamscope.data.Values;
import java.io.Serializable;

/**
 * A checked, typed expression as it runs inside a job: it reads fields of a {@link Row} by name and follows SQL's
 * rules for NULL (an operator with a NULL operand gives NULL; AND and OR use three-valued logic). Declarative and
 * serializable, so that every subtask gets its own copy as Flink ships functions.
 */
public sealed interface RowExpr extends Serializable {
    /** The value for one row: Long, Double, String, Boolean or null. */
    Object eval(Row row);

    /** The SQL type of the value (null only for the NULL literal). */
    SqlType type();

    /** A field of the row; {@code table} non-null means read a topic record's field as a column of that table. */
    record Field(String name, SqlType type, String table) implements RowExpr {
        @Override
        public Object eval(Row row) {
            Object v = row.get(name);
            return table == null ? v : Coercion.toColumn(v, type, name, table);
        }

        @Override
        public String toString() {
            return name;
        }
    }

    /** A constant. */
    record Const(Object value, SqlType type) implements RowExpr {
        @Override
        public Object eval(Row row) {
            return value;
        }

        @Override
        public String toString() {
            return value instanceof String s ? "'" + s + "'" : String.valueOf(value);
        }
    }

    /** =, <>, <, <=, >, >=. */
    record Compare(String op, RowExpr left, RowExpr right) implements RowExpr {
        @Override
        public Object eval(Row row) {
            Object a = left.eval(row);
            Object b = right.eval(row);
            if (a == null || b == null) {
                return null;
            }
            switch (op) {
                case "=":
                    return Values.same(a, b);
                case "<>":
                    return !Values.same(a, b);
                default:
                    int c = Values.compare(a, b);
                    switch (op) {
                        case "<":
                            return c < 0;
                        case "<=":
                            return c <= 0;
                        case ">":
                            return c > 0;
                        default:
                            return c >= 0;
                    }
            }
        }

        @Override
        public SqlType type() {
            return SqlType.BOOLEAN;
        }

        @Override
        public String toString() {
            return left + " " + op + " " + right;
        }
    }

    /** AND / OR with three-valued logic: FALSE AND NULL is FALSE, TRUE OR NULL is TRUE. */
    record Logic(boolean and, RowExpr left, RowExpr right) implements RowExpr {
        @Override
        public Object eval(Row row) {
            Boolean a = (Boolean) left.eval(row);
            if (and && Boolean.FALSE.equals(a)) {
                return false;
            }
            if (!and && Boolean.TRUE.equals(a)) {
                return true;
            }
            Boolean b = (Boolean) right.eval(row);
            if (and) {
                if (Boolean.FALSE.equals(b)) {
                    return false;
                }
                return a == null || b == null ? null : true;
            }
            if (Boolean.TRUE.equals(b)) {
                return true;
            }
            return a == null || b == null ? null : false;
        }

        @Override
        public SqlType type() {
            return SqlType.BOOLEAN;
        }

        @Override
        public String toString() {
            return "(" + left + (and ? " AND " : " OR ") + right + ")";
        }
    }

    /** NOT: NOT NULL is NULL. */
    record Not(RowExpr operand) implements RowExpr {
        @Override
        public Object eval(Row row) {
            Boolean a = (Boolean) operand.eval(row);
            return a == null ? null : !a;
        }

        @Override
        public SqlType type() {
            return SqlType.BOOLEAN;
        }
    }

    /** IS [NOT] NULL: never NULL itself. */
    record IsNull(RowExpr operand, boolean negated) implements RowExpr {
        @Override
        public Object eval(Row row) {
            return (operand.eval(row) == null) != negated;
        }

        @Override
        public SqlType type() {
            return SqlType.BOOLEAN;
        }
    }

    /**
     * +, -, *, /, % on numbers of the result type: whole numbers in 64 bits (division truncates toward zero, as
     * Java's and Flink's integer division do; division by zero fails the job), DOUBLE in double precision.
     */
    record Arith(String op, RowExpr left, RowExpr right, SqlType type) implements RowExpr {
        @Override
        public Object eval(Row row) {
            Object a = left.eval(row);
            Object b = right.eval(row);
            if (a == null || b == null) {
                return null;
            }
            if (type == SqlType.DOUBLE) {
                double x = ((Number) a).doubleValue();
                double y = ((Number) b).doubleValue();
                switch (op) {
                    case "+":
                        return x + y;
                    case "-":
                        return x - y;
                    case "*":
                        return x * y;
                    case "/":
                        return x / y;
                    default:
                        return x % y;
                }
            }
            long x = ((Number) a).longValue();
            long y = ((Number) b).longValue();
            switch (op) {
                case "+":
                    return x + y;
                case "-":
                    return x - y;
                case "*":
                    return x * y;
                default:
                    if (y == 0) {
                        throw new ArithmeticException("division by zero in " + this + " for row " + row);
                    }
                    return op.equals("/") ? x / y : x % y;
            }
        }

        @Override
        public String toString() {
            return "(" + left + " " + op + " " + right + ")";
        }
    }

    /** Unary minus. */
    record Negate(RowExpr operand, SqlType type) implements RowExpr {
        @Override
        public Object eval(Row row) {
            Object a = operand.eval(row);
            if (a == null) {
                return null;
            }
            return a instanceof Double d ? (Object) (-d) : (Object) (-((Number) a).longValue());
        }
    }
}
