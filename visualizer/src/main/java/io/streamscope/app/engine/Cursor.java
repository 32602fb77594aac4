package io.streamscope.app.engine;

import io.streamscope.sim.Simulation;
import java.util.List;

/**
 * A live simulation of a plan, moved to any step by deterministic replay: forward by stepping, backward by
 * starting a fresh simulation and stepping to the target. It runs with the trace off (the recording already has
 * every event), which makes replay several times faster. Used by the engine thread only.
 */
final class Cursor {
    private final RunPlan plan;
    private Simulation sim;
    private long step;
    private int nextIntervention;

    Cursor(RunPlan plan) {
        this.plan = plan;
        restart();
    }

    private void restart() {
        sim = plan.scenario().start(false);
        step = 0;
        nextIntervention = Recorder.applyDue(plan.interventions(), 0, 0, sim);
    }

    long step() {
        return step;
    }

    Simulation simulation() {
        return sim;
    }

    /**
     * Moves to {@code target}; checks {@code progress} for a cancel every few thousand steps (the cursor is then
     * left at a valid intermediate step).
     */
    void seek(long target, Progress progress) {
        if (target < step) {
            restart();
        }
        long from = step;
        List<Intervention> interventions = plan.interventions();
        while (step < target) {
            if (!sim.step()) {
                break;
            }
            step++;
            nextIntervention = Recorder.applyDue(interventions, nextIntervention, step, sim);
            if ((step & 8191) == 0 && progress != null) {
                if (progress.isCancelled()) {
                    throw new CancelledException();
                }
                progress.set((step - from) / (double) (target - from));
            }
        }
    }
}
