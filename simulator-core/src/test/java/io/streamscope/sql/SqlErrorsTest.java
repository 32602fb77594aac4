package io.streamscope.sql;

import static org.assertj.core.api.Assertions.assertThat;

import io.streamscope.connectors.PartitionedLog;
import io.streamscope.data.Row;
import io.streamscope.runtime.EngineConfig;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * Statements that parse but ask for something wrong: unknown tables and columns, types, grouping, window rules,
 * table options, and session commands. Each error is at the offending part (line and column counted by hand).
 */
class SqlErrorsTest {
    static MaterializedTableSession session() {
        PartitionedLog log = new PartitionedLog("kafka_events", 1, true);
        log.append(0, null, Row.of("user_id", 1L, "page", "home", "ts", 1000L), 1000, 0);
        log.append(0, null, Row.of("user_id", 2L, "page", "cart", "ts", 2000L), 2000, 10);
        return new MaterializedTableSession(Map.of("kafka_events", log), EngineConfig.defaults());
    }

    static SqlException error(MaterializedTableSession s, String sql) {
        try {
            s.execute(sql);
        } catch (SqlException e) {
            return e;
        }
        throw new AssertionError("no error for: " + sql);
    }

    static SqlException error(String sql) {
        return error(session(), sql);
    }

    @Test
    void anUnknownTableSuggestsTheClosestName() {
        SqlException e = error("SELECT * FROM kafka_event");
        assertThat(e.column()).isEqualTo(15);
        assertThat(e.problem()).isEqualTo("Object 'kafka_event' not found (did you mean kafka_events?); the tables"
                + " are: kafka_events");
    }

    @Test
    void anUnknownColumnListsTheTablesColumns() {
        SqlException e = error("SELECT user_id,\n  pgae\nFROM kafka_events");
        assertThat(e.line()).isEqualTo(2);
        assertThat(e.column()).isEqualTo(3);
        assertThat(e.problem()).isEqualTo("Column 'pgae' not found in table kafka_events (did you mean page?); its"
                + " columns are: user_id, page, ts");
    }

    @Test
    void aColumnOutsideGroupByAndAggregatesIsRefused() {
        SqlException e = error("SELECT user_id, page FROM kafka_events GROUP BY user_id");
        assertThat(e.column()).isEqualTo(17);
        assertThat(e.problem()).isEqualTo("Expression 'page' is not being grouped: add it to GROUP BY or use it"
                + " inside an aggregate such as MAX(page)");
    }

    @Test
    void typesAreChecked() {
        SqlException sum = error("SELECT SUM(page) FROM kafka_events");
        assertThat(sum.column()).isEqualTo(12);
        assertThat(sum.problem()).isEqualTo("SUM needs a number, got STRING");
        SqlException cmp = error("SELECT page FROM kafka_events WHERE page > 3");
        assertThat(cmp.column()).isEqualTo(42);
        assertThat(cmp.problem()).isEqualTo("cannot compare STRING with INT");
        SqlException where = error("SELECT page FROM kafka_events WHERE user_id + 1");
        assertThat(where.column()).isEqualTo(37);
        assertThat(where.problem()).isEqualTo("WHERE needs a condition (BOOLEAN), got an expression of type BIGINT");
        SqlException agg = error("SELECT page FROM kafka_events WHERE COUNT(*) > 1");
        assertThat(agg.column()).isEqualTo(37);
        assertThat(agg.problem()).isEqualTo("aggregate functions are not allowed in WHERE; use HAVING for conditions"
                + " on aggregates");
    }

    @Test
    void windowsNeedATimeAttributeAndTheirBoundsInGroupBy() throws Exception {
        MaterializedTableSession s = session();
        String tumble = "SELECT window_start, window_end, COUNT(*) FROM TABLE(TUMBLE(TABLE kafka_events,"
                + " DESCRIPTOR(ts), INTERVAL '1' MINUTE)) GROUP BY window_start, window_end";
        SqlException implicit = error(s, tumble);
        assertThat(implicit.column()).isEqualTo(tumble.indexOf("ts)") + 1);
        assertThat(implicit.problem()).startsWith("the window function needs a time attribute, but column ts of table"
                + " kafka_events is not one; declare WATERMARK FOR ts AS ts - INTERVAL '5' SECOND in CREATE TABLE");
        s.execute("CREATE TABLE clicks (user_id BIGINT, ts TIMESTAMP(3), WATERMARK FOR ts AS ts) WITH"
                + " ('connector' = 'kafka', 'topic' = 'kafka_events')");
        String noEnd = "SELECT COUNT(*) FROM TABLE(TUMBLE(TABLE clicks, DESCRIPTOR(ts), INTERVAL '1' MINUTE))"
                + " GROUP BY window_start";
        SqlException bounds = error(s, noEnd);
        assertThat(bounds.column()).isEqualTo(noEnd.indexOf("window_start") + 1);
        assertThat(bounds.problem()).isEqualTo("a windowed aggregation groups by window_start and window_end (and"
                + " optionally other columns); GROUP BY lacks window_end");
        String hopSql = "SELECT window_start, window_end, COUNT(*) FROM TABLE(HOP(TABLE clicks, DESCRIPTOR(ts),"
                + " INTERVAL '2' MINUTE, INTERVAL '5' MINUTE)) GROUP BY window_start, window_end";
        SqlException hop = error(s, hopSql);
        // the size, the second interval, is what does not fit the slide
        assertThat(hop.column()).isEqualTo(hopSql.indexOf("INTERVAL '5'") + 1);
        assertThat(hop.problem()).isEqualTo("HOP windows need a size that is a whole multiple of the slide, as"
                + " Flink's slicing windows do; got size 300000 ms and slide 120000 ms");
    }

    @Test
    void createTableChecksItsOptionsAndTheTopicsRecords() {
        SqlException topic = error("CREATE TABLE t (user_id BIGINT) WITH ('connector' = 'kafka', 'topic' ="
                + " 'kafka_event')");
        assertThat(topic.column()).isEqualTo(62);
        assertThat(topic.problem()).isEqualTo("the scenario has no topic 'kafka_event' (did you mean 'kafka_events'?);"
                + " its topics are: kafka_events");
        SqlException option = error("CREATE TABLE t (user_id BIGINT) WITH ('connector' = 'kafka', 'topic' ="
                + " 'kafka_events', 'scan.startup.mode' = 'latest-offset')");
        assertThat(option.column()).isEqualTo(88);
        assertThat(option.problem()).startsWith("a topic is read from its first record");
        SqlException type = error("CREATE TABLE t (\n  user_id BIGINT,\n  page INT\n) WITH ('connector' = 'kafka',"
                + " 'topic' = 'kafka_events')");
        assertThat(type.line()).isEqualTo(3);
        assertThat(type.column()).isEqualTo(3);
        assertThat(type.problem()).isEqualTo("column page is INT, but record"
                + " {\"user_id\":1,\"page\":\"home\",\"ts\":1000} of topic kafka_events (partition 0, offset 0)"
                + " holds \"home\" (not a whole number)");
        String bigint = "CREATE TABLE t (ts BIGINT, WATERMARK FOR ts AS ts) WITH ('connector' = 'kafka', 'topic' ="
                + " 'kafka_events')";
        SqlException watermark = error(bigint);
        assertThat(watermark.column()).isEqualTo(bigint.indexOf("ts AS") + 1);
        assertThat(watermark.problem()).startsWith("Invalid data type of time field for watermark definition.");
    }

    @Test
    void materializedTableStatementsAreChecked() throws Exception {
        MaterializedTableSession s = session();
        SqlException zero = error(s, "CREATE MATERIALIZED TABLE m FRESHNESS = INTERVAL '0' SECOND AS SELECT"
                + " user_id FROM kafka_events");
        assertThat(zero.column()).isEqualTo(41);
        assertThat(zero.problem()).startsWith("the freshness must be a positive whole number");
        s.execute("CREATE MATERIALIZED TABLE m AS SELECT user_id, COUNT(*) AS n FROM kafka_events GROUP BY user_id");
        SqlException over = error(s, "CREATE MATERIALIZED TABLE m2 AS SELECT SUM(n) FROM m");
        assertThat(over.column()).isEqualTo(52);
        assertThat(over.problem()).startsWith("a continuous refresh job cannot read materialized table m");
        SqlException dropped = error(s, "DROP TABLE m");
        assertThat(dropped.problem()).isEqualTo("m is a materialized table; use DROP MATERIALIZED TABLE");
        SqlException alter = error(s, "ALTER MATERIALIZED TABLE n RESUME");
        assertThat(alter.problem()).isEqualTo("Materialized table n does not exist");
        SqlException resume = error(s, "ALTER MATERIALIZED TABLE m RESUME");
        assertThat(resume.problem()).isEqualTo("Materialized table m is not suspended");
        SqlException exists = error(s, "CREATE MATERIALIZED TABLE m AS SELECT user_id FROM kafka_events");
        assertThat(exists.problem()).isEqualTo("Table m already exists");
        SqlException partition = error(s, "ALTER MATERIALIZED TABLE m REFRESH PARTITION (ds = 'x')");
        assertThat(partition.column()).isEqualTo(47);
        assertThat(partition.problem()).isEqualTo("The partition spec contains unknown partition keys: ds; the"
                + " partition keys are: none");
    }

    @Test
    void sessionCommandsAreChecked() throws Exception {
        MaterializedTableSession s = session();
        SqlException key = error(s, "SET 'parallelism.defualt' = '2'");
        assertThat(key.problem()).startsWith("unknown option 'parallelism.defualt' (did you mean"
                + " 'parallelism.default'?)");
        s.execute("ADVANCE TO '10s'");
        SqlException back = error(s, "ADVANCE TO '5s'");
        assertThat(back.problem()).isEqualTo("the session is at 10000 ms already; time does not go back");
        SqlException dup = error(s, "SELECT user_id, user_id FROM kafka_events");
        assertThat(dup.column()).isEqualTo(17);
        assertThat(dup.problem()).isEqualTo("the result has two columns named user_id (the first at line 1, column 8);"
                + " rename one with AS");
    }
}
