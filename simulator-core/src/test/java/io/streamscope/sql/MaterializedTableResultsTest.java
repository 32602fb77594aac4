package io.streamscope.sql;

import static org.assertj.core.api.Assertions.assertThat;

import io.streamscope.checkpoint.CheckpointStats;
import io.streamscope.data.Row;
import io.streamscope.failover.Fault;
import io.streamscope.runtime.EngineConfig;
import io.streamscope.sim.Simulation;
import io.streamscope.trace.TraceEvent;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Materialized tables against a direct computation over the same input, in both refresh modes, at points in time
 * and after failures. The expected tables come from {@link Events#perUser}, a plain loop over the events; which
 * events a table may reflect at a time comes from the documented rules: in CONTINUOUS mode the changes of the
 * events appended before a checkpoint's trigger become visible when it completes (a source takes its due trigger
 * before the input of the same instant), in FULL mode a refresh scheduled at t reads the events appended up to t.
 */
class MaterializedTableResultsTest {
    static final String F1_TABLE = "CREATE TABLE kafka_events (user_id BIGINT, v INT, event_time TIMESTAMP(3))"
            + " WITH ('connector' = 'kafka', 'topic' = 'events')";

    /** The F1 statement exactly as the seed writes it. */
    static String seedF1() throws Exception {
        String seed = Files.readString(Path.of("..", "question-bank", "seed", "flink-mock-interview.md"));
        int f1 = seed.indexOf("**Question F1:**");
        int start = seed.indexOf("```sql\n", f1) + "```sql\n".length();
        return seed.substring(start, seed.indexOf("```", start));
    }

    static MaterializedTableSession session(List<Events.Event> events, int partitions) throws SqlException {
        MaterializedTableSession s = new MaterializedTableSession(
                Events.topics(Events.topic("events", partitions, events)), EngineConfig.defaults());
        s.execute(F1_TABLE);
        return s;
    }

    @Test
    void theSeedsF1ExampleRunsAsWrittenWithTheDefaultFreshnessOfFlink22() throws Exception {
        List<Events.Event> events = Events.random(1, 60, 5, 2, 7_000);
        MaterializedTableSession s = session(events, 2);
        StatementResult r = s.execute(seedF1()).get(0);
        MaterializedTable t = ((StatementResult.Ok) r).table();
        // no FRESHNESS: materialized-table.default-freshness.continuous, 3 minutes, below the 30-minute threshold
        assertThat(t.freshness()).isEqualTo(new MaterializedTable.Freshness(3, io.streamscope.sql.Ast.TimeUnit.MINUTE));
        assertThat(t.freshnessDefaulted()).isTrue();
        assertThat(t.refreshMode()).isEqualTo(MaterializedTable.RefreshMode.CONTINUOUS);
        assertThat(t.columns()).containsExactly(new Column("user_id", SqlType.BIGINT),
                new Column("event_count", SqlType.BIGINT), new Column("last_seen", SqlType.TIMESTAMP));
        s.runToEnd();
        assertThat(t.values()).containsExactlyElementsOf(Events.userMetrics(events, e -> true));
        // the refresh job checkpoints every freshness interval: its triggers are at 3, 6, ... minutes
        List<CheckpointStats> history = s.refreshJob("user_metrics").checkpointHistory();
        assertThat(history).isNotEmpty();
        for (int i = 0; i < history.size(); i++) {
            assertThat(history.get(i).triggerTime()).isEqualTo(180_000L * (i + 1));
        }
    }

    @Test
    void aContinuousTableShowsWhatTheLastCompletedCheckpointCovers() throws Exception {
        // 200 events over 1000 s, 4 users, 3 partitions, parallelism 2; freshness 1 minute
        List<Events.Event> events = Events.random(2, 200, 4, 3, 5_000);
        MaterializedTableSession s = session(events, 3);
        s.execute("SET 'parallelism.default' = '2'");
        s.execute("CREATE MATERIALIZED TABLE user_metrics FRESHNESS = INTERVAL '1' MINUTE AS SELECT user_id,"
                + " COUNT(*) AS event_count, MAX(event_time) AS last_seen FROM kafka_events GROUP BY user_id");
        MaterializedTable t = s.table("user_metrics");
        s.advanceTo(59_000);
        assertThat(t.values()).as("nothing is committed before the first checkpoint").isEmpty();
        for (int k = 1; k <= 16; k++) {
            long trigger = 60_000L * k;
            s.advanceTo(trigger + 1_000);
            assertThat(t.values()).as("at " + s.now() + " ms").containsExactlyElementsOf(
                    Events.userMetrics(events, e -> e.at() < trigger));
            for (MaterializedTable.TableRow row : t.rows(s.now())) {
                // every visible row was committed by the checkpoint that completed just after its trigger
                assertThat(row.committedAt()).isLessThanOrEqualTo(trigger + 1_000);
                assertThat(row.staleness()).isEqualTo(s.now() - row.committedAt());
            }
        }
        s.runToEnd();
        assertThat(t.values()).containsExactlyElementsOf(Events.userMetrics(events, e -> true));
    }

    @Test
    void aFullTableIsOverwrittenByABatchJobEveryFreshnessInterval() throws Exception {
        List<Events.Event> events = Events.random(3, 120, 4, 2, 4_000);
        MaterializedTableSession s = session(events, 2);
        StatementResult r = s.execute("CREATE MATERIALIZED TABLE user_metrics FRESHNESS = INTERVAL '1' MINUTE"
                + " REFRESH_MODE = FULL AS SELECT user_id, COUNT(*) AS event_count, MAX(event_time) AS last_seen"
                + " FROM kafka_events GROUP BY user_id").get(0);
        MaterializedTable t = ((StatementResult.Ok) r).table();
        assertThat(t.refreshMode()).isEqualTo(MaterializedTable.RefreshMode.FULL);
        s.advanceTo(59_999);
        assertThat(t.values()).as("the first refresh is scheduled at 1 minute").isEmpty();
        for (int k = 1; k <= 8; k++) {
            long scheduled = 60_000L * k;
            s.advanceTo(scheduled + 30_000);
            assertThat(t.values()).as("at " + s.now() + " ms").containsExactlyElementsOf(
                    Events.userMetrics(events, e -> e.at() <= scheduled));
            MaterializedTable.Refresh last = t.refreshes().get(t.refreshes().size() - 1);
            assertThat(last.scheduledAt()).isEqualTo(scheduled);
            // the whole table is rewritten: every row carries the refresh's commit time
            assertThat(t.rows(s.now())).allMatch(row -> row.committedAt() == last.committedAt());
        }
        s.runToEnd();
        assertThat(t.values()).containsExactlyElementsOf(Events.userMetrics(events, e -> true));
        // a batch job emits final rows only: the refresh's changes are inserts
        assertThat(t.changelog()).allMatch(c -> c.kind() == RowKind.INSERT);
    }

    @Test
    void theRefreshModeFollowsFlinksThresholdRule() throws Exception {
        MaterializedTableSession s = session(Events.random(4, 10, 2, 1, 1_000), 1);
        String q = " AS SELECT user_id, COUNT(*) AS n FROM kafka_events GROUP BY user_id";
        s.execute("SET 'materialized-table.refresh-mode.freshness-threshold' = '1 min'");
        // below the threshold: CONTINUOUS; equal to it or above: FULL (Flink compares freshness < threshold)
        assertThat(((StatementResult.Ok) s.execute("CREATE MATERIALIZED TABLE a FRESHNESS = INTERVAL '59' SECOND"
                + q).get(0)).table().refreshMode()).isEqualTo(MaterializedTable.RefreshMode.CONTINUOUS);
        assertThat(((StatementResult.Ok) s.execute("CREATE MATERIALIZED TABLE b FRESHNESS = INTERVAL '1' MINUTE"
                + q).get(0)).table().refreshMode()).isEqualTo(MaterializedTable.RefreshMode.FULL);
        // an explicit mode wins over the rule
        assertThat(((StatementResult.Ok) s.execute("CREATE MATERIALIZED TABLE c FRESHNESS = INTERVAL '1' HOUR"
                + " REFRESH_MODE = CONTINUOUS" + q).get(0)).table().refreshMode())
                .isEqualTo(MaterializedTable.RefreshMode.CONTINUOUS);
        // without FRESHNESS, FULL takes materialized-table.default-freshness.full (1 hour)
        MaterializedTable d = ((StatementResult.Ok) s.execute("CREATE MATERIALIZED TABLE d REFRESH_MODE = FULL" + q)
                .get(0)).table();
        assertThat(d.freshness().millis()).isEqualTo(3_600_000);
        // FULL needs a freshness a cron expression can hold (IntervalFreshnessUtils)
        SqlException cron = org.junit.jupiter.api.Assertions.assertThrows(SqlException.class,
                () -> s.execute("CREATE MATERIALIZED TABLE e FRESHNESS = INTERVAL '5' HOUR" + q));
        assertThat(cron.problem()).isEqualTo("In full refresh mode, only freshness that are factors of 24 are"
                + " currently supported when the time unit is HOUR.");
        assertThat(cron.column()).isEqualTo(41);
    }

    @Test
    void aContinuousTableIsExactAfterAFailureAndRecovery() throws Exception {
        List<Events.Event> events = Events.random(5, 150, 5, 2, 4_000);
        MaterializedTableSession s = session(events, 2);
        s.execute("CREATE MATERIALIZED TABLE user_metrics FRESHNESS = INTERVAL '30' SECOND AS SELECT user_id,"
                + " COUNT(*) AS event_count, MAX(event_time) AS last_seen FROM kafka_events GROUP BY user_id");
        // the aggregate fails between checkpoints: the job restarts from the last one and replays the rest
        s.planFaults("user_metrics", List.of(new Fault.FailSubtask(200_003, "GroupAggregate[0]"),
                new Fault.FailSubtask(431_111, "kafka_events[0]")));
        s.runToEnd();
        Simulation job = s.refreshJob("user_metrics");
        assertThat(job.trace()).anyMatch(e -> e instanceof TraceEvent.TransactionAborted);
        // the changes written after the last checkpoint were written twice, but only committed once
        assertThat(s.table("user_metrics").values()).containsExactlyElementsOf(Events.userMetrics(events, e -> true));
    }

    @Test
    void aFailedFullRefreshLeavesTheTableAsItWasAndTheNextOneRepairsIt() throws Exception {
        List<Events.Event> events = Events.random(6, 90, 3, 1, 2_000);
        MaterializedTableSession s = session(events, 1);
        s.execute("CREATE MATERIALIZED TABLE user_metrics FRESHNESS = INTERVAL '1' MINUTE REFRESH_MODE = FULL AS"
                + " SELECT user_id, COUNT(*) AS event_count, MAX(event_time) AS last_seen FROM kafka_events"
                + " GROUP BY user_id");
        MaterializedTable t = s.table("user_metrics");
        s.advanceTo(61_000);
        // the refresh at 2 minutes fails at once: a batch job has no checkpoint to restart from
        s.planFaults("user_metrics", List.of(new Fault.FailSubtask(0, "kafka_events[0]")));
        s.advanceTo(150_000);
        assertThat(t.refreshes().get(1).failed()).isTrue();
        assertThat(t.values()).containsExactlyElementsOf(Events.userMetrics(events, e -> e.at() <= 60_000));
        s.advanceTo(181_000);
        assertThat(t.values()).containsExactlyElementsOf(Events.userMetrics(events, e -> e.at() <= 180_000));
        s.runToEnd();
        assertThat(t.values()).containsExactlyElementsOf(Events.userMetrics(events, e -> true));
    }

    @Test
    void suspendStopsWithASavepointAndResumeContinuesFromIt() throws Exception {
        List<Events.Event> events = Events.random(7, 100, 4, 2, 5_000);
        MaterializedTableSession s = session(events, 2);
        s.execute("CREATE MATERIALIZED TABLE user_metrics FRESHNESS = INTERVAL '1' MINUTE AS SELECT user_id,"
                + " COUNT(*) AS event_count, MAX(event_time) AS last_seen FROM kafka_events GROUP BY user_id");
        MaterializedTable t = s.table("user_metrics");
        s.advanceTo(130_000);
        s.execute("ALTER MATERIALIZED TABLE user_metrics SUSPEND");
        assertThat(t.status()).isEqualTo(MaterializedTable.Status.SUSPENDED);
        assertThat(s.savepoint("user_metrics").savepoint()).isTrue();
        // the savepoint, taken at 130 s, commits what came before it
        s.advanceTo(131_000);
        assertThat(t.values()).containsExactlyElementsOf(Events.userMetrics(events, e -> e.at() < 130_000));
        s.advanceTo(300_000);
        assertThat(t.values()).as("nothing changes while suspended")
                .containsExactlyElementsOf(Events.userMetrics(events, e -> e.at() < 130_000));
        s.execute("ALTER MATERIALIZED TABLE user_metrics RESUME");
        // the resumed job starts at 300 s and reads at once what was appended meanwhile
        s.advanceTo(360_000 + 1_000);
        assertThat(t.values()).containsExactlyElementsOf(Events.userMetrics(events, e -> e.at() < 360_000));
        s.runToEnd();
        assertThat(t.values()).containsExactlyElementsOf(Events.userMetrics(events, e -> true));
        assertThat(s.refreshJobStart("user_metrics")).isEqualTo(300_000);
    }

    @Test
    void aTableCreatedLaterReadsTheTopicFromTheStart() throws Exception {
        List<Events.Event> events = Events.random(8, 50, 3, 1, 3_000);
        MaterializedTableSession s = session(events, 1);
        s.advanceTo(100_000);
        s.execute("CREATE MATERIALIZED TABLE user_metrics FRESHNESS = INTERVAL '10' SECOND AS SELECT user_id,"
                + " COUNT(*) AS event_count, MAX(event_time) AS last_seen FROM kafka_events GROUP BY user_id");
        // its job's clock starts at 100 s; its first checkpoint, 10 s later, covers the backlog read at once
        s.advanceTo(111_000);
        assertThat(s.table("user_metrics").values()).containsExactlyElementsOf(
                Events.userMetrics(events, e -> e.at() < 110_000));
        s.runToEnd();
        assertThat(s.table("user_metrics").values()).containsExactlyElementsOf(Events.userMetrics(events, e -> true));
        assertThat(s.table("user_metrics").changelog()).allMatch(c -> c.writtenAt() >= 100_000);
    }

    @Test
    void aFullTableCanReadAnotherMaterializedTable() throws Exception {
        List<Events.Event> events = Events.random(9, 80, 4, 1, 3_000);
        MaterializedTableSession s = session(events, 1);
        s.execute("CREATE MATERIALIZED TABLE user_metrics FRESHNESS = INTERVAL '30' SECOND AS SELECT user_id,"
                + " COUNT(*) AS event_count, MAX(event_time) AS last_seen FROM kafka_events GROUP BY user_id;"
                + "CREATE MATERIALIZED TABLE busy FRESHNESS = INTERVAL '1' MINUTE REFRESH_MODE = FULL AS"
                + " SELECT COUNT(*) AS users, SUM(event_count) AS events FROM user_metrics WHERE event_count >= 5");
        s.advanceTo(125_000);
        // the refresh scheduled at 2 minutes reads user_metrics as visible at 2 minutes: the checkpoint triggered
        // then completes a few ms later, so what is visible is what the checkpoint at 90 s committed
        long users = Events.perUser(events, e -> e.at() < 90_000).values().stream().filter(a -> a[0] >= 5).count();
        long total = Events.perUser(events, e -> e.at() < 90_000).values().stream().filter(a -> a[0] >= 5)
                .mapToLong(a -> a[0]).sum();
        assertThat(s.table("busy").values()).containsExactly(Row.of("users", users, "events", total == 0 ? null
                : total));
    }

    @Test
    void aPartitionedFullTableOverwritesThePartitionOfEachPeriod() throws Exception {
        // records of two days, each with its day as a string partition column; two records per day, the second
        // day's first record already visible during the first day
        io.streamscope.connectors.PartitionedLog log = new io.streamscope.connectors.PartitionedLog("sales", 1, true);
        long day = 86_400_000;
        log.append(0, null, Row.of("ds", "1970-01-01", "amount", 5L), 0, 1_000);
        log.append(0, null, Row.of("ds", "1970-01-02", "amount", 7L), day, 2_000);
        log.append(0, null, Row.of("ds", "1970-01-01", "amount", 1L), 0, day - 1_000);
        log.append(0, null, Row.of("ds", "1970-01-02", "amount", 2L), day, day + 1_000);
        MaterializedTableSession s = new MaterializedTableSession(Events.topics(log),
                io.streamscope.runtime.EngineConfig.defaults());
        s.execute("CREATE MATERIALIZED TABLE daily PARTITIONED BY (ds) WITH ('partition.fields.ds.date-formatter' ="
                + " 'yyyy-MM-dd') FRESHNESS = INTERVAL '1' DAY AS SELECT ds, SUM(amount) AS total FROM sales GROUP"
                + " BY ds");
        MaterializedTable t = s.table("daily");
        s.advanceTo(day + 60_000);
        // the refresh scheduled at the end of day 1 overwrites only partition 1970-01-01 (scheduled time minus the
        // freshness, formatted), although its query also saw a row of day 2
        assertThat(t.refreshes().get(0).partition()).containsEntry("ds", "1970-01-01");
        assertThat(t.values()).containsExactly(Row.of("ds", "1970-01-01", "total", 6L));
        s.advanceTo(2 * day + 60_000);
        assertThat(t.values()).containsExactly(Row.of("ds", "1970-01-01", "total", 6L),
                Row.of("ds", "1970-01-02", "total", 9L));
        // a manual refresh of one partition overwrites just that one
        s.execute("ALTER MATERIALIZED TABLE daily REFRESH PARTITION (ds = '1970-01-02')");
        s.advanceBy(60_000);
        assertThat(t.refreshes().get(t.refreshes().size() - 1).manual()).isTrue();
        assertThat(t.values()).containsExactly(Row.of("ds", "1970-01-01", "total", 6L),
                Row.of("ds", "1970-01-02", "total", 9L));
    }
}
