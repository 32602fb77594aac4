package io.streamscope.scenario;

import io.streamscope.api.StreamExecutionEnvironment;
import io.streamscope.runtime.EngineConfig;
import io.streamscope.sim.Simulation;

/**
 * A scenario read from a file: its job, declared on an environment through the DataStream API, and its engine
 * configuration.
 *
 * @param name the scenario's name
 * @param description what it shows, for people
 * @param env the job
 * @param config the engine configuration (seed, latency, buffers, cluster...)
 * @param runUntil the virtual time to stop at, or null to run to the end (bounded jobs only)
 */
public record LoadedScenario(String name, String description, StreamExecutionEnvironment env, EngineConfig config,
                             Long runUntil) {
    /** Deploys the job; a seed given here replaces the scenario's. */
    public Simulation start(Long seedOverride, boolean trace) {
        EngineConfig c = seedOverride == null ? config : config.withSeed(seedOverride);
        return Simulation.of(env, c.withTrace(trace));
    }
}
