package io.streamscope.sql;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.streamscope.connectors.SinkTable;
import io.streamscope.data.Row;
import io.streamscope.graph.JobGraph;
import io.streamscope.graph.JobVertex;
import io.streamscope.scenario.LoadedScenario;
import io.streamscope.scenario.ScenarioException;
import io.streamscope.scenario.ScenarioLoader;
import io.streamscope.sim.Simulation;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The "sql" field of scenario files: the refresh job becomes the scenario's job; mistakes point into the SQL. */
class ScenarioSqlTest {
    static final String TOPIC = "\"topics\": [{\"name\": \"events\", \"records\": ["
            + "{\"at\": 0, \"timestamp\": 1000, \"value\": {\"user_id\": 1, \"v\": 5}},"
            + "{\"at\": 10, \"timestamp\": 2000, \"value\": {\"user_id\": 2, \"v\": 7}},"
            + "{\"at\": 20, \"timestamp\": 3000, \"value\": {\"user_id\": 1, \"v\": 1}}]}]";

    static LoadedScenario load(String sqlField) throws ScenarioException {
        return ScenarioLoader.load("test.json", "{\"name\": \"t\", " + TOPIC + ", \"sql\": " + sqlField + "}");
    }

    static String problem(String sqlField) {
        try {
            load(sqlField);
        } catch (ScenarioException e) {
            return e.jsonPath() + ": " + e.problem();
        }
        throw new AssertionError("no error");
    }

    /** The table a changelog sink's committed rows make: per key, the last row a +I or +U left and no -U/-D took back. */
    static List<Row> applied(SinkTable sink, String key) {
        java.util.Map<Object, Row> t = new java.util.TreeMap<>();
        for (SinkTable.Row r : sink.committedRows()) {
            Row row = (Row) r.value();
            String op = (String) row.get("op");
            List<String> fields = new ArrayList<>(row.fieldNames());
            fields.remove("op");
            if (op.equals("+I") || op.equals("+U")) {
                t.put(row.get(key), row.select(fields));
            } else {
                t.remove(row.get(key));
            }
        }
        return new ArrayList<>(t.values());
    }

    @Test
    void theF1LessonScenarioRunsItsSqlFileAsTheJob() throws Exception {
        LoadedScenario sc = ScenarioLoader.load(Path.of("..", "lessons", "f1-materialized-tables", "scenario.json"));
        assertThat(sc.topics()).containsOnlyKeys("events");
        assertThat(sc.sql()).hasSize(1);
        JobGraph g = sc.env().getJobGraph();
        assertThat(g.vertices()).extracting(JobVertex::name).containsExactly("kafka_events", "Calc", "GroupAggregate",
                "user_metrics");
        // no "checkpointing" in the file: the job checkpoints every freshness interval, 3 minutes by default
        assertThat(sc.env().getCheckpointConfig().intervalMillis()).isEqualTo(180_000);
        Simulation sim = sc.start(null, true);
        sc.run(sim);
        assertThat(sim.isFinished()).isTrue();
        // the file's six events: user 1 at 10:00, 10:01:30, 10:01:10, 10:04:10; user 2 at 10:00:40, 10:03:20
        assertThat(applied(sim.sink("user_metrics"), "user_id")).containsExactly(
                Row.of("user_id", 1L, "event_count", 4L, "last_seen", 36_250_000L),
                Row.of("user_id", 2L, "event_count", 2L, "last_seen", 36_200_000L));
    }

    @Test
    void statementsCanBeGivenInline() throws Exception {
        LoadedScenario sc = load("[\"SET 'parallelism.default' = '2'\", \"CREATE MATERIALIZED TABLE totals FRESHNESS ="
                + " INTERVAL '1' SECOND AS SELECT user_id, SUM(v) AS total FROM events GROUP BY user_id\"]");
        assertThat(sc.env().getCheckpointConfig().intervalMillis()).isEqualTo(1_000);
        assertThat(sc.env().getJobGraph().vertices()).allMatch(v -> v.parallelism() == 2);
        Simulation sim = sc.start(null, false);
        sc.run(sim);
        assertThat(applied(sim.sink("totals"), "user_id")).containsExactly(Row.of("user_id", 1L, "total", 6L),
                Row.of("user_id", 2L, "total", 7L));
    }

    @Test
    void mistakesNameTheStatementAndThePlaceInIt() {
        String unknown = "CREATE MATERIALIZED TABLE t AS SELECT user_id, SUM(w) FROM events GROUP BY user_id";
        assertThat(problem("[\"" + unknown + "\"]")).isEqualTo("$.sql[0]: line 1, column "
                + (unknown.indexOf("w)") + 1) + ": Column 'w' not found in table events (did"
                + " you mean v?); its columns are: user_id, v, timestamp");
        assertThat(problem("[\"SET 'parallelism.default' = '1'\", \"SELECT * FROM events\"]"))
                .startsWith("$.sql[1]: line 1, column 1: a scenario's \"sql\" declares tables and materialized tables");
        assertThat(problem("[\"CREATE MATERIALIZED TABLE t FRESHNESS = INTERVAL '1' HOUR AS SELECT user_id FROM"
                + " events\"]")).startsWith("$.sql[0]: line 1, column 1: a FULL refresh runs a batch job every"
                + " freshness interval, but a scenario runs one streaming job");
        assertThat(problem("[\"CREATE MATERIALIZED TABLE a FRESHNESS = INTERVAL '1' SECOND AS SELECT user_id FROM"
                + " events\", \"CREATE MATERIALIZED TABLE b FRESHNESS = INTERVAL '2' SECOND AS SELECT v FROM events\"]"))
                .startsWith("$.sql[1]: line 1, column 1: a scenario runs one job with one checkpoint interval, but a"
                        + " checkpoints every 1s and b every 2s");
        assertThat(problem("[\"CREATE TABLE x (user_id BIGINT) WITH ('connector' = 'kafka', 'topic' = 'events')\"]"))
                .startsWith("$.sql[0]: line 1, column 1: the statements create no materialized table and the scenario"
                        + " has no \"job\"");
        assertThat(problem("\"missing.sql\"")).startsWith("$.sql: cannot read the SQL file \"missing.sql\"");
        assertThat(problem("[]")).startsWith("$.sql: expected at least one statement");
    }

    @Test
    void aScenarioWithoutSqlStillNeedsAJob() {
        assertThatThrownBy(() -> ScenarioLoader.load("test.json", "{\"name\": \"t\", " + TOPIC + "}"))
                .isInstanceOf(ScenarioException.class).hasMessageContaining("missing required field \"job\"");
    }
}
