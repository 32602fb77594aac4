package io.streamscope.sql;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.streamscope.sql.Ast.Binary;
import io.streamscope.sql.Ast.Call;
import io.streamscope.sql.Ast.ColumnRef;
import io.streamscope.sql.Ast.Item;
import io.streamscope.sql.Ast.Literal;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The parser on valid statements (the tree it builds) and on mistakes: each error names the exact line and column
 * (counted by hand in the test's text, from 1) and what was expected there.
 */
class ParserTest {
    static Ast.Statement parse(String sql) throws SqlException {
        return Parser.parseStatement(sql);
    }

    static SqlException error(String sql) {
        try {
            Parser.parseScript(sql);
        } catch (SqlException e) {
            return e;
        }
        throw new AssertionError("no error for: " + sql);
    }

    // ---------------------------------------------------------------- valid statements

    /** The F1 example exactly as the seed interview writes it (read from the committed copy of the seed). */
    @Test
    void theSeedsF1ExampleParsesAsWritten() throws Exception {
        String seed = Files.readString(Path.of("..", "question-bank", "seed", "flink-mock-interview.md"));
        int f1 = seed.indexOf("**Question F1:**");
        int start = seed.indexOf("```sql\n", f1) + "```sql\n".length();
        String sql = seed.substring(start, seed.indexOf("```", start));
        assertThat(sql).startsWith("CREATE MATERIALIZED TABLE user_metrics AS");
        List<Ast.Parsed> all = Parser.parseScript(sql);
        assertThat(all).hasSize(1);
        Ast.CreateMaterializedTable c = (Ast.CreateMaterializedTable) all.get(0).statement();
        assertThat(c.name()).isEqualTo("user_metrics");
        assertThat(c.freshness()).isNull();
        assertThat(c.refreshMode()).isNull();
        Ast.Query q = c.query();
        assertThat(q.items()).hasSize(3);
        assertThat(((Item) q.items().get(1)).alias()).isEqualTo("event_count");
        assertThat(((Call) ((Item) q.items().get(1)).expr()).star()).isTrue();
        assertThat(((Call) ((Item) q.items().get(2)).expr()).name()).isEqualTo("MAX");
        assertThat(((Ast.TableRef) q.from()).name()).isEqualTo("kafka_events");
        assertThat(q.groupBy()).containsExactly(new ColumnRef(new SqlException.Pos(7, 10), null, "user_id"));
        assertThat(c.queryText()).startsWith("SELECT\n  user_id,").endsWith("GROUP BY user_id");
    }

    @Test
    void createTableWithWatermarkAndOptions() throws Exception {
        Ast.CreateTable t = (Ast.CreateTable) parse("CREATE TABLE clicks (\n  `user` STRING,\n  ts TIMESTAMP(3),\n"
                + "  n INT NOT NULL,\n  WATERMARK FOR ts AS ts - INTERVAL '5' SECOND\n) WITH ('connector' = 'kafka',"
                + " 'topic' = 'clicks');");
        assertThat(t.name()).isEqualTo("clicks");
        assertThat(t.columns()).extracting(Ast.ColumnDef::name).containsExactly("user", "ts", "n");
        assertThat(t.columns()).extracting(Ast.ColumnDef::type).containsExactly(SqlType.STRING, SqlType.TIMESTAMP,
                SqlType.INT);
        assertThat(t.columns().get(2).notNull()).isTrue();
        assertThat(t.watermark().column()).isEqualTo("ts");
        assertThat(t.watermark().delayMillis()).isEqualTo(5000);
        assertThat(t.options()).extracting(Ast.Option::key).containsExactly("connector", "topic");
        assertThat(t.options().get(1).value()).isEqualTo("clicks");
    }

    @Test
    void createMaterializedTableWithEveryClause() throws Exception {
        Ast.CreateMaterializedTable c = (Ast.CreateMaterializedTable) parse("CREATE MATERIALIZED TABLE m"
                + " (CONSTRAINT pk PRIMARY KEY (k) NOT ENFORCED) PARTITIONED BY (ds)"
                + " WITH ('partition.fields.ds.date-formatter' = 'yyyy-MM-dd')"
                + " FRESHNESS = INTERVAL '10' MINUTE REFRESH_MODE = FULL AS SELECT k, ds, SUM(v) s FROM t GROUP BY k, ds");
        assertThat(c.primaryKey()).containsExactly("k");
        assertThat(c.partitionedBy()).containsExactly("ds");
        assertThat(c.freshness().millis()).isEqualTo(600_000);
        assertThat(c.freshness().unit()).isEqualTo(Ast.TimeUnit.MINUTE);
        assertThat(c.refreshMode()).isEqualTo(Ast.RefreshMode.FULL);
        assertThat(((Item) c.query().items().get(2)).alias()).isEqualTo("s");
    }

    @Test
    void windowTableFunctionsTakeTheirArgumentsInFlinksOrder() throws Exception {
        Ast.Query q = (Ast.Query) parse("SELECT window_start, window_end, COUNT(*) FROM TABLE(HOP(TABLE clicks,"
                + " DESCRIPTOR(ts), INTERVAL '1' MINUTES, INTERVAL '5' MINUTES)) GROUP BY window_start, window_end");
        Ast.WindowRef w = (Ast.WindowRef) q.from();
        assertThat(w.kind()).isEqualTo(Ast.WindowKind.HOP);
        assertThat(w.slide().millis()).isEqualTo(60_000);
        assertThat(w.size().millis()).isEqualTo(300_000);
        assertThat(w.timeColumn()).isEqualTo("ts");
        Ast.Query t = (Ast.Query) parse("SELECT * FROM TABLE(TUMBLE(TABLE c, DESCRIPTOR(ts), INTERVAL '10' SECOND)) w");
        assertThat(((Ast.WindowRef) t.from()).slide()).isNull();
        assertThat(t.from().alias()).isEqualTo("w");
    }

    @Test
    void expressionsFollowSqlPrecedence() throws Exception {
        Ast.Query q = (Ast.Query) parse("SELECT a FROM t WHERE a = 1 OR b > 2 AND NOT c + 1 * 2 <= 3");
        // OR binds loosest, then AND, then NOT, then comparison, then + and *
        Binary or = (Binary) q.where();
        assertThat(or.op()).isEqualTo("OR");
        Binary and = (Binary) or.right();
        assertThat(and.op()).isEqualTo("AND");
        Ast.Unary not = (Ast.Unary) and.right();
        Binary le = (Binary) not.operand();
        assertThat(le.op()).isEqualTo("<=");
        Binary plus = (Binary) le.left();
        assertThat(plus.op()).isEqualTo("+");
        assertThat(((Binary) plus.right()).op()).isEqualTo("*");
        Ast.Query neg = (Ast.Query) parse("SELECT -5, 'it''s', 2.5, x IS NOT NULL FROM t");
        assertThat(((Literal) ((Item) neg.items().get(0)).expr()).value()).isEqualTo(-5L);
        assertThat(((Literal) ((Item) neg.items().get(1)).expr()).value()).isEqualTo("it's");
        assertThat(((Literal) ((Item) neg.items().get(2)).expr()).value()).isEqualTo(2.5);
        assertThat(((Ast.IsNull) ((Item) neg.items().get(3)).expr()).negated()).isTrue();
    }

    @Test
    void keywordsIgnoreCaseIdentifiersKeepIt() throws Exception {
        Ast.Query q = (Ast.Query) parse("select UserId, count(distinct Page) as Pages from Clicks group by UserId");
        assertThat(((ColumnRef) ((Item) q.items().get(0)).expr()).name()).isEqualTo("UserId");
        Call c = (Call) ((Item) q.items().get(1)).expr();
        assertThat(c.name()).isEqualTo("COUNT");
        assertThat(c.distinct()).isTrue();
        assertThat(((Ast.TableRef) q.from()).name()).isEqualTo("Clicks");
    }

    @Test
    void scriptsSplitOnSemicolonsAndKeepEachStatementsText() throws Exception {
        List<Ast.Parsed> all = Parser.parseScript("-- a comment\nSET 'parallelism.default' = '2';\n"
                + "/* block\n comment */ ALTER MATERIALIZED TABLE m SUSPEND;;\nADVANCE TO '10:05'; ADVANCE BY INTERVAL"
                + " '30' SECOND\n");
        assertThat(all).hasSize(4);
        assertThat(all.get(0).text()).isEqualTo("SET 'parallelism.default' = '2'");
        assertThat(((Ast.AlterMaterializedTable) all.get(1).statement()).action())
                .isEqualTo(Ast.AlterAction.SUSPEND);
        assertThat(all.get(1).statement().pos()).isEqualTo(new SqlException.Pos(4, 13));
        assertThat(((Ast.Advance) all.get(2).statement()).millis()).isEqualTo(36_300_000);
        assertThat(((Ast.Advance) all.get(3).statement()).relative()).isTrue();
        assertThat(((Ast.Advance) all.get(3).statement()).millis()).isEqualTo(30_000);
    }

    @Test
    void alterRefreshPartitionAndDrop() throws Exception {
        Ast.AlterMaterializedTable a = (Ast.AlterMaterializedTable) parse("ALTER MATERIALIZED TABLE m REFRESH"
                + " PARTITION (ds = '2024-06-28')");
        assertThat(a.partition()).extracting(Ast.Option::key).containsExactly("ds");
        assertThat(a.partition().get(0).value()).isEqualTo("2024-06-28");
        Ast.Drop d = (Ast.Drop) parse("DROP MATERIALIZED TABLE IF EXISTS m");
        assertThat(d.materialized()).isTrue();
        assertThat(d.ifExists()).isTrue();
    }

    // ---------------------------------------------------------------- mistakes, at their exact place

    @Test
    void aMissingCommaIsReportedWhereTheNextColumnStarts() {
        SqlException e = error("SELECT\n  user_id\n  COUNT(*)\nFROM t");
        // "COUNT" is read as the alias of user_id; then '(' is where the mistake shows
        assertThat(e.line()).isEqualTo(3);
        assertThat(e.column()).isEqualTo(8);
        assertThat(e.problem()).isEqualTo("expected ',' and another column, or FROM, got '('");
    }

    @Test
    void aReservedWordAsANameSuggestsBackticks() {
        SqlException e = error("SELECT user, COUNT(*) FROM clicks GROUP BY user");
        assertThat(e.line()).isEqualTo(1);
        assertThat(e.column()).isEqualTo(8);
        assertThat(e.problem()).isEqualTo("expected an expression, got the reserved word USER; to use it as a"
                + " name, write it in backticks: `user`");
    }

    @Test
    void freshnessMustComeBeforeRefreshMode() {
        SqlException e = error("CREATE MATERIALIZED TABLE m\n  REFRESH_MODE = FULL\n  FRESHNESS = INTERVAL '1' HOUR\n"
                + "AS SELECT * FROM t");
        assertThat(e.line()).isEqualTo(3);
        assertThat(e.column()).isEqualTo(3);
        assertThat(e.problem()).startsWith("FRESHNESS must come before REFRESH_MODE");
    }

    @Test
    void anIntervalNeedsItsAmountInQuotes() {
        SqlException e = error("CREATE MATERIALIZED TABLE m FRESHNESS = INTERVAL 5 MINUTE AS SELECT * FROM t");
        assertThat(e.column()).isEqualTo(50);
        assertThat(e.problem()).isEqualTo("expected the interval's amount in quotes, as in INTERVAL '5' SECOND, got 5");
        SqlException unit = error("CREATE MATERIALIZED TABLE m FRESHNESS = INTERVAL '1' MONTH AS SELECT * FROM t");
        assertThat(unit.column()).isEqualTo(54);
        assertThat(unit.problem()).isEqualTo("expected the interval's unit: SECOND, MINUTE, HOUR or DAY, got MONTH");
    }

    @Test
    void anUnclosedStringPointsAtItsOpeningQuote() {
        SqlException e = error("CREATE TABLE t (a INT) WITH (\n  'topic' = 'clicks\n)");
        assertThat(e.line()).isEqualTo(2);
        assertThat(e.column()).isEqualTo(13);
        assertThat(e.problem()).isEqualTo("a string is not closed; expected ' before the end of the input");
    }

    @Test
    void unknownFunctionsAndUnsupportedClausesSaySo() {
        SqlException f = error("SELECT UPPER(name) FROM t");
        assertThat(f.column()).isEqualTo(8);
        assertThat(f.problem()).startsWith("unknown function UPPER; the subset has the aggregate functions COUNT,");
        SqlException join = error("SELECT a FROM t JOIN u ON t.a = u.a");
        assertThat(join.column()).isEqualTo(17);
        assertThat(join.problem()).startsWith("joins are not modelled");
        SqlException order = error("SELECT a FROM t ORDER BY a");
        assertThat(order.column()).isEqualTo(17);
        assertThat(order.problem()).startsWith("ORDER is not part of the subset");
        SqlException distinct = error("SELECT SUM(DISTINCT a) FROM t");
        assertThat(distinct.column()).isEqualTo(12);
        assertThat(distinct.problem()).isEqualTo("DISTINCT is supported in COUNT only, as in COUNT(DISTINCT x)");
    }

    @Test
    void primaryKeysMustBeNotEnforced() {
        SqlException e = error("CREATE MATERIALIZED TABLE m (PRIMARY KEY (k)) AS SELECT k FROM t");
        assertThat(e.column()).isEqualTo(45);
        assertThat(e.problem()).isEqualTo("expected NOT ENFORCED (Flink supports only NOT ENFORCED primary keys),"
                + " got ')'");
    }

    @Test
    void hopWithNamedArgumentsAndMissingSizeAreExplained() {
        SqlException named = error("SELECT * FROM TABLE(TUMBLE(DATA => TABLE t, TIMECOL => DESCRIPTOR(ts)))");
        assertThat(named.column()).isEqualTo(28);
        assertThat(named.problem()).startsWith("named arguments are not supported; pass them in order");
        SqlException hop = error("SELECT * FROM TABLE(HOP(TABLE t, DESCRIPTOR(ts), INTERVAL '1' MINUTE))");
        assertThat(hop.column()).isEqualTo(69);
        assertThat(hop.problem()).isEqualTo("expected ',' and the window size, an INTERVAL (HOP takes the slide first,"
                + " then the size), got ')'");
    }

    @Test
    void theEndOfTheInputIsAPlaceToo() {
        SqlException e = error("SELECT a FROM");
        assertThat(e.line()).isEqualTo(1);
        assertThat(e.column()).isEqualTo(14);
        assertThat(e.problem()).isEqualTo("expected a table name, got the end of the input");
        SqlException tail = error("SELECT a FROM t WHERE");
        assertThat(tail.column()).isEqualTo(22);
        assertThat(tail.problem()).isEqualTo("expected an expression, got the end of the input");
    }

    @Test
    void doubleQuotesAndStrayCharactersAreRefused() {
        SqlException q = error("SELECT \"a\" FROM t");
        assertThat(q.column()).isEqualTo(8);
        assertThat(q.problem()).startsWith("double quotes are not used in Flink SQL");
        SqlException c = error("SELECT a FROM t WHERE a # 1");
        assertThat(c.column()).isEqualTo(25);
        assertThat(c.problem()).isEqualTo("unexpected character '#'");
    }

    @Test
    void twoStatementsWithoutASemicolon() {
        SqlException e = error("SET 'a' = 'b'\nSELECT a FROM t");
        assertThat(e.line()).isEqualTo(2);
        assertThat(e.column()).isEqualTo(1);
        assertThat(e.problem()).isEqualTo("expected ';' or the end of the statement, got SELECT");
    }

    @Test
    void timestampsNeedMillisecondPrecision() {
        SqlException e = error("CREATE TABLE t (ts TIMESTAMP(6)) WITH ('connector' = 'kafka')");
        assertThat(e.column()).isEqualTo(30);
        assertThat(e.problem()).startsWith("expected the precision 3: timestamps are held in milliseconds");
        assertThatThrownBy(() -> Parser.parseStatement("SELECT a FROM t; SELECT b FROM t"))
                .isInstanceOf(SqlException.class).hasMessage("line 1, column 18: expected one statement, got a second"
                        + " one here");
    }
}
