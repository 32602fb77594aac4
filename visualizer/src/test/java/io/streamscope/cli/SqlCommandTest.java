package io.streamscope.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code streamscope sql}: statements against a scenario written here, and the shipped F1 lesson. */
class SqlCommandTest {
    @TempDir
    Path dir;

    /** Three events of two users on one partition, at 0, 10 and 20 s. */
    private Path scenario() {
        return Cli.write(dir, "s.json", """
                {
                  "name": "sql test",
                  "topics": [ { "name": "events", "records": [
                    { "at": "0s",  "timestamp": 1000, "value": { "user_id": 1, "v": 5 } },
                    { "at": "10s", "timestamp": 2000, "value": { "user_id": 2, "v": 7 } },
                    { "at": "20s", "timestamp": 3000, "value": { "user_id": 1, "v": 1 } }
                  ] } ],
                  "job": { "operators": [
                    { "id": "src", "type": "source", "topic": "events", "watermarks": "none" },
                    { "id": "out", "type": "sink", "input": "src" }
                  ] }
                }""");
    }

    @Test
    void runsStatementsAndPrintsEachMaterializedTableWithItsChangelog() {
        Cli.Result r = Cli.run("sql", scenario().toString(), "-e", "CREATE MATERIALIZED TABLE totals FRESHNESS ="
                + " INTERVAL '15' SECOND AS SELECT user_id, SUM(v) AS total FROM events GROUP BY user_id");
        assertThat(r.err()).isEmpty();
        assertThat(r.code()).isZero();
        assertThat(r.out()).contains("materialized table totals created: [user_id BIGINT, total BIGINT]",
                "refresh mode CONTINUOUS (derived: freshness 15s < materialized-table.refresh-mode.freshness-threshold"
                        + " 30min), freshness INTERVAL '15' SECOND");
        // checkpoints at 15 s and 30 s: user 1's +I and user 2's +I show at 15 s, user 1's update at 30 s
        assertThat(r.outLines()).containsSubsequence(
                "changelog, as committed (4 rows):",
                "  written  visible  op  user_id  total",
                "  -------  -------  --  -------  -----",
                "        1    15004  +I        1      5",
                "    10001    15004  +I        2      7",
                "    20001    30004  -U        1      5",
                "    20001    30004  +U        1      6",
                "table (2 rows):");
    }

    @Test
    void queriesRunAtTheSessionsTimeAndAdvanceMovesIt() {
        Cli.Result r = Cli.run("sql", scenario().toString(), "-e", "SELECT user_id, COUNT(*) AS n FROM events GROUP BY"
                + " user_id; ADVANCE TO '20s'; SELECT user_id, COUNT(*) AS n FROM events GROUP BY user_id");
        assertThat(r.code()).isZero();
        assertThat(r.out()).contains("streaming query over the records visible at 0 ms");
        // at 20 s all three events are visible: +I(1,1) +I(2,1), then user 1's second event -U(1,1) +U(1,2)
        assertThat(r.out()).contains("streaming query over the records visible at 20000 ms");
        assertThat(r.outLines()).containsSubsequence("the session is at 20000 ms", "changelog (4 rows):",
                "  +I        1  1", "  +I        2  1", "  -U        1  1", "  +U        1  2", "result (2 rows):",
                "  user_id  n", "        1  2", "        2  1");
    }

    @Test
    void theRefreshJobsLogWritesEventTimeAsClockTimesUnlessEpochMs() {
        // the events' timestamps moved into the day: 36001000 ms = 10:00:01
        Path s = Cli.write(dir, "day.json", """
                {
                  "name": "sql day",
                  "topics": [ { "name": "events", "records": [
                    { "at": "0s", "timestamp": 36001000, "value": { "user_id": 1, "v": 5 } }
                  ] } ],
                  "job": { "operators": [
                    { "id": "src", "type": "source", "topic": "events", "watermarks": "none" },
                    { "id": "out", "type": "sink", "input": "src" }
                  ] }
                }""");
        String create = "CREATE MATERIALIZED TABLE totals FRESHNESS = INTERVAL '15' SECOND AS SELECT user_id,"
                + " SUM(v) AS total FROM events GROUP BY user_id";
        Cli.Result r = Cli.run("sql", s.toString(), "-e", create, "--log");
        assertThat(r.code()).as(r.err()).isZero();
        assertThat(r.out()).contains("\"timestamp\":36001000} (timestamp 10:00:01)");
        Cli.Result raw = Cli.run("sql", s.toString(), "-e", create, "--log", "--epoch-ms");
        assertThat(raw.code()).as(raw.err()).isZero();
        assertThat(raw.out()).contains("\"timestamp\":36001000} (timestamp 36001000)").doesNotContain("10:00:01");
    }

    @Test
    void aSqlMistakeNamesTheFileLineAndColumn() {
        Path sql = Cli.write(dir, "bad.sql", "SELECT user_id", "FROM evnts;");
        Cli.Result r = Cli.run("sql", scenario().toString(), sql.toString());
        assertThat(r.code()).isEqualTo(Main.USAGE);
        assertThat(r.err()).startsWith("error: " + sql + ":2:6: Object 'evnts' not found (did you mean events?)");
        assertThat(r.err()).contains("  FROM evnts;\n       ^");
    }

    @Test
    void theF1LessonRunsAsWritten() {
        Path lesson = Path.of("..", "lessons", "f1-materialized-tables", "scenario.json");
        Cli.Result r = Cli.run("sql", lesson.toString(), "-e", "ADVANCE TO END; SELECT * FROM user_metrics");
        assertThat(r.err()).isEmpty();
        assertThat(r.code()).isZero();
        assertThat(r.out()).contains("FRESHNESS is optional since Flink 2.2");
        assertThat(r.outLines()).containsSubsequence("> SELECT * FROM user_metrics",
                "  user_id  event_count  last_seen",
                "        1            4  1970-01-01 10:04:10.000",
                "        2            2  1970-01-01 10:03:20.000");
    }

    @Test
    void argumentMistakesAreUsageErrors() {
        assertThat(Cli.run("sql").code()).isEqualTo(Main.USAGE);
        Cli.Result both = Cli.run("sql", scenario().toString(), "x.sql", "-e", "SELECT 1 FROM events");
        assertThat(both.code()).isEqualTo(Main.USAGE);
        assertThat(both.err()).startsWith("error: sql takes a scenario file and either a FILE.sql or -e");
        assertThat(Cli.run("sql", scenario().toString(), "missing.sql").err()).isEqualTo("error: missing.sql: no such"
                + " file\n");
    }
}
