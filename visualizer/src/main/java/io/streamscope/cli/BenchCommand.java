package io.streamscope.cli;

import io.streamscope.api.OutputTag;
import io.streamscope.api.SingleOutputStreamOperator;
import io.streamscope.api.StreamExecutionEnvironment;
import io.streamscope.api.builtin.AggSpec;
import io.streamscope.api.builtin.SessionizeFunction;
import io.streamscope.api.builtin.StatsAggregate;
import io.streamscope.api.builtin.WindowRowFunction;
import io.streamscope.api.functions.FieldKeySelector;
import io.streamscope.connectors.CollectingSink;
import io.streamscope.connectors.LogRecord;
import io.streamscope.connectors.PartitionedLog;
import io.streamscope.connectors.RecordGenerator;
import io.streamscope.data.Row;
import io.streamscope.graph.ClusterSpec;
import io.streamscope.runtime.EngineConfig;
import io.streamscope.sim.Simulation;
import io.streamscope.time.WatermarkStrategy;
import io.streamscope.window.SlidingEventTimeWindows;
import java.io.PrintStream;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.random.RandomGenerator;

/**
 * {@code streamscope bench}: engine throughput on an E1-shaped job (sliding-window page counts and
 * sessionization per user over a 4-partition topic), with trace recording off and on. Wall-clock time is read
 * here, and only here: the engine itself never looks at it.
 */
final class BenchCommand implements Command {
    static final int PARTITIONS = 4;
    static final int PARALLELISM = 4;
    static final int PAGES = 50;
    /** Event time between two consecutive records of one partition: 4 partitions give 100 events/s. */
    static final long STEP_MILLIS = 40;
    /** Records a partition appends per virtual millisecond: far faster than the job reads. */
    static final long APPENDS_PER_MILLI = 1000;
    static final long DISORDER_MILLIS = 60_000;
    static final long WATERMARK_DELAY_MILLIS = 120_000;
    /**
     * Upper bound of records with trace recording on: each record leaves five to seven trace events, so 2
     * million records would need gigabytes of heap.
     */
    static final long TRACE_ON_MAX_EVENTS = 300_000;

    /** The figures of one run. */
    record Result(long events, long nanos, long windowRows, long sessionRows, long traceEvents, long heapBytes) {
        double eventsPerSecond() {
            return events / (nanos / 1e9);
        }
    }

    @Override
    public String name() {
        return "bench";
    }

    @Override
    public String summary() {
        return "measure engine throughput (events/s) with trace recording off and on";
    }

    @Override
    public String help() {
        return """
                usage: streamscope bench [--events N] [--keys K] [--seed S]

                Runs an E1-shaped job: a generated topic of 4 partitions (click records {user, page} with
                event times rising at 100 events/s of event time, up to 60 s out of order) read by a source
                of parallelism 4 with 2-minute bounded-out-of-orderness watermarks; keyBy(user) into a
                5-minute/1-minute sliding window counting events and distinct pages, and keyBy(user) into a
                30-minute-gap sessionizer; both with parallelism 4, into collecting sinks.
                The job runs once to warm up the JVM, then with trace recording off and on, and the
                wall-clock throughput of each is printed. Figures only: this is not a test.

                options:
                  --events N   records to read (default 2000000); with the trace on at most 300000,
                               fewer when the JVM's maximum heap is small (JAVA_OPTS=-Xmx...)
                  --keys K     distinct users (default 1000)
                  --seed S     engine seed (default 0)
                  --help       show this help
                """;
    }

    @Override
    public int run(List<String> argList, PrintStream out, PrintStream err) {
        Args args = Args.parse("bench", argList, Set.of("--events", "--keys", "--seed"), Set.of());
        if (!args.positionals().isEmpty()) {
            throw new UsageException("bench: unexpected argument '" + args.positionals().get(0) + "'");
        }
        long events = args.getLong("--events", 2_000_000, PARTITIONS, 1_000_000_000_000L);
        int keys = (int) args.getLong("--keys", 1000, 1, 100_000_000);
        long seed = args.getLong("--seed", 0, Long.MIN_VALUE, Long.MAX_VALUE);
        // about 1.5 KB of trace per record; keep well inside the heap the JVM may grow to
        long eventsOn = Math.max(PARTITIONS, Math.min(events, Math.min(TRACE_ON_MAX_EVENTS,
                Runtime.getRuntime().maxMemory() / 4096)));

        out.println("bench: E1 job, " + PARTITIONS + " partitions, " + keys + " users, seed " + seed);
        out.println("  source(4, watermarks 2m out of order) -> keyBy(user) -> sliding 5m/1m count,"
                + " distinctCount(page) (4) -> sink");
        out.println("                                        -> keyBy(user) -> sessionize 30m gap (4) -> sink");
        out.flush();
        long warm = Math.min(events, 300_000);
        Result w = runOnce(warm, keys, seed, false);
        out.println(String.format(Locale.ROOT, "warm-up    %,11d events  %7.2f s", w.events(), w.nanos() / 1e9));
        out.flush();
        Result off = runOnce(events, keys, seed, false);
        print(out, "trace off", off);
        Result on = runOnce(eventsOn, keys, seed, true);
        print(out, "trace on ", on);
        if (eventsOn < events) {
            out.println(String.format(Locale.ROOT, "           (trace on ran %,d events, not %,d: a recorded trace"
                    + " holds every event in memory)", eventsOn, events));
        }
        out.println(String.format(Locale.ROOT, "ratio      trace off is %.1fx the events/s of trace on",
                off.eventsPerSecond() / on.eventsPerSecond()));
        out.println("memory     live heap = what the finished job holds: every sink row, the trace, leftover state");
        return Main.OK;
    }

    private static void print(PrintStream out, String label, Result r) {
        out.println(String.format(Locale.ROOT, "%s  %,11d events  %7.2f s  %,11.0f events/s   sinks: %,d window"
                        + " rows, %,d sessions; trace events: %,d; live heap after: %,d MB", label, r.events(),
                r.nanos() / 1e9, r.eventsPerSecond(), r.windowRows(), r.sessionRows(), r.traceEvents(),
                r.heapBytes() >> 20));
        out.flush();
    }

    /** Builds the job, runs it to the end and measures the wall-clock time of the run. */
    static Result runOnce(long events, int keys, long seed, boolean trace) {
        System.gc();
        StreamExecutionEnvironment env = StreamExecutionEnvironment.create().setParallelism(PARALLELISM);
        PartitionedLog log = PartitionedLog.generated("clicks", PARTITIONS,
                (events + PARTITIONS - 1) / PARTITIONS, new ClickGenerator(keys));
        SingleOutputStreamOperator<Row> clicks = env.fromSource(log,
                WatermarkStrategy.forBoundedOutOfOrderness(Duration.ofMillis(WATERMARK_DELAY_MILLIS)), "clicks");
        clicks.keyBy(new FieldKeySelector("user"))
                .window(SlidingEventTimeWindows.of(Duration.ofMinutes(5), Duration.ofMinutes(1)))
                .aggregate(new StatsAggregate(List.of(AggSpec.parse("count"), AggSpec.parse("distinctCount(page)"
                        + " as pages"))), new WindowRowFunction("user"), "page-views")
                .sinkTo(new CollectingSink("views"));
        clicks.keyBy(new FieldKeySelector("user"))
                .process(new SessionizeFunction(Duration.ofMinutes(30).toMillis(), "user", "page",
                        new OutputTag<>("late-clicks")), "sessions")
                .sinkTo(new CollectingSink("sessions"));
        EngineConfig config = EngineConfig.defaults().withSeed(seed).withTrace(trace)
                .withCluster(new ClusterSpec(1, PARALLELISM));
        long start = System.nanoTime();
        Simulation sim = Simulation.of(env, config);
        sim.runToEnd();
        long nanos = System.nanoTime() - start;
        // what the finished job still holds (sinks, trace, leftover state), garbage excluded; the job is used
        // below, so it is still reachable here
        System.gc();
        Runtime rt = Runtime.getRuntime();
        long heap = rt.totalMemory() - rt.freeMemory();
        long read = log.partition(0).size() * PARTITIONS;
        return new Result(read, nanos, sim.sink("views").rows().size(), sim.sink("sessions").rows().size(),
                sim.trace().size(), heap);
    }

    /**
     * Click records: users come and go by the hour of event time (each hour a different eighth of them is
     * active, so sessions end), pages are uniform, event times rise with up to DISORDER_MILLIS of disorder.
     */
    static final class ClickGenerator implements RecordGenerator {
        private final int keys;
        private final String[] users;
        private final String[] pages = new String[PAGES];

        ClickGenerator(int keys) {
            this.keys = keys;
            this.users = new String[keys];
            for (int i = 0; i < keys; i++) {
                users[i] = "user-" + i;
            }
            for (int i = 0; i < PAGES; i++) {
                pages[i] = "/page/" + i;
            }
        }

        @Override
        public LogRecord generate(int partition, long offset, RandomGenerator random) {
            long base = offset * STEP_MILLIS + partition * (STEP_MILLIS / PARTITIONS);
            long ts = Math.max(0, base - random.nextLong(DISORDER_MILLIS));
            long hour = base / 3_600_000;
            int active = Math.max(1, keys / 8);
            int user = (int) ((hour * Math.max(1, keys / 4) + random.nextInt(active)) % keys);
            Row row = Row.of("user", users[user], "page", pages[random.nextInt(PAGES)], "ts", ts);
            return new LogRecord(offset, users[user], row, ts, offset / APPENDS_PER_MILLI);
        }
    }
}
