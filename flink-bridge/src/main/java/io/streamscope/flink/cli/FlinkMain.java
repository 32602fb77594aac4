package io.streamscope.flink.cli;

import io.streamscope.bench.E1Bench;
import io.streamscope.calc.CommandLineException;
import io.streamscope.calc.WindowCalculator;
import io.streamscope.connectors.SinkTable;
import io.streamscope.connectors.SinkTableText;
import io.streamscope.flink.DiffReport;
import io.streamscope.flink.FlinkBridge;
import io.streamscope.flink.FlinkRunner;
import io.streamscope.flink.FlinkWindowCalculator;
import io.streamscope.flink.SinkRecord;
import io.streamscope.scenario.LoadedScenario;
import io.streamscope.scenario.ScenarioException;
import io.streamscope.scenario.ScenarioLoader;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * {@code streamscope flink run|diff}: runs a scenario on real Apache Flink and prints its sinks in the same
 * tables as {@code streamscope run}, or runs it on both engines and prints the exact difference. Also the Flink
 * side of two commands of the app's command line, which the launcher starts here: {@code streamscope windows
 * ... --engine flink} (the window calculator on Flink) and {@code streamscope bench --vs-flink}. It lives in
 * the bridge module so that Flink stays out of the engine and the app.
 */
public final class FlinkMain {
    private static final String USAGE = """
            usage: streamscope flink run SCENARIO [--cluster HOST:PORT]
                   streamscope flink diff SCENARIO [--cluster HOST:PORT]
                   streamscope windows ... --engine flink    (see: streamscope windows --help)
                   streamscope bench --vs-flink ...          (see: streamscope bench --help)

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
        List<String> rest = Arrays.asList(args).subList(1, args.length);
        if (command.equals(WindowCalculator.COMMAND)) {
            return windows(rest, out, err);
        }
        if (command.equals("bench")) {
            return bench(rest, out, err);
        }
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

    /**
     * The window calculator with the app's options, checks and output format (the engine core's
     * WindowCalculator); {@code --engine flink} runs it on Flink, {@code --engine sim} on the engine.
     */
    private static int windows(List<String> args, PrintStream out, PrintStream err) {
        if (asksForHelp(args)) {
            out.print(WindowCalculator.HELP);
            return 0;
        }
        WindowCalculator.Options options;
        LoadedScenario calculator;
        try {
            options = WindowCalculator.parse(args);
            if (options.engine() == WindowCalculator.Engine.FLINK
                    && options.parallelism() > FlinkRunner.EMBEDDED_SLOTS) {
                throw new CommandLineException("--parallelism: " + options.parallelism() + " is more than the "
                        + FlinkRunner.EMBEDDED_SLOTS + " slots of the embedded Flink cluster; with --engine flink use"
                        + " 1 to " + FlinkRunner.EMBEDDED_SLOTS);
            }
            calculator = WindowCalculator.scenario(options);
        } catch (CommandLineException e) {
            return usageError(WindowCalculator.COMMAND, e, err);
        }
        List<String> lines;
        if (options.engine() == WindowCalculator.Engine.SIM) {
            lines = WindowCalculator.runOnEngine(calculator);
        } else {
            try {
                lines = FlinkWindowCalculator.run(calculator, Optional.empty());
            } catch (RuntimeException e) {
                err.println("error: running on Flink failed: " + e.getMessage());
                return 1;
            }
        }
        for (String line : lines) {
            out.println(line);
        }
        return 0;
    }

    /** {@code bench --vs-flink}: the E1 job on the engine and on Flink side by side. */
    private static int bench(List<String> args, PrintStream out, PrintStream err) {
        if (asksForHelp(args)) {
            out.print(E1Bench.HELP);
            return 0;
        }
        E1Bench.Options options;
        try {
            options = E1Bench.parse(args);
            if (!options.vsFlink()) {
                throw new CommandLineException("bench: the Flink bridge runs bench --vs-flink only; streamscope"
                        + " bench without it measures the engine alone");
            }
        } catch (CommandLineException e) {
            return usageError("bench", e, err);
        }
        try {
            return BenchVsFlink.run(options, out);
        } catch (OutOfMemoryError e) {
            err.println("error: out of memory; give the JVM more with JAVA_OPTS=-Xmx4g or use fewer events");
            return 1;
        } catch (RuntimeException e) {
            err.println("error: bench --vs-flink failed: " + e);
            return 1;
        }
    }

    /** As the app's command line: --help or -h anywhere before "--". */
    private static boolean asksForHelp(List<String> args) {
        for (String a : args) {
            if (a.equals("--")) {
                return false;
            }
            if (a.equals("--help") || a.equals("-h")) {
                return true;
            }
        }
        return false;
    }

    /** Reports a mistake as the app's command line does: the message, and for option mistakes where to look. */
    private static int usageError(String command, CommandLineException e, PrintStream err) {
        err.println("error: " + e.getMessage());
        if (!e.aboutInput()) {
            err.println("(see: streamscope " + command + " --help)");
        }
        return 2;
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
