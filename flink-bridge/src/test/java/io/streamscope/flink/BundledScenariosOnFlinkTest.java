package io.streamscope.flink;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.streamscope.scenario.LoadedScenario;
import io.streamscope.scenario.ScenarioLoader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * The scenario files shipped with the project (examples and lessons) on both engines, in one Flink job. Those that
 * Flink runs deterministically (bounded topics, watermarks per event, no operator merging the outputs of several
 * subtasks) must agree exactly; the others run too, and their reports must say why they may differ. Unbounded ones
 * are refused with a message. The periodic ones are then also run with their watermarks switched to per-event
 * emission (and no idleness), and must agree exactly in that form unless an operator merges several subtasks.
 */
class BundledScenariosOnFlinkTest {

    private static List<Path> files() throws Exception {
        Path root = Path.of("..");
        try (Stream<Path> examples = Files.list(root.resolve("examples"));
             Stream<Path> lessons = Files.list(root.resolve("lessons"))) {
            return Stream.concat(examples.filter(p -> p.toString().endsWith(".json")),
                    lessons.map(p -> p.resolve("scenario.json")).filter(Files::isRegularFile)).sorted().toList();
        }
    }

    @Test
    void bundledScenariosAgreeWithFlinkWhereTheyCan() throws Exception {
        List<LoadedScenario> runnable = new ArrayList<>();
        List<Path> runnableFiles = new ArrayList<>();
        int refused = 0;
        for (Path f : files()) {
            LoadedScenario s = ScenarioLoader.load(f);
            try {
                FlinkBridge.checkTranslatable(s);
                EngineRun.of(s);
                runnable.add(s);
                runnableFiles.add(f);
            } catch (UntranslatableException e) {
                refused++;
                assertThat(e.getMessage()).as(f.toString()).startsWith("operator '");
                System.out.println(f + ": not run on Flink: " + e.getMessage());
            }
        }
        assertThat(runnable).as("the tumbling example at least is runnable").isNotEmpty();
        List<DiffReport> reports = FlinkBridge.diffAll(runnable, Optional.empty());
        int exact = 0;
        for (int i = 0; i < reports.size(); i++) {
            DiffReport r = reports.get(i);
            System.out.print(runnableFiles.get(i) + ": " + r.render());
            if (r.notes().isEmpty()) {
                exact++;
                assertThat(r.agrees()).as(runnableFiles.get(i) + "\n" + r.render()).isTrue();
            } else {
                assertThat(r.notes()).allSatisfy(n -> assertThat(n).containsAnyOf("wall clock", "interleaves"));
            }
        }
        System.out.println(exact + " bundled scenarios compared exactly, " + (reports.size() - exact)
                + " where agreement is not expected by design (see their notes), " + refused + " not runnable on Flink");
        assertThat(exact).isGreaterThanOrEqualTo(1);
    }

    @Test
    void bundledScenariosSwitchedToPerEventWatermarksAgree() throws Exception {
        ObjectMapper json = new ObjectMapper();
        List<LoadedScenario> runnable = new ArrayList<>();
        List<Path> runnableFiles = new ArrayList<>();
        for (Path f : files()) {
            ObjectNode root = (ObjectNode) json.readTree(Files.readString(f));
            boolean changed = false;
            for (JsonNode op : root.path("job").path("operators")) {
                if (op.get("watermarks") instanceof ObjectNode w) {
                    changed |= !"per-event".equals(w.path("emit").asText()) || w.has("idleness");
                    w.put("emit", "per-event");
                    w.remove("idleness");
                }
            }
            if (!changed) {
                continue;
            }
            LoadedScenario s = ScenarioLoader.load(f + " (per-event)", json.writeValueAsString(root));
            try {
                FlinkBridge.checkTranslatable(s);
                EngineRun.of(s);
            } catch (UntranslatableException e) {
                continue;
            }
            runnable.add(s);
            runnableFiles.add(f);
        }
        List<DiffReport> reports = FlinkBridge.diffAll(runnable, Optional.empty());
        for (int i = 0; i < reports.size(); i++) {
            System.out.print(runnableFiles.get(i) + " (per-event): " + reports.get(i).render());
            if (reports.get(i).notes().isEmpty()) {
                assertThat(reports.get(i).agrees()).as(runnableFiles.get(i) + "\n" + reports.get(i).render())
                        .isTrue();
            }
        }
    }
}
