package io.streamscope.flink;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.streamscope.connectors.LogRecord;
import io.streamscope.connectors.PartitionedLog;
import io.streamscope.connectors.SinkTable;
import io.streamscope.data.Row;
import io.streamscope.graph.JobGraph;
import io.streamscope.graph.JobVertex;
import io.streamscope.graph.OperatorSpec;
import io.streamscope.scenario.LoadedScenario;
import io.streamscope.sim.Simulation;
import io.streamscope.trace.TraceEvent;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A scenario run to the end on our engine, with what the bridge needs from it: what every sink received, and
 * every source's input exactly as read (which subtask read which partition, in which interleaving, and the
 * records of generated topics, which exist only once read).
 */
public final class EngineRun {
    private static final ObjectMapper JSON = new ObjectMapper();

    /** One source's input: per partition its records and timestamps, the owning subtask, and per subtask its order. */
    public record SourceInput(String topic, List<List<Object>> records, List<List<Long>> timestamps, int[] owner,
                              int[][] readOrder) {
    }

    private final String name;
    private final JobGraph graph;
    private final long autoWatermarkInterval;
    private final Map<String, SourceInput> sources = new LinkedHashMap<>();
    private final Map<String, List<SinkRecord>> sinks = new LinkedHashMap<>();

    private EngineRun(String name, JobGraph graph, long autoWatermarkInterval) {
        this.name = name;
        this.graph = graph;
        this.autoWatermarkInterval = autoWatermarkInterval;
    }

    /** Runs the scenario to the end (its runUntil, if any, is ignored: Flink runs a bounded job to its end). */
    public static EngineRun of(LoadedScenario scenario) {
        JobGraph graph = scenario.env().getJobGraph();
        for (JobVertex v : graph.vertices()) {
            if (v.spec() instanceof OperatorSpec.Source s && !s.log().isBounded()) {
                throw new UntranslatableException(v.name(), "topic '" + s.log().topic() + "' is unbounded; the"
                        + " bridge runs bounded jobs only, which end by themselves on both engines");
            }
        }
        Simulation sim = scenario.start(null, true);
        sim.runToEnd();
        EngineRun run = new EngineRun(scenario.name(), graph, scenario.config().autoWatermarkIntervalMillis());
        run.readInputs(sim);
        for (Map.Entry<String, SinkTable> e : sim.sinks().entrySet()) {
            List<SinkRecord> rows = new ArrayList<>();
            for (SinkTable.Row r : e.getValue().rows()) {
                rows.add(new SinkRecord(r.value(), r.timestamp()));
            }
            run.sinks.put(e.getKey(), rows);
        }
        return run;
    }

    /** A record read by a source subtask, from the trace. */
    private record Read(int partition, long offset, String text, long timestamp) {
    }

    private void readInputs(Simulation sim) {
        Map<String, List<List<Read>>> reads = new LinkedHashMap<>();
        for (JobVertex v : graph.vertices()) {
            if (v.spec() instanceof OperatorSpec.Source) {
                List<List<Read>> perSubtask = new ArrayList<>();
                for (int i = 0; i < v.parallelism(); i++) {
                    perSubtask.add(new ArrayList<>());
                }
                reads.put(v.name(), perSubtask);
            }
        }
        for (TraceEvent e : sim.trace()) {
            if (e instanceof TraceEvent.RecordRead r) {
                int open = r.subtask().lastIndexOf('[');
                String source = r.subtask().substring(0, open);
                int index = Integer.parseInt(r.subtask().substring(open + 1, r.subtask().length() - 1));
                reads.get(source).get(index).add(new Read(r.partition(), r.offset(), r.record(), r.timestamp()));
            }
        }
        for (JobVertex v : graph.vertices()) {
            if (v.spec() instanceof OperatorSpec.Source s) {
                sources.put(v.name(), input(v, s.log(), reads.get(v.name())));
            }
        }
    }

    private static SourceInput input(JobVertex v, PartitionedLog log, List<List<Read>> reads) {
        int n = log.numPartitions();
        int[] owner = new int[n];
        for (int p = 0; p < n; p++) {
            owner[p] = log.splitOwner(p, v.parallelism());
        }
        List<List<Object>> records = new ArrayList<>();
        List<List<Long>> timestamps = new ArrayList<>();
        for (int p = 0; p < n; p++) {
            records.add(new ArrayList<>());
            timestamps.add(new ArrayList<>());
        }
        java.util.Set<Long> seen = new java.util.HashSet<>();
        for (List<Read> list : reads) {
            for (Read r : list) {
                if (!seen.add(((long) r.partition() << 40) + r.offset())) {
                    // a restart from a checkpoint replays records: Flink runs the job once, without failures
                    throw new UntranslatableException(v.name(), "read offset " + r.offset() + " of partition "
                            + r.partition() + " twice (a restart replayed it); the bridge compares runs without"
                            + " failures");
                }
            }
        }
        int[][] order = new int[reads.size()][];
        for (int sub = 0; sub < reads.size(); sub++) {
            List<Read> list = reads.get(sub);
            order[sub] = new int[list.size()];
            for (int k = 0; k < list.size(); k++) {
                Read r = list.get(k);
                order[sub][k] = r.partition();
                if (owner[r.partition()] != sub) {
                    throw new IllegalStateException("source '" + v.name() + "': subtask " + sub + " read partition "
                            + r.partition() + ", expected subtask " + owner[r.partition()]);
                }
                if (log.partition(r.partition()).isGenerated()) {
                    // generated records exist only as read: take them from the trace
                    records.get(r.partition()).add(parse(v.name(), r.text()));
                    timestamps.get(r.partition()).add(r.timestamp());
                } else {
                    LogRecord rec = log.partition(r.partition()).records().get((int) r.offset());
                    if (!(rec.value() instanceof Row)) {
                        throw new UntranslatableException(v.name(), "record " + rec.value() + " of topic '"
                                + log.topic() + "' is not a Row; the bridge carries rows only");
                    }
                    records.get(r.partition()).add(rec.value());
                    timestamps.get(r.partition()).add(rec.timestamp());
                }
            }
        }
        for (int p = 0; p < n; p++) {
            long expected = log.partition(p).size();
            if (records.get(p).size() != expected) {
                throw new IllegalStateException("source '" + v.name() + "' read " + records.get(p).size()
                        + " records of partition " + p + " of '" + log.topic() + "', which has " + expected);
            }
        }
        return new SourceInput(log.topic(), records, timestamps, owner, order);
    }

    /** A generated row from its trace form: whole numbers come back as Long, others as Double. */
    private static Row parse(String source, String text) {
        try {
            JsonNode node = JSON.readTree(text);
            Map<String, Object> fields = new LinkedHashMap<>();
            for (Map.Entry<String, JsonNode> f : node.properties()) {
                JsonNode x = f.getValue();
                Object v;
                if (x.isNull()) {
                    v = null;
                } else if (x.isIntegralNumber()) {
                    v = x.longValue();
                } else if (x.isNumber()) {
                    v = x.doubleValue();
                } else if (x.isBoolean()) {
                    v = x.booleanValue();
                } else if (x.isTextual()) {
                    v = x.textValue();
                } else {
                    throw new UntranslatableException(source, "generated record " + text + " is not a flat row");
                }
                fields.put(f.getKey(), v);
            }
            return Row.fromMap(fields);
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new UntranslatableException(source, "generated record " + text + " cannot be read back: " + e);
        }
    }

    /** The scenario's name. */
    public String name() {
        return name;
    }

    /** The engine's auto-watermark interval (periodic emission and idleness checks), in ms. */
    public long autoWatermarkInterval() {
        return autoWatermarkInterval;
    }

    public JobGraph graph() {
        return graph;
    }

    /** Each source's input as read, by source operator name. */
    public Map<String, SourceInput> sources() {
        return sources;
    }

    /** What each sink received, in arrival order, by sink name. */
    public Map<String, List<SinkRecord>> sinks() {
        return sinks;
    }
}
