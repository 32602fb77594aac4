package io.streamscope.app.engine;

import io.streamscope.failover.Fault;
import io.streamscope.sim.Simulation;

/**
 * The changes a user can make to a running job, as {@link Intervention}s: the engine's faults (fail or slow a
 * subtask, kill a TaskManager) and forced checkpoints and savepoints. Each happens at the virtual time of the step
 * it is applied at, so a fork made at a step replays exactly.
 */
public final class Faults {
    /** How long the JobManager takes to notice a killed TaskManager in these faults (a lost connection). */
    public static final long DETECT_AFTER_MS = 100;
    /** Extra processing cost per record of a slowed subtask. */
    public static final long SLOW_EXTRA_MS = 10;

    private Faults() {
    }

    private record Change(long atStep, String describe, java.util.function.Consumer<Simulation> action)
            implements Intervention {
        @Override
        public void apply(Simulation sim) {
            action.accept(sim);
        }
    }

    public static Intervention failSubtask(long step, String subtask) {
        return new Change(step, "fail subtask " + subtask,
                sim -> sim.inject(new Fault.FailSubtask(sim.now(), subtask)));
    }

    public static Intervention slowSubtask(long step, String subtask) {
        return new Change(step, "slow subtask " + subtask + " (+" + SLOW_EXTRA_MS + " ms per record)",
                sim -> sim.inject(new Fault.SlowSubtask(sim.now(), subtask, SLOW_EXTRA_MS, -1)));
    }

    public static Intervention killTaskManager(long step, String taskManager) {
        return new Change(step, "kill TaskManager " + taskManager,
                sim -> sim.inject(new Fault.KillTaskManager(sim.now(), taskManager, DETECT_AFTER_MS, 0)));
    }

    public static Intervention triggerCheckpoint(long step) {
        return new Change(step, "trigger a checkpoint", Simulation::triggerCheckpoint);
    }

    public static Intervention triggerSavepoint(long step) {
        return new Change(step, "trigger a savepoint", Simulation::triggerSavepoint);
    }
}
