package io.streamscope.failover;

import java.util.Collection;
import java.util.TreeSet;

/**
 * Decides what a failure leads to (Flink's ExecutionFailureHandler): the failover strategy picks the subtasks to
 * restart (the failed subtasks' pipelined regions, or all), the restart strategy whether and after how long.
 */
public final class ExecutionFailureHandler {
    /** The decision: restart these subtask positions after a delay, or fail the job. */
    public record Decision(boolean canRestart, TreeSet<Integer> tasksToRestart, long delayMillis, String strategy) {
    }

    private final FailoverStrategy failoverStrategy;
    private final PipelinedRegions regions;
    private final RestartBackoffTimeStrategy backoff;
    private final int numSubtasks;

    public ExecutionFailureHandler(FailoverStrategy failoverStrategy, PipelinedRegions regions,
                                   RestartBackoffTimeStrategy backoff, int numSubtasks) {
        this.failoverStrategy = failoverStrategy;
        this.regions = regions;
        this.backoff = backoff;
        this.numSubtasks = numSubtasks;
    }

    /** Subtasks at these positions failed at {@code now}. */
    public Decision taskFailure(Collection<Integer> failed, long now) {
        TreeSet<Integer> restart = new TreeSet<>();
        if (failoverStrategy == FailoverStrategy.FULL) {
            restart.addAll(all());
        } else {
            for (int p : failed) {
                restart.addAll(regions.regionOf(p));
            }
        }
        return decide(restart, now, failoverStrategy.describe());
    }

    /** A job-level failure (such as too many failed checkpoints): every subtask restarts, whatever the strategy. */
    public Decision globalFailure(long now) {
        return decide(all(), now, "global");
    }

    private Decision decide(TreeSet<Integer> restart, long now, String strategy) {
        backoff.notifyFailure(now);
        if (!backoff.canRestart()) {
            return new Decision(false, restart, 0, strategy);
        }
        return new Decision(true, restart, backoff.backoffMillis(), strategy);
    }

    private TreeSet<Integer> all() {
        TreeSet<Integer> out = new TreeSet<>();
        for (int i = 0; i < numSubtasks; i++) {
            out.add(i);
        }
        return out;
    }
}
