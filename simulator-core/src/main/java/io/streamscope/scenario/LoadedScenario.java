package io.streamscope.scenario;

import io.streamscope.api.StreamExecutionEnvironment;
import io.streamscope.checkpoint.CompletedCheckpoint;
import io.streamscope.connectors.PartitionedLog;
import io.streamscope.failover.Fault;
import io.streamscope.runtime.EngineConfig;
import io.streamscope.sim.Simulation;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
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
 * @param faults the fault plan, in file order (checkpointing and restart settings are on {@code env})
 * @param topics the topics of the file by name, in file order (a SQL session over the scenario reads them)
 * @param sql the statements of the file's "sql" field, in order (their refresh jobs are declared on {@code env})
 */
public record LoadedScenario(String name, String description, StreamExecutionEnvironment env, EngineConfig config,
                             Long runUntil, Map<String, String> operatorNames, List<Fault> faults,
                             Map<String, PartitionedLog> topics, List<String> sql) {

    public LoadedScenario {
        // keeps file order for views that list operators
        operatorNames = operatorNames == null ? Map.of()
                : Collections.unmodifiableMap(new LinkedHashMap<>(operatorNames));
        faults = faults == null ? List.of() : List.copyOf(faults);
        topics = topics == null ? Map.of() : Collections.unmodifiableMap(new LinkedHashMap<>(topics));
        sql = sql == null ? List.of() : List.copyOf(sql);
    }

    /** A scenario built in code, without topics to query or SQL statements. */
    public LoadedScenario(String name, String description, StreamExecutionEnvironment env, EngineConfig config,
                          Long runUntil, Map<String, String> operatorNames, List<Fault> faults) {
        this(name, description, env, config, runUntil, operatorNames, faults, Map.of(), List.of());
    }

    /** A scenario without faults. */
    public LoadedScenario(String name, String description, StreamExecutionEnvironment env, EngineConfig config,
                          Long runUntil, Map<String, String> operatorNames) {
        this(name, description, env, config, runUntil, operatorNames, List.of());
    }

    /** A scenario without display names (every operator shows its id). */
    public LoadedScenario(String name, String description, StreamExecutionEnvironment env, EngineConfig config,
                          Long runUntil) {
        this(name, description, env, config, runUntil, Map.of());
    }

    /** Deploys the job with its fault plan; a seed given here replaces the scenario's. */
    public Simulation start(Long seedOverride, boolean trace) {
        return start(seedOverride, trace, null);
    }

    /**
     * Deploys the job with its fault plan, restored from a checkpoint or savepoint when {@code restoreFrom} is not
     * null (Flink's {@code -s}); a seed given here replaces the scenario's.
     */
    public Simulation start(Long seedOverride, boolean trace, CompletedCheckpoint restoreFrom) {
        EngineConfig c = seedOverride == null ? config : config.withSeed(seedOverride);
        Simulation sim = Simulation.of(env, c.withTrace(trace), restoreFrom);
        sim.scheduleFaults(faults);
        return sim;
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
