package io.streamscope.bench;

import io.streamscope.api.OutputTag;
import io.streamscope.api.SingleOutputStreamOperator;
import io.streamscope.api.StreamExecutionEnvironment;
import io.streamscope.api.builtin.AggSpec;
import io.streamscope.api.builtin.SessionizeFunction;
import io.streamscope.api.builtin.StatsAggregate;
import io.streamscope.api.builtin.WindowRowFunction;
import io.streamscope.api.functions.FieldKeySelector;
import io.streamscope.calc.CommandArgs;
import io.streamscope.calc.CommandLineException;
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
import java.io.Serializable;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.SplittableRandom;
import java.util.random.RandomGenerator;

/**
 * The E1-shaped benchmark job (interview question E1): sliding-window page counts and sessionization per user
 * over a generated 4-partition click topic. One definition for {@code streamscope bench} (the engine alone) and
 * {@code streamscope bench --vs-flink} (the same job on the engine and on Apache Flink, side by side). Wall-clock
 * time is read here, by the benchmark, and never by the engine.
 */
public final class E1Bench {
    /** Partitions of the click topic. */
    public static final int PARTITIONS = 4;
    /** Distinct pages. */
    public static final int PAGES = 50;
    /** Event time between two consecutive records of one partition: 4 partitions give 100 events/s. */
    public static final long STEP_MILLIS = 40;
    /** Records a partition appends per virtual millisecond: far faster than the job reads. */
    public static final long APPENDS_PER_MILLI = 1000;
    /** How far a record's event time may lag behind its partition's progress. */
    public static final long DISORDER_MILLIS = 60_000;
    /** The bounded out-of-orderness of the source's watermarks. */
    public static final long WATERMARK_DELAY_MILLIS = 120_000;
    /** The click topic. */
    public static final String TOPIC = "clicks";
    /** The sink of the sliding-window rows. */
    public static final String VIEWS_SINK = "views";
    /** The sink of the sessions. */
    public static final String SESSIONS_SINK = "sessions";

    /** Default --events of the engine-only benchmark. */
    public static final long DEFAULT_EVENTS = 2_000_000;
    /** Default --events side by side with Flink, which runs the job more slowly. */
    public static final long DEFAULT_EVENTS_VS_FLINK = 1_000_000;
    /** The text of {@code streamscope bench --help}. */
    public static final String HELP = """
            usage: streamscope bench [--events N] [--keys K] [--seed S]
                   streamscope bench --vs-flink [--events N] [--keys K] [--seed S]

            Runs an E1-shaped job: a generated topic of 4 partitions (click records {user, page} with
            event times rising at 100 events/s of event time, up to 60 s out of order) read by a source
            of parallelism 4 with 2-minute bounded-out-of-orderness watermarks; keyBy(user) into a
            5-minute/1-minute sliding window counting events and distinct pages, and keyBy(user) into a
            30-minute-gap sessionizer; both with parallelism 4, into collecting sinks.
            The job first runs to warm up the JVM (runs of 500000 records, at most 8, until the JIT
            compiler is nearly idle), then with trace recording off and on, and the wall-clock
            throughput of each is printed. Figures only: this is not a test.

            With --vs-flink the same job runs at parallelism 1 everywhere, over the same generated
            records, on the engine (trace off) and on Apache Flink 2.3.0's embedded MiniCluster, in one
            JVM, each after a warm-up run; prints both throughputs and their ratio.

            options:
              --events N   records to read (default 2000000, with --vs-flink 1000000); with the trace
                           on at most 300000, fewer when the JVM's maximum heap is small
                           (JAVA_OPTS=-Xmx...)
              --keys K     distinct users (default 1000)
              --seed S     engine seed (default 0)
              --vs-flink   side by side with Apache Flink (the launcher runs it from the Flink bridge)
              --help       show this help
            """;

    /**
     * The options of a benchmark run.
     *
     * @param events records to read
     * @param keys distinct users
     * @param seed the engine's seed (and the seed of the records side by side with Flink)
     * @param vsFlink side by side with Flink
     */
    public record Options(long events, int keys, long seed, boolean vsFlink) {
    }

    private E1Bench() {
    }

    /** Parses the arguments of {@code streamscope bench} (without the command word). */
    public static Options parse(List<String> argList) {
        CommandArgs args = CommandArgs.parse("bench", argList, Set.of("--events", "--keys", "--seed"),
                Set.of("--vs-flink"));
        if (!args.positionals().isEmpty()) {
            throw new CommandLineException("bench: unexpected argument '" + args.positionals().get(0) + "'");
        }
        boolean vsFlink = args.has("--vs-flink");
        long events = args.getLong("--events", vsFlink ? DEFAULT_EVENTS_VS_FLINK : DEFAULT_EVENTS, PARTITIONS,
                1_000_000_000_000L);
        int keys = (int) args.getLong("--keys", 1000, 1, 100_000_000);
        long seed = args.getLong("--seed", 0, Long.MIN_VALUE, Long.MAX_VALUE);
        return new Options(events, keys, seed, vsFlink);
    }

    /**
     * The figures of one run on the engine.
     *
     * @param events records read
     * @param nanos wall-clock time of deploying and running the job to its end
     * @param windowRows rows the window sink received
     * @param sessionRows rows the session sink received
     * @param traceEvents trace events recorded (0 with the trace off)
     * @param heapBytes heap in use after the run, garbage collected: what the finished job still holds
     */
    public record Result(long events, long nanos, long windowRows, long sessionRows, long traceEvents,
                         long heapBytes) {
        /** Throughput over the measured time. */
        public double eventsPerSecond() {
            return events / (nanos / 1e9);
        }
    }

    /** The job's shape, for the header of a benchmark's output (parallelism in parentheses). */
    public static String describe(int parallelism) {
        String source = "  source(" + parallelism + ", watermarks 2m out of order)";
        return source + " -> keyBy(user) -> sliding 5m/1m count, distinctCount(page) (" + parallelism + ") -> sink\n"
                + " ".repeat(source.length()) + " -> keyBy(user) -> sessionize 30m gap (" + parallelism + ") -> sink\n";
    }

    /** Records per partition for {@code events} records in all (rounded up). */
    public static long perPartition(long events) {
        return (events + PARTITIONS - 1) / PARTITIONS;
    }

    /** The click topic: {@code events} records (rounded up to a multiple of the partitions) made by a generator. */
    public static PartitionedLog topic(long events, RecordGenerator generator) {
        return PartitionedLog.generated(TOPIC, PARTITIONS, perPartition(events), generator);
    }

    /** Click records drawing their randomness from the engine's seeded source (so they depend on the run). */
    public static RecordGenerator clicks(int keys) {
        return new Clicks(keys);
    }

    /**
     * The same click records, each drawn from its own random source seeded by (seed, partition, offset): they do
     * not depend on who reads them or when, so the engine and Flink read identical input.
     */
    public static SeededClicks seededClicks(int keys, long seed) {
        return new SeededClicks(new Clicks(keys), seed);
    }

    /**
     * Declares the job on a new environment: the source with 2-minute bounded-out-of-orderness watermarks
     * (periodic, Flink's default), keyBy(user) into a 5-minute/1-minute sliding window counting events and
     * distinct pages, and keyBy(user) into a 30-minute-gap sessionizer; every operator with the given parallelism.
     */
    public static StreamExecutionEnvironment job(PartitionedLog clicks, int parallelism) {
        StreamExecutionEnvironment env = StreamExecutionEnvironment.create().setParallelism(parallelism);
        SingleOutputStreamOperator<Row> source = env.fromSource(clicks,
                WatermarkStrategy.forBoundedOutOfOrderness(Duration.ofMillis(WATERMARK_DELAY_MILLIS)), TOPIC);
        source.keyBy(new FieldKeySelector("user"))
                .window(SlidingEventTimeWindows.of(Duration.ofMinutes(5), Duration.ofMinutes(1)))
                .aggregate(new StatsAggregate(List.of(AggSpec.parse("count"), AggSpec.parse("distinctCount(page)"
                        + " as pages"))), new WindowRowFunction("user"), "page-views")
                .sinkTo(new CollectingSink(VIEWS_SINK));
        source.keyBy(new FieldKeySelector("user"))
                .process(new SessionizeFunction(Duration.ofMinutes(30).toMillis(), "user", "page",
                        new OutputTag<>("late-clicks")), "sessions")
                .sinkTo(new CollectingSink(SESSIONS_SINK));
        return env;
    }

    /** Builds the job, runs it to the end on the engine and measures the wall-clock time of deploying and running. */
    public static Result runOnEngine(PartitionedLog clicks, int parallelism, long seed, boolean trace) {
        System.gc();
        StreamExecutionEnvironment env = job(clicks, parallelism);
        EngineConfig config = EngineConfig.defaults().withSeed(seed).withTrace(trace)
                .withCluster(new ClusterSpec(1, parallelism));
        long start = System.nanoTime();
        Simulation sim = Simulation.of(env, config);
        sim.runToEnd();
        long nanos = System.nanoTime() - start;
        // what the finished job still holds (sinks, trace, leftover state), garbage excluded; the job is used
        // below, so it is still reachable here
        System.gc();
        Runtime rt = Runtime.getRuntime();
        long heap = rt.totalMemory() - rt.freeMemory();
        long read = 0;
        for (int p = 0; p < clicks.numPartitions(); p++) {
            read += clicks.partition(p).size();
        }
        return new Result(read, nanos, sim.sink(VIEWS_SINK).rows().size(), sim.sink(SESSIONS_SINK).rows().size(),
                sim.trace().size(), heap);
    }

    /**
     * Click records {user, page, ts}: users come and go by the hour of event time (each hour a different eighth
     * of them is active, so sessions end), pages are uniform, event times rise with up to DISORDER_MILLIS of
     * disorder. Serializable, so that Flink can ship it to its source.
     */
    static final class Clicks implements RecordGenerator, Serializable {
        private static final long serialVersionUID = 1L;
        private final int keys;
        private final String[] users;
        private final String[] pages = new String[PAGES];

        Clicks(int keys) {
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

    /** Click records that ignore the reader's random source: see {@link #seededClicks}. */
    public static final class SeededClicks implements RecordGenerator, Serializable {
        private static final long serialVersionUID = 1L;
        private final Clicks clicks;
        private final long seed;

        SeededClicks(Clicks clicks, long seed) {
            this.clicks = clicks;
            this.seed = seed;
        }

        /** The record at an offset; {@code ignored} may be null. */
        @Override
        public LogRecord generate(int partition, long offset, RandomGenerator ignored) {
            long s = seed ^ (partition * 0x9E3779B97F4A7C15L) ^ (offset * 0xC2B2AE3D27D4EB4FL);
            return clicks.generate(partition, offset, new SplittableRandom(s));
        }
    }
}
