package io.streamscope.sql;

import io.streamscope.api.DataStream;
import io.streamscope.api.StreamExecutionEnvironment;
import io.streamscope.checkpoint.CheckpointConfig;
import io.streamscope.checkpoint.CompletedCheckpoint;
import io.streamscope.connectors.CollectingSink;
import io.streamscope.connectors.DeliveryGuarantee;
import io.streamscope.connectors.LogRecord;
import io.streamscope.connectors.PartitionedLog;
import io.streamscope.connectors.SinkTable;
import io.streamscope.data.Row;
import io.streamscope.runtime.EngineConfig;
import io.streamscope.scenario.Durations;
import io.streamscope.scenario.Suggestions;
import io.streamscope.sim.Simulation;
import io.streamscope.sql.SqlException.Pos;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * A SQL session over a scenario's topics, on the engine's virtual clock: the API the command line and the app
 * call. {@link #execute(String)} runs statements at the session's current time; {@link #advanceTo(long)} moves the
 * clock, running every refresh pipeline up to that time:
 * <ul>
 *   <li>a CONTINUOUS materialized table has a streaming refresh job (source, Filter, Calc, GroupAggregate or
 *       WindowAggregate, and an exactly-once sink named after the table) that checkpoints every freshness
 *       interval; a change becomes visible when the checkpoint that covers it completes and the sink commits;</li>
 *   <li>a FULL materialized table is refreshed by a batch job over the records visible at each scheduled time (every
 *       freshness interval, as Flink's cron schedule), whose result overwrites the table, or its partitions, when
 *       the job finishes;</li>
 *   <li>a SELECT runs a job over the records visible now (a bounded snapshot) in the runtime mode the session is
 *       set to, and returns its changelog and its final rows.</li>
 * </ul>
 * Each job has its own clock starting at 0 when it is deployed; {@link #refreshJobStart(String)} gives its start
 * in session time.
 */
public final class MaterializedTableSession {
    private final Catalog catalog;
    private final EngineConfig config;
    private final SessionOptions options = new SessionOptions();
    private final Planner planner;
    private final Map<String, TableRuntime> runtimes = new LinkedHashMap<>();
    /** False for a session that only checks and declares statements (a scenario's "sql"): no job is deployed. */
    private final boolean deploy;
    private long now;

    /** The refresh pipeline of one materialized table. */
    private static final class TableRuntime {
        final MaterializedTable table;
        final long checkpointInterval;
        final boolean upsert;
        Simulation job;
        long jobStart;
        int jobNumber;
        int committedCursor;
        CompletedCheckpoint savepoint;
        long nextRefreshAt;
        Simulation lastRefreshJob;
        long lastRefreshJobStart;
        List<Object> lastSnapshot;
        List<Row> lastRows;
        long lastDuration;
        List<io.streamscope.failover.Fault> nextRefreshFaults = List.of();

        TableRuntime(MaterializedTable table, long checkpointInterval, boolean upsert) {
            this.table = table;
            this.checkpointInterval = checkpointInterval;
            this.upsert = upsert;
        }
    }

    /** A session over the given topics; jobs run with {@code config} (seed, latencies, cluster). */
    public MaterializedTableSession(Map<String, PartitionedLog> topics, EngineConfig config) {
        this(topics, config, true);
    }

    MaterializedTableSession(Map<String, PartitionedLog> topics, EngineConfig config, boolean deploy) {
        this.deploy = deploy;
        this.catalog = new Catalog(topics);
        this.config = config;
        this.planner = new Planner(catalog);
    }

    /** A session over a scenario's topics with its engine configuration, after running the scenario's "sql". */
    public static MaterializedTableSession forScenario(io.streamscope.scenario.LoadedScenario scenario)
            throws SqlException {
        MaterializedTableSession s = new MaterializedTableSession(scenario.topics(), scenario.config());
        for (String statement : scenario.sql()) {
            s.execute(statement);
        }
        return s;
    }

    public Catalog catalog() {
        return catalog;
    }

    public SessionOptions options() {
        return options;
    }

    /** The session's virtual time in milliseconds. */
    public long now() {
        return now;
    }

    /** The materialized table of that name; throws IllegalArgumentException when there is none. */
    public MaterializedTable table(String name) {
        MaterializedTable t = catalog.materialized(name);
        if (t == null) {
            throw new IllegalArgumentException("no materialized table " + name + "; there are: "
                    + runtimes.keySet());
        }
        return t;
    }

    public List<MaterializedTable> materializedTables() {
        return catalog.materializedTables();
    }

    /**
     * The job that refreshes the table: the running (or last) streaming job of a CONTINUOUS table, the last
     * refresh's batch job of a FULL one (null before the first refresh). Its clock starts at
     * {@link #refreshJobStart(String)} in session time; faults are planned on it in its own time.
     */
    public Simulation refreshJob(String name) {
        TableRuntime rt = runtime(name);
        return rt.table.refreshMode() == MaterializedTable.RefreshMode.CONTINUOUS ? rt.job : rt.lastRefreshJob;
    }

    /** The session time at which {@link #refreshJob(String)}'s clock reads 0. */
    public long refreshJobStart(String name) {
        TableRuntime rt = runtime(name);
        return rt.table.refreshMode() == MaterializedTable.RefreshMode.CONTINUOUS ? rt.jobStart
                : rt.lastRefreshJobStart;
    }

    /**
     * Plans faults on a table's refresh pipeline, each at a time of the job's own clock: on the running job of a
     * CONTINUOUS table (it recovers from its last checkpoint, with Flink's default restart strategy), or on the
     * next refresh job of a FULL table (a batch job without checkpoints fails, and its overwrite never happens).
     */
    public void planFaults(String name, List<io.streamscope.failover.Fault> faults) {
        TableRuntime rt = runtime(name);
        if (rt.table.refreshMode() == MaterializedTable.RefreshMode.CONTINUOUS) {
            if (rt.job == null) {
                throw new IllegalStateException("the refresh job of " + name + " is not running");
            }
            rt.job.scheduleFaults(faults);
        } else {
            rt.nextRefreshFaults = List.copyOf(faults);
        }
    }

    /** The savepoint a suspended continuous table resumes from, or null. */
    public CompletedCheckpoint savepoint(String name) {
        return runtime(name).savepoint;
    }

    /**
     * The number of changes the continuous refresh job has written but not yet committed (they wait for the next
     * checkpoint): what the table's readers cannot see yet.
     */
    public int uncommittedChanges(String name) {
        TableRuntime rt = runtime(name);
        if (rt.job == null) {
            return 0;
        }
        int n = 0;
        for (SinkTable.Transaction t : rt.job.sink(name).transactions()) {
            if (t.status().equals("OPEN") || t.status().equals("PRE_COMMITTED")) {
                n += t.records();
            }
        }
        return n;
    }

    /** The checkpoint interval of a table's continuous refresh job. */
    long checkpointInterval(String name) {
        return runtime(name).checkpointInterval;
    }

    /** Whether the table's sink takes upserts by its primary key (no update-before rows). */
    boolean upsertSink(String name) {
        return runtime(name).upsert;
    }

    private TableRuntime runtime(String name) {
        TableRuntime rt = runtimes.get(name);
        if (rt == null) {
            throw new IllegalArgumentException("no materialized table " + name + "; there are: " + runtimes.keySet());
        }
        return rt;
    }

    // ---------------------------------------------------------------- statements

    /**
     * Executes every statement of a script in order, each at the session's time. Statements before a failing
     * one stay executed, as in Flink's SQL client.
     */
    public List<StatementResult> execute(String script) throws SqlException {
        List<StatementResult> out = new ArrayList<>();
        for (Ast.Parsed p : Parser.parseScript(script)) {
            out.add(execute(p));
        }
        return out;
    }

    /** Executes one parsed statement. */
    public StatementResult execute(Ast.Parsed parsed) throws SqlException {
        Ast.Statement s = parsed.statement();
        String text = parsed.text();
        if (s instanceof Ast.CreateTable ct) {
            return createTable(ct, text);
        }
        if (s instanceof Ast.CreateMaterializedTable cmt) {
            return createMaterializedTable(cmt, text);
        }
        if (s instanceof Ast.Query q) {
            return query(q, text);
        }
        if (s instanceof Ast.AlterMaterializedTable a) {
            return alter(a, text);
        }
        if (s instanceof Ast.Drop d) {
            return drop(d, text);
        }
        if (s instanceof Ast.SetOption set) {
            if (set.key() == null) {
                List<Row> rows = new ArrayList<>();
                options.all().forEach((k, v) -> rows.add(Row.of("key", k, "value", v)));
                return new StatementResult.Rows(text, now, List.of(new Column("key", SqlType.STRING),
                        new Column("value", SqlType.STRING)), rows, rows, "the session's options");
            }
            try {
                options.set(set.key(), set.value());
            } catch (IllegalArgumentException e) {
                throw SqlException.at(set.pos(), e.getMessage());
            }
            return new StatementResult.Ok(text, now, "'" + set.key() + "' = '" + set.value() + "'", null);
        }
        if (s instanceof Ast.ResetOption r) {
            try {
                options.reset(r.key());
            } catch (IllegalArgumentException e) {
                throw SqlException.at(r.pos(), e.getMessage());
            }
            return new StatementResult.Ok(text, now, r.key() == null ? "every option is back to its default"
                    : "'" + r.key() + "' is back to '" + (options.get(r.key()) == null ? "unset"
                    : options.get(r.key())) + "'", null);
        }
        if (s instanceof Ast.Advance a) {
            return advance(a, text);
        }
        if (s instanceof Ast.ShowTables st) {
            return showTables(st, text);
        }
        return describe((Ast.Describe) s, text);
    }

    private StatementResult createTable(Ast.CreateTable ct, String text) throws SqlException {
        if (catalog.taken(ct.name())) {
            if (ct.ifNotExists()) {
                return new StatementResult.Ok(text, now, "table " + ct.name() + " already exists; nothing done", null);
            }
            throw SqlException.at(ct.pos(), "Table " + ct.name() + " already exists");
        }
        if (!ct.primaryKey().isEmpty()) {
            throw SqlException.at(ct.pos(), "a PRIMARY KEY on a topic's table is not modelled (it would read the"
                    + " topic as an upsert changelog, as Flink's upsert-kafka connector does)");
        }
        String topic = null;
        long idle = -1;
        boolean perEvent = false;
        List<String> ignored = new ArrayList<>();
        boolean connector = false;
        for (Ast.Option o : ct.options()) {
            switch (o.key()) {
                case "connector":
                    if (!o.value().equals("kafka")) {
                        throw SqlException.at(o.pos(), "the subset reads the scenario's in-engine topics with"
                                + " 'connector' = 'kafka'; got '" + o.value() + "'");
                    }
                    connector = true;
                    break;
                case "topic":
                    if (!catalog.topics().containsKey(o.value())) {
                        String hint = Suggestions.suggest(o.value(), catalog.topics().keySet());
                        throw SqlException.at(o.pos(), "the scenario has no topic '" + o.value() + "'"
                                + (hint == null ? "" : " (did you mean '" + hint + "'?)") + "; its topics are: "
                                + String.join(", ", catalog.topics().keySet()));
                    }
                    topic = o.value();
                    break;
                case "format":
                case "value.format":
                    if (!o.value().equals("json")) {
                        throw SqlException.at(o.pos(), "records are JSON-like rows, so the format is 'json'; got '"
                                + o.value() + "'");
                    }
                    break;
                case "scan.startup.mode":
                    if (!o.value().equals("earliest-offset")) {
                        throw SqlException.at(o.pos(), "a topic is read from its first record: 'scan.startup.mode' ="
                                + " 'earliest-offset' is the only mode modelled; got '" + o.value() + "'");
                    }
                    break;
                case "scan.watermark.idle-timeout":
                    try {
                        idle = SessionOptions.duration(o.key(), o.value());
                    } catch (IllegalArgumentException e) {
                        throw SqlException.at(o.pos(), e.getMessage());
                    }
                    break;
                case "scan.watermark.emit.strategy":
                    if (!o.value().equals("on-event") && !o.value().equals("on-periodic")) {
                        throw SqlException.at(o.pos(), "'scan.watermark.emit.strategy' is 'on-event' or"
                                + " 'on-periodic'; got '" + o.value() + "'");
                    }
                    perEvent = o.value().equals("on-event");
                    break;
                default:
                    if (o.key().startsWith("properties.")) {
                        ignored.add(o.key());
                        break;
                    }
                    throw SqlException.at(o.pos(), "Unsupported option '" + o.key() + "' for 'kafka'; the options"
                            + " are: connector, topic, format, scan.startup.mode, scan.watermark.idle-timeout,"
                            + " scan.watermark.emit.strategy, properties.*");
            }
        }
        if (!connector) {
            throw SqlException.at(ct.pos(), "the WITH clause needs 'connector' = 'kafka'");
        }
        if (topic == null) {
            throw SqlException.at(ct.pos(), "the WITH clause needs 'topic' = '...', the scenario topic the table"
                    + " reads; the topics are: " + String.join(", ", catalog.topics().keySet()));
        }
        List<Column> columns = new ArrayList<>();
        for (Ast.ColumnDef c : ct.columns()) {
            for (Column existing : columns) {
                if (existing.name().equals(c.name())) {
                    throw SqlException.at(c.pos(), "column " + c.name() + " is declared twice");
                }
            }
            if (c.name().equals(RowKind.FIELD)) {
                throw SqlException.at(c.pos(), "the column name op is taken by the row kind every SQL row carries");
            }
            columns.add(new Column(c.name(), c.type()));
        }
        String timeAttribute = null;
        long delay = 0;
        if (ct.watermark() != null) {
            Ast.WatermarkDef w = ct.watermark();
            Column c = null;
            for (Column x : columns) {
                if (x.name().equals(w.column())) {
                    c = x;
                }
            }
            if (c == null) {
                throw SqlException.at(w.columnPos(), "the watermark's column " + w.column() + " is not a column of"
                        + " the table");
            }
            if (c.type() != SqlType.TIMESTAMP) {
                throw SqlException.at(w.columnPos(), "Invalid data type of time field for watermark definition. The"
                        + " field must be of type TIMESTAMP(3) or TIMESTAMP_LTZ(3); " + c.name() + " is "
                        + c.type().sqlName());
            }
            if (w.delayMillis() < 0) {
                throw SqlException.at(w.pos(), "the watermark delay cannot be negative");
            }
            timeAttribute = w.column();
            delay = w.delayMillis();
        }
        List<String> notes = checkRecords(ct, catalog.topics().get(topic));
        if (!ignored.isEmpty()) {
            notes.add("ignored " + String.join(", ", ignored) + ": the topic is in the engine, not in a Kafka"
                    + " cluster");
        }
        SourceTable t = new SourceTable(ct.name(), topic, columns, timeAttribute, delay, idle, perEvent, false);
        catalog.add(t);
        StringBuilder msg = new StringBuilder("table " + t.name() + " created: reads topic " + topic + "; columns "
                + columns);
        if (timeAttribute != null) {
            msg.append("; event time ").append(timeAttribute).append(", watermark ").append(timeAttribute)
                    .append(delay > 0 ? " - " + Durations.format(delay) : "");
        }
        for (String n : notes) {
            msg.append("\nnote: ").append(n);
        }
        return new StatementResult.Ok(text, now, msg.toString(), null);
    }

    /** Checks the declared columns against the topic's records, so that a type mistake shows now, not mid-run. */
    private static List<String> checkRecords(Ast.CreateTable ct, PartitionedLog log) throws SqlException {
        List<String> notes = new ArrayList<>();
        if (Logs.generated(log)) {
            return notes;
        }
        for (Ast.ColumnDef c : ct.columns()) {
            boolean seen = false;
            for (int p = 0; p < log.numPartitions(); p++) {
                for (LogRecord r : log.partition(p).records()) {
                    Row row = r.value() instanceof Row x ? x : null;
                    Object v = row == null ? null : row.get(c.name());
                    if (row != null && row.has(c.name())) {
                        seen = true;
                    }
                    if (v == null) {
                        if (c.notNull()) {
                            throw SqlException.at(c.pos(), "column " + c.name() + " is NOT NULL, but record " + row
                                    + " of topic " + log.topic() + " (partition " + p + ", offset " + r.offset()
                                    + ") has no value for it");
                        }
                        continue;
                    }
                    String problem = Coercion.fits(v, c.type());
                    if (problem != null) {
                        throw SqlException.at(c.pos(), "column " + c.name() + " is " + c.type().sqlName() + ", but"
                                + " record " + row + " of topic " + log.topic() + " (partition " + p + ", offset "
                                + r.offset() + ") holds " + io.streamscope.data.Json.render(v) + " (" + problem
                                + ")");
                    }
                }
            }
            if (!seen && !c.name().equals(RowKind.FIELD)) {
                notes.add("no record of topic " + log.topic() + " has a field " + c.name() + ": the column will be"
                        + " NULL");
            }
        }
        return notes;
    }

    private StatementResult createMaterializedTable(Ast.CreateMaterializedTable c, String text) throws SqlException {
        if (catalog.taken(c.name())) {
            throw SqlException.at(c.pos(), "Table " + c.name() + " already exists");
        }
        PlannedQuery plan = planner.plan(c.query());
        List<String> columnNames = plan.columnNames();
        for (String k : c.primaryKey()) {
            if (!columnNames.contains(k)) {
                throw SqlException.at(c.pos(), "the primary key column " + k + " is not a column of the query; its"
                        + " columns are: " + String.join(", ", columnNames));
            }
        }
        for (String k : c.partitionedBy()) {
            if (!columnNames.contains(k)) {
                throw SqlException.at(c.pos(), "the partition column " + k + " must be a column of the query; its"
                        + " columns are: " + String.join(", ", columnNames));
            }
        }
        Map<String, String> formatters = new LinkedHashMap<>();
        for (Ast.Option o : c.options()) {
            String prefix = "partition.fields.";
            String suffix = ".date-formatter";
            if (o.key().startsWith(prefix) && o.key().endsWith(suffix)
                    && o.key().length() > prefix.length() + suffix.length()) {
                String col = o.key().substring(prefix.length(), o.key().length() - suffix.length());
                if (!c.partitionedBy().contains(col)) {
                    throw SqlException.at(o.pos(), "column " + col + " of '" + o.key() + "' is not a partition"
                            + " column (PARTITIONED BY " + c.partitionedBy() + ")");
                }
                if (plan.columns().get(columnNames.indexOf(col)).type() != SqlType.STRING) {
                    throw SqlException.at(o.pos(), "a date-formatted partition column must be a STRING; " + col
                            + " is " + plan.columns().get(columnNames.indexOf(col)).type().sqlName());
                }
                try {
                    DateTimeFormatter.ofPattern(o.value(), Locale.ROOT);
                } catch (IllegalArgumentException e) {
                    throw SqlException.at(o.pos(), "'" + o.value() + "' is not a date format: " + e.getMessage());
                }
                formatters.put(col, o.value());
            } else if (o.key().equals("format")) {
                continue; // the storage format of a lake table; the engine keeps rows in memory
            } else {
                throw SqlException.at(o.pos(), "Unsupported option '" + o.key() + "' for a materialized table; the"
                        + " options are: 'partition.fields.<column>.date-formatter' and 'format'");
            }
        }
        // Flink 2.2: FRESHNESS is optional; its default depends on the refresh mode as written (FLINK-38532)
        MaterializedTable.Freshness freshness;
        boolean defaulted = c.freshness() == null;
        Pos freshnessPos = c.freshness() == null ? c.pos() : c.freshness().pos();
        if (c.freshness() != null) {
            if (c.freshness().amount() <= 0) {
                throw SqlException.at(c.freshness().pos(), "the freshness must be a positive whole number of its unit,"
                        + " got " + c.freshness());
            }
            freshness = new MaterializedTable.Freshness(c.freshness().amount(), c.freshness().unit());
        } else {
            freshness = freshnessOf(options.defaultFreshnessMillis(c.refreshMode() == Ast.RefreshMode.FULL),
                    c.refreshMode() == Ast.RefreshMode.FULL ? SessionOptions.DEFAULT_FRESHNESS_FULL
                            : SessionOptions.DEFAULT_FRESHNESS_CONTINUOUS, c.pos());
        }
        long threshold = options.freshnessThresholdMillis();
        MaterializedTable.RefreshMode mode;
        String why;
        if (c.refreshMode() == Ast.RefreshMode.FULL) {
            mode = MaterializedTable.RefreshMode.FULL;
            why = "REFRESH_MODE = FULL";
        } else if (c.refreshMode() == Ast.RefreshMode.CONTINUOUS || freshness.millis() < threshold) {
            mode = MaterializedTable.RefreshMode.CONTINUOUS;
            why = c.refreshMode() != null ? "REFRESH_MODE = CONTINUOUS" : "derived: freshness "
                    + Durations.format(freshness.millis()) + " < " + SessionOptions.FRESHNESS_THRESHOLD + " "
                    + Durations.format(threshold);
        } else {
            mode = MaterializedTable.RefreshMode.FULL;
            why = "derived: freshness " + Durations.format(freshness.millis()) + " >= "
                    + SessionOptions.FRESHNESS_THRESHOLD + " " + Durations.format(threshold);
        }
        if (mode == MaterializedTable.RefreshMode.FULL) {
            validateForCron(freshness, freshnessPos);
            for (String topic : plan.topics()) {
                if (Logs.generated(catalog.topics().get(topic))) {
                    throw SqlException.at(c.pos(), "a FULL refresh reads a snapshot of topic " + topic + ", but its"
                            + " records are generated while they are read; give the topic records");
                }
            }
        } else {
            if (!plan.materializedTables().isEmpty()) {
                throw SqlException.at(c.query().from().pos(), "a continuous refresh job cannot read materialized"
                        + " table " + plan.materializedTables().get(0) + " (its changelog is not a stream in the"
                        + " engine); use REFRESH_MODE = FULL");
            }
            checkShiftable(plan, c.pos());
        }
        if (!c.partitionedBy().isEmpty() && mode == MaterializedTable.RefreshMode.CONTINUOUS
                && !formatters.isEmpty()) {
            throw SqlException.at(c.pos(), "'partition.fields.#.date-formatter' applies to FULL mode only");
        }
        boolean upsert = !c.primaryKey().isEmpty() && plan.uniqueKey() != null
                && new java.util.HashSet<>(c.primaryKey()).equals(new java.util.HashSet<>(plan.uniqueKey()));
        long interval = options.checkpointIntervalMillis() > 0 ? options.checkpointIntervalMillis() : freshness.millis();
        MaterializedTable table = new MaterializedTable(c.name(), c.queryText(), plan, freshness, defaulted, mode,
                c.refreshMode(), c.primaryKey(), c.partitionedBy(), formatters, now);
        TableRuntime rt = new TableRuntime(table, interval, upsert);
        StringBuilder msg = new StringBuilder("materialized table " + c.name() + " created: " + plan.columns()
                + "\n  refresh mode " + mode + " (" + why + "), freshness " + freshness
                + (defaulted ? " (the default of " + (c.refreshMode() == Ast.RefreshMode.FULL
                ? SessionOptions.DEFAULT_FRESHNESS_FULL : SessionOptions.DEFAULT_FRESHNESS_CONTINUOUS)
                + ": FRESHNESS is optional since Flink 2.2)" : ""));
        if (!deploy) {
            catalog.add(table);
            runtimes.put(table.name(), rt);
            return new StatementResult.Ok(text, now, msg.toString(), table);
        }
        if (mode == MaterializedTable.RefreshMode.CONTINUOUS) {
            rt.jobStart = now;
            try {
                rt.job = deployContinuous(rt, null);
            } catch (RuntimeException e) {
                throw SqlException.at(c.pos(), "the refresh job cannot be deployed: " + e.getMessage());
            }
            rt.jobNumber = 1;
            msg.append("\n  refresh job: streaming, checkpoints every ").append(Durations.format(interval))
                    .append(options.checkpointIntervalMillis() > 0 ? " (" + SessionOptions.CHECKPOINT_INTERVAL
                            + ")" : " (the freshness)").append("; changes become visible when a checkpoint"
                            + " completes; emits ").append(changelogMode(plan, upsert));
        } else {
            rt.nextRefreshAt = nextTick(freshness.millis(), now);
            msg.append("\n  refresh: a batch job every ").append(Durations.format(freshness.millis()))
                    .append(", the first at ").append(rt.nextRefreshAt).append(" ms; each overwrites the ")
                    .append(c.partitionedBy().isEmpty() ? "table" : formatters.isEmpty()
                            ? "partitions it produces" : "partition of its scheduled time");
        }
        catalog.add(table);
        runtimes.put(table.name(), rt);
        return new StatementResult.Ok(text, now, msg.toString(), table);
    }

    /** The row kinds a continuous refresh job's changelog can hold, for messages. */
    private static String changelogMode(PlannedQuery plan, boolean upsert) {
        if (plan.insertOnly()) {
            return "+I only (append-only)";
        }
        boolean retractingInput = plan.input() instanceof PlannedQuery.Subquery q && !q.inner().insertOnly();
        if (upsert) {
            return (retractingInput ? "+I, +U, -D" : "+I, +U") + " (upserts by the primary key, no -U)";
        }
        return retractingInput ? "+I, -U, +U, -D" : "+I, -U, +U";
    }

    /** A default freshness from a duration option, in the largest unit that divides it. */
    private static MaterializedTable.Freshness freshnessOf(long ms, String key, Pos pos) throws SqlException {
        Ast.TimeUnit[] units = {Ast.TimeUnit.DAY, Ast.TimeUnit.HOUR, Ast.TimeUnit.MINUTE, Ast.TimeUnit.SECOND};
        for (Ast.TimeUnit u : units) {
            if (ms % u.millis() == 0) {
                return new MaterializedTable.Freshness(ms / u.millis(), u);
            }
        }
        throw SqlException.at(pos, "'" + key + "' must be a whole number of seconds, got " + Durations.format(ms));
    }

    /** Flink's check that a FULL refresh's freshness converts to a cron expression (IntervalFreshnessUtils). */
    private static void validateForCron(MaterializedTable.Freshness f, Pos pos) throws SqlException {
        long bound;
        switch (f.unit()) {
            case SECOND:
            case MINUTE:
                bound = 60;
                break;
            case HOUR:
                bound = 24;
                break;
            default:
                if (f.amount() > 1) {
                    throw SqlException.at(pos, "In full refresh mode, freshness must be 1 when the time unit is DAY.");
                }
                return;
        }
        if (f.amount() >= bound) {
            throw SqlException.at(pos, "In full refresh mode, freshness must be less than " + bound + " when the"
                    + " time unit is " + f.unit() + ".");
        }
        if (bound % f.amount() != 0) {
            throw SqlException.at(pos, "In full refresh mode, only freshness that are factors of " + bound + " are"
                    + " currently supported when the time unit is " + f.unit() + ".");
        }
    }

    /** The first scheduled refresh after {@code t}: cron fires at whole multiples of the freshness. */
    private static long nextTick(long freshness, long t) {
        return (Math.floorDiv(t, freshness) + 1) * freshness;
    }

    /** A job deployed after time 0 reads shifted copies of the topics, which generated topics cannot give. */
    private void checkShiftable(PlannedQuery plan, Pos pos) throws SqlException {
        if (now == 0) {
            return;
        }
        for (String topic : plan.topics()) {
            if (Logs.generated(catalog.topics().get(topic))) {
                throw SqlException.at(pos, "a refresh job started at " + now + " ms reads topic " + topic + " as it"
                        + " was appended, but its records are generated while they are read; start it at time 0");
            }
        }
    }

    private Simulation deployContinuous(TableRuntime rt, CompletedCheckpoint restoreFrom) {
        long offset = rt.jobStart;
        StreamExecutionEnvironment env = StreamExecutionEnvironment.create()
                .setParallelism(options.parallelism())
                .setCheckpointConfig(CheckpointConfig.every(rt.checkpointInterval));
        PlannedQuery.BuildContext ctx = new PlannedQuery.BuildContext(env, PlannedQuery.Mode.STREAMING,
                topic -> Logs.shifted(catalog.topics().get(topic), offset), m -> {
                    throw new IllegalStateException("a continuous job reads no materialized table");
                }, "", rt.upsert);
        DataStream<Row> out = rt.table.plan().build(ctx);
        out.sinkTo(new CollectingSink(rt.table.name(), DeliveryGuarantee.EXACTLY_ONCE), rt.table.name())
                .setParallelism(out.vertex().parallelism());
        rt.committedCursor = 0;
        return Simulation.of(env, config, restoreFrom);
    }

    // ---------------------------------------------------------------- queries

    private StatementResult query(Ast.Query q, String text) throws SqlException {
        PlannedQuery plan = planner.plan(q);
        for (String topic : plan.topics()) {
            if (Logs.generated(catalog.topics().get(topic))) {
                throw SqlException.at(q.from().pos(), "a query reads a snapshot of topic " + topic + ", but its records"
                        + " are generated while they are read; query a materialized table of it instead");
            }
        }
        boolean batch = options.batch();
        StreamExecutionEnvironment env = StreamExecutionEnvironment.create().setParallelism(options.parallelism());
        long at = now;
        PlannedQuery.BuildContext ctx = new PlannedQuery.BuildContext(env, batch ? PlannedQuery.Mode.BATCH
                : PlannedQuery.Mode.STREAMING, topic -> Logs.snapshot(catalog.topics().get(topic), at),
                m -> Logs.rows(m, table(m).values()), "", false);
        DataStream<Row> out = plan.build(ctx);
        out.sinkTo(new CollectingSink("result"), "result").setParallelism(out.vertex().parallelism());
        Simulation sim;
        try {
            sim = Simulation.of(env, config.withTrace(false));
            sim.runToEnd();
        } catch (RuntimeException e) {
            throw SqlException.at(q.pos(), "the query's job failed: " + e.getMessage());
        }
        List<Row> changelog = new ArrayList<>();
        for (SinkTable.Row r : sim.sink("result").rows()) {
            changelog.add((Row) r.value());
        }
        MaterializedTable result = new MaterializedTable("result", text, plan,
                new MaterializedTable.Freshness(1, Ast.TimeUnit.SECOND), false, MaterializedTable.RefreshMode.FULL,
                null, List.of(), List.of(), Map.of(), now);
        for (Row r : changelog) {
            result.enqueue(r, 0, 0, "query");
        }
        result.settle(0);
        String note = (batch ? "batch" : "streaming") + " query over the records visible at " + now + " ms: the job"
                + " ran " + sim.now() + " ms of virtual time and emitted " + changelog.size() + " row"
                + (changelog.size() == 1 ? "" : "s");
        return new StatementResult.Rows(text, now, plan.columns(), result.values(), changelog, note);
    }

    // ---------------------------------------------------------------- ALTER and DROP

    private StatementResult alter(Ast.AlterMaterializedTable a, String text) throws SqlException {
        TableRuntime rt = runtimes.get(a.name());
        if (rt == null) {
            throw SqlException.at(a.pos(), catalog.source(a.name()) != null ? a.name() + " is not a materialized"
                    + " table" : "Materialized table " + a.name() + " does not exist");
        }
        MaterializedTable t = rt.table;
        boolean continuous = t.refreshMode() == MaterializedTable.RefreshMode.CONTINUOUS;
        switch (a.action()) {
            case SUSPEND: {
                if (t.status() == MaterializedTable.Status.SUSPENDED) {
                    throw SqlException.at(a.pos(), "Materialized table " + t.name() + " is already suspended");
                }
                t.setStatus(MaterializedTable.Status.SUSPENDED);
                if (!continuous) {
                    return new StatementResult.Ok(text, now, "the refresh schedule of " + t.name() + " is paused", t);
                }
                String msg = stopWithSavepoint(rt);
                return new StatementResult.Ok(text, now, msg, t);
            }
            case RESUME: {
                if (!a.options().isEmpty()) {
                    throw SqlException.at(a.options().get(0).pos(), "RESUME options are not modelled");
                }
                if (t.status() == MaterializedTable.Status.ACTIVATED) {
                    throw SqlException.at(a.pos(), "Materialized table " + t.name() + " is not suspended");
                }
                t.setStatus(MaterializedTable.Status.ACTIVATED);
                if (!continuous) {
                    rt.nextRefreshAt = nextTick(t.freshness().millis(), now);
                    return new StatementResult.Ok(text, now, "the refresh schedule of " + t.name() + " resumes; next"
                            + " refresh at " + rt.nextRefreshAt + " ms", t);
                }
                checkShiftable(t.plan(), a.pos());
                rt.jobStart = now;
                try {
                    rt.job = deployContinuous(rt, rt.savepoint);
                } catch (RuntimeException e) {
                    throw SqlException.at(a.pos(), "the refresh job cannot be deployed: " + e.getMessage());
                }
                rt.jobNumber++;
                return new StatementResult.Ok(text, now, "refresh job " + rt.jobNumber + " of " + t.name()
                        + " started at " + now + " ms from " + (rt.savepoint == null ? "nothing (no savepoint)"
                        : rt.savepoint.describe()), t);
            }
            default: {
                Map<String, String> partition = new LinkedHashMap<>();
                for (Ast.Option o : a.partition()) {
                    if (!t.partitionKeys().contains(o.key())) {
                        throw SqlException.at(o.pos(), "The partition spec contains unknown partition keys: "
                                + o.key() + "; the partition keys are: " + (t.partitionKeys().isEmpty() ? "none"
                                : String.join(", ", t.partitionKeys())));
                    }
                    if (t.columns().get(t.plan().columnNames().indexOf(o.key())).type() != SqlType.STRING) {
                        throw SqlException.at(o.pos(), "refreshing a partition needs a STRING partition column; "
                                + o.key() + " is not one");
                    }
                    partition.put(o.key(), o.value());
                }
                for (String topic : t.plan().topics()) {
                    if (Logs.generated(catalog.topics().get(topic))) {
                        throw SqlException.at(a.pos(), "a refresh reads a snapshot of topic " + topic + ", whose"
                                + " records are generated while they are read");
                    }
                }
                MaterializedTable.Refresh r = refresh(rt, now, partition, true);
                if (r.failed()) {
                    return new StatementResult.Ok(text, now, "the refresh job of " + t.name() + " failed at "
                            + r.committedAt() + " ms; the table keeps its rows", t);
                }
                return new StatementResult.Ok(text, now, "refresh job of " + t.name() + " ran " + (r.committedAt()
                        - now) + " ms; its " + r.rows() + " row" + (r.rows() == 1 ? "" : "s") + " overwrite "
                        + (partition.isEmpty() ? "the table" : "partition " + partition) + " at " + r.committedAt()
                        + " ms", t);
            }
        }
    }

    /** Flink suspends a continuous table with stop-with-savepoint: savepoint, commit, then cancel the job. */
    private String stopWithSavepoint(TableRuntime rt) {
        Simulation sim = rt.job;
        String name = rt.table.name();
        long local = now - rt.jobStart;
        sim.runUntilTime(Math.max(local, sim.now()));
        if (sim.isFinished()) {
            pull(rt);
            rt.savepoint = sim.latestCompletedCheckpoint();
            rt.job = null;
            return "the refresh job of " + name + " had finished; nothing to suspend";
        }
        long before = sim.latestCompletedCheckpoint() == null ? -1 : sim.latestCompletedCheckpoint().checkpointId();
        sim.triggerSavepoint();
        long limit = sim.now() + Math.max(600_000, 10 * rt.checkpointInterval);
        while (true) {
            CompletedCheckpoint c = sim.latestCompletedCheckpoint();
            if (c != null && c.savepoint() && c.checkpointId() > before) {
                break;
            }
            if (sim.now() > limit || !sim.step()) {
                throw new IllegalStateException("the savepoint of " + name + "'s refresh job did not complete");
            }
        }
        CompletedCheckpoint sp = sim.latestCompletedCheckpoint();
        // the sink commits the savepoint's transactions when it is notified, as stop-with-savepoint waits for
        while (waitingForCommit(sim.sink(name), sp.checkpointId()) && sim.now() <= limit && sim.step()) {
            // keep going until every subtask committed
        }
        pull(rt);
        rt.savepoint = sp;
        rt.job = null;
        return "the refresh job of " + name + " stopped with " + sp.describe() + ", completed at "
                + (rt.jobStart + sp.completionTime()) + " ms; RESUME restores it";
    }

    private static boolean waitingForCommit(SinkTable sink, long checkpointId) {
        for (SinkTable.Transaction t : sink.transactions()) {
            if (t.status().equals("PRE_COMMITTED") && t.checkpointId() <= checkpointId) {
                return true;
            }
        }
        return false;
    }

    private StatementResult drop(Ast.Drop d, String text) throws SqlException {
        if (d.materialized()) {
            TableRuntime rt = runtimes.get(d.name());
            if (rt == null) {
                if (d.ifExists()) {
                    return new StatementResult.Ok(text, now, "no materialized table " + d.name() + "; nothing done",
                            null);
                }
                throw SqlException.at(d.pos(), "Materialized table " + d.name() + " does not exist");
            }
            for (TableRuntime other : runtimes.values()) {
                if (other != rt && other.table.plan().materializedTables().contains(d.name())) {
                    throw SqlException.at(d.pos(), "materialized table " + other.table.name() + " reads "
                            + d.name() + "; drop it first");
                }
            }
            runtimes.remove(d.name());
            catalog.removeMaterialized(d.name());
            return new StatementResult.Ok(text, now, "materialized table " + d.name() + " dropped; its refresh"
                    + " pipeline is stopped", rt.table);
        }
        if (runtimes.containsKey(d.name())) {
            throw SqlException.at(d.pos(), d.name() + " is a materialized table; use DROP MATERIALIZED TABLE");
        }
        if (catalog.removeSource(d.name())) {
            return new StatementResult.Ok(text, now, "table " + d.name() + " dropped (jobs already running keep"
                    + " reading its topic)", null);
        }
        if (d.ifExists()) {
            return new StatementResult.Ok(text, now, "no table " + d.name() + "; nothing done", null);
        }
        if (catalog.source(d.name()) != null) {
            throw SqlException.at(d.pos(), d.name() + " is a topic's own table; it cannot be dropped");
        }
        throw SqlException.at(d.pos(), "Table " + d.name() + " does not exist");
    }

    private StatementResult showTables(Ast.ShowTables st, String text) {
        List<Row> rows = new ArrayList<>();
        if (!st.materializedOnly()) {
            for (SourceTable t : catalog.sourceTables()) {
                rows.add(Row.of("table name", t.name(), "kind", t.implicit() ? "TOPIC" : "TABLE"));
            }
        }
        for (MaterializedTable t : catalog.materializedTables()) {
            rows.add(Row.of("table name", t.name(), "kind", "MATERIALIZED TABLE"));
        }
        return new StatementResult.Rows(text, now, List.of(new Column("table name", SqlType.STRING),
                new Column("kind", SqlType.STRING)), rows, rows, rows.size() + " table" + (rows.size() == 1 ? ""
                : "s"));
    }

    private StatementResult describe(Ast.Describe d, String text) throws SqlException {
        List<Column> cols;
        String note;
        MaterializedTable mt = catalog.materialized(d.name());
        SourceTable st = catalog.source(d.name());
        List<String> key = List.of();
        String timeAttribute = null;
        if (mt != null) {
            cols = mt.columns();
            key = mt.primaryKey();
            TableRuntime rt = runtimes.get(mt.name());
            note = "materialized table, refresh mode " + mt.refreshMode() + ", freshness " + mt.freshness() + ", "
                    + mt.status() + (rt.job != null ? ", refresh job " + rt.jobNumber + " running since "
                    + rt.jobStart + " ms" : "") + "; query: " + mt.definition();
        } else if (st != null) {
            cols = st.columns();
            timeAttribute = st.timeAttribute();
            note = (st.implicit() ? "the topic's own table" : "table") + " reading topic " + st.topic()
                    + (st.timeAttribute() == null ? "" : "; watermark " + st.timeAttribute()
                    + (st.watermarkDelayMillis() > 0 ? " - " + Durations.format(st.watermarkDelayMillis()) : ""))
                    + (st.implicit() && catalog.implicitNote(st.name()) != null ? "; " + catalog.implicitNote(
                    st.name()) : "");
        } else {
            throw SqlException.at(d.pos(), "Table " + d.name() + " does not exist");
        }
        List<Row> rows = new ArrayList<>();
        for (Column c : cols) {
            rows.add(Row.of("name", c.name(), "type", c.type().sqlName(), "key", key.contains(c.name()) ? "PRI" : "",
                    "watermark", c.name().equals(timeAttribute) ? "yes" : ""));
        }
        return new StatementResult.Rows(text, now, List.of(new Column("name", SqlType.STRING),
                new Column("type", SqlType.STRING), new Column("key", SqlType.STRING),
                new Column("watermark", SqlType.STRING)), rows, rows, note);
    }

    private StatementResult advance(Ast.Advance a, String text) throws SqlException {
        if (a.toEnd()) {
            try {
                runToEnd();
            } catch (IllegalStateException e) {
                throw SqlException.at(a.pos(), e.getMessage());
            }
            return new StatementResult.Ok(text, now, "ran to the end: the session is at " + now + " ms", null);
        }
        long target = a.relative() ? now + a.millis() : a.millis();
        if (target < now) {
            throw SqlException.at(a.pos(), "the session is at " + now + " ms already; time does not go back");
        }
        advanceTo(target);
        return new StatementResult.Ok(text, now, "the session is at " + now + " ms", null);
    }

    // ---------------------------------------------------------------- time

    /** Moves the session's clock to {@code time}, running every refresh pipeline up to it. */
    public void advanceTo(long time) {
        if (time < now) {
            throw new IllegalArgumentException("the session is at " + now + " ms; time does not go back to " + time);
        }
        for (TableRuntime rt : runtimes.values()) {
            if (rt.job != null) {
                rt.job.runUntilTime(time - rt.jobStart);
                pull(rt);
            }
        }
        // FULL refreshes in time order, each seeing every table as it was at its scheduled time
        while (true) {
            TableRuntime next = null;
            for (TableRuntime rt : runtimes.values()) {
                if (rt.table.refreshMode() == MaterializedTable.RefreshMode.FULL
                        && rt.table.status() == MaterializedTable.Status.ACTIVATED && rt.nextRefreshAt <= time
                        && (next == null || rt.nextRefreshAt < next.nextRefreshAt)) {
                    next = rt;
                }
            }
            if (next == null) {
                break;
            }
            long t = next.nextRefreshAt;
            settleAll(t);
            refresh(next, t, periodPartition(next.table, t), false);
            next.nextRefreshAt = t + next.table.freshness().millis();
        }
        now = time;
        settleAll(time);
    }

    public void advanceBy(long millis) {
        advanceTo(now + millis);
    }

    /**
     * Runs until every refresh pipeline has caught up with all the topics' records: the continuous jobs until they
     * finish (bounded topics end, a final checkpoint commits the rest) and each FULL table until a refresh that
     * saw everything has overwritten it. Throws IllegalStateException when a topic never ends.
     */
    public void runToEnd() {
        for (TableRuntime rt : runtimes.values()) {
            for (String topic : rt.table.plan().topics()) {
                if (!catalog.topics().get(topic).isBounded()
                        && rt.table.status() == MaterializedTable.Status.ACTIVATED) {
                    throw new IllegalStateException("materialized table " + rt.table.name() + " reads topic " + topic
                            + ", which never ends; advance to a time instead (ADVANCE TO '30s')");
                }
            }
        }
        long end = now;
        for (TableRuntime rt : runtimes.values()) {
            if (rt.job != null) {
                rt.job.runToEnd();
                pull(rt);
                end = Math.max(end, rt.jobStart + rt.job.now());
            }
        }
        for (TableRuntime rt : runtimes.values()) {
            if (rt.table.refreshMode() != MaterializedTable.RefreshMode.FULL
                    || rt.table.status() != MaterializedTable.Status.ACTIVATED) {
                continue;
            }
            long lastInput = rt.table.createdAt();
            for (String topic : rt.table.plan().topics()) {
                lastInput = Math.max(lastInput, Logs.lastAppend(catalog.topics().get(topic)));
            }
            for (String m : rt.table.plan().materializedTables()) {
                lastInput = Math.max(lastInput, table(m).lastCommitAt());
            }
            long tick = Math.max(rt.nextRefreshAt, nextTick(rt.table.freshness().millis(), lastInput - 1));
            advanceTo(Math.max(now, tick));
            long committed = rt.table.refreshes().isEmpty() ? now
                    : rt.table.refreshes().get(rt.table.refreshes().size() - 1).committedAt();
            advanceTo(Math.max(now, Math.max(committed, now + rt.lastDuration)));
            end = Math.max(end, now);
        }
        advanceTo(Math.max(now, end));
    }

    private void settleAll(long time) {
        for (TableRuntime rt : runtimes.values()) {
            rt.table.settle(time);
        }
    }

    /** Moves the continuous job's newly committed changes into the table's queue, with their commit times. */
    private void pull(TableRuntime rt) {
        SinkTable sink = rt.job.sink(rt.table.name());
        List<SinkTable.Row> committed = sink.committedRows();
        List<Long> delays = sink.visibilityDelays();
        for (int i = rt.committedCursor; i < committed.size(); i++) {
            SinkTable.Row r = committed.get(i);
            long written = rt.jobStart + r.time();
            rt.table.enqueue((Row) r.value(), written, written + delays.get(i), "refresh job " + rt.jobNumber);
        }
        rt.committedCursor = committed.size();
    }

    /**
     * The partition a scheduled refresh overwrites: with 'partition.fields.#.date-formatter', the scheduled time
     * minus the freshness, formatted (UTC), as Flink's periodic refresh computes it; otherwise none.
     */
    private static Map<String, String> periodPartition(MaterializedTable t, long scheduledAt) {
        Map<String, String> out = new LinkedHashMap<>();
        for (Map.Entry<String, String> e : t.dateFormatters().entrySet()) {
            DateTimeFormatter f = DateTimeFormatter.ofPattern(e.getValue(), Locale.ROOT).withZone(ZoneOffset.UTC);
            out.put(e.getKey(), f.format(Instant.ofEpochMilli(scheduledAt - t.freshness().millis())));
        }
        return out;
    }

    /**
     * One FULL refresh at session time {@code at}: a batch job over what is visible then; its rows (of the
     * partition, if one is given) overwrite the table when the job finishes.
     */
    private MaterializedTable.Refresh refresh(TableRuntime rt, long at, Map<String, String> partition,
                                              boolean manual) {
        MaterializedTable t = rt.table;
        List<Object> snapshotId = new ArrayList<>();
        for (String topic : t.plan().topics()) {
            snapshotId.add(Logs.visibleCounts(catalog.topics().get(topic), at));
        }
        for (String m : t.plan().materializedTables()) {
            snapshotId.add(table(m).values());
        }
        List<Row> rows;
        long duration;
        List<io.streamscope.failover.Fault> faults = rt.nextRefreshFaults;
        rt.nextRefreshFaults = List.of();
        if (faults.isEmpty() && snapshotId.equals(rt.lastSnapshot)) {
            // the same input gives the same deterministic job: its result and duration are those of the last run
            rows = rt.lastRows;
            duration = rt.lastDuration;
        } else {
            StreamExecutionEnvironment env = StreamExecutionEnvironment.create().setParallelism(options.parallelism());
            PlannedQuery.BuildContext ctx = new PlannedQuery.BuildContext(env, PlannedQuery.Mode.BATCH,
                    topic -> Logs.snapshot(catalog.topics().get(topic), at), m -> Logs.rows(m, table(m).values()), "",
                    false);
            DataStream<Row> out = t.plan().build(ctx);
            out.sinkTo(new CollectingSink(t.name()), t.name()).setParallelism(out.vertex().parallelism());
            Simulation sim = Simulation.of(env, config);
            sim.scheduleFaults(faults);
            sim.runToEnd();
            rt.lastRefreshJob = sim;
            rt.lastRefreshJobStart = at;
            if (sim.jobStatus() != io.streamscope.runtime.JobRuntime.JobStatus.FINISHED) {
                // a batch job without checkpoints and without restarts fails as a whole: the table keeps its rows
                MaterializedTable.Refresh failed = new MaterializedTable.Refresh(at, at + sim.now(), 0,
                        partition.isEmpty() ? null : partition, manual, true);
                t.enqueueOverwrite(List.of(), failed);
                return failed;
            }
            rows = new ArrayList<>();
            for (SinkTable.Row r : sim.sink(t.name()).rows()) {
                rows.add(MaterializedTable.stripKind((Row) r.value()));
            }
            duration = sim.now();
            if (faults.isEmpty()) {
                rt.lastSnapshot = snapshotId;
                rt.lastRows = rows;
                rt.lastDuration = duration;
            }
        }
        List<Row> kept = rows;
        if (!partition.isEmpty()) {
            // Flink's refresh statement: INSERT OVERWRITE t SELECT * FROM (query) WHERE part = 'value'
            kept = new ArrayList<>();
            for (Row r : rows) {
                boolean in = true;
                for (Map.Entry<String, String> e : partition.entrySet()) {
                    in &= e.getValue().equals(r.get(e.getKey()));
                }
                if (in) {
                    kept.add(r);
                }
            }
        }
        MaterializedTable.Refresh r = new MaterializedTable.Refresh(at, at + duration, kept.size(),
                partition.isEmpty() ? null : partition, manual, false);
        t.enqueueOverwrite(kept, r);
        return r;
    }
}
