package io.streamscope.app.engine;

import io.streamscope.scenario.LoadedScenario;
import io.streamscope.sim.Kernel;
import io.streamscope.sim.Simulation;
import io.streamscope.trace.TraceEvent;
import java.util.Arrays;
import java.util.List;

/**
 * Runs a plan once from start to end with the trace on and keeps what replay needs (a {@link Recording}). The
 * end is the scenario's runUntil, the end of a bounded job, or for an unbounded job without runUntil the app's
 * horizon; a run that grows past the size limits is cut, and says so.
 */
public final class Recorder {
    /** How far an unbounded scenario without runUntil is simulated. */
    public static final long DEFAULT_HORIZON_MS = 60_000;
    /** The most trace events kept in memory (about 200 bytes each). */
    public static final int MAX_TRACE_EVENTS = 3_000_000;
    /** The most kernel steps recorded. */
    public static final int MAX_STEPS = 5_000_000;

    private Recorder() {
    }

    /** Records the run of a plan; throws {@link CancelledException} when {@code progress} is cancelled. */
    public static Recording record(RunPlan plan, Progress progress) {
        LoadedScenario scenario = plan.scenario().scenario();
        Simulation sim = plan.scenario().start(true);
        long until = scenario.runUntil() != null ? scenario.runUntil()
                : sim.isBounded() ? Long.MAX_VALUE : DEFAULT_HORIZON_MS;
        Kernel kernel = sim.runtime().kernel();
        int[] counts = new int[1024];
        long[] times = new long[1024];
        List<TraceEvent> trace = sim.trace();
        List<Intervention> interventions = plan.interventions();
        int next = applyDue(interventions, 0, 0, sim);
        counts[0] = trace.size();
        times[0] = sim.now();
        int step = 0;
        String end = null;
        while (kernel.nextTime() <= until) {
            if (step >= MAX_STEPS || trace.size() >= MAX_TRACE_EVENTS) {
                end = "cut at " + step + " steps and " + trace.size() + " trace events (the app's limit); set"
                        + " runUntil in the scenario to see a shorter run in full";
                break;
            }
            try {
                if (!sim.step()) {
                    break;
                }
            } catch (RuntimeException e) {
                end = "the job failed at " + sim.now() + " ms: " + e.getMessage();
                break;
            }
            step++;
            // a change made at a step belongs to that step: its trace events count there, as the cursor sees it
            next = applyDue(interventions, next, step, sim);
            if (step == counts.length) {
                counts = Arrays.copyOf(counts, step * 2);
                times = Arrays.copyOf(times, step * 2);
            }
            counts[step] = trace.size();
            times[step] = sim.now();
            if ((step & 4095) == 0) {
                if (progress.isCancelled()) {
                    throw new CancelledException();
                }
                progress.set(until == Long.MAX_VALUE ? -1 : Math.min(1.0, sim.now() / (double) until));
            }
        }
        if (end == null) {
            end = sim.isFinished() ? "the job finished at " + sim.now() + " ms"
                    : scenario.runUntil() != null ? "stopped at the scenario's runUntil (" + until + " ms)"
                    : until != Long.MAX_VALUE ? "stopped at " + until + " ms (an unbounded job without runUntil;"
                    + " the app shows its first " + until / 1000 + " s)"
                    : "nothing left to run at " + sim.now() + " ms";
        }
        return new Recording(plan.scenario(), trace, Arrays.copyOf(counts, step + 1), Arrays.copyOf(times, step + 1),
                step, end, sim.isFinished());
    }

    /** Applies the interventions due at {@code step}, from index {@code next}; returns the next index. */
    static int applyDue(List<Intervention> interventions, int next, long step, io.streamscope.sim.Simulation sim) {
        int i = next;
        while (i < interventions.size() && interventions.get(i).atStep() <= step) {
            interventions.get(i++).apply(sim);
        }
        return i;
    }
}
