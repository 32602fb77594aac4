package io.streamscope.bench;

import java.lang.management.CompilationMXBean;
import java.lang.management.ManagementFactory;
import java.util.function.LongSupplier;

/**
 * Repeats a benchmark's warm-up work until the JIT compiler is nearly idle. A single fixed warm-up run left the
 * top-tier compiler still compiling dozens of hot methods during the first measured run on 2 cores, so that
 * figure was largely the compiler's. A run that kept the compiler busy for under a given share of its own wall
 * time ends the warm-up (compilation time as the JVM reports it, for the whole JVM, so work on other threads,
 * such as Flink's task threads, counts too); without that report, the maximum number of runs.
 */
public final class JitWarmUp {
    /** Warm-up ends once a run kept the JIT compiler busy for less than this share of its own time. */
    public static final double QUIET_COMPILATION = 0.05;

    /** How the warm-up went: runs made, their total wall time, and whether the compiler was nearly idle at the end. */
    public record Outcome(int runs, long nanos, boolean quiet) {
        /** The words the bench commands print after the warm-up's figures; {@code unit} names one run ("run"). */
        public String describe(String unit) {
            return runs + " " + unit + (runs == 1 ? "; " : "s; ")
                    + (quiet ? "the JIT compiler was nearly idle in the last" : "the most it does");
        }
    }

    private JitWarmUp() {
    }

    /** Calls {@code oneRun} (which returns its own wall time in ns) until the compiler is quiet, at most maxRuns. */
    public static Outcome run(int maxRuns, LongSupplier oneRun) {
        CompilationMXBean jit = ManagementFactory.getCompilationMXBean();
        boolean timed = jit != null && jit.isCompilationTimeMonitoringSupported();
        long total = 0;
        int runs = 0;
        boolean quiet = false;
        while (runs < maxRuns && !quiet) {
            long compiledBefore = timed ? jit.getTotalCompilationTime() : 0;
            long nanos = oneRun.getAsLong();
            runs++;
            total += nanos;
            double compiling = timed ? (jit.getTotalCompilationTime() - compiledBefore) * 1e6 / Math.max(1, nanos) : 1;
            quiet = compiling < QUIET_COMPILATION;
        }
        return new Outcome(runs, total, quiet);
    }
}
