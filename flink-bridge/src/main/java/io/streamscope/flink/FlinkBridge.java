package io.streamscope.flink;

import io.streamscope.data.Row;
import io.streamscope.scenario.LoadedScenario;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The entry point for tools: run a scenario on real Apache Flink (the embedded MiniCluster, or a remote cluster
 * given as HOST:PORT), or run it on both engines and diff the results.
 *
 * <p>A scenario is first run to the end on our engine, which fixes its input exactly as read (the records of
 * generated topics and the interleaving of partitions per source subtask); Flink then reads that input through
 * one split per partition. Only bounded jobs built from the declarative operators of scenario files translate.
 */
public final class FlinkBridge {
    private FlinkBridge() {
    }

    /** Runs the scenario on Flink; per sink, the rows it received (per producing subtask in order). */
    public static Map<String, List<Row>> run(LoadedScenario scenario, Optional<String> cluster) {
        Map<String, List<Row>> out = new LinkedHashMap<>();
        for (Map.Entry<String, List<SinkRecord>> e : runWithTimestamps(scenario, cluster).entrySet()) {
            List<Row> rows = new ArrayList<>();
            for (SinkRecord r : e.getValue()) {
                rows.add((Row) r.value());
            }
            out.put(e.getKey(), rows);
        }
        return out;
    }

    /** As {@link #run}, keeping each record's event-time timestamp. */
    public static Map<String, List<SinkRecord>> runWithTimestamps(LoadedScenario scenario, Optional<String> cluster) {
        EngineRun ours = EngineRun.of(scenario);
        return runner(cluster).run(List.of(ours), "streamscope: " + scenario.name()).get(0);
    }

    /**
     * Runs the scenario on Flink and returns every record its sinks received with the subtask, watermark and
     * order of its emission, so that what several sinks fed by one operator received can be put back in the order
     * the operator emitted it.
     */
    public static List<Emission> runEmissions(LoadedScenario scenario, Optional<String> cluster) {
        return runner(cluster).runEmissions(EngineRun.of(scenario), "streamscope: " + scenario.name());
    }

    /** Runs the scenario on both engines (Flink on the embedded MiniCluster) and compares the sinks. */
    public static DiffReport diff(LoadedScenario scenario) {
        return diff(scenario, Optional.empty());
    }

    /** Runs the scenario on both engines and compares the sinks. */
    public static DiffReport diff(LoadedScenario scenario, Optional<String> cluster) {
        return diffAll(List.of(scenario), cluster).get(0);
    }

    /**
     * Runs many scenarios on both engines, all of them in one Flink job (each with its own operators), and
     * compares each; reports come back in the order given.
     */
    public static List<DiffReport> diffAll(List<LoadedScenario> scenarios, Optional<String> cluster) {
        List<EngineRun> ours = new ArrayList<>();
        for (LoadedScenario s : scenarios) {
            ours.add(EngineRun.of(s));
        }
        String name = scenarios.size() == 1 ? "streamscope diff: " + scenarios.get(0).name()
                : "streamscope diff: " + scenarios.size() + " scenarios";
        List<Map<String, List<SinkRecord>>> flink = runner(cluster).run(ours, name);
        List<DiffReport> reports = new ArrayList<>();
        for (int i = 0; i < ours.size(); i++) {
            reports.add(Differ.compare(ours.get(i), flink.get(i)));
        }
        return reports;
    }

    /** Throws an {@link UntranslatableException} naming the first operator Flink cannot run faithfully. */
    public static void checkTranslatable(LoadedScenario scenario) {
        JobTranslator.check(scenario.env().getJobGraph());
    }

    private static FlinkRunner runner(Optional<String> cluster) {
        return cluster.map(FlinkRunner::remote).orElseGet(FlinkRunner::embedded);
    }
}
