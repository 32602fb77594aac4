package io.streamscope.sql;

import io.streamscope.scenario.Durations;
import io.streamscope.sql.Ast.Expr;
import io.streamscope.sql.SqlException.Pos;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * A hand-written recursive-descent parser for Streamscope's SQL subset (see {@code src-docs/materialized-tables.md}
 * for the grammar). Every mistake is a {@link SqlException} at the line and column of the offending token, saying
 * what was expected there and what was found.
 */
public final class Parser {
    private final String text;
    private final List<Token> tokens;
    private int i;

    private Parser(String text, List<Token> tokens) {
        this.text = text;
        this.tokens = tokens;
    }

    /** Parses a script: statements separated by semicolons (the last one may go without). */
    public static List<Ast.Parsed> parseScript(String text) throws SqlException {
        Parser p = new Parser(text, Lexer.tokenize(text));
        List<Ast.Parsed> out = new ArrayList<>();
        while (true) {
            while (p.peek().isSymbol(";")) {
                p.i++;
            }
            if (p.peek().kind() == Token.Kind.EOF) {
                return out;
            }
            Token first = p.peek();
            Ast.Statement s = p.statement();
            Token last = p.tokens.get(p.i - 1);
            out.add(new Ast.Parsed(s, text.substring(first.start(), last.end())));
            if (!p.peek().isSymbol(";") && p.peek().kind() != Token.Kind.EOF) {
                throw p.unexpectedAfterStatement(s);
            }
        }
    }

    /** Parses exactly one statement (a trailing semicolon is allowed). */
    public static Ast.Statement parseStatement(String text) throws SqlException {
        List<Ast.Parsed> all = parseScript(text);
        if (all.isEmpty()) {
            throw new SqlException(1, 1, "expected a statement, got the end of the input");
        }
        if (all.size() > 1) {
            Ast.Statement second = all.get(1).statement();
            throw SqlException.at(second.pos(), "expected one statement, got a second one here");
        }
        return all.get(0).statement();
    }

    // ---------------------------------------------------------------- token helpers

    private Token peek() {
        return tokens.get(i);
    }

    private Token peek(int ahead) {
        return tokens.get(Math.min(i + ahead, tokens.size() - 1));
    }

    private Token next() {
        Token t = tokens.get(i);
        if (t.kind() != Token.Kind.EOF) {
            i++;
        }
        return t;
    }

    private boolean acceptWord(String keyword) {
        if (peek().isWord(keyword)) {
            i++;
            return true;
        }
        return false;
    }

    private boolean acceptSymbol(String symbol) {
        if (peek().isSymbol(symbol)) {
            i++;
            return true;
        }
        return false;
    }

    private Token expectWord(String keyword, String expected) throws SqlException {
        if (!peek().isWord(keyword)) {
            throw expected(expected);
        }
        return next();
    }

    private Token expectSymbol(String symbol, String expected) throws SqlException {
        if (!peek().isSymbol(symbol)) {
            throw expected(expected);
        }
        return next();
    }

    /** "expected X, got Y" at the current token. */
    private SqlException expected(String what) {
        Token t = peek();
        return SqlException.at(t.pos(), "expected " + what + ", got " + t.describe());
    }

    /** An identifier: a non-reserved word or a backtick-quoted name. */
    private String identifier(String what) throws SqlException {
        Token t = peek();
        if (t.kind() == Token.Kind.QUOTED_IDENT) {
            i++;
            return t.text();
        }
        if (t.kind() == Token.Kind.WORD) {
            if (Keywords.isReserved(t.text())) {
                throw SqlException.at(t.pos(), "expected " + what + ", got the reserved word "
                        + t.text().toUpperCase(Locale.ROOT) + "; to use it as a name, write it in backticks: `"
                        + t.text() + "`");
            }
            i++;
            return t.text();
        }
        throw expected(what);
    }

    private boolean atIdentifier() {
        Token t = peek();
        return t.kind() == Token.Kind.QUOTED_IDENT || (t.kind() == Token.Kind.WORD && !Keywords.isReserved(t.text()));
    }

    /** A table name; catalogs and databases are not modelled, so a qualified name is refused with that reason. */
    private String tableName() throws SqlException {
        String name = identifier("a table name");
        if (peek().isSymbol(".")) {
            throw SqlException.at(peek().pos(), "expected a table name without a catalog or database (the session"
                    + " has one catalog, holding the scenario's topics and the tables created in it), got '.'");
        }
        return name;
    }

    private String string(String what) throws SqlException {
        Token t = peek();
        if (t.kind() != Token.Kind.STRING) {
            throw expected(what);
        }
        i++;
        return t.text();
    }

    // ---------------------------------------------------------------- statements

    private Ast.Statement statement() throws SqlException {
        Token t = peek();
        if (t.isWord("CREATE")) {
            return create();
        }
        if (t.isWord("ALTER")) {
            return alter();
        }
        if (t.isWord("DROP")) {
            return drop();
        }
        if (t.isWord("SELECT")) {
            return query();
        }
        if (t.isWord("SET")) {
            return set();
        }
        if (t.isWord("RESET")) {
            next();
            if (peek().kind() == Token.Kind.STRING) {
                return new Ast.ResetOption(t.pos(), string("an option key"));
            }
            return new Ast.ResetOption(t.pos(), null);
        }
        if (t.isWord("ADVANCE")) {
            return advance();
        }
        if (t.isWord("SHOW")) {
            next();
            boolean materialized = acceptWord("MATERIALIZED");
            expectWord("TABLES", materialized ? "TABLES" : "TABLES or MATERIALIZED TABLES");
            return new Ast.ShowTables(t.pos(), materialized);
        }
        if (t.isWord("DESCRIBE") || t.isWord("DESC")) {
            next();
            return new Ast.Describe(t.pos(), tableName());
        }
        if (t.isWord("INSERT")) {
            throw SqlException.at(t.pos(), "INSERT INTO is not part of the subset: a materialized table is how a"
                    + " query's result is kept (CREATE MATERIALIZED TABLE name AS SELECT ...)");
        }
        if (t.isSymbol("(")) {
            throw SqlException.at(t.pos(), "expected a statement, got '('; a query starts with SELECT");
        }
        throw expected("a statement (CREATE, ALTER, DROP, SELECT, SET, RESET, SHOW, DESCRIBE or ADVANCE)");
    }

    private SqlException unexpectedAfterStatement(Ast.Statement s) {
        Token t = peek();
        if (s instanceof Ast.Query) {
            if (t.isWord("ORDER") || t.isWord("LIMIT")) {
                return SqlException.at(t.pos(), t.text().toUpperCase(Locale.ROOT) + " is not part of the subset: a"
                        + " materialized table keeps every row; expected ';' or the end of the input");
            }
            if (t.isWord("UNION")) {
                return SqlException.at(t.pos(), "UNION is not modelled (an operator of the engine has one input);"
                        + " expected ';' or the end of the input");
            }
        }
        return SqlException.at(t.pos(), "expected ';' or the end of the statement, got " + t.describe());
    }

    private Ast.Statement create() throws SqlException {
        Token create = next();
        boolean temporary = acceptWord("TEMPORARY");
        if (acceptWord("MATERIALIZED")) {
            if (temporary) {
                throw SqlException.at(peekBack().pos(), "a materialized table cannot be TEMPORARY");
            }
            expectWord("TABLE", "TABLE after CREATE MATERIALIZED");
            return createMaterializedTable(create.pos());
        }
        if (peek().isWord("VIEW")) {
            throw SqlException.at(peek().pos(), "CREATE VIEW is not part of the subset; expected TABLE or"
                    + " MATERIALIZED TABLE");
        }
        expectWord("TABLE", "TABLE or MATERIALIZED TABLE after CREATE");
        return createTable(create.pos(), temporary);
    }

    private Token peekBack() {
        return tokens.get(i - 1);
    }

    private Ast.CreateTable createTable(Pos pos, boolean temporary) throws SqlException {
        boolean ifNotExists = false;
        if (peek().isWord("IF")) {
            next();
            expectWord("NOT", "NOT after IF");
            expectWord("EXISTS", "EXISTS after IF NOT");
            ifNotExists = true;
        }
        String name = tableName();
        if (peek().isWord("AS")) {
            throw SqlException.at(peek().pos(), "CREATE TABLE ... AS SELECT is not part of the subset; a table kept"
                    + " fresh by a query is a materialized table: CREATE MATERIALIZED TABLE " + name + " AS SELECT ...");
        }
        expectSymbol("(", "'(' and the columns of the table");
        List<Ast.ColumnDef> columns = new ArrayList<>();
        Ast.WatermarkDef watermark = null;
        List<String> primaryKey = List.of();
        do {
            if (peek().isWord("WATERMARK")) {
                Token w = next();
                if (watermark != null) {
                    throw SqlException.at(w.pos(), "a table has one WATERMARK declaration; this is a second one");
                }
                watermark = watermarkDef(w.pos());
            } else if (peek().isWord("PRIMARY") || peek().isWord("CONSTRAINT")) {
                if (!primaryKey.isEmpty()) {
                    throw SqlException.at(peek().pos(), "a table has one PRIMARY KEY; this is a second one");
                }
                primaryKey = primaryKey();
            } else {
                columns.add(columnDef());
            }
        } while (acceptSymbol(","));
        expectSymbol(")", "',' and another column, or ')' to end the columns");
        if (columns.isEmpty()) {
            throw SqlException.at(pos, "a table needs at least one column");
        }
        if (acceptWord("COMMENT")) {
            string("the comment, a string");
        }
        if (!peek().isWord("WITH")) {
            throw expected("WITH ('connector' = 'kafka', 'topic' = '...') to say which topic the table reads");
        }
        next();
        List<Ast.Option> options = options();
        return new Ast.CreateTable(pos, name, temporary, ifNotExists, columns, watermark, primaryKey, options);
    }

    private Ast.ColumnDef columnDef() throws SqlException {
        Pos pos = peek().pos();
        String name = identifier("a column name, WATERMARK or PRIMARY KEY");
        if (peek().isWord("AS")) {
            throw SqlException.at(peek().pos(), "computed columns are not modelled; expected the type of column "
                    + name + ", such as BIGINT, STRING or TIMESTAMP(3)");
        }
        Token typeToken = peek();
        if (typeToken.kind() != Token.Kind.WORD) {
            throw expected("the type of column " + name + ", such as BIGINT, STRING or TIMESTAMP(3)");
        }
        SqlType type = SqlType.fromName(typeToken.text());
        if (type == null) {
            throw SqlException.at(typeToken.pos(), "expected the type of column " + name + ": BOOLEAN, INT, BIGINT,"
                    + " DOUBLE, STRING (or VARCHAR), TIMESTAMP(3) or TIMESTAMP_LTZ(3); got " + typeToken.describe());
        }
        next();
        if (acceptSymbol("(")) {
            Token n = peek();
            if (n.kind() != Token.Kind.INTEGER) {
                throw expected("a length or precision (a whole number)");
            }
            next();
            if (type == SqlType.TIMESTAMP && !n.text().equals("3")) {
                throw SqlException.at(n.pos(), "expected the precision 3: timestamps are held in milliseconds, the"
                        + " engine's unit of time, so only TIMESTAMP(3) and TIMESTAMP_LTZ(3) are modelled; got "
                        + n.text());
            }
            expectSymbol(")", "')'");
        } else if (type == SqlType.TIMESTAMP) {
            throw expected("'(3)': timestamps are held in milliseconds, so write TIMESTAMP(3)");
        }
        boolean notNull = false;
        if (peek().isWord("NOT")) {
            next();
            expectWord("NULL", "NULL after NOT");
            notNull = true;
        } else if (peek().isWord("NULL")) {
            next();
        }
        if (peek().isWord("METADATA")) {
            throw SqlException.at(peek().pos(), "metadata columns are not modelled; every column is a field of the"
                    + " record's value (and each record's value has its \"timestamp\")");
        }
        if (acceptWord("COMMENT")) {
            string("the comment, a string");
        }
        return new Ast.ColumnDef(name, type, notNull, pos);
    }

    private Ast.WatermarkDef watermarkDef(Pos pos) throws SqlException {
        expectWord("FOR", "FOR after WATERMARK");
        Pos columnPos = peek().pos();
        String column = identifier("the event-time column");
        expectWord("AS", "AS and the watermark expression, such as " + column + " - INTERVAL '5' SECOND");
        Pos exprPos = peek().pos();
        String again = atIdentifier() ? identifier("a column") : null;
        if (again == null || !again.equals(column)) {
            throw SqlException.at(exprPos, "expected the watermark expression `" + column + "` or `" + column
                    + " - INTERVAL 'n' SECOND` (bounded out-of-orderness; the subset has no other watermark"
                    + " expressions)");
        }
        long delay = 0;
        if (acceptSymbol("-")) {
            Ast.Interval iv = interval();
            delay = iv.millis();
        } else if (!peek().isSymbol(",") && !peek().isSymbol(")")) {
            throw expected("'-' INTERVAL 'n' SECOND, ',' or ')'");
        }
        return new Ast.WatermarkDef(column, delay, pos, columnPos);
    }

    private List<String> primaryKey() throws SqlException {
        if (acceptWord("CONSTRAINT")) {
            identifier("the constraint's name");
        }
        expectWord("PRIMARY", "PRIMARY KEY");
        expectWord("KEY", "KEY after PRIMARY");
        List<String> cols = identifierList("the primary key's columns");
        if (peek().isWord("ENFORCED")) {
            throw SqlException.at(peek().pos(), "Flink supports only NOT ENFORCED primary keys (it does not own the"
                    + " data, so it cannot check them); write NOT ENFORCED");
        }
        Token not = peek();
        if (!not.isWord("NOT")) {
            throw expected("NOT ENFORCED (Flink supports only NOT ENFORCED primary keys)");
        }
        next();
        expectWord("ENFORCED", "ENFORCED after NOT");
        return cols;
    }

    private List<String> identifierList(String what) throws SqlException {
        expectSymbol("(", "'(' and " + what);
        List<String> out = new ArrayList<>();
        do {
            Pos p = peek().pos();
            String id = identifier("a column name");
            if (out.contains(id)) {
                throw SqlException.at(p, "column " + id + " is listed twice");
            }
            out.add(id);
        } while (acceptSymbol(","));
        expectSymbol(")", "',' and another column, or ')'");
        return out;
    }

    private List<Ast.Option> options() throws SqlException {
        expectSymbol("(", "'(' and the options, such as ('connector' = 'kafka')");
        List<Ast.Option> out = new ArrayList<>();
        if (acceptSymbol(")")) {
            return out;
        }
        do {
            Pos p = peek().pos();
            String key = string("an option key in single quotes, such as 'topic'");
            for (Ast.Option o : out) {
                if (o.key().equals(key)) {
                    throw SqlException.at(p, "option '" + key + "' is given twice");
                }
            }
            expectSymbol("=", "'=' after the option key");
            String value = string("the option's value in single quotes");
            out.add(new Ast.Option(key, value, p));
        } while (acceptSymbol(","));
        expectSymbol(")", "',' and another option, or ')'");
        return out;
    }

    private Ast.Interval interval() throws SqlException {
        Token kw = peek();
        if (!kw.isWord("INTERVAL")) {
            throw expected("INTERVAL 'n' SECOND, MINUTE, HOUR or DAY");
        }
        next();
        Token amount = peek();
        if (amount.kind() == Token.Kind.INTEGER) {
            throw SqlException.at(amount.pos(), "expected the interval's amount in quotes, as in INTERVAL '"
                    + amount.text() + "' SECOND, got " + amount.text());
        }
        String s = string("the interval's amount in quotes, such as '5'");
        long n;
        try {
            n = Long.parseLong(s.strip());
        } catch (NumberFormatException e) {
            throw SqlException.at(amount.pos(), "expected a whole number in the interval, such as '5', got '" + s
                    + "'");
        }
        Token unit = peek();
        Ast.TimeUnit u = timeUnit(unit);
        if (u == null) {
            throw expected("the interval's unit: SECOND, MINUTE, HOUR or DAY");
        }
        next();
        return new Ast.Interval(n, u, kw.pos());
    }

    private static Ast.TimeUnit timeUnit(Token t) {
        if (t.kind() != Token.Kind.WORD) {
            return null;
        }
        switch (t.text().toUpperCase(Locale.ROOT)) {
            case "SECOND":
            case "SECONDS":
                return Ast.TimeUnit.SECOND;
            case "MINUTE":
            case "MINUTES":
                return Ast.TimeUnit.MINUTE;
            case "HOUR":
            case "HOURS":
                return Ast.TimeUnit.HOUR;
            case "DAY":
            case "DAYS":
                return Ast.TimeUnit.DAY;
            default:
                return null;
        }
    }

    private Ast.CreateMaterializedTable createMaterializedTable(Pos pos) throws SqlException {
        String name = tableName();
        List<String> primaryKey = List.of();
        if (acceptSymbol("(")) {
            if (!peek().isWord("PRIMARY") && !peek().isWord("CONSTRAINT")) {
                throw SqlException.at(peek().pos(), "expected PRIMARY KEY (...) NOT ENFORCED; a materialized table's"
                        + " columns come from its query and cannot be listed, got " + peek().describe());
            }
            primaryKey = primaryKey();
            expectSymbol(")", "')' after the primary key");
        }
        if (acceptWord("COMMENT")) {
            string("the comment, a string");
        }
        List<String> partitionedBy = List.of();
        if (acceptWord("PARTITIONED")) {
            expectWord("BY", "BY after PARTITIONED");
            partitionedBy = identifierList("the partition columns");
        }
        List<Ast.Option> options = List.of();
        if (acceptWord("WITH")) {
            options = options();
        }
        Ast.Interval freshness = null;
        Ast.RefreshMode mode = null;
        Pos modePos = null;
        if (peek().isWord("FRESHNESS")) {
            next();
            expectSymbol("=", "'=' after FRESHNESS");
            freshness = interval();
        }
        if (peek().isWord("REFRESH_MODE")) {
            next();
            expectSymbol("=", "'=' after REFRESH_MODE");
            modePos = peek().pos();
            if (acceptWord("CONTINUOUS")) {
                mode = Ast.RefreshMode.CONTINUOUS;
            } else if (acceptWord("FULL")) {
                mode = Ast.RefreshMode.FULL;
            } else {
                throw expected("CONTINUOUS or FULL");
            }
            if (peek().isWord("FRESHNESS")) {
                throw SqlException.at(peek().pos(), "FRESHNESS must come before REFRESH_MODE, as in Flink's grammar;"
                        + " expected AS and the query");
            }
        }
        if (!peek().isWord("AS")) {
            String options0 = freshness == null && mode == null ? "FRESHNESS = INTERVAL ..., REFRESH_MODE = ... or "
                    : mode == null ? "REFRESH_MODE = ... or " : "";
            throw expected(options0 + "AS and the query");
        }
        next();
        Token start = peek();
        if (!start.isWord("SELECT")) {
            throw expected("SELECT after AS");
        }
        Ast.Query q = query();
        String queryText = text.substring(start.start(), peekBack().end());
        return new Ast.CreateMaterializedTable(pos, name, primaryKey, partitionedBy, options, freshness, mode, modePos,
                q, queryText);
    }

    private Ast.Statement alter() throws SqlException {
        Token alter = next();
        if (!peek().isWord("MATERIALIZED")) {
            throw expected("MATERIALIZED TABLE after ALTER (the subset alters materialized tables only)");
        }
        next();
        expectWord("TABLE", "TABLE after ALTER MATERIALIZED");
        String name = tableName();
        Token action = peek();
        if (acceptWord("SUSPEND")) {
            return new Ast.AlterMaterializedTable(alter.pos(), name, Ast.AlterAction.SUSPEND, List.of(), List.of());
        }
        if (acceptWord("RESUME")) {
            List<Ast.Option> options = List.of();
            if (acceptWord("WITH")) {
                options = options();
            }
            return new Ast.AlterMaterializedTable(alter.pos(), name, Ast.AlterAction.RESUME, List.of(), options);
        }
        if (acceptWord("REFRESH")) {
            List<Ast.Option> partition = List.of();
            if (acceptWord("PARTITION")) {
                partition = partitionSpec();
            }
            return new Ast.AlterMaterializedTable(alter.pos(), name, Ast.AlterAction.REFRESH, partition, List.of());
        }
        if (action.isWord("AS") || action.isWord("SET")) {
            throw SqlException.at(action.pos(), "ALTER MATERIALIZED TABLE ... " + action.text().toUpperCase(Locale.ROOT)
                    + " is not modelled; expected SUSPEND, RESUME or REFRESH");
        }
        throw expected("SUSPEND, RESUME or REFRESH");
    }

    private List<Ast.Option> partitionSpec() throws SqlException {
        expectSymbol("(", "'(' and the partition, such as (ds = '2024-06-28')");
        List<Ast.Option> out = new ArrayList<>();
        do {
            Pos p = peek().pos();
            String col = identifier("a partition column");
            expectSymbol("=", "'=' after the partition column");
            String value = string("the partition's value in single quotes");
            out.add(new Ast.Option(col, value, p));
        } while (acceptSymbol(","));
        expectSymbol(")", "',' or ')'");
        return out;
    }

    private Ast.Statement drop() throws SqlException {
        Token drop = next();
        acceptWord("TEMPORARY");
        boolean materialized = acceptWord("MATERIALIZED");
        if (peek().isWord("VIEW")) {
            throw SqlException.at(peek().pos(), "views are not part of the subset; expected TABLE");
        }
        expectWord("TABLE", materialized ? "TABLE" : "TABLE or MATERIALIZED TABLE");
        boolean ifExists = false;
        if (peek().isWord("IF")) {
            next();
            expectWord("EXISTS", "EXISTS after IF");
            ifExists = true;
        }
        return new Ast.Drop(drop.pos(), tableName(), materialized, ifExists);
    }

    private Ast.Statement set() throws SqlException {
        Token set = next();
        if (peek().kind() != Token.Kind.STRING) {
            if (peek().isSymbol(";") || peek().kind() == Token.Kind.EOF) {
                return new Ast.SetOption(set.pos(), null, null);
            }
            throw expected("an option key in single quotes, as in SET 'parallelism.default' = '2'");
        }
        String key = string("an option key");
        expectSymbol("=", "'=' after the option key");
        String value = string("the option's value in single quotes");
        return new Ast.SetOption(set.pos(), key, value);
    }

    private Ast.Statement advance() throws SqlException {
        Token adv = next();
        if (acceptWord("BY")) {
            Ast.Interval iv = interval();
            return new Ast.Advance(adv.pos(), false, true, iv.millis());
        }
        expectWord("TO", "TO 'time', TO END or BY INTERVAL 'n' unit after ADVANCE");
        if (acceptWord("END")) {
            return new Ast.Advance(adv.pos(), true, false, 0);
        }
        Token t = peek();
        long ms;
        if (t.kind() == Token.Kind.INTEGER) {
            next();
            ms = Long.parseLong(t.text());
        } else if (t.kind() == Token.Kind.STRING) {
            next();
            try {
                ms = Durations.isClock(t.text()) ? Durations.parseClock(t.text()) : Durations.parse(t.text());
            } catch (IllegalArgumentException e) {
                throw SqlException.at(t.pos(), "expected a virtual time such as '30s', '10:05' or 1500 (ms): "
                        + e.getMessage());
            }
        } else {
            throw expected("a virtual time such as '30s', '10:05' or 1500 (ms), or END");
        }
        return new Ast.Advance(adv.pos(), false, false, ms);
    }

    // ---------------------------------------------------------------- queries

    private Ast.Query query() throws SqlException {
        Token select = expectWord("SELECT", "SELECT");
        if (peek().isWord("DISTINCT")) {
            throw SqlException.at(peek().pos(), "SELECT DISTINCT is not part of the subset; GROUP BY the columns"
                    + " instead");
        }
        acceptWord("ALL");
        List<Ast.SelectItem> items = new ArrayList<>();
        do {
            items.add(selectItem());
        } while (acceptSymbol(","));
        if (!peek().isWord("FROM")) {
            throw expected("',' and another column, or FROM");
        }
        next();
        Ast.FromItem from = fromItem();
        if (peek().isSymbol(",") || peek().isWord("JOIN") || peek().isWord("LEFT") || peek().isWord("INNER")
                || peek().isWord("RIGHT") || peek().isWord("FULL") || peek().isWord("CROSS")) {
            throw SqlException.at(peek().pos(), "joins are not modelled (an operator of the engine has one input); a"
                    + " query reads one table");
        }
        Expr where = null;
        if (acceptWord("WHERE")) {
            where = expr();
        }
        List<Expr> groupBy = new ArrayList<>();
        if (peek().isWord("GROUP")) {
            next();
            expectWord("BY", "BY after GROUP");
            do {
                groupBy.add(expr());
            } while (acceptSymbol(","));
        }
        Expr having = null;
        if (acceptWord("HAVING")) {
            having = expr();
        }
        return new Ast.Query(select.pos(), List.copyOf(items), from, where, List.copyOf(groupBy), having);
    }

    private Ast.SelectItem selectItem() throws SqlException {
        Token t = peek();
        if (t.isSymbol("*")) {
            next();
            return new Ast.Star(t.pos(), null);
        }
        if (atIdentifier() && peek(1).isSymbol(".") && peek(2).isSymbol("*")) {
            String q = identifier("a table name");
            next();
            next();
            return new Ast.Star(t.pos(), q);
        }
        Expr e = expr();
        String alias = null;
        if (acceptWord("AS")) {
            alias = identifier("a name for the column after AS");
        } else if (atIdentifier()) {
            alias = identifier("a name for the column");
        }
        return new Ast.Item(t.pos(), e, alias);
    }

    private Ast.FromItem fromItem() throws SqlException {
        Token t = peek();
        if (t.isSymbol("(")) {
            next();
            if (!peek().isWord("SELECT")) {
                throw expected("SELECT: a subquery in FROM");
            }
            Ast.Query q = query();
            expectSymbol(")", "')' to close the subquery");
            return new Ast.SubqueryRef(t.pos(), q, alias());
        }
        if (t.isWord("TABLE")) {
            next();
            expectSymbol("(", "'(' and TUMBLE(...) or HOP(...)");
            Ast.FromItem w = windowFunction();
            expectSymbol(")", "')' to close TABLE(...)");
            return withAlias((Ast.WindowRef) w, alias());
        }
        if ((t.isWord("TUMBLE") || t.isWord("HOP")) && peek(1).isSymbol("(")) {
            throw SqlException.at(t.pos(), "expected a table; a window function is written"
                    + " TABLE(" + t.text().toUpperCase(Locale.ROOT) + "(TABLE t, DESCRIPTOR(ts), ...))");
        }
        if ((t.isWord("CUMULATE") || t.isWord("SESSION")) && peek(1).isSymbol("(")) {
            throw SqlException.at(t.pos(), t.text().toUpperCase(Locale.ROOT) + " windows are not part of the"
                    + " subset; use TUMBLE or HOP");
        }
        String name = tableName();
        return new Ast.TableRef(t.pos(), name, alias());
    }

    private static Ast.WindowRef withAlias(Ast.WindowRef w, String alias) {
        return new Ast.WindowRef(w.pos(), w.kind(), w.table(), w.tablePos(), w.timeColumn(), w.timeColumnPos(),
                w.size(), w.slide(), alias);
    }

    private String alias() throws SqlException {
        if (acceptWord("AS")) {
            return identifier("an alias after AS");
        }
        if (atIdentifier()) {
            return identifier("an alias");
        }
        return null;
    }

    private Ast.FromItem windowFunction() throws SqlException {
        Token fn = peek();
        Ast.WindowKind kind;
        if (fn.isWord("TUMBLE")) {
            kind = Ast.WindowKind.TUMBLE;
        } else if (fn.isWord("HOP")) {
            kind = Ast.WindowKind.HOP;
        } else if (fn.isWord("CUMULATE") || fn.isWord("SESSION")) {
            throw SqlException.at(fn.pos(), fn.text().toUpperCase(Locale.ROOT) + " windows are not part of the"
                    + " subset; use TUMBLE or HOP");
        } else {
            throw expected("TUMBLE or HOP");
        }
        next();
        expectSymbol("(", "'(' after " + kind);
        if (peek(1).isSymbol("=>")) {
            throw SqlException.at(peek().pos(), "named arguments are not supported; pass them in order: "
                    + (kind == Ast.WindowKind.TUMBLE ? "TUMBLE(TABLE t, DESCRIPTOR(ts), size)"
                    : "HOP(TABLE t, DESCRIPTOR(ts), slide, size)"));
        }
        expectWord("TABLE", "TABLE and the table to cut into windows, as in " + kind + "(TABLE t, ...)");
        Pos tablePos = peek().pos();
        String table = tableName();
        expectSymbol(",", "',' and DESCRIPTOR(time column)");
        expectWord("DESCRIPTOR", "DESCRIPTOR(time column)");
        expectSymbol("(", "'(' after DESCRIPTOR");
        Pos colPos = peek().pos();
        String col = identifier("the time column");
        expectSymbol(")", "')' after the time column");
        expectSymbol(",", kind == Ast.WindowKind.TUMBLE ? "',' and the window size, an INTERVAL"
                : "',' and the slide, an INTERVAL");
        Ast.Interval first = interval();
        Ast.Interval size = first;
        Ast.Interval slide = null;
        if (kind == Ast.WindowKind.HOP) {
            expectSymbol(",", "',' and the window size, an INTERVAL (HOP takes the slide first, then the size)");
            slide = first;
            size = interval();
        }
        if (peek().isSymbol(",")) {
            throw SqlException.at(peek().pos(), "the window offset argument is not modelled; expected ')'");
        }
        expectSymbol(")", "')' to close " + kind + "(...)");
        return new Ast.WindowRef(fn.pos(), kind, table, tablePos, col, colPos, size, slide, null);
    }

    // ---------------------------------------------------------------- expressions

    private Expr expr() throws SqlException {
        return or();
    }

    private Expr or() throws SqlException {
        Expr left = and();
        while (peek().isWord("OR")) {
            Token op = next();
            left = new Ast.Binary(op.pos(), "OR", left, and());
        }
        return left;
    }

    private Expr and() throws SqlException {
        Expr left = not();
        while (peek().isWord("AND")) {
            Token op = next();
            left = new Ast.Binary(op.pos(), "AND", left, not());
        }
        return left;
    }

    private Expr not() throws SqlException {
        if (peek().isWord("NOT")) {
            Token op = next();
            return new Ast.Unary(op.pos(), "NOT", not());
        }
        return predicate();
    }

    private Expr predicate() throws SqlException {
        Expr left = additive();
        Token t = peek();
        if (t.kind() == Token.Kind.SYMBOL && (t.text().equals("=") || t.text().equals("<>") || t.text().equals("!=")
                || t.text().equals("<") || t.text().equals("<=") || t.text().equals(">") || t.text().equals(">="))) {
            next();
            String op = t.text().equals("!=") ? "<>" : t.text();
            return new Ast.Binary(t.pos(), op, left, additive());
        }
        if (t.isWord("IS")) {
            next();
            boolean negated = acceptWord("NOT");
            expectWord("NULL", negated ? "NULL after IS NOT" : "NULL or NOT NULL after IS");
            return new Ast.IsNull(t.pos(), left, negated);
        }
        if (t.isWord("BETWEEN") || t.isWord("IN") || t.isWord("LIKE")) {
            throw SqlException.at(t.pos(), t.text().toUpperCase(Locale.ROOT) + " is not part of the subset; use"
                    + " comparisons (=, <>, <, <=, >, >=) with AND and OR");
        }
        return left;
    }

    private Expr additive() throws SqlException {
        Expr left = multiplicative();
        while (peek().isSymbol("+") || peek().isSymbol("-")) {
            Token op = next();
            left = new Ast.Binary(op.pos(), op.text(), left, multiplicative());
        }
        return left;
    }

    private Expr multiplicative() throws SqlException {
        Expr left = unary();
        while (peek().isSymbol("*") || peek().isSymbol("/") || peek().isSymbol("%")) {
            Token op = next();
            left = new Ast.Binary(op.pos(), op.text(), left, unary());
        }
        return left;
    }

    private Expr unary() throws SqlException {
        if (peek().isSymbol("-")) {
            Token op = next();
            Expr operand = unary();
            if (operand instanceof Ast.Literal l && l.value() instanceof Long n) {
                return new Ast.Literal(op.pos(), -n, l.type());
            }
            if (operand instanceof Ast.Literal l && l.value() instanceof Double d) {
                return new Ast.Literal(op.pos(), -d, l.type());
            }
            return new Ast.Unary(op.pos(), "-", operand);
        }
        if (peek().isSymbol("+")) {
            next();
            return unary();
        }
        return primary();
    }

    private Expr primary() throws SqlException {
        Token t = peek();
        switch (t.kind()) {
            case INTEGER: {
                next();
                long v;
                try {
                    v = Long.parseLong(t.text());
                } catch (NumberFormatException e) {
                    throw SqlException.at(t.pos(), "the number " + t.text() + " does not fit in a BIGINT");
                }
                return new Ast.Literal(t.pos(), v, v >= Integer.MIN_VALUE && v <= Integer.MAX_VALUE ? SqlType.INT
                        : SqlType.BIGINT);
            }
            case DECIMAL:
                next();
                return new Ast.Literal(t.pos(), Double.parseDouble(t.text()), SqlType.DOUBLE);
            case STRING:
                next();
                return new Ast.Literal(t.pos(), t.text(), SqlType.STRING);
            case SYMBOL:
                if (t.isSymbol("(")) {
                    next();
                    if (peek().isWord("SELECT")) {
                        throw SqlException.at(peek().pos(), "subqueries in expressions are not part of the subset");
                    }
                    Expr e = expr();
                    expectSymbol(")", "')'");
                    return e;
                }
                throw expected("an expression");
            case EOF:
                throw expected("an expression");
            default:
                break;
        }
        if (t.isWord("TRUE") || t.isWord("FALSE")) {
            next();
            return new Ast.Literal(t.pos(), t.isWord("TRUE"), SqlType.BOOLEAN);
        }
        if (t.isWord("NULL")) {
            next();
            return new Ast.Literal(t.pos(), null, null);
        }
        if (t.isWord("INTERVAL")) {
            throw SqlException.at(t.pos(), "an INTERVAL is used only in FRESHNESS, WATERMARK and the window"
                    + " functions, not in expressions");
        }
        if (t.isWord("CASE") || t.isWord("CAST")) {
            throw SqlException.at(t.pos(), t.text().toUpperCase(Locale.ROOT) + " is not part of the subset");
        }
        if (t.kind() == Token.Kind.WORD && peek(1).isSymbol("(") && !Keywords.isReserved(t.text())) {
            return call();
        }
        String first = identifier("an expression");
        if (acceptSymbol(".")) {
            String col = identifier("a column name after '" + first + ".'");
            return new Ast.ColumnRef(t.pos(), first, col);
        }
        return new Ast.ColumnRef(t.pos(), null, first);
    }

    private Expr call() throws SqlException {
        Token name = next();
        String fn = name.text().toUpperCase(Locale.ROOT);
        if (!fn.equals("COUNT") && !fn.equals("SUM") && !fn.equals("MIN") && !fn.equals("MAX")
                && !fn.equals("AVG")) {
            throw SqlException.at(name.pos(), "unknown function " + name.text() + "; the subset has the aggregate"
                    + " functions COUNT, SUM, MIN, MAX and AVG");
        }
        next(); // (
        boolean distinct = false;
        if (peek().isWord("DISTINCT")) {
            if (!fn.equals("COUNT")) {
                throw SqlException.at(peek().pos(), "DISTINCT is supported in COUNT only, as in COUNT(DISTINCT x)");
            }
            next();
            distinct = true;
        }
        if (peek().isSymbol("*")) {
            Token star = next();
            if (!fn.equals("COUNT") || distinct) {
                throw SqlException.at(star.pos(), "'*' is an argument of COUNT(*) only; " + fn + " needs a column");
            }
            expectSymbol(")", "')' after COUNT(*");
            return new Ast.Call(name.pos(), fn, false, true, List.of());
        }
        if (peek().isSymbol(")")) {
            throw expected(fn.equals("COUNT") ? "'*' or an expression" : "an expression: " + fn + " takes one");
        }
        Expr arg = expr();
        if (peek().isSymbol(",")) {
            throw SqlException.at(peek().pos(), fn + " takes one argument; expected ')'");
        }
        expectSymbol(")", "')' to close " + fn + "(");
        return new Ast.Call(name.pos(), fn, distinct, false, List.of(arg));
    }
}
