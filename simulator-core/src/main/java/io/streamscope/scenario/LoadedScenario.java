package io.streamscope.scenario;

import io.streamscope.api.StreamExecutionEnvironment;
import io.streamscope.runtime.EngineConfig;
import io.streamscope.sim.Simulation;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * A scenario read from a file: its job, declared on an environment through the DataStream API, and its engine
 * configuration.
 *
 * @param name the scenario's name
 * @param description what it shows, for people
 * @param env the job
 * @param config the engine configuration (seed, latency, buffers, cluster...)
 * @param runUntil the virtual time to stop at, or null to run to the end (bounded jobs only)
 * @param operatorNames the display name of each operator by id (the id when the file gives none), in file
 *     order; the job itself names operators, subtasks and sinks by id
 */
public record LoadedScenario(String name, String description, StreamExecutionEnvironment env, EngineConfig config,
                             Long runUntil, Map<String, String> operatorNames) {

    public LoadedScenario {
        // keeps file order for views that list operators
        operatorNames = operatorNames == null ? Map.of()
                : Collections.unmodifiableMap(new LinkedHashMap<>(operatorNames));
    }

    /** A scenario without display names (every operator shows its id). */
    public LoadedScenario(String name, String description, StreamExecutionEnvironment env, EngineConfig config,
                          Long runUntil) {
        this(name, description, env, config, runUntil, Map.of());
    }

    /** Deploys the job; a seed given here replaces the scenario's. */
    public Simulation start(Long seedOverride, boolean trace) {
        EngineConfig c = seedOverride == null ? config : config.withSeed(seedOverride);
        return Simulation.of(env, c.withTrace(trace));
    }

    /**
     * Runs a started simulation as the scenario says: to {@link #runUntil()} when given, otherwise to the end
     * (which only a job reading bounded topics has).
     */
    public void run(Simulation sim) {
        if (runUntil != null) {
            sim.runUntilTime(runUntil);
        } else {
            sim.runToEnd();
        }
    }
}
