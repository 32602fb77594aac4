package io.streamscope.sql;

import io.streamscope.scenario.Suggestions;
import io.streamscope.sql.Ast.Expr;
import io.streamscope.sql.SqlException.Pos;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Checks a SELECT against the catalog (tables, columns, types, grouping) and turns it into a {@link PlannedQuery}.
 * Errors name the line and column of the offending part and what was expected, with Flink's wording where Flink
 * has a well-known message.
 */
public final class Planner {
    private final Catalog catalog;

    public Planner(Catalog catalog) {
        this.catalog = catalog;
    }

    /** The columns a query's expressions can see, with how to read each. */
    private record Scope(String qualifier, String tableName, List<Column> columns, String coerceTable,
                         List<String> windowColumns) {
        Column find(String name) {
            for (Column c : columns) {
                if (c.name().equals(name)) {
                    return c;
                }
            }
            return null;
        }
    }

    public PlannedQuery plan(Ast.Query q) throws SqlException {
        Ast.FromItem from = q.from();
        PlannedQuery.Input input;
        Scope scope;
        boolean inputInsertOnly = true;
        if (from instanceof Ast.TableRef t) {
            SourceTable st = catalog.source(t.name());
            MaterializedTable mt = catalog.materialized(t.name());
            if (mt != null) {
                input = new PlannedQuery.MaterializedScan(mt.name(), mt.columns());
                scope = new Scope(t.alias() != null ? t.alias() : t.name(), t.name(), mt.columns(), null, List.of());
            } else if (st != null) {
                input = new PlannedQuery.Scan(st);
                scope = new Scope(t.alias() != null ? t.alias() : t.name(), t.name(), st.columns(), st.name(),
                        List.of());
            } else {
                throw unknownTable(t.name(), t.pos());
            }
        } else if (from instanceof Ast.WindowRef w) {
            SourceTable st = catalog.source(w.table());
            if (st == null) {
                if (catalog.materialized(w.table()) != null) {
                    throw SqlException.at(w.tablePos(), "a window function needs a table with an event-time attribute;"
                            + " materialized table " + w.table() + " has none");
                }
                throw unknownTable(w.table(), w.tablePos());
            }
            if (st.column(w.timeColumn()) == null) {
                throw unknownColumn(w.timeColumn(), w.timeColumnPos(), st.name(), st.columns());
            }
            if (!w.timeColumn().equals(st.timeAttribute())) {
                throw SqlException.at(w.timeColumnPos(), "the window function needs a time attribute, but column "
                        + w.timeColumn() + " of table " + st.name() + " is not one; declare WATERMARK FOR "
                        + w.timeColumn() + " AS " + w.timeColumn() + " - INTERVAL '5' SECOND in CREATE TABLE"
                        + (st.implicit() ? " (a topic's own table has no watermark: create a table for the topic)"
                        : ""));
            }
            long size = positive(w.size(), "window size");
            long slide = size;
            if (w.kind() == Ast.WindowKind.HOP) {
                slide = positive(w.slide(), "slide");
                if (size % slide != 0) {
                    throw SqlException.at(w.size().pos(), "HOP windows need a size that is a whole multiple of the"
                            + " slide, as Flink's slicing windows do; got size " + size + " ms and slide " + slide
                            + " ms");
                }
            }
            input = new PlannedQuery.Window(st, w.kind(), size, slide);
            List<Column> cols = new ArrayList<>(st.columns());
            cols.add(new Column("window_start", SqlType.TIMESTAMP));
            cols.add(new Column("window_end", SqlType.TIMESTAMP));
            cols.add(new Column("window_time", SqlType.TIMESTAMP));
            scope = new Scope(w.alias() != null ? w.alias() : st.name(), st.name(), cols, st.name(),
                    List.of("window_start", "window_end", "window_time"));
        } else {
            Ast.SubqueryRef s = (Ast.SubqueryRef) from;
            PlannedQuery inner = plan(s.query());
            input = new PlannedQuery.Subquery(inner);
            inputInsertOnly = inner.insertOnly();
            scope = new Scope(s.alias(), null, inner.columns(), null, List.of());
        }
        RowExpr where = null;
        if (q.where() != null) {
            rejectAggregates(q.where(), "WHERE", "use HAVING for conditions on aggregates");
            where = rowExpr(q.where(), scope, null);
            requireBoolean(where, q.where(), "WHERE");
        }
        boolean aggregate = !q.groupBy().isEmpty() || q.having() != null;
        for (Ast.SelectItem item : q.items()) {
            if (item instanceof Ast.Item i && containsAggregate(i.expr())) {
                aggregate = true;
            }
        }
        boolean windowed = input instanceof PlannedQuery.Window;
        if (!aggregate) {
            if (windowed) {
                throw SqlException.at(from.pos(), "a window table function is used with GROUP BY window_start,"
                        + " window_end (a windowed aggregation); expected GROUP BY");
            }
            return planProjection(q, input, scope, where, inputInsertOnly);
        }
        return planAggregation(q, input, scope, where, inputInsertOnly, windowed);
    }

    private static long positive(Ast.Interval iv, String what) throws SqlException {
        if (iv.amount() <= 0) {
            throw SqlException.at(iv.pos(), "the " + what + " must be positive, got " + iv);
        }
        return iv.millis();
    }

    private SqlException unknownTable(String name, Pos pos) {
        List<String> names = catalog.names();
        String hint = Suggestions.suggest(name, names);
        return SqlException.at(pos, "Object '" + name + "' not found" + (hint == null ? "" : " (did you mean " + hint
                + "?)") + "; the tables are: " + (names.isEmpty() ? "none" : String.join(", ", names)));
    }

    private static SqlException unknownColumn(String name, Pos pos, String table, List<Column> columns) {
        List<String> names = new ArrayList<>();
        for (Column c : columns) {
            names.add(c.name());
        }
        String hint = Suggestions.suggest(name, names);
        return SqlException.at(pos, "Column '" + name + "' not found in " + (table == null ? "the subquery"
                : "table " + table) + (hint == null ? "" : " (did you mean " + hint + "?)") + "; its columns are: "
                + String.join(", ", names));
    }

    // ---------------------------------------------------------------- SELECT without aggregation

    private PlannedQuery planProjection(Ast.Query q, PlannedQuery.Input input, Scope scope, RowExpr where,
                                        boolean insertOnly) throws SqlException {
        List<SqlFunctions.Projection> select = new ArrayList<>();
        List<Column> out = new ArrayList<>();
        Map<String, Pos> names = new LinkedHashMap<>();
        for (int n = 0; n < q.items().size(); n++) {
            Ast.SelectItem item = q.items().get(n);
            if (item instanceof Ast.Star star) {
                checkQualifier(star.qualifier(), star.pos(), scope);
                for (Column c : scope.columns()) {
                    addOutput(c.name(), star.pos(), names);
                    select.add(new SqlFunctions.Projection(c.name(), field(c, scope)));
                    out.add(c);
                }
                continue;
            }
            Ast.Item i = (Ast.Item) item;
            RowExpr e = rowExpr(i.expr(), scope, null);
            String name = outputName(i, n);
            addOutput(name, i.pos(), names);
            select.add(new SqlFunctions.Projection(name, e));
            out.add(new Column(name, e.type() == null ? SqlType.STRING : e.type()));
        }
        return new PlannedQuery(input, where, select, null, null, out, insertOnly, null);
    }

    private static String outputName(Ast.Item i, int index) {
        if (i.alias() != null) {
            return i.alias();
        }
        if (i.expr() instanceof Ast.ColumnRef c) {
            return c.name();
        }
        return "EXPR$" + index; // Flink's name for an unnamed expression
    }

    private static void addOutput(String name, Pos pos, Map<String, Pos> names) throws SqlException {
        if (name.equals(RowKind.FIELD)) {
            throw SqlException.at(pos, "the column name op is taken by the row kind (+I, -U, +U, -D) every result"
                    + " row carries; rename the column with AS");
        }
        if (names.containsKey(name)) {
            throw SqlException.at(pos, "the result has two columns named " + name + " (the first at "
                    + names.get(name) + "); rename one with AS");
        }
        names.put(name, pos);
    }

    private static void checkQualifier(String qualifier, Pos pos, Scope scope) throws SqlException {
        if (qualifier != null && !qualifier.equals(scope.qualifier())) {
            throw SqlException.at(pos, "unknown table " + qualifier + " in this query"
                    + (scope.qualifier() == null ? "; the subquery has no alias"
                    : "; it reads " + scope.qualifier()));
        }
    }

    private static RowExpr field(Column c, Scope scope) {
        return new RowExpr.Field(c.name(), c.type(), scope.coerceTable());
    }

    // ---------------------------------------------------------------- GROUP BY

    /** What the aggregation's select list and HAVING can refer to. */
    private static final class AggContext {
        final List<String> keys = new ArrayList<>();
        final Map<String, SqlType> keyTypes = new LinkedHashMap<>();
        final List<AggCall> calls = new ArrayList<>();
        final List<String> callTexts = new ArrayList<>();
        final List<SqlFunctions.Projection> calc = new ArrayList<>();
        final boolean windowed;
        final boolean retracting;

        AggContext(boolean windowed, boolean retracting) {
            this.windowed = windowed;
            this.retracting = retracting;
        }
    }

    private PlannedQuery planAggregation(Ast.Query q, PlannedQuery.Input input, Scope scope, RowExpr where,
                                         boolean inputInsertOnly, boolean windowed) throws SqlException {
        AggContext ctx = new AggContext(windowed, !inputInsertOnly);
        if (windowed && !inputInsertOnly) {
            throw SqlException.at(q.from().pos(), "a windowed aggregation needs an insert-only input");
        }
        boolean sawStart = false;
        boolean sawEnd = false;
        for (Expr g : q.groupBy()) {
            if (!(g instanceof Ast.ColumnRef ref)) {
                throw SqlException.at(g.pos(), "GROUP BY takes column names in the subset; got " + g);
            }
            checkQualifier(ref.qualifier(), ref.pos(), scope);
            Column c = scope.find(ref.name());
            if (c == null) {
                throw unknownColumn(ref.name(), ref.pos(), scope.tableName(), scope.columns());
            }
            if (scope.windowColumns().contains(c.name())) {
                sawStart |= c.name().equals("window_start");
                sawEnd |= c.name().equals("window_end");
                continue; // the window operator groups by the window itself
            }
            if (ctx.keys.contains(c.name())) {
                continue;
            }
            ctx.keys.add(c.name());
            ctx.keyTypes.put(c.name(), c.type());
            ctx.calc.add(new SqlFunctions.Projection(c.name(), field(c, scope)));
        }
        if (windowed && (!sawStart || !sawEnd)) {
            throw SqlException.at(q.groupBy().isEmpty() ? q.from().pos() : q.groupBy().get(0).pos(),
                    "a windowed aggregation groups by window_start and window_end (and optionally other columns);"
                            + " GROUP BY lacks " + (!sawStart && !sawEnd ? "both" : !sawStart ? "window_start"
                            : "window_end"));
        }
        List<SqlFunctions.Projection> select = new ArrayList<>();
        List<Column> out = new ArrayList<>();
        Map<String, Pos> names = new LinkedHashMap<>();
        List<String> plainKeyOutputs = new ArrayList<>();
        List<String> keyNamesOut = new ArrayList<>();
        for (int n = 0; n < q.items().size(); n++) {
            Ast.SelectItem item = q.items().get(n);
            if (item instanceof Ast.Star star) {
                throw SqlException.at(star.pos(), "* cannot be used with GROUP BY: name the grouped columns and the"
                        + " aggregates");
            }
            Ast.Item i = (Ast.Item) item;
            RowExpr e = rowExpr(i.expr(), scope, ctx);
            String name = outputName(i, n);
            addOutput(name, i.pos(), names);
            select.add(new SqlFunctions.Projection(name, e));
            out.add(new Column(name, e.type() == null ? SqlType.STRING : e.type()));
            if (i.expr() instanceof Ast.ColumnRef ref) {
                plainKeyOutputs.add(ref.name());
                keyNamesOut.add(name);
            }
        }
        RowExpr having = null;
        if (q.having() != null) {
            having = rowExpr(q.having(), scope, ctx);
            requireBoolean(having, q.having(), "HAVING");
        }
        // the result's unique key: every GROUP BY column (and the window bounds) selected as it is
        List<String> required = new ArrayList<>(ctx.keys);
        if (windowed) {
            required.add("window_start");
            required.add("window_end");
        }
        List<String> uniqueKey = new ArrayList<>();
        for (String k : required) {
            int at = plainKeyOutputs.indexOf(k);
            if (at < 0) {
                uniqueKey = null;
                break;
            }
            uniqueKey.add(keyNamesOut.get(at));
        }
        if (windowed) {
            PlannedQuery.WindowAgg w = new PlannedQuery.WindowAgg(ctx.keys, ctx.calls, select, having);
            return new PlannedQuery(input, where, ctx.calc, null, w, out, true, uniqueKey);
        }
        PlannedQuery.GroupAgg g = new PlannedQuery.GroupAgg(ctx.keys, ctx.calls, select, having);
        return new PlannedQuery(input, where, ctx.calc, g, null, out, false, uniqueKey);
    }

    // ---------------------------------------------------------------- expressions

    private static boolean containsAggregate(Expr e) {
        if (e instanceof Ast.Call) {
            return true;
        }
        if (e instanceof Ast.Binary b) {
            return containsAggregate(b.left()) || containsAggregate(b.right());
        }
        if (e instanceof Ast.Unary u) {
            return containsAggregate(u.operand());
        }
        if (e instanceof Ast.IsNull n) {
            return containsAggregate(n.operand());
        }
        return false;
    }

    private static Ast.Call firstAggregate(Expr e) {
        if (e instanceof Ast.Call c) {
            return c;
        }
        if (e instanceof Ast.Binary b) {
            Ast.Call c = firstAggregate(b.left());
            return c != null ? c : firstAggregate(b.right());
        }
        if (e instanceof Ast.Unary u) {
            return firstAggregate(u.operand());
        }
        if (e instanceof Ast.IsNull n) {
            return firstAggregate(n.operand());
        }
        return null;
    }

    private static void rejectAggregates(Expr e, String clause, String hint) throws SqlException {
        Ast.Call c = firstAggregate(e);
        if (c != null) {
            throw SqlException.at(c.pos(), "aggregate functions are not allowed in " + clause + "; " + hint);
        }
    }

    /** Where an expression starts in the text: a binary expression's position is its operator's. */
    private static Pos start(Expr e) {
        if (e instanceof Ast.Binary b) {
            return start(b.left());
        }
        if (e instanceof Ast.IsNull n) {
            return start(n.operand());
        }
        return e.pos();
    }

    private static void requireBoolean(RowExpr e, Expr ast, String clause) throws SqlException {
        if (e.type() != null && e.type() != SqlType.BOOLEAN) {
            throw SqlException.at(start(ast), clause + " needs a condition (BOOLEAN), got an expression of type "
                    + e.type().sqlName());
        }
    }

    /**
     * Converts an expression; with {@code agg} null it reads the input row, otherwise it reads the aggregation's
     * result row (GROUP BY columns, window bounds, aggregate results) and registers the aggregate calls it meets.
     */
    private RowExpr rowExpr(Expr e, Scope scope, AggContext agg) throws SqlException {
        if (e instanceof Ast.Literal l) {
            return new RowExpr.Const(l.value(), l.type());
        }
        if (e instanceof Ast.ColumnRef ref) {
            checkQualifier(ref.qualifier(), ref.pos(), scope);
            Column c = scope.find(ref.name());
            if (c == null) {
                throw unknownColumn(ref.name(), ref.pos(), scope.tableName(), scope.columns());
            }
            if (agg == null) {
                if (scope.windowColumns().contains(c.name())) {
                    throw SqlException.at(ref.pos(), c.name() + " is known only after the window aggregation; use it"
                            + " in the select list or HAVING");
                }
                return field(c, scope);
            }
            if (scope.windowColumns().contains(c.name())) {
                return new RowExpr.Field(c.name(), SqlType.TIMESTAMP, null);
            }
            if (!agg.keys.contains(c.name())) {
                throw SqlException.at(ref.pos(), "Expression '" + ref + "' is not being grouped: add it to GROUP BY"
                        + " or use it inside an aggregate such as MAX(" + ref + ")");
            }
            return new RowExpr.Field(c.name(), c.type(), null);
        }
        if (e instanceof Ast.Call call) {
            if (agg == null) {
                throw SqlException.at(call.pos(), "aggregate function " + call.name() + " is not allowed here");
            }
            return aggregateCall(call, scope, agg);
        }
        if (e instanceof Ast.Unary u) {
            RowExpr x = rowExpr(u.operand(), scope, agg);
            if (u.op().equals("NOT")) {
                if (x.type() != null && x.type() != SqlType.BOOLEAN) {
                    throw SqlException.at(u.pos(), "NOT needs a BOOLEAN operand, got " + x.type().sqlName());
                }
                return new RowExpr.Not(x);
            }
            if (x.type() != null && !x.type().isNumeric()) {
                throw SqlException.at(u.pos(), "unary minus needs a number, got " + x.type().sqlName());
            }
            return new RowExpr.Negate(x, x.type() == null ? SqlType.INT : x.type());
        }
        if (e instanceof Ast.IsNull n) {
            return new RowExpr.IsNull(rowExpr(n.operand(), scope, agg), n.negated());
        }
        Ast.Binary b = (Ast.Binary) e;
        RowExpr l = rowExpr(b.left(), scope, agg);
        RowExpr r = rowExpr(b.right(), scope, agg);
        switch (b.op()) {
            case "AND":
            case "OR":
                for (RowExpr x : List.of(l, r)) {
                    if (x.type() != null && x.type() != SqlType.BOOLEAN) {
                        throw SqlException.at(b.pos(), b.op() + " needs BOOLEAN operands, got " + x.type().sqlName());
                    }
                }
                return new RowExpr.Logic(b.op().equals("AND"), l, r);
            case "=":
            case "<>":
            case "<":
            case "<=":
            case ">":
            case ">=":
                if (!comparable(l.type(), r.type())) {
                    throw SqlException.at(b.pos(), "cannot compare " + l.type().sqlName() + " with "
                            + r.type().sqlName());
                }
                if ((l.type() == SqlType.BOOLEAN || r.type() == SqlType.BOOLEAN) && !b.op().equals("=")
                        && !b.op().equals("<>")) {
                    throw SqlException.at(b.pos(), "BOOLEAN values can be compared with = and <> only");
                }
                return new RowExpr.Compare(b.op(), l, r);
            default:
                for (RowExpr x : List.of(l, r)) {
                    if (x.type() != null && !x.type().isNumeric()) {
                        throw SqlException.at(b.pos(), "operator " + b.op() + " needs numbers, got "
                                + x.type().sqlName());
                    }
                }
                SqlType t = l.type() == null ? (r.type() == null ? SqlType.INT : r.type())
                        : r.type() == null ? l.type() : SqlType.widen(l.type(), r.type());
                return new RowExpr.Arith(b.op(), l, r, t);
        }
    }

    /**
     * Timestamps are epoch milliseconds here, so a TIMESTAMP(3) compares with a whole number too (Flink would
     * need a TIMESTAMP literal).
     */
    private static boolean comparable(SqlType a, SqlType b) {
        if (SqlType.comparable(a, b)) {
            return true;
        }
        return (a == SqlType.TIMESTAMP && b.isIntegral()) || (b == SqlType.TIMESTAMP && a.isIntegral());
    }

    private RowExpr aggregateCall(Ast.Call call, Scope scope, AggContext agg) throws SqlException {
        String text = call.toString();
        int existing = agg.callTexts.indexOf(text);
        if (existing >= 0) {
            AggCall c = agg.calls.get(existing);
            return new RowExpr.Field(GroupAggregateFunction.aggField(existing), c.resultType(), null);
        }
        AggCall.Kind kind;
        SqlType argType = null;
        String argField = null;
        if (call.star()) {
            kind = AggCall.Kind.COUNT_STAR;
        } else {
            Expr arg = call.args().get(0);
            Ast.Call nested = firstAggregate(arg);
            if (nested != null) {
                throw SqlException.at(nested.pos(), "aggregate functions cannot be nested");
            }
            RowExpr a = rowExpr(arg, scope, null);
            if (a.type() == null) {
                throw SqlException.at(arg.pos(), call.name() + " needs a typed argument, got NULL");
            }
            argType = a.type();
            argField = "$f" + agg.calls.size();
            agg.calc.add(new SqlFunctions.Projection(argField, a));
            switch (call.name()) {
                case "COUNT":
                    kind = call.distinct() ? AggCall.Kind.COUNT_DISTINCT : AggCall.Kind.COUNT;
                    break;
                case "SUM":
                case "AVG":
                    if (!argType.isNumeric()) {
                        throw SqlException.at(arg.pos(), call.name() + " needs a number, got " + argType.sqlName());
                    }
                    kind = call.name().equals("SUM") ? AggCall.Kind.SUM : AggCall.Kind.AVG;
                    break;
                default:
                    if (!argType.isComparable()) {
                        throw SqlException.at(arg.pos(), call.name() + " needs values that can be ordered, got "
                                + argType.sqlName());
                    }
                    kind = call.name().equals("MIN") ? AggCall.Kind.MIN : AggCall.Kind.MAX;
                    break;
            }
        }
        SqlType result = kind == AggCall.Kind.COUNT_STAR || kind == AggCall.Kind.COUNT
                || kind == AggCall.Kind.COUNT_DISTINCT ? SqlType.BIGINT : argType;
        AggCall c = new AggCall(kind, argField, argType, result, agg.retracting, text);
        agg.calls.add(c);
        agg.callTexts.add(text);
        return new RowExpr.Field(GroupAggregateFunction.aggField(agg.calls.size() - 1), result, null);
    }
}
