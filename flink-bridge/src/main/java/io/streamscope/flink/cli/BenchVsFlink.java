package io.streamscope.flink.cli;

import io.streamscope.bench.E1Bench;
import io.streamscope.bench.JitWarmUp;
import io.streamscope.connectors.PartitionedLog;
import io.streamscope.flink.FlinkRunner;
import io.streamscope.flink.LogSource;
import io.streamscope.graph.JobGraph;
import io.streamscope.runtime.EngineConfig;
import java.io.PrintStream;
import java.util.Arrays;
import java.util.Locale;
import java.util.Map;

/**
 * {@code streamscope bench --vs-flink}: the E1 job of {@code streamscope bench}, at parallelism 1 everywhere, over
 * the same generated records, on Streamscope's engine (trace off) and on Flink's embedded MiniCluster, in one JVM:
 * warm-up rounds of both until the JIT compiler is nearly idle, then three measured runs of each, alternating, and the ratio of the median throughputs.
 * A command that prints figures, not a test.
 */
final class BenchVsFlink {
    /** Parallelism of every operator on both sides. */
    static final int PARALLELISM = 1;
    /** Measured runs of each engine, alternating; the ratio is that of the medians. */
    static final int ROUNDS = 3;
    /** Records of each warm-up run, on each engine (and of the MiniCluster's first job, which is slower). */
    static final long WARM_UP_EVENTS = 300_000;
    /** At most this many warm-up rounds (a run on each engine per round). */
    static final int WARM_UP_MAX_ROUNDS = 6;

    private BenchVsFlink() {
    }

    /** Runs the comparison and prints it; returns the exit code. */
    static int run(E1Bench.Options o, PrintStream out) {
        E1Bench.SeededClicks clicks = E1Bench.seededClicks(o.keys(), o.seed());
        out.println(String.format(Locale.ROOT, "bench --vs-flink: E1 job, %d partitions, %,d users, seed %d,"
                + " parallelism %d on both engines", E1Bench.PARTITIONS, o.keys(), o.seed(), PARALLELISM));
        out.print(E1Bench.describe(PARALLELISM));
        out.println("  the same generated records on both; streamscope with the trace off, Flink 2.3.0 on an embedded"
                + " MiniCluster (heap state)");
        out.flush();
        long warm = Math.min(o.events(), WARM_UP_EVENTS);
        // the MiniCluster's first job also starts the cluster: shown apart, and not part of the JIT's warm-up
        long started = System.nanoTime();
        FlinkRunner.Measured first = onFlink(warm, clicks);
        out.println(String.format(Locale.ROOT, "first flink job     %,11d events  %7.2f s  (with starting the"
                + " MiniCluster: %.2f s)", warm, first.runtimeMillis() / 1e3, (System.nanoTime() - started) / 1e9));
        out.flush();
        // then rounds of both, as measured, until the JIT compiler (for the whole JVM: Flink's task threads too)
        // is nearly idle, so neither side's first measured run is mostly the compiler's
        long[] engineNanos = {0};
        long[] flinkMillis = {0};
        JitWarmUp.Outcome w = JitWarmUp.run(WARM_UP_MAX_ROUNDS, () -> {
            long t0 = System.nanoTime();
            engineNanos[0] += onEngine(warm, clicks, o.seed()).nanos();
            flinkMillis[0] += onFlink(warm, clicks).runtimeMillis();
            return System.nanoTime() - t0;
        });
        out.println(String.format(Locale.ROOT, "warm-up     %,11d events on each, streamscope %.2f s, flink %.2f s (%s)",
                warm * w.runs(), engineNanos[0] / 1e9, flinkMillis[0] / 1e3, w.describe("round")));
        out.flush();

        double[] engineRates = new double[ROUNDS];
        double[] flinkRates = new double[ROUNDS];
        for (int round = 0; round < ROUNDS; round++) {
            // alternating, so that a disturbance of the machine (other processes on its cores) hits both alike
            E1Bench.Result engine = onEngine(o.events(), clicks, o.seed());
            engineRates[round] = engine.eventsPerSecond();
            out.println(String.format(Locale.ROOT, "streamscope %,11d events  %7.2f s  %,11.0f events/s   sinks: %,d"
                            + " window rows, %,d sessions", engine.events(), engine.nanos() / 1e9, engineRates[round],
                    engine.windowRows(), engine.sessionRows()));
            out.flush();
            long submitted = System.nanoTime();
            FlinkRunner.Measured flink = onFlink(o.events(), clicks);
            double wall = (System.nanoTime() - submitted) / 1e9;
            flinkRates[round] = engine.events() / (flink.runtimeMillis() / 1e3);
            Map<String, Long> sinks = flink.sinkCounts();
            out.println(String.format(Locale.ROOT, "flink       %,11d events  %7.2f s  %,11.0f events/s   sinks: %,d"
                            + " window rows, %,d sessions   (Flink's job runtime; with submitting it: %.2f s)",
                    engine.events(), flink.runtimeMillis() / 1e3, flinkRates[round], sinks.get(E1Bench.VIEWS_SINK),
                    sinks.get(E1Bench.SESSIONS_SINK), wall));
            if (sinks.get(E1Bench.VIEWS_SINK) != engine.windowRows()
                    || sinks.get(E1Bench.SESSIONS_SINK) != engine.sessionRows()) {
                // nothing is late on either side (2 min watermark delay, 1 min disorder): the counts must agree
                out.println("warning     the engines' sinks received different numbers of rows: the jobs differ");
            }
            out.flush();
        }
        double engineRate = median(engineRates);
        double flinkRate = median(flinkRates);
        out.println(String.format(Locale.ROOT, "median      streamscope %,.0f events/s, flink %,.0f events/s (of %d"
                + " runs each)", engineRate, flinkRate, ROUNDS));
        out.println(String.format(Locale.ROOT, "ratio       streamscope does %.2fx the events/s of Flink (goal: at"
                + " least 2x)", engineRate / flinkRate));
        out.flush();
        return 0;
    }

    private static double median(double[] values) {
        double[] sorted = values.clone();
        Arrays.sort(sorted);
        int n = sorted.length;
        return n % 2 == 1 ? sorted[n / 2] : (sorted[n / 2 - 1] + sorted[n / 2]) / 2;
    }

    /** The job over the seeded clicks on the engine, trace off; the time of deploying and running it. */
    private static E1Bench.Result onEngine(long events, E1Bench.SeededClicks clicks, long seed) {
        return E1Bench.runOnEngine(E1Bench.topic(events, clicks), PARALLELISM, seed, false);
    }

    /**
     * The same job over the same clicks on the embedded MiniCluster, generated by Flink's source as it reads, sinks
     * only counting; Flink's own measure of the job's run time. Periodic watermarks tick on Flink's wall clock at
     * the engine's default interval.
     */
    private static FlinkRunner.Measured onFlink(long events, E1Bench.SeededClicks clicks) {
        PartitionedLog log = E1Bench.topic(events, clicks);
        JobGraph graph = E1Bench.job(log, PARALLELISM).getJobGraph();
        return FlinkRunner.embedded().measure(graph, v -> {
            int[] owner = new int[log.numPartitions()];
            for (int p = 0; p < owner.length; p++) {
                owner[p] = log.splitOwner(p, v.parallelism());
            }
            return LogSource.generated(log.topic(), owner, clicks, E1Bench.perPartition(events));
        }, EngineConfig.defaults().autoWatermarkIntervalMillis(), "streamscope bench --vs-flink");
    }
}
