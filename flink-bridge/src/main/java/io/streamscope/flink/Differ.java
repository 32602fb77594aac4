package io.streamscope.flink;

import io.streamscope.api.functions.FieldKeySelector;
import io.streamscope.data.Json;
import io.streamscope.data.Row;
import io.streamscope.graph.JobEdge;
import io.streamscope.graph.JobGraph;
import io.streamscope.graph.JobVertex;
import io.streamscope.graph.OperatorSpec;
import io.streamscope.graph.Partitioner;
import io.streamscope.time.WatermarkStrategy;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.Deque;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/**
 * Compares what the sinks received on both engines. Flink fixes the order of records only within one producing
 * subtask, and within one watermark step windows of different keys fire in its timer queue's order, so each
 * sink is compared in the finest order both engines guarantee:
 * <ul>
 *   <li>per key, in order, when the sink reads a keyed operator (window, sessionize) through forward edges:
 *       records are grouped by the value of the key field;</li>
 *   <li>as one sequence, in order, when every operator upstream of the sink has parallelism 1 and none is
 *       keyed;</li>
 *   <li>otherwise as a multiset (sorted), since the interleaving of subtasks is not fixed in Flink.</li>
 * </ul>
 * Records compare by value (Long and Double differ) and event-time timestamp.
 */
public final class Differ {
    private Differ() {
    }

    /** How a sink's records are compared. */
    private record Mode(String keyField, boolean ordered) {
        String describe() {
            if (keyField != null) {
                return "per key \"" + keyField + "\", in order";
            }
            return ordered ? "as one sequence, in order" : "as a multiset: the interleaving of subtasks is not fixed";
        }
    }

    /** Compares our engine's sinks with Flink's. */
    public static DiffReport compare(EngineRun ours, Map<String, List<SinkRecord>> flink) {
        JobGraph graph = ours.graph();
        List<DiffReport.SinkDiff> diffs = new ArrayList<>();
        int sinks = 0;
        int records = 0;
        for (JobVertex v : graph.vertices()) {
            if (!(v.spec() instanceof OperatorSpec.Sink)) {
                continue;
            }
            sinks++;
            List<SinkRecord> a = ours.sinks().getOrDefault(v.name(), List.of());
            List<SinkRecord> b = flink.getOrDefault(v.name(), List.of());
            records += a.size();
            Mode mode = modeOf(graph, v);
            if (mode.keyField() != null && !(allHave(a, mode.keyField()) && allHave(b, mode.keyField()))) {
                // a map dropped the key field: fall back to what holds without keys
                mode = new Mode(null, false);
            }
            List<DiffReport.GroupDiff> groups = mode.keyField() != null ? perKey(a, b, mode.keyField())
                    : mode.ordered() ? sequence("all records", a, b) : sequence("all records, sorted", sorted(a),
                    sorted(b));
            if (!groups.isEmpty()) {
                diffs.add(new DiffReport.SinkDiff(v.name(), mode.describe(), groups));
            }
        }
        return new DiffReport(ours.name(), diffs, notes(ours), sinks, records);
    }

    /** Why exact agreement is not expected, if it is not. */
    static List<String> notes(EngineRun run) {
        List<String> notes = new ArrayList<>();
        for (JobVertex v : run.graph().vertices()) {
            if (!(v.spec() instanceof OperatorSpec.Sink) && run.graph().inputs(v).size() > 1) {
                notes.add("'" + v.name() + "' reads " + run.graph().inputs(v).size() + " streams (a union or a"
                        + " join): Flink interleaves them as they arrive, so which elements are late and when state is"
                        + " cleaned up can differ; when no element is late the results agree (compared as sets)");
            }
            if (!(v.spec() instanceof OperatorSpec.Sink)) {
                for (JobEdge e : run.graph().inputs(v)) {
                    if (e.source().parallelism() > 1 && !(e.partitioner() instanceof Partitioner.Forward)) {
                        notes.add("'" + v.name() + "' reads from " + e.source().parallelism() + " subtasks of '"
                                + e.source().name() + "': Flink interleaves them as they arrive, so whatever depends"
                                + " on a watermark reaching it before or after a record (late records, late firings)"
                                + " can differ; when no record is late the results agree");
                    }
                }
            }
            WatermarkStrategy s = null;
            if (v.spec() instanceof OperatorSpec.Source src) {
                s = src.watermarkStrategy();
            } else if (v.spec() instanceof OperatorSpec.TimestampsAndWatermarks t) {
                s = t.watermarkStrategy();
            }
            if (s == null || s.watermarksDisabled()) {
                continue;
            }
            if (s.emission() == WatermarkStrategy.Emission.PERIODIC) {
                notes.add("'" + v.name() + "' emits watermarks periodically: our engine on its virtual clock, Flink"
                        + " on its wall clock, so which records are late can differ; use \"emit\": \"per-event\" for"
                        + " an exact comparison");
            }
            if (s.idleness().isPresent()) {
                notes.add("'" + v.name() + "' has idleness: our engine times it on its virtual clock, Flink on its"
                        + " wall clock, so when an input turns idle can differ");
            }
        }
        return notes;
    }

    private static Mode modeOf(JobGraph graph, JobVertex sink) {
        if (mergesStreams(graph, sink)) {
            // a union or a join upstream: Flink interleaves their inputs as they arrive, so only the multiset of
            // records is the same (with nothing late)
            return new Mode(null, false);
        }
        JobVertex producer = graph.inputs(sink).get(0).source();
        while (producer.spec() instanceof OperatorSpec.Map || producer.spec() instanceof OperatorSpec.Filter
                || producer.spec() instanceof OperatorSpec.TimestampsAndWatermarks) {
            JobEdge in = graph.inputs(producer).get(0);
            if (!(in.partitioner() instanceof Partitioner.Forward)) {
                break;
            }
            producer = in.source();
        }
        boolean keyed = producer.spec() instanceof OperatorSpec.Window
                || producer.spec() instanceof OperatorSpec.KeyedProcess;
        if (keyed && producer.keySelector() instanceof FieldKeySelector f) {
            return new Mode(f.field(), true);
        }
        return new Mode(null, upstreamIsSequential(graph, sink));
    }

    /** True when {@code v} or an operator upstream of it reads more than one inbound edge. */
    private static boolean mergesStreams(JobGraph graph, JobVertex v) {
        Deque<JobVertex> todo = new ArrayDeque<>();
        Set<JobVertex> seen = new HashSet<>();
        todo.add(v);
        while (!todo.isEmpty()) {
            JobVertex x = todo.poll();
            List<JobEdge> in = graph.inputs(x);
            if (in.size() > 1) {
                return true;
            }
            for (JobEdge e : in) {
                if (seen.add(e.source())) {
                    todo.add(e.source());
                }
            }
        }
        return false;
    }

    /** True when every operator upstream of {@code v} runs in one subtask and none is keyed. */
    private static boolean upstreamIsSequential(JobGraph graph, JobVertex v) {
        Deque<JobVertex> todo = new ArrayDeque<>();
        Set<JobVertex> seen = new HashSet<>();
        todo.add(v);
        while (!todo.isEmpty()) {
            JobVertex x = todo.poll();
            for (JobEdge e : graph.inputs(x)) {
                JobVertex up = e.source();
                if (seen.add(up)) {
                    if (up.parallelism() != 1 || up.isKeyed()) {
                        return false;
                    }
                    todo.add(up);
                }
            }
        }
        return true;
    }

    private static boolean allHave(List<SinkRecord> records, String field) {
        for (SinkRecord r : records) {
            if (!(r.value() instanceof Row row) || !row.has(field)) {
                return false;
            }
        }
        return true;
    }

    private static List<DiffReport.GroupDiff> perKey(List<SinkRecord> a, List<SinkRecord> b, String field) {
        // keys in a stable order (by their JSON form), so reports are the same run after run
        TreeMap<String, List<List<SinkRecord>>> groups = new TreeMap<>();
        for (SinkRecord r : a) {
            groups.computeIfAbsent(Json.render(((Row) r.value()).get(field)), k -> pair()).get(0).add(r);
        }
        for (SinkRecord r : b) {
            groups.computeIfAbsent(Json.render(((Row) r.value()).get(field)), k -> pair()).get(1).add(r);
        }
        List<DiffReport.GroupDiff> out = new ArrayList<>();
        for (Map.Entry<String, List<List<SinkRecord>>> g : groups.entrySet()) {
            out.addAll(sequence("key " + g.getKey(), g.getValue().get(0), g.getValue().get(1)));
        }
        return out;
    }

    private static List<List<SinkRecord>> pair() {
        List<List<SinkRecord>> p = new ArrayList<>();
        p.add(new ArrayList<>());
        p.add(new ArrayList<>());
        return p;
    }

    private static List<DiffReport.GroupDiff> sequence(String group, List<SinkRecord> a, List<SinkRecord> b) {
        int n = Math.min(a.size(), b.size());
        for (int i = 0; i < n; i++) {
            if (!a.get(i).equals(b.get(i))) {
                return List.of(new DiffReport.GroupDiff(group, i, a, b));
            }
        }
        if (a.size() != b.size()) {
            return List.of(new DiffReport.GroupDiff(group, n, a, b));
        }
        return List.of();
    }

    private static List<SinkRecord> sorted(List<SinkRecord> records) {
        List<SinkRecord> s = new ArrayList<>(records);
        s.sort(Comparator.comparing(SinkRecord::toString));
        return s;
    }
}
