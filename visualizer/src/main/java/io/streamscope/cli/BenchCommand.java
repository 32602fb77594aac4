package io.streamscope.cli;

import io.streamscope.bench.E1Bench;
import io.streamscope.bench.JitWarmUp;
import io.streamscope.calc.CommandLineException;
import java.io.PrintStream;
import java.util.List;
import java.util.Locale;

/**
 * {@code streamscope bench}: engine throughput on an E1-shaped job (sliding-window page counts and
 * sessionization per user over a 4-partition topic), with trace recording off and on. Wall-clock time is read
 * here, and only here: the engine itself never looks at it.
 */
final class BenchCommand implements Command {
    static final int PARALLELISM = 4;
    /**
     * Upper bound of records with trace recording on: each record leaves five to seven trace events, so 2
     * million records would need gigabytes of heap.
     */
    static final long TRACE_ON_MAX_EVENTS = 300_000;
    /** Records of one warm-up run. */
    static final long WARM_UP_EVENTS = 500_000;
    /** At most this many warm-up runs. */
    static final int WARM_UP_MAX_RUNS = 8;

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
        return E1Bench.HELP;
    }

    @Override
    public int run(List<String> argList, PrintStream out, PrintStream err) {
        E1Bench.Options options;
        try {
            options = E1Bench.parse(argList);
        } catch (CommandLineException e) {
            throw UsageException.from(e);
        }
        if (options.vsFlink()) {
            // Flink is kept out of this module: the launcher starts the bridge's command line instead
            throw new UsageException("bench --vs-flink runs Apache Flink, which is not on this program's class"
                    + " path; run it through the launcher, which starts the Flink bridge: streamscope bench"
                    + " --vs-flink");
        }
        long events = options.events();
        int keys = options.keys();
        long seed = options.seed();
        // about 1.5 KB of trace per record; keep well inside the heap the JVM may grow to
        long eventsOn = Math.max(E1Bench.PARTITIONS, Math.min(events, Math.min(TRACE_ON_MAX_EVENTS,
                Runtime.getRuntime().maxMemory() / 4096)));

        out.println("bench: E1 job, " + E1Bench.PARTITIONS + " partitions, " + keys + " users, seed " + seed);
        out.print(E1Bench.describe(PARALLELISM));
        out.flush();
        warmUp(Math.min(events, WARM_UP_EVENTS), keys, seed, out);
        E1Bench.Result off = runOnce(events, keys, seed, false);
        print(out, "trace off", off);
        E1Bench.Result on = runOnce(eventsOn, keys, seed, true);
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

    /** Runs the job until the JIT has compiled its hot paths (see {@link JitWarmUp}), and says how that went. */
    private static void warmUp(long events, int keys, long seed, PrintStream out) {
        long[] read = {0};
        JitWarmUp.Outcome w = JitWarmUp.run(WARM_UP_MAX_RUNS, () -> {
            E1Bench.Result r = runOnce(events, keys, seed, false);
            read[0] += r.events();
            return r.nanos();
        });
        out.println(String.format(Locale.ROOT, "warm-up    %,11d events  %7.2f s  (%s)", read[0], w.nanos() / 1e9,
                w.describe("run")));
        out.flush();
    }

    private static void print(PrintStream out, String label, E1Bench.Result r) {
        out.println(String.format(Locale.ROOT, "%s  %,11d events  %7.2f s  %,11.0f events/s   sinks: %,d window"
                        + " rows, %,d sessions; trace events: %,d; live heap after: %,d MB", label, r.events(),
                r.nanos() / 1e9, r.eventsPerSecond(), r.windowRows(), r.sessionRows(), r.traceEvents(),
                r.heapBytes() >> 20));
        out.flush();
    }

    /** The job over freshly generated clicks (drawn from the engine's seeded source), run on the engine. */
    static E1Bench.Result runOnce(long events, int keys, long seed, boolean trace) {
        return E1Bench.runOnEngine(E1Bench.topic(events, E1Bench.clicks(keys)), PARALLELISM, seed, trace);
    }
}
