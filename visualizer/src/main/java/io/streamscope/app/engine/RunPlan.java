package io.streamscope.app.engine;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * What to simulate: a scenario, and the interventions made on it (sorted by step). Two simulations of one plan
 * are identical step for step; a fork is a new plan.
 */
public record RunPlan(OpenedScenario scenario, List<Intervention> interventions) {
    public RunPlan {
        List<Intervention> sorted = new ArrayList<>(interventions);
        sorted.sort(Comparator.comparingLong(Intervention::atStep));
        interventions = List.copyOf(sorted);
    }

    /** The scenario as the file says, without interventions. */
    public static RunPlan of(OpenedScenario scenario) {
        return new RunPlan(scenario, List.of());
    }

    /** This plan up to {@code step}, plus a new intervention there: the future after it is re-simulated. */
    public RunPlan fork(Intervention change) {
        List<Intervention> kept = new ArrayList<>();
        for (Intervention i : interventions) {
            if (i.atStep() <= change.atStep()) {
                kept.add(i);
            }
        }
        kept.add(change);
        return new RunPlan(scenario, kept);
    }
}
