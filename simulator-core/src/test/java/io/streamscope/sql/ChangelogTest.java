package io.streamscope.sql;

import static org.assertj.core.api.Assertions.assertThat;

import io.streamscope.connectors.PartitionedLog;
import io.streamscope.data.Row;
import io.streamscope.runtime.EngineConfig;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;

/**
 * The changelogs the SQL jobs emit, against Flink's documented rules: a group's first row is {@code +I}; an update
 * is {@code -U} with the previous row then {@code +U} with the new one; an unchanged result emits nothing; a
 * retraction that empties a group emits {@code -D} (Flink's {@code GroupAggFunction}); a sink that upserts by the
 * key gets no {@code -U}; window aggregates and batch queries only insert. The expected rows are worked out by hand
 * from those rules in each test's comment.
 */
class ChangelogTest {
    /** A one-partition topic "t" of rows {k, v}, one record per ms. */
    static MaterializedTableSession session(Object... keysAndValues) {
        PartitionedLog log = new PartitionedLog("t", 1, true);
        for (int i = 0; i < keysAndValues.length; i += 2) {
            log.append(0, null, Row.of("k", keysAndValues[i], "v", keysAndValues[i + 1]), i, i);
        }
        return new MaterializedTableSession(Map.of("t", log), EngineConfig.defaults());
    }

    static StatementResult.Rows query(MaterializedTableSession s, String sql) throws SqlException {
        List<StatementResult> rs = s.execute(sql);
        return (StatementResult.Rows) rs.get(rs.size() - 1);
    }

    static List<String> ops(StatementResult.Rows r) {
        List<String> out = new ArrayList<>();
        for (Row row : r.changelog()) {
            out.add(row.toString());
        }
        return out;
    }

    @Test
    void anUpdateIsARetractionOfThePreviousRowThenTheNewRow() throws Exception {
        MaterializedTableSession s = session("a", 5L, "a", 3L, "a", 7L);
        s.advanceTo(10);
        // SUM: 5 -> +I(a,5); 3 -> -U(a,5) +U(a,8); 7 -> -U(a,8) +U(a,15)
        assertThat(ops(query(s, "SELECT k, SUM(v) AS total FROM t GROUP BY k"))).containsExactly(
                "{\"op\":\"+I\",\"k\":\"a\",\"total\":5}", "{\"op\":\"-U\",\"k\":\"a\",\"total\":5}",
                "{\"op\":\"+U\",\"k\":\"a\",\"total\":8}", "{\"op\":\"-U\",\"k\":\"a\",\"total\":8}",
                "{\"op\":\"+U\",\"k\":\"a\",\"total\":15}");
    }

    @Test
    void aResultThatDoesNotChangeEmitsNothing() throws Exception {
        MaterializedTableSession s = session("a", 5L, "a", 3L, "a", 5L, "a", 9L);
        s.advanceTo(10);
        // MAX: 5 -> +I(a,5); 3 and 5 leave the maximum at 5: nothing; 9 -> -U(a,5) +U(a,9)
        assertThat(ops(query(s, "SELECT k, MAX(v) AS m FROM t GROUP BY k"))).containsExactly(
                "{\"op\":\"+I\",\"k\":\"a\",\"m\":5}", "{\"op\":\"-U\",\"k\":\"a\",\"m\":5}",
                "{\"op\":\"+U\",\"k\":\"a\",\"m\":9}");
    }

    @Test
    void anAggregationOverAnUpdatingInputDeletesTheGroupsItEmpties() throws Exception {
        MaterializedTableSession s = session("a", 1L, "b", 1L, "a", 1L, "b", 1L);
        s.advanceTo(10);
        // inner (per k, COUNT): +I(a,1) +I(b,1) -U(a,1) +U(a,2) -U(b,1) +U(b,2)
        // outer (per cnt, COUNT): +I(a,1) -> +I(1,1); +I(b,1) -> -U(1,1) +U(1,2); -U(a,1) -> -U(1,2) +U(1,1);
        //   +U(a,2) -> +I(2,1); -U(b,1) empties cnt=1 -> -D(1,1); +U(b,2) -> -U(2,1) +U(2,2)
        StatementResult.Rows r = query(s, "SELECT cnt, COUNT(*) AS keys FROM (SELECT k, COUNT(*) AS cnt FROM t"
                + " GROUP BY k) GROUP BY cnt");
        assertThat(ops(r)).containsExactly(
                "{\"op\":\"+I\",\"cnt\":1,\"keys\":1}",
                "{\"op\":\"-U\",\"cnt\":1,\"keys\":1}", "{\"op\":\"+U\",\"cnt\":1,\"keys\":2}",
                "{\"op\":\"-U\",\"cnt\":1,\"keys\":2}", "{\"op\":\"+U\",\"cnt\":1,\"keys\":1}",
                "{\"op\":\"+I\",\"cnt\":2,\"keys\":1}",
                "{\"op\":\"-D\",\"cnt\":1,\"keys\":1}",
                "{\"op\":\"-U\",\"cnt\":2,\"keys\":1}", "{\"op\":\"+U\",\"cnt\":2,\"keys\":2}");
        assertThat(r.rows()).containsExactly(Row.of("cnt", 2L, "keys", 2L));
    }

    @Test
    void aMaterializedTableAppliesRetractionsAndDeletes() throws Exception {
        MaterializedTableSession s = session("a", 1L, "b", 1L, "a", 1L, "b", 1L, "c", 1L);
        s.execute("CREATE MATERIALIZED TABLE histogram FRESHNESS = INTERVAL '1' SECOND AS SELECT cnt, COUNT(*) AS"
                + " keys FROM (SELECT k, COUNT(*) AS cnt FROM t GROUP BY k) GROUP BY cnt");
        s.runToEnd();
        MaterializedTable h = s.table("histogram");
        // a and b were counted twice, c once: two keys with count 2, one with count 1
        assertThat(h.values()).containsExactly(Row.of("cnt", 1L, "keys", 1L), Row.of("cnt", 2L, "keys", 2L));
        assertThat(h.changelog()).extracting(MaterializedTable.Change::kind).contains(RowKind.DELETE,
                RowKind.UPDATE_BEFORE, RowKind.UPDATE_AFTER, RowKind.INSERT);
    }

    @Test
    void retractingMinAndCountDistinctFollowTheirInput() throws Exception {
        MaterializedTableSession s = session("a", 1L, "a", 1L, "b", 1L);
        s.advanceTo(10);
        // inner: +I(a,1) -U(a,1) +U(a,2) +I(b,1)
        // global MIN(cnt): +I(a,1) -> +I(1); -U(a,1) empties the group -> -D(1); +U(a,2) -> +I(2);
        //   +I(b,1) -> -U(2) +U(1)
        assertThat(ops(query(s, "SELECT MIN(cnt) AS m FROM (SELECT k, COUNT(*) AS cnt FROM t GROUP BY k)")))
                .containsExactly("{\"op\":\"+I\",\"m\":1}", "{\"op\":\"-D\",\"m\":1}", "{\"op\":\"+I\",\"m\":2}",
                        "{\"op\":\"-U\",\"m\":2}", "{\"op\":\"+U\",\"m\":1}");
        // global COUNT(DISTINCT cnt): +I(a,1) -> +I(1); -U(a,1) -> -D(1); +U(a,2) -> +I(1); +I(b,1) -> {2,1}:
        //   -U(1) +U(2)
        assertThat(ops(query(s, "SELECT COUNT(DISTINCT cnt) AS d FROM (SELECT k, COUNT(*) AS cnt FROM t GROUP BY k)")))
                .containsExactly("{\"op\":\"+I\",\"d\":1}", "{\"op\":\"-D\",\"d\":1}", "{\"op\":\"+I\",\"d\":1}",
                        "{\"op\":\"-U\",\"d\":1}", "{\"op\":\"+U\",\"d\":2}");
    }

    @Test
    void havingFiltersEachChangelogRowSoAnUpdateCanBecomeARemoval() throws Exception {
        MaterializedTableSession s = session("a", 1L, "a", 1L, "b", 1L);
        s.execute("CREATE MATERIALIZED TABLE once FRESHNESS = INTERVAL '1' SECOND AS SELECT k, COUNT(*) AS n FROM t"
                + " GROUP BY k HAVING COUNT(*) < 2");
        s.runToEnd();
        // a: +I(a,1) passes; -U(a,1) passes, +U(a,2) does not: a leaves the table. b: +I(b,1).
        assertThat(s.table("once").changelog()).extracting(c -> c.kind().shortString() + c.row()).containsExactly(
                "+I{\"k\":\"a\",\"n\":1}", "-U{\"k\":\"a\",\"n\":1}", "+I{\"k\":\"b\",\"n\":1}");
        assertThat(s.table("once").values()).containsExactly(Row.of("k", "b", "n", 1L));
    }

    @Test
    void aPrimaryKeyOnTheGroupKeyMakesTheSinkTakeUpsertsWithoutUpdateBefore() throws Exception {
        MaterializedTableSession s = session("a", 1L, "a", 1L, "b", 1L);
        s.execute("CREATE MATERIALIZED TABLE counts (PRIMARY KEY (k) NOT ENFORCED) FRESHNESS = INTERVAL '1' SECOND"
                + " AS SELECT k, COUNT(*) AS n FROM t GROUP BY k");
        s.runToEnd();
        assertThat(s.table("counts").changelog()).extracting(c -> c.kind().shortString() + c.row()).containsExactly(
                "+I{\"k\":\"a\",\"n\":1}", "+U{\"k\":\"a\",\"n\":2}", "+I{\"k\":\"b\",\"n\":1}");
        assertThat(s.table("counts").values()).containsExactly(Row.of("k", "a", "n", 2L), Row.of("k", "b", "n", 1L));
    }

    @Test
    void avgOfWholeNumbersKeepsTheirTypeAndTruncatesTowardZero() throws Exception {
        MaterializedTableSession s = session("a", 1L, "a", 2L, "b", -1L, "b", -2L, "c", 4L);
        s.execute("CREATE TABLE ints (k STRING, v INT) WITH ('connector' = 'kafka', 'topic' = 't');"
                + "CREATE TABLE doubles (k STRING, v DOUBLE) WITH ('connector' = 'kafka', 'topic' = 't')");
        s.advanceTo(10);
        s.execute("SET 'execution.runtime-mode' = 'batch'");
        // Flink's IntAvgAggFunction: CAST(sum / count AS INT); 3/2 = 1, -3/2 = -1 (toward zero), 4/1 = 4
        StatementResult.Rows ints = query(s, "SELECT k, AVG(v) AS a, SUM(v) AS s FROM ints GROUP BY k");
        assertThat(ints.columns()).containsExactly(new Column("k", SqlType.STRING), new Column("a", SqlType.INT),
                new Column("s", SqlType.INT));
        assertThat(ints.rows()).containsExactly(Row.of("k", "a", "a", 1L, "s", 3L), Row.of("k", "b", "a", -1L, "s",
                -3L), Row.of("k", "c", "a", 4L, "s", 4L));
        StatementResult.Rows doubles = query(s, "SELECT k, AVG(v) AS a FROM doubles GROUP BY k");
        assertThat(doubles.columns().get(1).type()).isEqualTo(SqlType.DOUBLE);
        assertThat(doubles.rows()).containsExactly(Row.of("k", "a", "a", 1.5), Row.of("k", "b", "a", -1.5),
                Row.of("k", "c", "a", 4.0));
    }

    @Test
    void nullsAreSkippedByAggregatesAndFailComparisons() throws Exception {
        MaterializedTableSession s = session("a", null, "a", 2L, "b", null);
        s.advanceTo(10);
        s.execute("SET 'execution.runtime-mode' = 'batch'");
        // COUNT(*) counts rows, COUNT(v) non-NULL values; SUM of only NULLs is NULL
        assertThat(query(s, "SELECT k, COUNT(*) AS r, COUNT(v) AS c, SUM(v) AS s FROM t GROUP BY k").rows())
                .containsExactly(Row.of("k", "a", "r", 2L, "c", 1L, "s", 2L), Row.of("k", "b", "r", 1L, "c", 0L,
                        "s", null));
        // v <> 2 is NULL for a NULL v: the row is dropped, as WHERE keeps only TRUE
        assertThat(query(s, "SELECT k FROM t WHERE v <> 2 OR v IS NULL AND k = 'b'").rows())
                .containsExactly(Row.of("k", "b"));
    }

    @Test
    void batchQueriesEmitFinalRowsOnly() throws Exception {
        MaterializedTableSession s = session("a", 5L, "a", 3L, "b", 1L);
        s.advanceTo(10);
        s.execute("SET 'execution.runtime-mode' = 'batch'");
        StatementResult.Rows r = query(s, "SELECT k, SUM(v) AS total FROM t GROUP BY k");
        assertThat(ops(r)).containsExactlyInAnyOrder("{\"op\":\"+I\",\"k\":\"a\",\"total\":8}",
                "{\"op\":\"+I\",\"k\":\"b\",\"total\":1}");
    }

    @Test
    void windowedAggregatesAppendOneRowPerWindowAndKey() throws Exception {
        List<Events.Event> events = Events.random(11, 120, 3, 2, 1_000);
        MaterializedTableSession s = new MaterializedTableSession(
                Events.topics(Events.topic("events", 2, events)), EngineConfig.defaults());
        s.execute("CREATE TABLE ev (user_id BIGINT, v INT, event_time TIMESTAMP(3),"
                + " WATERMARK FOR event_time AS event_time - INTERVAL '5' SECOND)"
                + " WITH ('connector' = 'kafka', 'topic' = 'events')");
        s.execute("CREATE MATERIALIZED TABLE per_minute FRESHNESS = INTERVAL '10' SECOND AS SELECT user_id,"
                + " window_start, window_end, COUNT(*) AS n, SUM(v) AS total FROM TABLE(TUMBLE(TABLE ev,"
                + " DESCRIPTOR(event_time), INTERVAL '1' MINUTE)) GROUP BY user_id, window_start, window_end;"
                + "CREATE MATERIALIZED TABLE sliding FRESHNESS = INTERVAL '10' SECOND AS SELECT window_start,"
                + " window_end, COUNT(*) AS n FROM TABLE(HOP(TABLE ev, DESCRIPTOR(event_time), INTERVAL '30' SECOND,"
                + " INTERVAL '1' MINUTE)) GROUP BY window_start, window_end");
        s.runToEnd();
        // direct: per (user, minute) count and sum; per 30 s slide, windows [s, s + 60 s) holding each event
        Map<List<Long>, long[]> tumbling = new TreeMap<>((x, y) -> {
            int c = Long.compare(x.get(0), y.get(0));
            return c != 0 ? c : Long.compare(x.get(1), y.get(1));
        });
        Map<Long, Long> hopping = new TreeMap<>();
        for (Events.Event e : events) {
            long start = e.eventTime() - Math.floorMod(e.eventTime(), 60_000);
            long[] a = tumbling.computeIfAbsent(List.of(e.user(), start), x -> new long[2]);
            a[0]++;
            a[1] += e.value();
            long last = e.eventTime() - Math.floorMod(e.eventTime(), 30_000);
            for (long w = last; w > e.eventTime() - 60_000; w -= 30_000) {
                hopping.merge(w, 1L, Long::sum);
            }
        }
        List<Row> expected = new ArrayList<>();
        tumbling.forEach((k, a) -> expected.add(Row.of("user_id", k.get(0), "window_start", k.get(1), "window_end",
                k.get(1) + 60_000, "n", a[0], "total", a[1])));
        assertThat(s.table("per_minute").values()).containsExactlyElementsOf(expected);
        assertThat(s.table("per_minute").changelog()).allMatch(c -> c.kind() == RowKind.INSERT);
        List<Row> expectedHop = new ArrayList<>();
        hopping.forEach((w, n) -> expectedHop.add(Row.of("window_start", w, "window_end", w + 60_000, "n", n)));
        assertThat(s.table("sliding").values()).containsExactlyElementsOf(expectedHop);
    }
}
