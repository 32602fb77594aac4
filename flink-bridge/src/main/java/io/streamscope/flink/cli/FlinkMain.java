package io.streamscope.flink.cli;

import io.streamscope.connectors.SinkTable;
import io.streamscope.connectors.SinkTableText;
import io.streamscope.flink.DiffReport;
import io.streamscope.flink.FlinkBridge;
import io.streamscope.flink.SinkRecord;
import io.streamscope.scenario.LoadedScenario;
import io.streamscope.scenario.ScenarioException;
import io.streamscope.scenario.ScenarioLoader;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * {@code streamscope flink run|diff}: runs a scenario on real Apache Flink and prints its sinks in the same
 * tables as {@code streamscope run}, or runs it on both engines and prints the exact difference. It lives in
 * the bridge module so that Flink stays out of the engine and the app.
 */
public final class FlinkMain {
    private static final String USAGE = """
            usage: streamscope flink run SCENARIO [--cluster HOST:PORT]
                   streamscope flink diff SCENARIO [--cluster HOST:PORT]

            run    runs the scenario on Apache Flink 2.3.0 (an embedded MiniCluster, or the cluster whose REST
                   endpoint is HOST:PORT) and prints each sink's records
            diff   runs it on Streamscope's engine and on Flink and prints, per sink and key, where the ordered
                   results differ; prints one line and exits 0 when they agree, exits 1 on any difference
            """;

    private FlinkMain() {
    }

    public static void main(String[] args) {
        System.exit(run(args, System.out, System.err));
    }

    /** Runs the command; returns the exit code (0 ok, 1 failed or differs, 2 bad arguments or scenario). */
    public static int run(String[] args, PrintStream out, PrintStream err) {
        if (args.length == 0 || args[0].equals("--help") || args[0].equals("-h")) {
            (args.length == 0 ? err : out).print(USAGE);
            return args.length == 0 ? 2 : 0;
        }
        String command = args[0];
        if (!command.equals("run") && !command.equals("diff")) {
            err.println("error: unknown flink command '" + command + "'; expected run or diff");
            err.print(USAGE);
            return 2;
        }
        String scenarioArg = null;
        Optional<String> cluster = Optional.empty();
        for (int i = 1; i < args.length; i++) {
            String a = args[i];
            if (a.equals("--help") || a.equals("-h")) {
                out.print(USAGE);
                return 0;
            } else if (a.equals("--cluster")) {
                if (i + 1 >= args.length || !args[i + 1].matches("[^:\\s]+:\\d{1,5}")) {
                    err.println("error: --cluster needs HOST:PORT (the REST endpoint of a Flink cluster)");
                    return 2;
                }
                cluster = Optional.of(args[++i]);
            } else if (a.startsWith("-")) {
                err.println("error: unknown option '" + a + "'");
                err.print(USAGE);
                return 2;
            } else if (scenarioArg == null) {
                scenarioArg = a;
            } else {
                err.println("error: one scenario at a time; got '" + scenarioArg + "' and '" + a + "'");
                return 2;
            }
        }
        if (scenarioArg == null) {
            err.println("error: flink " + command + " needs a SCENARIO file");
            err.print(USAGE);
            return 2;
        }
        Path file = Path.of(scenarioArg);
        if (!Files.isRegularFile(file)) {
            err.println("error: " + scenarioArg + ": no such file");
            return 2;
        }
        LoadedScenario scenario;
        try {
            scenario = ScenarioLoader.load(file);
        } catch (ScenarioException e) {
            err.println("error: " + e.getMessage());
            return 2;
        }
        try {
            FlinkBridge.checkTranslatable(scenario);
        } catch (RuntimeException e) {
            err.println("error: " + e.getMessage());
            return 2;
        }
        try {
            if (command.equals("run")) {
                printSinks(FlinkBridge.runWithTimestamps(scenario, cluster), out);
                return 0;
            }
            DiffReport report = FlinkBridge.diff(scenario, cluster);
            out.println(report.render());
            return report.agrees() ? 0 : 1;
        } catch (RuntimeException e) {
            err.println("error: running on Flink failed: " + e.getMessage());
            return 1;
        }
    }

    private static void printSinks(Map<String, List<SinkRecord>> results, PrintStream out) {
        Map<String, SinkTable> tables = new LinkedHashMap<>();
        for (Map.Entry<String, List<SinkRecord>> e : results.entrySet()) {
            SinkTable t = new SinkTable(e.getKey());
            for (SinkRecord r : new ArrayList<>(e.getValue())) {
                // Flink reports neither the virtual time nor our subtask names: the tables leave them out
                t.add(new SinkTable.Row(r.value(), r.timestamp(), "flink", -1));
            }
            tables.put(e.getKey(), t);
        }
        SinkTableText.print(tables, out, false);
    }
}
