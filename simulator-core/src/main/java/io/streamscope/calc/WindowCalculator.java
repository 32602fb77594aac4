package io.streamscope.calc;

import io.streamscope.api.OutputTag;
import io.streamscope.api.SingleOutputStreamOperator;
import io.streamscope.api.StreamExecutionEnvironment;
import io.streamscope.api.builtin.AggSpec;
import io.streamscope.api.builtin.StatsAggregate;
import io.streamscope.api.builtin.WindowRowFunction;
import io.streamscope.api.functions.FieldKeySelector;
import io.streamscope.connectors.CollectingSink;
import io.streamscope.connectors.PartitionedLog;
import io.streamscope.data.Json;
import io.streamscope.data.Row;
import io.streamscope.graph.ClusterSpec;
import io.streamscope.runtime.EngineConfig;
import io.streamscope.scenario.LoadedScenario;
import io.streamscope.sim.Simulation;
import io.streamscope.time.WatermarkStrategy;
import io.streamscope.trace.TraceEvent;
import io.streamscope.window.WindowAssigner;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The window calculator of {@code streamscope windows}: its options, the job it runs for a CSV of events, and its
 * output lines. One implementation for both engines: the app's command line runs the job on Streamscope's
 * engine, the Flink bridge runs the same job on Apache Flink and formats Flink's results with the same methods.
 */
public final class WindowCalculator {
    /** The command word. */
    public static final String COMMAND = "windows";
    /** The largest --parallelism. */
    public static final int MAX_PARALLELISM = 128;
    /** The sink that receives the window results, rows {key, start, end, count, sum}. */
    public static final String WINDOWS_SINK = "windows";
    /** The sink that receives the late side output, the input rows {key, timestamp, value}. */
    public static final String LATE_SINK = "late";
    /** The firing label of a window fired by the watermark (and by the end of the input). */
    public static final String ON_TIME = "on-time";
    /** The firing label of a window fired by a record that arrived within the allowed lateness. */
    public static final String LATE = "late";
    /** One line for the command list. */
    public static final String SUMMARY =
            "window calculator: what a Flink event-time window outputs for a CSV of events";
    /** The text of {@code streamscope windows --help}. */
    public static final String HELP = """
            usage: streamscope windows --events FILE.csv --window SPEC [--out-of-orderness D]
                                       [--allowed-lateness D] [--parallelism N] [--engine sim|flink]

            Computes what a Flink event-time window job outputs for a list of events: one source reads
            the file in order (one partition), a watermark max_timestamp - out_of_orderness - 1 follows
            every record, the end of the file is the final watermark; keyBy(key), the window with
            allowed lateness and a late-data side output, aggregate count and sum(value).

            options:
              --events FILE.csv      header exactly key,timestamp,value; timestamp in epoch ms (integer),
                                     value a number (integers stay integers)
              --window SPEC          tumbling:SIZE | sliding:SIZE/SLIDE | session:GAP
                                     (e.g. tumbling:5s, sliding:10s/5s, session:3s)
              --out-of-orderness D   watermark delay (default 0ms)
              --allowed-lateness D   how long a fired window still accepts late records (default 0ms)
              --parallelism N        parallel window subtasks, 1 to 128 (default 1)
              --engine E             sim: Streamscope's engine (default); flink: real Apache Flink 2.3.0 on
                                     an embedded MiniCluster (up to 32 subtasks; a few seconds to start),
                                     to check the engine's answer
              --help                 show this help
            durations: a whole number with ms, s, m, h or d (a bare number is milliseconds)

            output, one JSON object per line, in the order the engine produced them:
              {"type":"window","key":K,"start":S,"end":E,"count":C,"sum":X,"firing":"on-time"|"late"}
              {"type":"late","key":K,"timestamp":T,"value":V}      (a record sent to the late output)
            with --engine flink, in the order Flink emitted them: the same order per key; across keys,
            by the watermark in force, what records caused before what the watermark fired, then by
            window subtask

            exit codes: 0 ok; 1 the run failed; 2 bad options or a malformed file (error: FILE:LINE:
            PROBLEM, and nothing on stdout)
            """;

    private static final Pattern WINDOW = Pattern.compile("(tumbling|sliding|session):([^/]+)(?:/(.+))?");

    /** Which engine computes the answer. */
    public enum Engine {
        /** Streamscope's engine, in this JVM. */
        SIM,
        /** Apache Flink, through the flink-bridge module. */
        FLINK
    }

    /**
     * One calculation as the options describe it.
     *
     * @param eventsFile the CSV file
     * @param window the window assigner
     * @param outOfOrderness the watermark delay, ms
     * @param allowedLateness the allowed lateness, ms
     * @param parallelism the window's parallelism
     * @param engine the engine asked for
     */
    public record Options(String eventsFile, WindowAssigner window, long outOfOrderness, long allowedLateness,
                          int parallelism, Engine engine) {
    }

    private WindowCalculator() {
    }

    /** Parses the command's arguments (without the command word); mistakes are CommandLineExceptions. */
    public static Options parse(List<String> argList) {
        CommandArgs args = CommandArgs.parse(COMMAND, argList,
                Set.of("--events", "--window", "--out-of-orderness", "--allowed-lateness", "--parallelism",
                        "--engine"), Set.of());
        if (!args.positionals().isEmpty()) {
            throw new CommandLineException(COMMAND + ": unexpected argument '" + args.positionals().get(0) + "'");
        }
        if (!args.has("--events")) {
            throw new CommandLineException(COMMAND + " needs --events FILE.csv");
        }
        if (!args.has("--window")) {
            throw new CommandLineException(COMMAND + " needs --window tumbling:SIZE, sliding:SIZE/SLIDE or"
                    + " session:GAP");
        }
        WindowAssigner assigner = parseWindow(args.get("--window"));
        long outOfOrderness = args.getDuration("--out-of-orderness", 0);
        long lateness = args.getDuration("--allowed-lateness", 0);
        int parallelism = (int) args.getLong("--parallelism", 1, 1, MAX_PARALLELISM);
        return new Options(args.get("--events"), assigner, outOfOrderness, lateness, parallelism,
                engine(args.get("--engine")));
    }

    private static Engine engine(String text) {
        if (text == null) {
            return Engine.SIM;
        }
        String s = text.strip().toLowerCase(Locale.ROOT);
        if (s.equals("sim")) {
            return Engine.SIM;
        }
        if (s.equals("flink")) {
            return Engine.FLINK;
        }
        throw new CommandLineException("--engine: '" + text + "' is not an engine; expected sim or flink");
    }

    /** Parses tumbling:5s, sliding:10s/5s or session:3s. */
    public static WindowAssigner parseWindow(String spec) {
        Matcher m = WINDOW.matcher(spec.trim());
        if (!m.matches() || (m.group(1).equals("sliding") != (m.group(3) != null))) {
            throw new CommandLineException("--window: '" + spec + "' is not a window; expected tumbling:SIZE,"
                    + " sliding:SIZE/SLIDE or session:GAP (e.g. tumbling:5s, sliding:10s/5s, session:3s)");
        }
        long a = CommandArgs.duration("--window", m.group(2));
        if (a <= 0) {
            throw new CommandLineException("--window: the " + (m.group(1).equals("session") ? "gap" : "size")
                    + " must be positive, got " + m.group(2));
        }
        switch (m.group(1)) {
            case "tumbling":
                return new WindowAssigner.Tumbling(a, 0, true);
            case "session":
                return new WindowAssigner.Session(a, true);
            default:
                long slide = CommandArgs.duration("--window", m.group(3));
                if (slide <= 0) {
                    throw new CommandLineException("--window: the slide must be positive, got " + m.group(3));
                }
                return new WindowAssigner.Sliding(a, slide, 0, true);
        }
    }

    /**
     * Reads and checks the whole events file, then declares the calculator's job on it. The file is checked
     * before anything runs, so a mistake never leaves half an output behind.
     */
    public static LoadedScenario scenario(Options o) {
        return scenario(EventsCsv.read(o.eventsFile()), o);
    }

    /**
     * The calculator's job over the given events: one source of parallelism 1 with per-event watermarks,
     * keyBy(key), the window with allowed lateness and a late side output, count and sum(value); the results go
     * to the sink {@value #WINDOWS_SINK}, the late records to {@value #LATE_SINK}.
     */
    public static LoadedScenario scenario(List<EventsCsv.Event> events, Options o) {
        PartitionedLog log = new PartitionedLog("events", 1, true);
        for (int i = 0; i < events.size(); i++) {
            EventsCsv.Event e = events.get(i);
            // one record becomes visible per virtual millisecond, so the file order is the reading order
            log.append(0, e.key(), Row.of("key", e.key(), "timestamp", e.timestamp(), "value", e.value()),
                    e.timestamp(), i);
        }
        StreamExecutionEnvironment env = StreamExecutionEnvironment.create().setParallelism(1);
        OutputTag<Row> late = new OutputTag<>(LATE_SINK);
        WatermarkStrategy strategy = WatermarkStrategy.forBoundedOutOfOrderness(Duration.ofMillis(o.outOfOrderness()))
                .withEmission(WatermarkStrategy.Emission.PER_EVENT);
        SingleOutputStreamOperator<Row> source = env.fromSource(log, strategy, "events");
        env.setParallelism(o.parallelism());
        SingleOutputStreamOperator<Row> windowed = source
                .keyBy(new FieldKeySelector("key"))
                .window(o.window())
                .allowedLateness(Duration.ofMillis(o.allowedLateness()))
                .sideOutputLateData(late)
                .aggregate(new StatsAggregate(List.of(AggSpec.parse("count"), AggSpec.parse("sum(value) as sum"))),
                        new WindowRowFunction("key"), "window");
        windowed.sinkTo(new CollectingSink(WINDOWS_SINK));
        windowed.getSideOutput(late).sinkTo(new CollectingSink(LATE_SINK));
        EngineConfig config = EngineConfig.defaults().withCluster(new ClusterSpec(1, Math.max(4, o.parallelism())));
        return new LoadedScenario("window calculator", "streamscope windows over " + o.eventsFile(), env, config,
                null);
    }

    /** Runs the calculator's job on Streamscope's engine and returns its output lines, in trace order. */
    public static List<String> runOnEngine(LoadedScenario calculator) {
        Simulation sim = calculator.start(null, true);
        sim.runToEnd();
        List<String> lines = new ArrayList<>();
        for (TraceEvent e : sim.trace()) {
            if (e instanceof TraceEvent.WindowFired w) {
                // the trace already renders key and result as JSON: the line wraps them without re-parsing
                lines.add(windowLine(w.key(), w.start(), w.end(), w.result(), w.firing()));
            } else if (e instanceof TraceEvent.LateRecord l) {
                lines.add(lateLine(l.record()));
            }
        }
        return lines;
    }

    /** The line of a window result row {key, start, end, count, sum} as the window sink received it. */
    public static String windowLine(Row result, String firing) {
        List<String> aggregates = new ArrayList<>(result.fieldNames());
        aggregates.removeAll(List.of("key", "start", "end"));
        return windowLine(Json.render(result.get("key")), result.getLong("start"), result.getLong("end"),
                Json.render(result.select(aggregates)), firing);
    }

    /** The line of a window firing from its parts, key and aggregate result already rendered as JSON. */
    private static String windowLine(String keyJson, long start, long end, String resultJson, String firing) {
        String fields = resultJson.substring(1, resultJson.length() - 1);
        return "{\"type\":\"window\",\"key\":" + keyJson + ",\"start\":" + start + ",\"end\":" + end + ","
                + fields + ",\"firing\":\"" + firing + "\"}";
    }

    /** The line of a record sent to the late output: the input row {key, timestamp, value}. */
    public static String lateLine(Row record) {
        return lateLine(Json.render(record));
    }

    private static String lateLine(String recordJson) {
        return "{\"type\":\"late\"," + recordJson.substring(1);
    }
}
