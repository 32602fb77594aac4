package io.streamscope.cli;

import io.streamscope.api.OutputTag;
import io.streamscope.api.SingleOutputStreamOperator;
import io.streamscope.api.StreamExecutionEnvironment;
import io.streamscope.api.builtin.AggSpec;
import io.streamscope.api.builtin.StatsAggregate;
import io.streamscope.api.builtin.WindowRowFunction;
import io.streamscope.api.functions.FieldKeySelector;
import io.streamscope.connectors.CollectingSink;
import io.streamscope.connectors.PartitionedLog;
import io.streamscope.data.Row;
import io.streamscope.graph.ClusterSpec;
import io.streamscope.runtime.EngineConfig;
import io.streamscope.sim.Simulation;
import io.streamscope.time.WatermarkStrategy;
import io.streamscope.trace.TraceEvent;
import io.streamscope.window.WindowAssigner;
import java.io.PrintStream;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * {@code streamscope windows}: the window calculator. Runs a CSV of events through one source with per-event
 * bounded-out-of-orderness watermarks, keyBy(key), a window with allowed lateness and a late-data side output,
 * aggregating count and sum(value); prints the firings and the late records as JSON lines, in trace order.
 */
final class WindowsCommand implements Command {
    private static final Pattern WINDOW = Pattern.compile("(tumbling|sliding|session):([^/]+)(?:/(.+))?");
    static final int MAX_PARALLELISM = 128;

    @Override
    public String name() {
        return "windows";
    }

    @Override
    public String summary() {
        return "window calculator: what a Flink event-time window outputs for a CSV of events";
    }

    @Override
    public String help() {
        return """
                usage: streamscope windows --events FILE.csv --window SPEC [--out-of-orderness D]
                                           [--allowed-lateness D] [--parallelism N]

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
                  --help                 show this help
                durations: a whole number with ms, s, m, h or d (a bare number is milliseconds)

                output, one JSON object per line, in the order the engine produced them:
                  {"type":"window","key":K,"start":S,"end":E,"count":C,"sum":X,"firing":"on-time"|"late"}
                  {"type":"late","key":K,"timestamp":T,"value":V}      (a record sent to the late output)

                exit codes: 0 ok; 2 bad options or a malformed file (error: FILE:LINE: PROBLEM, and
                nothing on stdout)
                """;
    }

    @Override
    public int run(List<String> argList, PrintStream out, PrintStream err) {
        Args args = Args.parse("windows", argList,
                Set.of("--events", "--window", "--out-of-orderness", "--allowed-lateness", "--parallelism"),
                Set.of());
        if (!args.positionals().isEmpty()) {
            throw new UsageException("windows: unexpected argument '" + args.positionals().get(0) + "'");
        }
        if (!args.has("--events")) {
            throw new UsageException("windows needs --events FILE.csv");
        }
        if (!args.has("--window")) {
            throw new UsageException("windows needs --window tumbling:SIZE, sliding:SIZE/SLIDE or session:GAP");
        }
        WindowAssigner assigner = parseWindow(args.get("--window"));
        long outOfOrderness = args.getDuration("--out-of-orderness", 0);
        long lateness = args.getDuration("--allowed-lateness", 0);
        int parallelism = (int) args.getLong("--parallelism", 1, 1, MAX_PARALLELISM);
        List<EventsCsv.Event> events = EventsCsv.read(args.get("--events"));
        for (String line : compute(events, assigner, outOfOrderness, lateness, parallelism)) {
            out.println(line);
        }
        return Main.OK;
    }

    /** Parses tumbling:5s, sliding:10s/5s or session:3s. */
    static WindowAssigner parseWindow(String spec) {
        Matcher m = WINDOW.matcher(spec.trim());
        if (!m.matches() || (m.group(1).equals("sliding") != (m.group(3) != null))) {
            throw new UsageException("--window: '" + spec + "' is not a window; expected tumbling:SIZE,"
                    + " sliding:SIZE/SLIDE or session:GAP (e.g. tumbling:5s, sliding:10s/5s, session:3s)");
        }
        long a = Durations.parse("--window", m.group(2));
        if (a <= 0) {
            throw new UsageException("--window: the " + (m.group(1).equals("session") ? "gap" : "size")
                    + " must be positive, got " + m.group(2));
        }
        switch (m.group(1)) {
            case "tumbling":
                return new WindowAssigner.Tumbling(a, 0, true);
            case "session":
                return new WindowAssigner.Session(a, true);
            default:
                long slide = Durations.parse("--window", m.group(3));
                if (slide <= 0) {
                    throw new UsageException("--window: the slide must be positive, got " + m.group(3));
                }
                return new WindowAssigner.Sliding(a, slide, 0, true);
        }
    }

    /** Runs the calculator job and returns its output lines. */
    static List<String> compute(List<EventsCsv.Event> events, WindowAssigner assigner, long outOfOrderness,
                                long allowedLateness, int parallelism) {
        PartitionedLog log = new PartitionedLog("events", 1, true);
        for (int i = 0; i < events.size(); i++) {
            EventsCsv.Event e = events.get(i);
            // one record becomes visible per virtual millisecond, so the file order is the reading order
            log.append(0, e.key(), Row.of("key", e.key(), "timestamp", e.timestamp(), "value", e.value()),
                    e.timestamp(), i);
        }
        StreamExecutionEnvironment env = StreamExecutionEnvironment.create().setParallelism(1);
        OutputTag<Row> late = new OutputTag<>("late");
        WatermarkStrategy strategy = WatermarkStrategy.forBoundedOutOfOrderness(Duration.ofMillis(outOfOrderness))
                .withEmission(WatermarkStrategy.Emission.PER_EVENT);
        SingleOutputStreamOperator<Row> source = env.fromSource(log, strategy, "events");
        env.setParallelism(parallelism);
        SingleOutputStreamOperator<Row> windowed = source
                .keyBy(new FieldKeySelector("key"))
                .window(assigner)
                .allowedLateness(Duration.ofMillis(allowedLateness))
                .sideOutputLateData(late)
                .aggregate(new StatsAggregate(List.of(AggSpec.parse("count"), AggSpec.parse("sum(value) as sum"))),
                        new WindowRowFunction("key"), "window");
        windowed.sinkTo(new CollectingSink("windows"));
        windowed.getSideOutput(late).sinkTo(new CollectingSink("late"));
        EngineConfig config = EngineConfig.defaults().withTrace(true)
                .withCluster(new ClusterSpec(1, Math.max(4, parallelism)));
        Simulation sim = Simulation.of(env, config);
        sim.runToEnd();
        List<String> lines = new ArrayList<>();
        for (TraceEvent e : sim.trace()) {
            if (e instanceof TraceEvent.WindowFired w) {
                lines.add(windowLine(w));
            } else if (e instanceof TraceEvent.LateRecord l) {
                lines.add(lateLine(l));
            }
        }
        return lines;
    }

    /** The trace already renders key and result as JSON; the line wraps them without re-parsing. */
    private static String windowLine(TraceEvent.WindowFired w) {
        String result = w.result();
        String fields = result.substring(1, result.length() - 1);
        return "{\"type\":\"window\",\"key\":" + w.key() + ",\"start\":" + w.start() + ",\"end\":" + w.end() + ","
                + fields + ",\"firing\":\"" + w.firing() + "\"}";
    }

    /** The late record is the input Row {key,timestamp,value}, rendered by the engine. */
    private static String lateLine(TraceEvent.LateRecord l) {
        String record = l.record();
        return "{\"type\":\"late\"," + record.substring(1);
    }
}
