package io.streamscope.app.engine;

import io.streamscope.sim.Simulation;

/**
 * A change made to the engine just before a given step: the extension point for faults (kill a TaskManager, fail
 * or slow a subtask), forced checkpoints and savepoints. A fork re-simulates the run with the interventions it
 * lists, so replaying to any step applies exactly the same changes at exactly the same steps.
 */
public interface Intervention {
    /** The step before which the change is applied (0: right after deployment). */
    long atStep();

    /** What the change is, for the status line and the run's history. */
    String describe();

    /** Applies the change to a simulation that has run exactly {@link #atStep()} steps. */
    void apply(Simulation sim);
}
