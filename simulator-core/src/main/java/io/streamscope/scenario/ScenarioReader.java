package io.streamscope.scenario;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.streamscope.api.DataStream;
import io.streamscope.api.DataStreamSink;
import io.streamscope.api.KeyedStream;
import io.streamscope.api.OutputTag;
import io.streamscope.api.SingleOutputStreamOperator;
import io.streamscope.api.StreamExecutionEnvironment;
import io.streamscope.api.builtin.AggSpec;
import io.streamscope.api.builtin.JoinRowFunction;
import io.streamscope.api.builtin.CountPerKeyFunction;
import io.streamscope.api.builtin.SessionizeFunction;
import io.streamscope.api.state.StateTtlConfig;
import io.streamscope.api.builtin.StatsAggregate;
import io.streamscope.api.builtin.WindowRowFunction;
import io.streamscope.api.functions.FieldKeySelector;
import io.streamscope.checkpoint.CheckpointConfig;
import io.streamscope.connectors.CollectingSink;
import io.streamscope.connectors.DeliveryGuarantee;
import io.streamscope.connectors.PartitionedLog;
import io.streamscope.data.Row;
import io.streamscope.failover.Fault;
import io.streamscope.graph.ClusterSpec;
import io.streamscope.graph.ExecutionPlan;
import io.streamscope.graph.JobGraph;
import io.streamscope.runtime.EngineConfig;
import io.streamscope.state.KeyGroupRangeAssignment;
import io.streamscope.time.WatermarkStrategy;
import io.streamscope.window.WindowAssigner;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * Turns a parsed scenario document into a job on a {@link StreamExecutionEnvironment}, checking every field on
 * the way. One instance reads one document.
 */
final class ScenarioReader {
    /** Names that end up in subtask and channel ids ("w[0]#late->s[0]"), so they avoid the characters used there. */
    private static final Pattern NAME = Pattern.compile("[A-Za-z0-9_][A-Za-z0-9_.-]*");
    private static final String NAME_RULE = "letters, digits, '_', '-' and '.', not starting with '-' or '.'";

    static final List<String> ROOT_FIELDS = List.of("name", "description", "seed", "runUntil", "engine", "cluster",
            "parallelism", "maxParallelism", "checkpointing", "restartStrategy", "failoverStrategy", "faults", "topics",
            "job", "sql");
    static final List<String> SINK_SEMANTICS = List.of("none", "at-least-once", "exactly-once");
    static final List<String> ENGINE_FIELDS = List.of("channelLatency", "latencyJitter", "inputBuffers",
            "outputBuffers", "autoWatermarkInterval", "chaining");
    static final List<String> CLUSTER_FIELDS = List.of("taskManagers", "slotsPerTaskManager");
    static final List<String> TOPIC_FIELDS = List.of("name", "partitions", "bounded", "records", "generator");
    static final List<String> RECORD_FIELDS = List.of("partition", "at", "timestamp", "key", "value");
    static final List<String> GENERATOR_FIELDS = List.of("count", "interval", "keys", "keyField", "maxDelay",
            "startTimestamp", "step", "startAt", "value");
    static final List<String> WATERMARK_FIELDS = List.of("outOfOrderness", "timestampField", "idleness", "emit");
    static final List<String> OPERATOR_TYPES = List.of("source", "timestamps", "filter", "map", "window",
            "sessionize", "countPerKey", "union", "intervalJoin", "sink");
    static final List<String> STATE_TTL_FIELDS = List.of("ttl", "updateType", "stateVisibility",
            "cleanupFullSnapshot", "cleanupIncrementally", "cleanupInBackground");
    static final List<String> INCREMENTAL_CLEANUP_FIELDS = List.of("cleanupSize", "runCleanupForEveryRecord");
    static final List<String> BETWEEN_FIELDS = List.of("lower", "upper", "lowerExclusive", "upperExclusive");

    private static final List<String> COMMON = List.of("id", "type", "name", "parallelism", "maxParallelism", "cost",
            "chaining");
    private static final List<String> EDGE = List.of("input", "sideOutput", "keyBy", "partitioning");
    private static final List<String> PARTITIONINGS = List.of("forward", "rebalance", "broadcast");

    private final Doc doc;
    /** The file as given to the loader; a "sql" file name is resolved against its folder. */
    private final String file;
    /** The "sql" file, when the field names one (null for an array of statements). */
    private String sqlFile;
    private final StreamExecutionEnvironment env = StreamExecutionEnvironment.create();
    private final Map<String, Topic> topics = new LinkedHashMap<>();
    private final Map<String, Op> ops = new LinkedHashMap<>();
    /** Every operator id in the file with its index, so "declared later" can be told apart from "unknown". */
    private final Map<String, Integer> allIds = new LinkedHashMap<>();
    /** The topic each source reads, by source id. */
    private final Map<String, String> sourceTopic = new LinkedHashMap<>();
    private int defaultParallelism = 1;
    private Integer defaultMaxParallelism;
    private boolean checkpointing;

    /** A topic as read: its log and the fields every one of its rows has (null when unknown). */
    private record Topic(String name, String path, PartitionedLog log, List<String> fields) {
    }

    /** An operator as declared so far. */
    private static final class Op {
        final String id;
        final String type;
        final String path;
        SingleOutputStreamOperator<Row> stream;
        int parallelism;
        /** Where the parallelism came from, for messages about slots. */
        String parallelismPath;
        List<String> fields;
        OutputTag<Row> sideTag;
        List<String> sideFields;
        /** A second side output (an interval join's late right elements). */
        OutputTag<Row> sideTag2;
        List<String> sideFields2;
        /** For a union: the stream of all its inputs, and the inputs. */
        DataStream<Row> union;
        List<Op> unionOf;
        /** The kind of value ("a string", "a number", "a boolean") of each field, where every row agrees. */
        Map<String, String> kinds = Map.of();

        Op(String id, String type, String path) {
            this.id = id;
            this.type = type;
            this.path = path;
        }

        /** The main output a reader of this operator gets: the merged stream for a union. */
        DataStream<Row> mainOutput() {
            return union != null ? union : stream;
        }

        /** The operators whose subtasks send to a reader of this one: a union's inputs, else itself. */
        List<Op> senders() {
            return unionOf != null ? unionOf : List.of(this);
        }
    }

    ScenarioReader(String file) {
        this.doc = new Doc(file);
        this.file = file;
    }

    LoadedScenario read(JsonNode rootNode) throws ScenarioException {
        ObjectNode root = doc.object(rootNode, "$", "a scenario");
        doc.onlyFields(root, "$", "a scenario", ROOT_FIELDS);
        String name = doc.text(doc.required(root, "$", "name", "a short title"), "$.name", "the scenario's name");
        String description = root.has("description")
                ? doc.string(root.get("description"), "$.description", "a description") : "";
        long seed = root.has("seed") ? doc.longValue(root.get("seed"), "$.seed", "a seed") : 0;
        Long runUntil = root.has("runUntil") ? doc.time(root.get("runUntil"), "$.runUntil") : null;

        EngineSettings engine = readEngine(root.get("engine"));
        ClusterSpec cluster = readCluster(root.get("cluster"));
        FaultToleranceReader faultTolerance = new FaultToleranceReader(doc);
        CheckpointConfig checkpointConfig = faultTolerance.checkpointing(root.get("checkpointing"));
        checkpointing = checkpointConfig.enabled();
        env.setCheckpointConfig(checkpointConfig);
        env.setRestartStrategy(faultTolerance.restartStrategy(root.get("restartStrategy")));
        env.setFailoverStrategy(faultTolerance.failoverStrategy(root.get("failoverStrategy")));
        if (root.has("parallelism")) {
            defaultParallelism = doc.integer(root.get("parallelism"), "$.parallelism", "a parallelism", 1,
                    Integer.MAX_VALUE);
            env.setParallelism(defaultParallelism);
        }
        if (root.has("maxParallelism")) {
            defaultMaxParallelism = doc.integer(root.get("maxParallelism"), "$.maxParallelism", "a max parallelism", 1,
                    KeyGroupRangeAssignment.UPPER_BOUND_MAX_PARALLELISM);
            env.setMaxParallelism(defaultMaxParallelism);
        }

        ArrayNode topicArray = doc.array(doc.required(root, "$", "topics", "an array of topics"), "$.topics",
                "the topics");
        if (topicArray.isEmpty()) {
            throw doc.error("$.topics", "expected at least one topic: a source needs a topic to read");
        }
        for (int i = 0; i < topicArray.size(); i++) {
            readTopic(topicArray.get(i), Doc.index("$.topics", i));
        }

        List<String> sql = root.has("sql") ? readSql(root.get("sql")) : List.of();
        ArrayNode operators = null;
        if (root.has("job") || sql.isEmpty()) {
            ObjectNode job = doc.object(doc.required(root, "$", "job", "an object with the operators (or \"sql\""
                    + " statements whose materialized tables make the job)"), "$.job", "the job");
            doc.onlyFields(job, "$.job", "the job", List.of("operators"));
            operators = doc.array(doc.required(job, "$.job", "operators", "an array of operators"),
                    "$.job.operators", "the operators");
            if (operators.isEmpty()) {
                throw doc.error("$.job.operators", "expected at least one operator");
            }
            for (int i = 0; i < operators.size(); i++) {
                JsonNode id = operators.get(i).get("id");
                if (id != null && id.isTextual()) {
                    allIds.putIfAbsent(id.textValue(), i);
                }
            }
        }
        if (!sql.isEmpty()) {
            declareSql(sql);
        }
        Map<String, String> displayNames = new LinkedHashMap<>();
        for (int i = 0; operators != null && i < operators.size(); i++) {
            Op op = readOperator(operators.get(i), Doc.index("$.job.operators", i), displayNames);
            ops.put(op.id, op);
        }

        EngineConfig config = new EngineConfig(seed,
                engine.latency, engine.jitter, engine.inputBuffers, engine.outputBuffers, engine.watermarkInterval,
                engine.chaining, true, cluster);
        checkSlots(cluster);
        ExecutionPlan plan = buildPlan(config);
        List<Fault> faults = faultTolerance.faults(root.get("faults"), plan, checkpointing);
        Map<String, PartitionedLog> logs = new LinkedHashMap<>();
        for (Topic t : topics.values()) {
            logs.put(t.name(), t.log());
        }
        return new LoadedScenario(name, description, env, config, runUntil, displayNames, faults, logs, sql);
    }

    // ---------------------------------------------------------------- sql

    /**
     * The "sql" field: an array of statements (a string may hold several, separated by semicolons), or the name of
     * a .sql file next to the scenario file.
     */
    private List<String> readSql(JsonNode n) throws ScenarioException {
        if (n.isTextual()) {
            String name = n.textValue();
            java.nio.file.Path folder = java.nio.file.Path.of(file).toAbsolutePath().getParent();
            java.nio.file.Path path = folder == null ? java.nio.file.Path.of(name) : folder.resolve(name);
            try {
                String text = java.nio.file.Files.readString(path, java.nio.charset.StandardCharsets.UTF_8);
                sqlFile = name;
                return List.of(text);
            } catch (java.io.IOException e) {
                throw doc.error("$.sql", "cannot read the SQL file " + Doc.quote(name) + " (resolved to " + path
                        + "): " + (e instanceof java.nio.file.NoSuchFileException ? "no such file" : e.toString()));
            }
        }
        ArrayNode a = doc.array(n, "$.sql", "an array of SQL statements, or the name of a .sql file");
        if (a.isEmpty()) {
            throw doc.error("$.sql", "expected at least one statement, such as \"CREATE MATERIALIZED TABLE t AS"
                    + " SELECT ...\"");
        }
        List<String> out = new ArrayList<>();
        for (int i = 0; i < a.size(); i++) {
            out.add(doc.text(a.get(i), Doc.index("$.sql", i), "a SQL statement"));
        }
        return out;
    }

    /**
     * Declares the refresh jobs of the materialized tables on the job; without a "checkpointing" of its own, the
     * job checkpoints every freshness interval, as Flink's continuous refresh job does (a configured interval wins,
     * as in Flink since FLINK-35734).
     */
    private void declareSql(List<String> sql) throws ScenarioException {
        Map<String, PartitionedLog> logs = new LinkedHashMap<>();
        for (Topic t : topics.values()) {
            logs.put(t.name(), t.log());
        }
        long interval;
        try {
            interval = io.streamscope.sql.ScenarioSql.declare(sql, logs, env, allIds.keySet());
        } catch (io.streamscope.sql.ScenarioSql.StatementException e) {
            if (sqlFile != null) {
                throw doc.error("$.sql", sqlFile + ": " + e.getMessage());
            }
            throw doc.error(Doc.index("$.sql", e.index()), e.getMessage());
        } catch (IllegalArgumentException | IllegalStateException | UnsupportedOperationException e) {
            throw doc.error("$.sql", e.getMessage());
        }
        if (interval > 0 && !checkpointing) {
            env.setCheckpointConfig(CheckpointConfig.every(interval));
            checkpointing = true;
        }
    }

    // ---------------------------------------------------------------- engine and cluster

    /** The engine settings of the file, before they become an EngineConfig with the seed and cluster. */
    private record EngineSettings(long latency, long jitter, int inputBuffers, int outputBuffers,
                                 long watermarkInterval, boolean chaining) {
    }

    private EngineSettings readEngine(JsonNode n) throws ScenarioException {
        long latency = 1;
        long jitter = 0;
        int in = 4;
        int out = 4;
        long interval = 200;
        boolean chaining = true;
        if (n != null) {
            ObjectNode o = doc.object(n, "$.engine", "the engine settings");
            doc.onlyFields(o, "$.engine", "the engine settings", ENGINE_FIELDS);
            if (o.has("channelLatency")) {
                latency = doc.duration(o.get("channelLatency"), "$.engine.channelLatency");
            }
            if (o.has("latencyJitter")) {
                jitter = doc.duration(o.get("latencyJitter"), "$.engine.latencyJitter");
            }
            if (o.has("inputBuffers")) {
                in = doc.integer(o.get("inputBuffers"), "$.engine.inputBuffers", "a number of buffers", 1,
                        Integer.MAX_VALUE);
            }
            if (o.has("outputBuffers")) {
                out = doc.integer(o.get("outputBuffers"), "$.engine.outputBuffers", "a number of buffers", 1,
                        Integer.MAX_VALUE);
            }
            if (o.has("autoWatermarkInterval")) {
                interval = doc.duration(o.get("autoWatermarkInterval"), "$.engine.autoWatermarkInterval");
                if (interval < 1) {
                    throw doc.error("$.engine.autoWatermarkInterval", "expected an interval of at least 1ms, got "
                            + Doc.describe(o.get("autoWatermarkInterval")));
                }
            }
            if (o.has("chaining")) {
                chaining = doc.bool(o.get("chaining"), "$.engine.chaining");
            }
        }
        return new EngineSettings(latency, jitter, in, out, interval, chaining);
    }

    private ClusterSpec readCluster(JsonNode n) throws ScenarioException {
        int tms = 1;
        int slots = 4;
        if (n != null) {
            ObjectNode o = doc.object(n, "$.cluster", "the cluster");
            doc.onlyFields(o, "$.cluster", "the cluster", CLUSTER_FIELDS);
            if (o.has("taskManagers")) {
                tms = doc.integer(o.get("taskManagers"), "$.cluster.taskManagers", "a number of TaskManagers", 1,
                        Integer.MAX_VALUE);
            }
            if (o.has("slotsPerTaskManager")) {
                slots = doc.integer(o.get("slotsPerTaskManager"), "$.cluster.slotsPerTaskManager",
                        "a number of slots", 1, Integer.MAX_VALUE);
            }
        }
        return new ClusterSpec(tms, slots);
    }

    // ---------------------------------------------------------------- topics

    private void readTopic(JsonNode n, String path) throws ScenarioException {
        ObjectNode o = doc.object(n, path, "a topic");
        doc.onlyFields(o, path, "a topic", TOPIC_FIELDS);
        String name = name(doc.required(o, path, "name", "the topic's name"), Doc.child(path, "name"),
                "a topic name");
        if (topics.containsKey(name)) {
            throw doc.error(Doc.child(path, "name"), "duplicate topic name " + Doc.quote(name)
                    + "; it is already declared at " + topics.get(name).path());
        }
        int partitions = o.has("partitions") ? doc.integer(o.get("partitions"), Doc.child(path, "partitions"),
                "a number of partitions", 1, 10_000) : 1;
        if (o.has("records") && o.has("generator")) {
            throw doc.error(path, "a topic has either \"records\" or a \"generator\", not both");
        }
        Topic topic;
        if (o.has("generator")) {
            topic = readGeneratedTopic(o, path, name, partitions);
        } else {
            boolean bounded = !o.has("bounded") || doc.bool(o.get("bounded"), Doc.child(path, "bounded"));
            PartitionedLog log = new PartitionedLog(name, partitions, bounded);
            List<String> fields = null;
            if (o.has("records")) {
                fields = readRecords(o.get("records"), Doc.child(path, "records"), log);
            }
            topic = new Topic(name, path, log, fields);
        }
        topics.put(name, topic);
    }

    /** Appends the records to the log; returns the fields every row has (null for no records). */
    private List<String> readRecords(JsonNode n, String path, PartitionedLog log) throws ScenarioException {
        ArrayNode records = doc.array(n, path, "the topic's records");
        long[] lastAt = new long[log.numPartitions()];
        int[] lastIndex = new int[log.numPartitions()];
        java.util.Arrays.fill(lastIndex, -1);
        List<String> common = null;
        for (int j = 0; j < records.size(); j++) {
            String rp = Doc.index(path, j);
            ObjectNode r = doc.object(records.get(j), rp, "a record");
            doc.onlyFields(r, rp, "a record", RECORD_FIELDS);
            int partition = 0;
            if (r.has("partition")) {
                JsonNode pn = r.get("partition");
                String pp = Doc.child(rp, "partition");
                if (pn.isIntegralNumber() && pn.canConvertToInt()
                        && (pn.intValue() < 0 || pn.intValue() >= log.numPartitions())) {
                    throw doc.error(pp, "expected a partition index from 0 to " + (log.numPartitions() - 1)
                            + " (topic " + Doc.quote(log.topic()) + " has " + log.numPartitions() + " partition"
                            + (log.numPartitions() == 1 ? "" : "s") + "), got " + pn.intValue());
                }
                partition = doc.integer(pn, pp, "a partition index", 0, log.numPartitions() - 1);
            } else if (log.numPartitions() > 1) {
                throw doc.error(rp, "missing required field \"partition\" (topic " + Doc.quote(log.topic()) + " has "
                        + log.numPartitions() + " partitions, so each record says which one it is in: 0 to "
                        + (log.numPartitions() - 1) + ")");
            }
            long at = lastAt[partition];
            if (r.has("at")) {
                at = doc.time(r.get("at"), Doc.child(rp, "at"));
                if (at < lastAt[partition]) {
                    throw doc.error(Doc.child(rp, "at"), "records of partition " + partition + " must be in"
                            + " processing-time order: \"at\" is " + at + " ms but the previous record of the"
                            + " partition (" + Doc.index(path, lastIndex[partition]) + ") is at " + lastAt[partition]
                            + " ms; an append never goes back in time");
                }
            }
            Object key = r.has("key") ? doc.scalar(r.get("key"), Doc.child(rp, "key")) : null;
            JsonNode value = doc.required(r, rp, "value", "the record's value: an object of fields, or a scalar");
            String vp = Doc.child(rp, "value");
            Row row;
            long timestamp;
            if (value.isObject()) {
                Map<String, Object> fields = new LinkedHashMap<>();
                for (String f : Doc.fields((ObjectNode) value)) {
                    fields.put(f, doc.scalar(value.get(f), Doc.child(vp, f)));
                }
                if (r.has("timestamp")) {
                    timestamp = doc.time(r.get("timestamp"), Doc.child(rp, "timestamp"));
                } else if (fields.containsKey("timestamp")) {
                    Object t = fields.get("timestamp");
                    if (!(t instanceof Long) || (Long) t < 0) {
                        throw doc.error(Doc.child(vp, "timestamp"), "expected a whole, non-negative number of"
                                + " milliseconds, as the record has no \"timestamp\" of its own and takes this one;"
                                + " got " + Doc.describe(value.get("timestamp")));
                    }
                    timestamp = (Long) t;
                } else {
                    throw doc.error(rp, "missing required field \"timestamp\" (the record's event time, such as 1000"
                            + " or \"10:02\"; it may instead be a \"timestamp\" field of the value)");
                }
                // every row carries its event time, so sinks and late outputs show it
                fields.putIfAbsent("timestamp", timestamp);
                row = Row.fromMap(fields);
            } else {
                if (value.isArray()) {
                    throw doc.error(vp, "expected an object of fields or a scalar, got an array");
                }
                Object scalar = doc.scalar(value, vp);
                timestamp = doc.time(doc.required(r, rp, "timestamp", "the record's event time, such as 1000 or"
                        + " \"10:02\""), Doc.child(rp, "timestamp"));
                row = r.has("key") ? Row.of("key", key, "timestamp", timestamp, "value", scalar)
                        : Row.of("timestamp", timestamp, "value", scalar);
            }
            log.append(partition, key, row, timestamp, at);
            lastAt[partition] = at;
            lastIndex[partition] = j;
            if (common == null) {
                common = new ArrayList<>(row.fieldNames());
            } else {
                common.retainAll(row.fieldNames());
            }
        }
        return common;
    }

    private Topic readGeneratedTopic(ObjectNode o, String path, String name, int partitions)
            throws ScenarioException {
        String gp = Doc.child(path, "generator");
        ObjectNode g = doc.object(o.get("generator"), gp, "a generator");
        doc.onlyFields(g, gp, "a generator", GENERATOR_FIELDS);
        long count = g.has("count") ? doc.longValue(g.get("count"), Doc.child(gp, "count"),
                "a number of records per partition") : -1;
        if (g.has("count") && count < 0) {
            throw doc.error(Doc.child(gp, "count"), "expected a number of records per partition of at least 0, got "
                    + count);
        }
        if (o.has("bounded")) {
            boolean bounded = doc.bool(o.get("bounded"), Doc.child(path, "bounded"));
            if (bounded != (count >= 0)) {
                throw doc.error(Doc.child(path, "bounded"), "a generated topic is bounded exactly when its generator"
                        + " has a \"count\"; " + (bounded ? "add generator.count" : "remove generator.count")
                        + " or drop \"bounded\"");
            }
        }
        long interval = doc.duration(doc.required(g, gp, "interval", "the processing time between two records of a"
                + " partition, such as \"10ms\""), Doc.child(gp, "interval"));
        if (count < 0 && interval == 0) {
            throw doc.error(Doc.child(gp, "interval"), "an unbounded generator needs an interval of at least 1ms"
                    + " (else it would append forever at one instant); or give a \"count\"");
        }
        ArrayNode keyArray = doc.array(doc.required(g, gp, "keys", "the keys to draw from, such as [\"a\", \"b\"]"),
                Doc.child(gp, "keys"), "the keys");
        if (keyArray.isEmpty()) {
            throw doc.error(Doc.child(gp, "keys"), "expected at least one key");
        }
        List<String> keys = new ArrayList<>();
        for (int k = 0; k < keyArray.size(); k++) {
            keys.add(doc.text(keyArray.get(k), Doc.index(Doc.child(gp, "keys"), k), "a key"));
        }
        String keyField = g.has("keyField") ? doc.text(g.get("keyField"), Doc.child(gp, "keyField"), "a field name")
                : "key";
        if (keyField.equals("timestamp") || keyField.equals("value")) {
            throw doc.error(Doc.child(gp, "keyField"), "expected a field name other than \"timestamp\" and \"value\""
                    + " (generated rows have those fields already), got " + Doc.quote(keyField));
        }
        long maxDelay = g.has("maxDelay") ? doc.duration(g.get("maxDelay"), Doc.child(gp, "maxDelay")) : 0;
        long startTimestamp = g.has("startTimestamp") ? doc.time(g.get("startTimestamp"),
                Doc.child(gp, "startTimestamp")) : 0;
        long step = g.has("step") ? doc.duration(g.get("step"), Doc.child(gp, "step")) : interval;
        long startAt = g.has("startAt") ? doc.time(g.get("startAt"), Doc.child(gp, "startAt")) : 0;
        long min = 1;
        long max = 1;
        if (g.has("value")) {
            String vp = Doc.child(gp, "value");
            JsonNode v = g.get("value");
            if (v.isObject()) {
                doc.onlyFields((ObjectNode) v, vp, "a value range", List.of("min", "max"));
                min = doc.longValue(doc.required((ObjectNode) v, vp, "min", "the smallest value"), Doc.child(vp, "min"),
                        "the smallest value");
                max = doc.longValue(doc.required((ObjectNode) v, vp, "max", "the largest value"), Doc.child(vp, "max"),
                        "the largest value");
                if (min > max) {
                    throw doc.error(Doc.child(vp, "max"), "expected max to be at least min (" + min + "), got " + max);
                }
            } else if (v.isIntegralNumber()) {
                min = doc.longValue(v, vp, "a value");
                max = min;
            } else {
                throw doc.error(vp, "expected a whole number or a range {\"min\": 1, \"max\": 10}, got "
                        + Doc.describe(v));
            }
        }
        GeneratedRecords gen = new GeneratedRecords(keyField, keys, interval, startAt, startTimestamp, step, maxDelay,
                min, max);
        PartitionedLog log = PartitionedLog.generated(name, partitions, count, gen);
        return new Topic(name, path, log, gen.fields());
    }

    // ---------------------------------------------------------------- operators

    private static List<String> allowedFields(String type) {
        List<String> out = new ArrayList<>(COMMON);
        switch (type) {
            case "source":
                out.addAll(List.of("topic", "watermarks"));
                break;
            case "timestamps":
                out.addAll(EDGE);
                out.add("watermarks");
                break;
            case "filter":
                out.addAll(EDGE);
                out.addAll(List.of("field", "op", "value"));
                break;
            case "map":
                out.addAll(EDGE);
                out.addAll(List.of("select", "set"));
                break;
            case "window":
                out.addAll(List.of("input", "sideOutput", "keyBy"));
                out.addAll(List.of("window", "allowedLateness", "lateOutput", "aggregates"));
                break;
            case "sessionize":
                out.addAll(List.of("input", "sideOutput", "keyBy"));
                out.addAll(List.of("gap", "distinct", "lateOutput"));
                break;
            case "countPerKey":
                out.addAll(List.of("input", "sideOutput", "keyBy"));
                out.add("stateTtl");
                break;
            case "union": // no operator of its own in Flink: no parallelism, cost, chaining or key groups
                return new ArrayList<>(List.of("id", "type", "name", "inputs"));
            case "intervalJoin":
                out.addAll(List.of("input", "sideOutput", "keyBy"));
                out.addAll(List.of("other", "otherKeyBy", "between", "lateOutput", "otherLateOutput"));
                break;
            default: // sink: collects, so it has no cost of its own to set and no key groups to size
                out.removeAll(List.of("cost", "maxParallelism"));
                out.addAll(EDGE);
                out.add("semantics");
                break;
        }
        return out;
    }

    private static String article(String type) {
        return "a " + type + " operator";
    }

    private Op readOperator(JsonNode n, String path, Map<String, String> displayNames) throws ScenarioException {
        ObjectNode o = doc.object(n, path, "an operator");
        String typePath = Doc.child(path, "type");
        String type = doc.string(doc.required(o, path, "type", "one of " + String.join(", ", OPERATOR_TYPES)),
                typePath, "an operator type");
        if (!OPERATOR_TYPES.contains(type)) {
            String hint = Doc.suggest(type, OPERATOR_TYPES);
            throw doc.error(typePath, "unknown operator type " + Doc.quote(type)
                    + (hint == null ? "" : " (did you mean " + Doc.quote(hint) + "?)") + "; expected one of "
                    + String.join(", ", OPERATOR_TYPES));
        }
        if ((type.equals("window") || type.equals("sessionize") || type.equals("intervalJoin")
                || type.equals("countPerKey")) && o.has("partitioning")) {
            throw doc.error(Doc.child(path, "partitioning"), "a " + type + " operator reads a keyed stream, so its"
                    + " partitioning is always by key: remove \"partitioning\" and give \"keyBy\"");
        }
        if (type.equals("source") && (o.has("input") || o.has("keyBy") || o.has("sideOutput")
                || o.has("partitioning"))) {
            String f = o.has("input") ? "input" : o.has("keyBy") ? "keyBy" : o.has("sideOutput") ? "sideOutput"
                    : "partitioning";
            throw doc.error(Doc.child(path, f), "a source has no input: it reads its \"topic\"; remove " + Doc.quote(f));
        }
        doc.onlyFields(o, path, article(type), allowedFields(type));
        String id = name(doc.required(o, path, "id", "a unique name such as \"window\""), Doc.child(path, "id"),
                "an operator id");
        if (ops.containsKey(id)) {
            throw doc.error(Doc.child(path, "id"), "duplicate operator id " + Doc.quote(id) + "; it is already used at "
                    + ops.get(id).path);
        }
        Op op = new Op(id, type, path);
        displayNames.put(id, o.has("name") ? doc.text(o.get("name"), Doc.child(path, "name"), "a display name") : id);
        op.parallelism = defaultParallelism;
        op.parallelismPath = "$.parallelism";
        if (o.has("parallelism")) {
            op.parallelism = doc.integer(o.get("parallelism"), Doc.child(path, "parallelism"), "a parallelism", 1,
                    Integer.MAX_VALUE);
            op.parallelismPath = Doc.child(path, "parallelism");
        }
        // boxed on purpose: an int in one branch of ?: would unbox the absent (null) job default
        Integer maxParallelism = o.has("maxParallelism") ? Integer.valueOf(doc.integer(o.get("maxParallelism"),
                Doc.child(path, "maxParallelism"), "a max parallelism", 1,
                KeyGroupRangeAssignment.UPPER_BOUND_MAX_PARALLELISM)) : defaultMaxParallelism;
        if (maxParallelism != null && op.parallelism > maxParallelism) {
            throw doc.error(o.has("parallelism") ? Doc.child(path, "parallelism") : path, "the parallelism ("
                    + op.parallelism + ") cannot exceed the max parallelism (" + maxParallelism + "), the number of"
                    + " key groups");
        }
        long cost = o.has("cost") ? doc.duration(o.get("cost"), Doc.child(path, "cost")) : 0;
        boolean chaining = !o.has("chaining") || doc.bool(o.get("chaining"), Doc.child(path, "chaining"));

        if (type.equals("source")) {
            readSource(o, op);
        } else if (type.equals("union")) {
            readUnion(o, op);
            return op;
        } else {
            Input in = readInput(o, op);
            switch (type) {
                case "timestamps":
                    readTimestamps(o, op, in);
                    break;
                case "filter":
                    readFilter(o, op, in);
                    break;
                case "map":
                    readMap(o, op, in);
                    break;
                case "window":
                    readWindow(o, op, in);
                    break;
                case "sessionize":
                    readSessionize(o, op, in);
                    break;
                case "countPerKey":
                    readCountPerKey(o, op, in);
                    break;
                case "intervalJoin":
                    readIntervalJoin(o, op, in);
                    break;
                default:
                    readSink(o, op, in, chaining);
                    return op;
            }
        }
        SingleOutputStreamOperator<Row> s = op.stream;
        step(path, () -> {
            s.setParallelism(op.parallelism);
            if (o.has("maxParallelism")) {
                s.setMaxParallelism(maxParallelism);
            }
            if (cost > 0) {
                s.setProcessingCost(Duration.ofMillis(cost));
            }
            if (!chaining) {
                s.disableChaining();
            }
        });
        return op;
    }

    /** The stream an operator reads: its input's main or side output, partitioned as the operator says. */
    private record Input(DataStream<Row> stream, KeyedStream<Row, Object> keyed, String keyField,
                         List<String> fields, Map<String, String> kinds) {
    }

    private Input readInput(ObjectNode o, Op op) throws ScenarioException {
        String path = op.path;
        String ip = Doc.child(path, "input");
        JsonNode inNode = doc.required(o, path, "input", "the id of an operator declared before this one");
        if (inNode.isArray()) {
            throw doc.error(ip, "expected the id of one operator (a string), got an array; operators with several"
                    + " inputs (union, connect) are not modelled");
        }
        String inputId = doc.text(inNode, ip, "the id of an operator declared before this one");
        Op from = resolve(inputId, ip, op);
        DataStream<Row> stream = from.mainOutput();
        List<String> fields = from.fields;
        if (o.has("sideOutput")) {
            String sp = Doc.child(path, "sideOutput");
            String tag = doc.text(o.get("sideOutput"), sp, "the name of a side output of the input");
            if (from.sideTag == null && from.sideTag2 == null) {
                throw doc.error(sp, "operator " + Doc.quote(inputId) + " (" + article(from.type) + ") declares no"
                        + " side outputs; window, sessionize and intervalJoin operators declare them with"
                        + " \"lateOutput\"");
            }
            if (from.sideTag != null && from.sideTag.id().equals(tag)) {
                stream = from.stream.getSideOutput(from.sideTag);
                fields = from.sideFields;
            } else if (from.sideTag2 != null && from.sideTag2.id().equals(tag)) {
                stream = from.stream.getSideOutput(from.sideTag2);
                fields = from.sideFields2;
            } else {
                List<String> declared = new ArrayList<>();
                if (from.sideTag != null) {
                    declared.add(from.sideTag.id());
                }
                if (from.sideTag2 != null) {
                    declared.add(from.sideTag2.id());
                }
                throw doc.error(sp, "operator " + Doc.quote(inputId) + " has no side output " + Doc.quote(tag)
                        + "; it declares: " + String.join(", ", declared));
            }
        }
        boolean keyedType = op.type.equals("window") || op.type.equals("sessionize")
                || op.type.equals("intervalJoin") || op.type.equals("countPerKey");
        if (o.has("keyBy")) {
            String kp = Doc.child(path, "keyBy");
            if (o.has("partitioning")) {
                throw doc.error(Doc.child(path, "partitioning"), "\"keyBy\" already partitions the stream (by hash of"
                        + " the key); give either \"keyBy\" or \"partitioning\", not both");
            }
            String keyField = doc.text(o.get("keyBy"), kp, "the name of the field to key by");
            checkField(fields, keyField, kp);
            KeyedStream<Row, Object> keyed = stream.keyBy(new FieldKeySelector(keyField));
            return new Input(keyed, keyed, keyField, fields, from.kinds);
        }
        if (keyedType) {
            throw doc.error(path, "missing required field \"keyBy\": " + article(op.type) + " works per key; name the"
                    + " field to key by, such as \"keyBy\": \"user\"");
        }
        if (o.has("partitioning")) {
            String pp = Doc.child(path, "partitioning");
            String p = doc.string(o.get("partitioning"), pp, "a partitioning");
            if (!PARTITIONINGS.contains(p)) {
                String extra = p.equals("hash") || p.equals("keyBy") ? " (hash partitioning is \"keyBy\": \"field\")"
                        : "";
                throw doc.error(pp, "expected one of " + String.join(", ", PARTITIONINGS) + extra + ", got "
                        + Doc.quote(p));
            }
            for (Op m : from.senders()) {
                if (p.equals("forward") && m.parallelism != op.parallelism) {
                    throw doc.error(pp, "forward partitioning sends subtask i to subtask i, so both sides need the"
                            + " same parallelism, but " + Doc.quote(m.id) + " has " + m.parallelism + " and "
                            + Doc.quote(op.id) + " has " + op.parallelism + "; use rebalance, or make them equal");
                }
            }
            stream = p.equals("forward") ? stream.forward() : p.equals("rebalance") ? stream.rebalance()
                    : stream.broadcast();
        }
        return new Input(stream, null, null, fields, from.kinds);
    }

    /** The operator an "input", "inputs" or "other" names: declared before, not a sink, not the operator itself. */
    private Op resolve(String inputId, String ip, Op op) throws ScenarioException {
        Op from = ops.get(inputId);
        if (from == null) {
            if (inputId.equals(op.id)) {
                throw doc.error(ip, "an operator cannot read its own output");
            }
            Integer later = allIds.get(inputId);
            if (later != null) {
                throw doc.error(ip, "operator " + Doc.quote(inputId) + " is declared later, at "
                        + Doc.index("$.job.operators", later) + "; an operator's input must be declared earlier in"
                        + " the list (which also rules out cycles)");
            }
            String hint = Doc.suggest(inputId, ops.keySet());
            throw doc.error(ip, "unknown input " + Doc.quote(inputId) + (hint == null ? ""
                    : " (did you mean " + Doc.quote(hint) + "?)") + "; operators declared before this one: "
                    + Doc.list(new ArrayList<>(ops.keySet())));
        }
        if (from.type.equals("sink")) {
            throw doc.error(ip, "operator " + Doc.quote(inputId) + " is a sink: it has no output to read");
        }
        return from;
    }

    /**
     * A union: the main outputs of two or more operators as one stream (Flink's DataStream#union). It is no operator
     * of its own: whatever reads it gets one inbound edge per input, partitioned as that reader says.
     */
    private void readUnion(ObjectNode o, Op op) throws ScenarioException {
        String ip = Doc.child(op.path, "inputs");
        ArrayNode a = doc.array(doc.required(o, op.path, "inputs", "an array of at least two operator ids"), ip,
                "the operators whose outputs are merged");
        if (a.size() < 2) {
            throw doc.error(ip, "expected at least two operator ids to merge, got " + a.size());
        }
        List<Op> members = new ArrayList<>();
        for (int k = 0; k < a.size(); k++) {
            String ep = Doc.index(ip, k);
            String id = doc.text(a.get(k), ep, "the id of an operator declared before this one");
            Op m = resolve(id, ep, op);
            for (Op other : members) {
                if (other.id.equals(id)) {
                    throw doc.error(ep, "operator " + Doc.quote(id) + " is already an input of this union");
                }
            }
            if (!members.isEmpty() && members.get(0).fields != null && m.fields != null
                    && !new java.util.HashSet<>(members.get(0).fields).equals(new java.util.HashSet<>(m.fields))) {
                throw doc.error(ep, "a union merges streams of one type, but the rows of " + Doc.quote(id) + " have"
                        + " the fields " + Doc.list(m.fields) + " and those of " + Doc.quote(members.get(0).id)
                        + " have " + Doc.list(members.get(0).fields) + "; select the same fields with a map first");
            }
            members.add(m);
        }
        List<DataStream<Row>> rest = new ArrayList<>();
        for (int k = 1; k < members.size(); k++) {
            Op m = members.get(k);
            rest.add(m.mainOutput());
        }
        Op first = members.get(0);
        DataStream<Row> head = first.mainOutput();
        @SuppressWarnings("unchecked")
        DataStream<Row>[] others = rest.toArray(new DataStream[0]);
        op.union = call(op.path, () -> head.union(others));
        op.unionOf = new ArrayList<>();
        for (Op m : members) {
            op.unionOf.addAll(m.senders());
        }
        op.fields = first.fields;
        op.kinds = first.kinds;
        op.parallelism = 0; // no subtasks of its own
    }

    /**
     * An interval join of the keyed "input" (left) with the keyed "other" (right):
     * {@code left.keyBy(k).intervalJoin(right.keyBy(k2)).between(lower, upper).process(JoinRowFunction)}. Each
     * result row has the left fields, then the right ones (a right field whose name is taken is renamed to
     * {@code other.field}, except a shared key field, kept once).
     */
    private void readIntervalJoin(ObjectNode o, Op op, Input left) throws ScenarioException {
        String otherPath = Doc.child(op.path, "other");
        String otherId = doc.text(doc.required(o, op.path, "other", "the id of the operator whose output is the"
                + " join's right input"), otherPath, "an operator id");
        Op right = resolve(otherId, otherPath, op);
        String okp = Doc.child(op.path, "otherKeyBy");
        String otherKey = o.has("otherKeyBy") ? doc.text(o.get("otherKeyBy"), okp, "a field name") : left.keyField();
        checkField(right.fields, otherKey, o.has("otherKeyBy") ? okp : Doc.child(op.path, "keyBy"));
        String leftKind = left.kinds().get(left.keyField());
        String rightKind = right.kinds.get(otherKey);
        if (leftKind != null && rightKind != null && !leftKind.equals(rightKind)) {
            throw doc.error(o.has("otherKeyBy") ? okp : Doc.child(op.path, "keyBy"), "the join's keys do not match:"
                    + " the left key " + Doc.quote(left.keyField()) + " holds " + leftKind + " but the right key "
                    + Doc.quote(otherKey) + " of " + Doc.quote(otherId) + " holds " + rightKind + "; both inputs"
                    + " must be keyed by values of the same type, or no key would ever meet its partner");
        }
        String bp = Doc.child(op.path, "between");
        ObjectNode b = doc.object(doc.required(o, op.path, "between", "the interval, such as {\"lower\": \"0s\","
                + " \"upper\": \"15min\"}"), bp, "the join's interval");
        doc.onlyFields(b, bp, "the join's interval", BETWEEN_FIELDS);
        long lower = doc.signedDuration(doc.required(b, bp, "lower", "a duration such as \"-5min\" or \"0s\""),
                Doc.child(bp, "lower"));
        long upper = doc.signedDuration(doc.required(b, bp, "upper", "a duration such as \"15min\""),
                Doc.child(bp, "upper"));
        if (lower > upper) {
            throw doc.error(bp, "the lower bound (" + Durations.format(lower) + ") is above the upper bound ("
                    + Durations.format(upper) + "); expected lower <= upper, as Flink's between requires"
                    + " (lowerBound <= upperBound must be fulfilled)");
        }
        boolean lowerExclusive = b.has("lowerExclusive")
                && doc.bool(b.get("lowerExclusive"), Doc.child(bp, "lowerExclusive"));
        boolean upperExclusive = b.has("upperExclusive")
                && doc.bool(b.get("upperExclusive"), Doc.child(bp, "upperExclusive"));
        OutputTag<Row> leftLate = o.has("lateOutput")
                ? new OutputTag<>(name(o.get("lateOutput"), Doc.child(op.path, "lateOutput"), "a side output name"))
                : null;
        OutputTag<Row> rightLate = null;
        if (o.has("otherLateOutput")) {
            String lp = Doc.child(op.path, "otherLateOutput");
            rightLate = new OutputTag<>(name(o.get("otherLateOutput"), lp, "a side output name"));
            if (leftLate != null && leftLate.id().equals(rightLate.id())) {
                throw doc.error(lp, "the side output " + Doc.quote(rightLate.id()) + " is already the left input's"
                        + " \"lateOutput\"; give each side its own name");
            }
        }
        String shared = left.keyField().equals(otherKey) ? otherKey : null;
        List<String> outFields = null;
        Map<String, String> outKinds = new LinkedHashMap<>(left.kinds());
        if (left.fields() != null && right.fields != null) {
            outFields = new ArrayList<>(left.fields());
            for (String f : right.fields) {
                if (outFields.contains(f) || left.fields().contains(f)) {
                    if (!f.equals(shared)) {
                        outFields.add(otherId + "." + f);
                    }
                } else {
                    outFields.add(f);
                    if (right.kinds.containsKey(f)) {
                        outKinds.put(f, right.kinds.get(f));
                    }
                }
            }
        }
        op.fields = outFields;
        op.kinds = outKinds;
        op.sideTag = leftLate;
        op.sideFields = left.fields();
        op.sideTag2 = rightLate;
        op.sideFields2 = right.fields;
        DataStream<Row> rightStream = right.mainOutput();
        OutputTag<Row> ll = leftLate;
        OutputTag<Row> rl = rightLate;
        op.stream = call(op.path, () -> {
            var joined = left.keyed().intervalJoin(rightStream.keyBy(new FieldKeySelector(otherKey)))
                    .between(Duration.ofMillis(lower), Duration.ofMillis(upper));
            if (lowerExclusive) {
                joined.lowerBoundExclusive();
            }
            if (upperExclusive) {
                joined.upperBoundExclusive();
            }
            if (ll != null) {
                joined.sideOutputLeftLateData(ll);
            }
            if (rl != null) {
                joined.sideOutputRightLateData(rl);
            }
            return joined.process(new JoinRowFunction(shared, otherId), op.id);
        });
    }

    private void readSource(ObjectNode o, Op op) throws ScenarioException {
        String tp = Doc.child(op.path, "topic");
        String topicName = doc.text(doc.required(o, op.path, "topic", "the name of a topic"), tp, "a topic name");
        Topic topic = topics.get(topicName);
        if (topic == null) {
            String hint = Doc.suggest(topicName, topics.keySet());
            throw doc.error(tp, "unknown topic " + Doc.quote(topicName) + (hint == null ? ""
                    : " (did you mean " + Doc.quote(hint) + "?)") + "; declared topics: "
                    + Doc.list(new ArrayList<>(topics.keySet())));
        }
        if (topic.log().partition(0).isGenerated()) {
            for (Map.Entry<String, String> other : sourceTopic.entrySet()) {
                if (other.getValue().equals(topicName)) {
                    throw doc.error(tp, "generated topic " + Doc.quote(topicName) + " is already read by source "
                            + Doc.quote(other.getKey()) + "; generated records are drawn as they are read, so two"
                            + " sources would see different records. Declare a second topic instead");
                }
            }
        }
        sourceTopic.put(op.id, topicName);
        WatermarkStrategy strategy = readWatermarks(doc.required(o, op.path, "watermarks", "\"none\" or an object"
                + " with outOfOrderness, timestampField, idleness, emit"), Doc.child(op.path, "watermarks"),
                topic.fields());
        op.fields = topic.fields();
        op.kinds = kindsOf(topic.log());
        op.stream = call(op.path, () -> env.<Row>fromSource(topic.log(), strategy, op.id));
    }

    /** The kind of value of each field that every record of the topic agrees on (none for a generated topic). */
    private static Map<String, String> kindsOf(PartitionedLog log) {
        Map<String, String> kinds = new LinkedHashMap<>();
        java.util.Set<String> mixed = new java.util.HashSet<>();
        for (int p = 0; p < log.numPartitions(); p++) {
            if (log.partition(p).isGenerated()) {
                return Map.of();
            }
            for (io.streamscope.connectors.LogRecord r : log.partition(p).records()) {
                if (!(r.value() instanceof Row row)) {
                    continue;
                }
                for (String f : row.fieldNames()) {
                    Object v = row.get(f);
                    String k = v instanceof String ? "a string" : v instanceof Number ? "a number"
                            : v instanceof Boolean ? "a boolean" : null;
                    String before = kinds.putIfAbsent(f, k);
                    if (k == null || (before != null && !before.equals(k))) {
                        mixed.add(f);
                    }
                }
            }
        }
        kinds.keySet().removeAll(mixed);
        kinds.values().removeIf(java.util.Objects::isNull);
        return kinds;
    }

    private WatermarkStrategy readWatermarks(JsonNode n, String path, List<String> fields) throws ScenarioException {
        if (n.isTextual()) {
            if (n.textValue().equals("none")) {
                return WatermarkStrategy.noWatermarks();
            }
            throw doc.error(path, "expected \"none\" or an object with outOfOrderness, timestampField, idleness, emit;"
                    + " got " + Doc.describe(n));
        }
        ObjectNode o = doc.object(n, path, "a watermark strategy (or \"none\")");
        doc.onlyFields(o, path, "a watermark strategy", WATERMARK_FIELDS);
        long ooo = o.has("outOfOrderness") ? doc.duration(o.get("outOfOrderness"), Doc.child(path, "outOfOrderness"))
                : 0;
        WatermarkStrategy s = ooo == 0 ? WatermarkStrategy.forMonotonousTimestamps()
                : WatermarkStrategy.forBoundedOutOfOrderness(Duration.ofMillis(ooo));
        if (o.has("timestampField")) {
            String fp = Doc.child(path, "timestampField");
            String f = doc.text(o.get("timestampField"), fp, "a field name");
            checkField(fields, f, fp);
            s = s.withTimestampField(f);
        }
        if (o.has("idleness")) {
            s = s.withIdleness(Duration.ofMillis(doc.positiveDuration(o.get("idleness"), Doc.child(path, "idleness"))));
        }
        if (o.has("emit")) {
            String ep = Doc.child(path, "emit");
            String e = doc.string(o.get("emit"), ep, "when watermarks are emitted");
            if (e.equals("periodic")) {
                s = s.withEmission(WatermarkStrategy.Emission.PERIODIC);
            } else if (e.equals("per-event")) {
                s = s.withEmission(WatermarkStrategy.Emission.PER_EVENT);
            } else {
                throw doc.error(ep, "expected \"periodic\" or \"per-event\", got " + Doc.quote(e));
            }
        }
        return s;
    }

    private void readTimestamps(ObjectNode o, Op op, Input in) throws ScenarioException {
        WatermarkStrategy strategy = readWatermarks(doc.required(o, op.path, "watermarks", "\"none\" or an object"
                + " with outOfOrderness, timestampField, idleness, emit"), Doc.child(op.path, "watermarks"),
                in.fields());
        op.fields = in.fields();
        op.kinds = in.kinds();
        op.stream = call(op.path, () -> in.stream().assignTimestampsAndWatermarks(strategy, op.id));
    }

    private void readFilter(ObjectNode o, Op op, Input in) throws ScenarioException {
        String fp = Doc.child(op.path, "field");
        String field = doc.text(doc.required(o, op.path, "field", "the name of the field to test"), fp,
                "a field name");
        checkField(in.fields(), field, fp);
        String opPath = Doc.child(op.path, "op");
        String cmp = doc.string(doc.required(o, op.path, "op", "one of " + String.join(" ", FieldFilter.OPERATORS)),
                opPath, "a comparison");
        if (!FieldFilter.OPERATORS.contains(cmp)) {
            throw doc.error(opPath, "expected one of " + String.join(" ", FieldFilter.OPERATORS) + ", got "
                    + Doc.quote(cmp));
        }
        String vp = Doc.child(op.path, "value");
        Object value = doc.scalar(doc.required(o, op.path, "value", "the constant to compare with"), vp);
        if (!cmp.equals("==") && !cmp.equals("!=") && !(value instanceof Number) && !(value instanceof String)) {
            throw doc.error(vp, "expected a number or a string to compare with " + cmp + ", got "
                    + Doc.describe(o.get("value")));
        }
        op.fields = in.fields();
        op.kinds = in.kinds();
        FieldFilter fn = new FieldFilter(field, cmp, value);
        op.stream = call(op.path, () -> in.stream().filter(fn, op.id));
    }

    private void readMap(ObjectNode o, Op op, Input in) throws ScenarioException {
        if (!o.has("select") && !o.has("set")) {
            throw doc.error(op.path, "a map needs \"select\" (the fields to keep), \"set\" (fields to set to"
                    + " constants), or both");
        }
        List<String> select = null;
        if (o.has("select")) {
            String sp = Doc.child(op.path, "select");
            ArrayNode a = doc.array(o.get("select"), sp, "the fields to keep");
            if (a.isEmpty()) {
                throw doc.error(sp, "expected at least one field to keep");
            }
            select = new ArrayList<>();
            for (int k = 0; k < a.size(); k++) {
                String ep = Doc.index(sp, k);
                String f = doc.text(a.get(k), ep, "a field name");
                if (select.contains(f)) {
                    throw doc.error(ep, "field " + Doc.quote(f) + " is selected twice");
                }
                checkField(in.fields(), f, ep);
                select.add(f);
            }
        }
        Map<String, Object> set = new LinkedHashMap<>();
        if (o.has("set")) {
            String sp = Doc.child(op.path, "set");
            ObjectNode s = doc.object(o.get("set"), sp, "the fields to set, such as {\"region\": \"eu\"}");
            for (String f : Doc.fields(s)) {
                set.put(f, doc.scalar(s.get(f), Doc.child(sp, f)));
            }
        }
        FieldMap fn = new FieldMap(select, set);
        op.fields = fn.outputFields(in.fields());
        Map<String, String> kinds = new LinkedHashMap<>(in.kinds());
        if (select != null) {
            kinds.keySet().retainAll(select);
        }
        kinds.keySet().removeAll(set.keySet());
        op.kinds = kinds;
        op.stream = call(op.path, () -> in.stream().map(fn, op.id));
    }

    private void readWindow(ObjectNode o, Op op, Input in) throws ScenarioException {
        String wp = Doc.child(op.path, "window");
        ObjectNode w = doc.object(doc.required(o, op.path, "window", "the window, such as {\"kind\": \"tumbling\","
                + " \"size\": \"5s\"}"), wp, "a window");
        String kp = Doc.child(wp, "kind");
        String kind = doc.string(doc.required(w, wp, "kind", "tumbling, sliding or session"), kp, "a window kind");
        List<String> allowed;
        switch (kind) {
            case "tumbling":
                allowed = List.of("kind", "size", "offset", "time");
                break;
            case "sliding":
                allowed = List.of("kind", "size", "slide", "offset", "time");
                break;
            case "session":
                allowed = List.of("kind", "gap", "time");
                break;
            default:
                throw doc.error(kp, "expected tumbling, sliding or session, got " + Doc.quote(kind));
        }
        doc.onlyFields(w, wp, "a " + kind + " window", allowed);
        boolean eventTime = true;
        if (w.has("time")) {
            String tp = Doc.child(wp, "time");
            String t = doc.string(w.get("time"), tp, "event or processing");
            if (!t.equals("event") && !t.equals("processing")) {
                throw doc.error(tp, "expected \"event\" or \"processing\", got " + Doc.quote(t));
            }
            eventTime = t.equals("event");
        }
        long offset = w.has("offset") ? doc.signedDuration(w.get("offset"), Doc.child(wp, "offset")) : 0;
        WindowAssigner assigner;
        try {
            if (kind.equals("tumbling")) {
                long size = doc.positiveDuration(doc.required(w, wp, "size", "a duration such as \"5s\""),
                        Doc.child(wp, "size"));
                if (Math.abs(offset) >= size) {
                    throw doc.error(Doc.child(wp, "offset"), "expected an offset smaller than the size ("
                            + Durations.format(size) + "), got " + Durations.format(offset));
                }
                assigner = new WindowAssigner.Tumbling(size, offset, eventTime);
            } else if (kind.equals("sliding")) {
                long size = doc.positiveDuration(doc.required(w, wp, "size", "a duration such as \"5min\""),
                        Doc.child(wp, "size"));
                long slide = doc.positiveDuration(doc.required(w, wp, "slide", "a duration such as \"1min\""),
                        Doc.child(wp, "slide"));
                if (Math.abs(offset) >= slide) {
                    throw doc.error(Doc.child(wp, "offset"), "expected an offset smaller than the slide ("
                            + Durations.format(slide) + "), got " + Durations.format(offset));
                }
                assigner = new WindowAssigner.Sliding(size, slide, offset, eventTime);
            } else {
                long gap = doc.positiveDuration(doc.required(w, wp, "gap", "a duration such as \"30min\""),
                        Doc.child(wp, "gap"));
                assigner = new WindowAssigner.Session(gap, eventTime);
            }
        } catch (IllegalArgumentException e) {
            throw doc.error(wp, e.getMessage());
        }
        long lateness = 0;
        if (o.has("allowedLateness")) {
            String lp = Doc.child(op.path, "allowedLateness");
            lateness = doc.duration(o.get("allowedLateness"), lp);
            if (!eventTime && lateness > 0) {
                throw doc.error(lp, "allowed lateness applies to event-time windows only; a processing-time window"
                        + " is never late");
            }
        }
        OutputTag<Row> lateTag = null;
        if (o.has("lateOutput")) {
            String lp = Doc.child(op.path, "lateOutput");
            if (!eventTime) {
                throw doc.error(lp, "a late-data output applies to event-time windows only; a processing-time window"
                        + " is never late");
            }
            lateTag = new OutputTag<>(name(o.get("lateOutput"), lp, "a side output name"));
        }
        String ap = Doc.child(op.path, "aggregates");
        ArrayNode aggs = doc.array(doc.required(o, op.path, "aggregates", "such as [\"count\", \"sum(value) as"
                + " total\"]"), ap, "the aggregates");
        if (aggs.isEmpty()) {
            throw doc.error(ap, "expected at least one aggregate, such as \"count\"");
        }
        List<AggSpec> specs = new ArrayList<>();
        List<String> outFields = new ArrayList<>(List.of(in.keyField(), "start", "end"));
        for (int k = 0; k < aggs.size(); k++) {
            String ep = Doc.index(ap, k);
            String text = doc.string(aggs.get(k), ep, "an aggregate such as \"count\" or \"sum(value) as total\"");
            AggSpec spec;
            try {
                spec = AggSpec.parse(text);
            } catch (IllegalArgumentException e) {
                throw doc.error(ep, e.getMessage());
            }
            if (spec.field() != null) {
                checkField(in.fields(), spec.field(), ep);
            }
            if (outFields.contains(spec.alias())) {
                throw doc.error(ep, "the result field " + Doc.quote(spec.alias()) + " is already taken (window rows"
                        + " have the fields " + String.join(", ", outFields) + "); rename it with \"as\", as in \""
                        + text.strip() + " as " + spec.alias() + "2\"");
            }
            outFields.add(spec.alias());
            specs.add(spec);
        }
        op.fields = outFields;
        op.sideTag = lateTag;
        op.sideFields = in.fields();
        long allowedLateness = lateness;
        OutputTag<Row> tag = lateTag;
        op.stream = call(op.path, () -> {
            var windowed = in.keyed().window(assigner);
            if (allowedLateness > 0) {
                windowed.allowedLateness(Duration.ofMillis(allowedLateness));
            }
            if (tag != null) {
                windowed.sideOutputLateData(tag);
            }
            return windowed.aggregate(new StatsAggregate(specs), new WindowRowFunction(in.keyField()), op.id);
        });
    }

    private void readSessionize(ObjectNode o, Op op, Input in) throws ScenarioException {
        long gap = doc.positiveDuration(doc.required(o, op.path, "gap", "a duration such as \"30min\""),
                Doc.child(op.path, "gap"));
        String distinct = null;
        if (o.has("distinct")) {
            String dp = Doc.child(op.path, "distinct");
            distinct = doc.text(o.get("distinct"), dp, "a field name");
            checkField(in.fields(), distinct, dp);
        }
        OutputTag<Row> lateTag = o.has("lateOutput")
                ? new OutputTag<>(name(o.get("lateOutput"), Doc.child(op.path, "lateOutput"), "a side output name"))
                : null;
        List<String> outFields = new ArrayList<>(List.of(in.keyField(), "start", "end", "count"));
        if (distinct != null) {
            outFields.add("distinct_" + distinct);
        }
        op.fields = outFields;
        op.sideTag = lateTag;
        op.sideFields = in.fields();
        SessionizeFunction fn = new SessionizeFunction(gap, in.keyField(), distinct, lateTag);
        op.stream = call(op.path, () -> in.keyed().process(fn, op.id));
    }

    private void readCountPerKey(ObjectNode o, Op op, Input in) throws ScenarioException {
        StateTtlConfig ttl = o.has("stateTtl") ? readStateTtl(o.get("stateTtl"), Doc.child(op.path, "stateTtl"))
                : null;
        op.fields = new ArrayList<>(List.of(in.keyField(), "count"));
        CountPerKeyFunction fn = new CountPerKeyFunction(in.keyField(), ttl);
        op.stream = call(op.path, () -> in.keyed().process(fn, op.id));
    }

    /** A "stateTtl" block: Flink's StateTtlConfig builder, field by field. */
    private StateTtlConfig readStateTtl(JsonNode n, String path) throws ScenarioException {
        ObjectNode o = doc.object(n, path, "a state TTL such as {\"ttl\": \"10s\"}");
        doc.onlyFields(o, path, "a state TTL", STATE_TTL_FIELDS);
        long ttl = doc.positiveDuration(doc.required(o, path, "ttl", "a duration such as \"10s\""),
                Doc.child(path, "ttl"));
        StateTtlConfig.Builder b = StateTtlConfig.newBuilder(Duration.ofMillis(ttl));
        if (o.has("updateType")) {
            b.setUpdateType(enumValue(o.get("updateType"), Doc.child(path, "updateType"), "an update type",
                    StateTtlConfig.UpdateType.class));
        }
        if (o.has("stateVisibility")) {
            b.setStateVisibility(enumValue(o.get("stateVisibility"), Doc.child(path, "stateVisibility"),
                    "a state visibility", StateTtlConfig.StateVisibility.class));
        }
        if (o.has("cleanupFullSnapshot") && doc.bool(o.get("cleanupFullSnapshot"),
                Doc.child(path, "cleanupFullSnapshot"))) {
            b.cleanupFullSnapshot();
        }
        if (o.has("cleanupInBackground") && !doc.bool(o.get("cleanupInBackground"),
                Doc.child(path, "cleanupInBackground"))) {
            b.disableCleanupInBackground();
        }
        if (o.has("cleanupIncrementally")) {
            String ip = Doc.child(path, "cleanupIncrementally");
            ObjectNode ic = doc.object(o.get("cleanupIncrementally"), ip,
                    "an incremental cleanup such as {\"cleanupSize\": 5, \"runCleanupForEveryRecord\": false}");
            doc.onlyFields(ic, ip, "an incremental cleanup", INCREMENTAL_CLEANUP_FIELDS);
            int size = doc.integer(doc.required(ic, ip, "cleanupSize", "the number of entries checked per state"
                    + " access, such as 5"), Doc.child(ip, "cleanupSize"), "a cleanup size", 1, Integer.MAX_VALUE);
            boolean everyRecord = ic.has("runCleanupForEveryRecord") && doc.bool(ic.get("runCleanupForEveryRecord"),
                    Doc.child(ip, "runCleanupForEveryRecord"));
            b.cleanupIncrementally(size, everyRecord);
        }
        return b.build();
    }

    private <E extends Enum<E>> E enumValue(JsonNode n, String path, String what, Class<E> type)
            throws ScenarioException {
        String v = doc.string(n, path, what);
        List<String> names = new ArrayList<>();
        for (E e : type.getEnumConstants()) {
            names.add(e.name());
            if (e.name().equals(v)) {
                return e;
            }
        }
        String hint = Doc.suggest(v, names);
        throw doc.error(path, "expected one of " + String.join(", ", names) + ", got " + Doc.quote(v)
                + (hint == null ? "" : " (did you mean " + Doc.quote(hint) + "?)"));
    }

    private void readSink(ObjectNode o, Op op, Input in, boolean chaining) throws ScenarioException {
        DeliveryGuarantee guarantee = DeliveryGuarantee.NONE;
        if (o.has("semantics")) {
            String sp = Doc.child(op.path, "semantics");
            String sem = doc.string(o.get("semantics"), sp, "the sink's delivery guarantee");
            if (!SINK_SEMANTICS.contains(sem)) {
                throw doc.error(sp, "expected one of " + String.join(", ", SINK_SEMANTICS) + ", got " + Doc.quote(sem));
            }
            if (sem.equals("exactly-once") && !checkpointing) {
                throw doc.error(sp, "an exactly-once sink commits its transactions when checkpoints complete, so it"
                        + " needs checkpointing; add \"checkpointing\": {\"interval\": \"1s\"} or use"
                        + " \"at-least-once\"");
            }
            guarantee = sem.equals("exactly-once") ? DeliveryGuarantee.EXACTLY_ONCE
                    : sem.equals("at-least-once") ? DeliveryGuarantee.AT_LEAST_ONCE : DeliveryGuarantee.NONE;
        }
        DeliveryGuarantee g = guarantee;
        call(op.path, () -> {
            DataStreamSink sink = in.stream().sinkTo(new CollectingSink(op.id, g), op.id);
            sink.setParallelism(op.parallelism);
            if (!chaining) {
                sink.disableChaining();
            }
            return sink;
        });
    }

    // ---------------------------------------------------------------- checks on the whole job

    /** With slot sharing a job needs as many slots as its highest parallelism; said here with a useful path. */
    private void checkSlots(ClusterSpec cluster) throws ScenarioException {
        Op widest = null;
        for (Op op : ops.values()) {
            if (widest == null || op.parallelism > widest.parallelism) {
                widest = op;
            }
        }
        if (widest != null && widest.parallelism > cluster.totalSlots()) {
            throw doc.error(widest.parallelismPath, "the job needs " + widest.parallelism + " slots (operator "
                    + Doc.quote(widest.id) + " has parallelism " + widest.parallelism + ", and slot sharing puts one"
                    + " subtask of every operator in a slot) but the cluster has " + cluster.taskManagers()
                    + " TaskManager(s) x " + cluster.slotsPerTaskManager() + " slot(s) = " + cluster.totalSlots()
                    + "; lower the parallelism or raise cluster.taskManagers or cluster.slotsPerTaskManager");
        }
    }

    /** Builds the graph and the physical plan now, so whatever they refuse is reported at load time. */
    private ExecutionPlan buildPlan(EngineConfig config) throws ScenarioException {
        try {
            JobGraph graph = env.getJobGraph();
            return new ExecutionPlan(graph, config.cluster(), config.chainingEnabled() && env.isChainingEnabled());
        } catch (IllegalStateException | IllegalArgumentException | UnsupportedOperationException e) {
            throw doc.error("$.job", e.getMessage());
        }
    }

    // ---------------------------------------------------------------- helpers

    private String name(JsonNode n, String path, String what) throws ScenarioException {
        String s = doc.string(n, path, what);
        if (!NAME.matcher(s).matches()) {
            throw doc.error(path, "expected " + what + " made of " + NAME_RULE + ", got " + Doc.quote(s));
        }
        return s;
    }

    /** A field that every row reaching an operator must have; skipped when those fields are not known. */
    private void checkField(List<String> fields, String field, String path) throws ScenarioException {
        if (fields != null && !fields.contains(field)) {
            String hint = Doc.suggest(field, fields);
            throw doc.error(path, "no field " + Doc.quote(field) + " in the rows reaching this operator"
                    + (hint == null ? "" : " (did you mean " + Doc.quote(hint) + "?)") + "; every row there has: "
                    + Doc.list(fields));
        }
    }

    /** A call into the DataStream API that may refuse what it is given. */
    private interface ApiCall<T> {
        T call();
    }

    /** A configuration step of the DataStream API that may refuse what it is given. */
    private interface ApiStep {
        void run();
    }

    private <T> T call(String path, ApiCall<T> call) throws ScenarioException {
        try {
            return call.call();
        } catch (IllegalArgumentException | IllegalStateException | UnsupportedOperationException e) {
            throw doc.error(path, e.getMessage());
        }
    }

    private void step(String path, ApiStep step) throws ScenarioException {
        try {
            step.run();
        } catch (IllegalArgumentException | IllegalStateException | UnsupportedOperationException e) {
            throw doc.error(path, e.getMessage());
        }
    }
}
