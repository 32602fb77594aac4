package io.streamscope.sim;

import io.streamscope.api.StreamExecutionEnvironment;
import io.streamscope.checkpoint.CheckpointStats;
import io.streamscope.checkpoint.CompletedCheckpoint;
import io.streamscope.failover.Fault;
import io.streamscope.connectors.SinkTable;
import io.streamscope.graph.ExecutionPlan;
import io.streamscope.graph.JobGraph;
import io.streamscope.graph.JobVertex;
import io.streamscope.graph.OperatorSpec;
import io.streamscope.runtime.EngineConfig;
import io.streamscope.runtime.JobRuntime;
import io.streamscope.runtime.JobSettings;
import io.streamscope.trace.TraceEvent;
import io.streamscope.view.EngineView;
import io.streamscope.view.EngineViews;
import java.util.List;
import java.util.function.Predicate;

/**
 * A job running on the virtual clock: step it, run it until a time or a condition, and read its trace, its
 * sinks and its {@link EngineView}. Same job + same config (seed) gives the same trace.
 */
public final class Simulation {
    private final JobRuntime runtime;
    private final boolean bounded;
    private TraceEvent lastMatch;

    public Simulation(JobGraph graph, EngineConfig config, boolean chainingEnabled) {
        this(graph, config, chainingEnabled, JobSettings.defaults());
    }

    /** Deploys a job with fault-tolerance settings: checkpointing, restart and failover strategy, initial state. */
    public Simulation(JobGraph graph, EngineConfig config, boolean chainingEnabled, JobSettings settings) {
        ExecutionPlan plan = new ExecutionPlan(graph, config.cluster(), chainingEnabled && config.chainingEnabled());
        this.runtime = new JobRuntime(plan, config, settings);
        boolean b = true;
        for (JobVertex v : graph.vertices()) {
            if (v.spec() instanceof OperatorSpec.Source s && !s.log().isBounded()) {
                b = false;
            }
        }
        this.bounded = b;
        runtime.start();
    }

    /** Builds the job declared on {@code env} (with its checkpointing and restart settings) and deploys it at 0. */
    public static Simulation of(StreamExecutionEnvironment env, EngineConfig config) {
        return of(env, config, null);
    }

    /**
     * Builds the job declared on {@code env} and deploys it at 0, restored from a checkpoint or savepoint when
     * {@code restoreFrom} is not null (Flink's {@code -s}).
     */
    public static Simulation of(StreamExecutionEnvironment env, EngineConfig config, CompletedCheckpoint restoreFrom) {
        JobSettings settings = new JobSettings(env.getCheckpointConfig(), env.getRestartStrategy(),
                env.getFailoverStrategy(), restoreFrom);
        return new Simulation(env.getJobGraph(), config, env.isChainingEnabled(), settings);
    }

    /** Runs the next kernel action; false when nothing is left to run. */
    public boolean step() {
        return runtime.kernel().step();
    }

    /** Runs every action up to and including {@code time}, then sets the clock to it. */
    public void runUntilTime(long time) {
        Kernel k = runtime.kernel();
        while (k.nextTime() <= time) {
            k.step();
        }
        k.advanceTo(time);
    }

    /** Runs a bounded job until nothing is left to do. */
    public void runToEnd() {
        if (!bounded) {
            throw new IllegalStateException("the job reads unbounded sources and never ends by itself; run it until"
                    + " a time instead");
        }
        while (runtime.kernel().step()) {
            // keep going
        }
    }

    /**
     * Steps until a trace event matching the condition is produced (true), or nothing is left / the time limit
     * passes (false). The matching event is {@link #lastMatch()}.
     */
    public boolean runUntil(Predicate<TraceEvent> condition, long timeLimit) {
        boolean[] hit = {false};
        io.streamscope.trace.TraceListener l = e -> {
            if (!hit[0] && condition.test(e)) {
                hit[0] = true;
                lastMatch = e;
            }
        };
        runtime.tracer().addListener(l);
        Kernel k = runtime.kernel();
        while (!hit[0] && k.nextTime() <= timeLimit) {
            k.step();
        }
        runtime.tracer().removeListener(l);
        return hit[0];
    }

    public TraceEvent lastMatch() {
        return lastMatch;
    }

    public long now() {
        return runtime.kernel().now();
    }

    public boolean isFinished() {
        return runtime.isFinished();
    }

    public boolean isBounded() {
        return bounded;
    }

    public EngineView view() {
        return EngineViews.of(runtime);
    }

    public List<TraceEvent> trace() {
        return runtime.tracer().events();
    }

    public SinkTable sink(String name) {
        SinkTable t = runtime.sinks().get(name);
        if (t == null) {
            throw new IllegalArgumentException("no sink '" + name + "'; sinks are " + runtime.sinks().keySet());
        }
        return t;
    }

    public java.util.Map<String, SinkTable> sinks() {
        return runtime.sinks();
    }

    public ExecutionPlan plan() {
        return runtime.plan();
    }

    // ---------------------------------------------------------------- checkpoints and faults

    /** Triggers a checkpoint now, as Flink's REST API does; it queues while too many are in progress. */
    public void triggerCheckpoint() {
        requireCheckpointing().triggerCheckpoint(now());
    }

    /** Triggers a savepoint now. */
    public void triggerSavepoint() {
        requireCheckpointing().triggerSavepoint(now());
    }

    /**
     * Stop-with-savepoint (Flink's {@code flink stop}): a savepoint after whose barrier the sources stop reading;
     * when it completes every subtask finishes and the job is FINISHED. With {@code drain} the sources first
     * advance event time to the end, so every window fires before the savepoint ({@code --drain}).
     */
    public void stopWithSavepoint(boolean drain) {
        requireCheckpointing().stopWithSavepoint(drain, now());
    }

    private io.streamscope.checkpoint.CheckpointCoordinator requireCheckpointing() {
        if (runtime.status() == JobRuntime.JobStatus.FINISHED || runtime.status() == JobRuntime.JobStatus.FAILED) {
            throw new IllegalStateException("the job has already reached a terminal state (" + runtime.status()
                    + "): there is nothing to checkpoint");
        }
        if (runtime.coordinator() == null) {
            throw new IllegalStateException("checkpointing is not enabled for this job; enable it with"
                    + " env.enableCheckpointing(interval) or \"checkpointing\" in the scenario");
        }
        return runtime.coordinator();
    }

    /** Makes a fault happen now (for tools that inject faults while a job runs). */
    public void inject(Fault fault) {
        runtime.inject(fault);
    }

    /** Plans faults at their times. */
    public void scheduleFaults(List<Fault> faults) {
        runtime.scheduleFaults(faults);
    }

    /** The newest completed checkpoint or savepoint, or null. */
    public CompletedCheckpoint latestCompletedCheckpoint() {
        return runtime.coordinator() == null ? null : runtime.coordinator().latestCompleted();
    }

    /** Statistics of every triggered checkpoint, oldest first (empty when checkpointing is off). */
    public List<CheckpointStats> checkpointHistory() {
        return runtime.coordinator() == null ? List.of() : runtime.coordinator().history();
    }

    public JobRuntime.JobStatus jobStatus() {
        return runtime.status();
    }

    /** The running engine, for tests and tools inside the engine; views read {@link #view()} instead. */
    public JobRuntime runtime() {
        return runtime;
    }
}
