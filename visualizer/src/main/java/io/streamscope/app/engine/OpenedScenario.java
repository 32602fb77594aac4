package io.streamscope.app.engine;

import io.streamscope.checkpoint.CompletedCheckpoint;
import io.streamscope.graph.JobGraphBuilder;
import io.streamscope.graph.JobVertex;
import io.streamscope.scenario.LoadedScenario;
import io.streamscope.scenario.ScenarioException;
import io.streamscope.scenario.ScenarioLoader;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Map;
import io.streamscope.sim.Simulation;

/**
 * A scenario the app has opened: the name shown in the title and in errors, the file it came from (null for the
 * embedded default) and the loaded job. A loaded scenario can deploy any number of identical simulations. The
 * JSON text it was read from (null for a file or a job built in code) lets it be read again to rescale it; a
 * rescaled scenario is deployed restored from {@code restoreFrom} (null: from scratch).
 */
public record OpenedScenario(String displayName, Path path, LoadedScenario scenario, String json,
                             CompletedCheckpoint restoreFrom) {

    /** A scenario deployed from scratch, that cannot be read again unless it has a file. */
    public OpenedScenario(String displayName, Path path, LoadedScenario scenario) {
        this(displayName, path, scenario, null, null);
    }

    /** Deploys the job (restored from {@link #restoreFrom()} when there is one). */
    public Simulation start(boolean trace) {
        return scenario.start(null, trace, restoreFrom);
    }

    /**
     * The same scenario deployed with other parallelisms (operator id to parallelism; operators not listed keep
     * theirs), restored from {@code savepoint}: the file or text is read again, so the running job is untouched,
     * and the checkpointing, restart and failover settings of this scenario carry over.
     */
    public OpenedScenario rescaled(Map<String, Integer> parallelism, CompletedCheckpoint savepoint)
            throws ScenarioException {
        LoadedScenario fresh;
        if (json != null) {
            fresh = ScenarioLoader.load(displayName, json);
        } else if (path != null) {
            fresh = ScenarioLoader.load(path);
        } else {
            throw new IllegalStateException("this scenario was built in code and cannot be read again to rescale it");
        }
        fresh.env().setCheckpointConfig(scenario.env().getCheckpointConfig());
        fresh.env().setRestartStrategy(scenario.env().getRestartStrategy());
        fresh.env().setFailoverStrategy(scenario.env().getFailoverStrategy());
        JobGraphBuilder setter = new JobGraphBuilder();
        StringBuilder changes = new StringBuilder();
        for (JobVertex v : fresh.env().getJobGraph().vertices()) {
            Integer p = parallelism.get(v.name());
            if (p != null && p != v.parallelism()) {
                changes.append(changes.length() == 0 ? "" : ", ").append(v.name()).append(' ')
                        .append(v.parallelism()).append("→").append(p);
                setter.setParallelism(v, p);
            }
        }
        String name = baseName() + " · rescaled from " + (savepoint.savepoint() ? "savepoint " : "checkpoint ")
                + savepoint.checkpointId() + (changes.length() == 0 ? "" : " (" + changes + ")");
        return new OpenedScenario(name, path, fresh, json, savepoint);
    }

    private String baseName() {
        int i = displayName.indexOf(" · rescaled from ");
        return i < 0 ? displayName : displayName.substring(0, i);
    }

    /** The resource holding the scenario the app opens when no file is given. */
    public static final String DEFAULT_RESOURCE = "/io/streamscope/app/default-scenario.json";

    /** Loads a scenario file; a {@link ScenarioException} names the file, the JSON path and the problem. */
    public static OpenedScenario fromFile(Path file) throws ScenarioException {
        return new OpenedScenario(file.getFileName() == null ? file.toString() : file.getFileName().toString(),
                file, ScenarioLoader.load(file));
    }

    /** The scenario shipped inside the app, so that it starts with something to show on a fresh clone. */
    public static OpenedScenario embeddedDefault() {
        try (InputStream in = OpenedScenario.class.getResourceAsStream(DEFAULT_RESOURCE)) {
            if (in == null) {
                throw new IllegalStateException("the app's jar lacks " + DEFAULT_RESOURCE);
            }
            String json = new String(in.readAllBytes(), StandardCharsets.UTF_8);
            return new OpenedScenario("default-scenario.json (built in)", null,
                    ScenarioLoader.load("default-scenario.json", json), json, null);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (ScenarioException e) {
            throw new IllegalStateException("the built-in scenario is broken: " + e.getMessage(), e);
        }
    }

    /** Loads a scenario from text, e.g. a test's own job. */
    public static OpenedScenario fromText(String name, String json) throws ScenarioException {
        return new OpenedScenario(name, null, ScenarioLoader.load(name, json), json, null);
    }
}
