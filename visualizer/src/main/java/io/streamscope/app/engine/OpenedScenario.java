package io.streamscope.app.engine;

import io.streamscope.scenario.LoadedScenario;
import io.streamscope.scenario.ScenarioException;
import io.streamscope.scenario.ScenarioLoader;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;

/**
 * A scenario the app has opened: the name shown in the title and in errors, the file it came from (null for the
 * embedded default) and the loaded job. A loaded scenario can deploy any number of identical simulations.
 */
public record OpenedScenario(String displayName, Path path, LoadedScenario scenario) {

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
                    ScenarioLoader.load("default-scenario.json", json));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (ScenarioException e) {
            throw new IllegalStateException("the built-in scenario is broken: " + e.getMessage(), e);
        }
    }

    /** Loads a scenario from text, e.g. a test's own job. */
    public static OpenedScenario fromText(String name, String json) throws ScenarioException {
        return new OpenedScenario(name, null, ScenarioLoader.load(name, json));
    }
}
