package io.streamscope.app;

import static org.assertj.core.api.Assertions.assertThat;

import io.streamscope.app.engine.OpenedScenario;
import io.streamscope.view.EngineView;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.TimeUnit;
import javafx.scene.control.Tab;
import javafx.stage.Stage;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;
import org.testfx.util.WaitForAsyncUtils;

/**
 * Faults > Rescale from a savepoint under Monocle: the built-in scenario with checkpointing, rescaled from a
 * savepoint taken early, shows the new number of window subtasks and writes the same sink records; without
 * checkpointing it says why and keeps the run. The checkpoint panel shows any checkpoint's per-subtask details.
 */
@ExtendWith(ApplicationExtension.class)
class RescaleTest {
    private MainWindow window;

    @Start
    void start(Stage stage) throws Exception {
        window = new MainWindow(stage, AppPrefs.load());
        window.show();
        window.openDefault();
    }

    private static String defaultJson() throws Exception {
        try (InputStream in = RescaleTest.class.getResourceAsStream(OpenedScenario.DEFAULT_RESOURCE)) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
    }

    private void openWithCheckpoints() throws Exception {
        awaitIdle();
        String json = defaultJson().replace("\"parallelism\": 2,",
                "\"parallelism\": 2, \"checkpointing\": { \"interval\": \"100ms\" },")
                // room for a third window subtask
                .replace("\"slotsPerTaskManager\": 1", "\"slotsPerTaskManager\": 2");
        OpenedScenario s = OpenedScenario.fromText("clicks-with-checkpoints.json", json);
        fx(() -> {
            window.playback().open(s);
            return null;
        });
        awaitIdle();
    }

    private static <T> T fx(Callable<T> c) throws Exception {
        return WaitForAsyncUtils.asyncFx(c).get(30, TimeUnit.SECONDS);
    }

    private void awaitIdle() throws Exception {
        WaitForAsyncUtils.waitFor(30, TimeUnit.SECONDS,
                () -> fx(() -> window.playback().isIdle() && window.playback().frame() != null));
        WaitForAsyncUtils.waitForFxEvents();
    }

    private void toEnd() throws Exception {
        fx(() -> {
            window.playback().toEnd();
            return null;
        });
        awaitIdle();
    }

    private long subtasksOf(String operator) throws Exception {
        return fx(() -> window.playback().frame().view().subtasks().stream()
                .filter(s -> s.id().startsWith(operator + "[")).count());
    }

    private List<String> sorted(String sink) throws Exception {
        return fx(() -> {
            for (EngineView.SinkView v : window.playback().frame().view().sinks()) {
                if (v.name().equals(sink)) {
                    List<String> rows = new ArrayList<>(v.records());
                    rows.sort(null);
                    return rows;
                }
            }
            throw new AssertionError("no sink " + sink);
        });
    }

    @Test
    void rescalingFromASavepointChangesTheSubtasksAndKeepsTheResults() throws Exception {
        openWithCheckpoints();
        toEnd();
        List<String> before = sorted("totals");
        assertThat(before).isNotEmpty();
        assertThat(subtasksOf("per-user")).isEqualTo(2);
        fx(() -> {
            window.playback().seek(5);
            return null;
        });
        awaitIdle();
        fx(() -> {
            window.rescale(Map.of("per-user", 3, "totals", 2, "late-clicks", 2));
            return null;
        });
        try {
            WaitForAsyncUtils.waitFor(30, TimeUnit.SECONDS, () -> fx(() -> window.playback().isIdle()
                    && window.playback().plan().scenario().restoreFrom() != null));
        } catch (java.util.concurrent.TimeoutException e) {
            throw new AssertionError("not rescaled: " + window.lastError() + " / "
                    + fx(() -> window.playback().statusProperty().get()), e);
        }
        awaitIdle();
        assertThat(window.lastError()).isNull();
        assertThat(fx(() -> window.playback().plan().scenario().displayName())).contains("rescaled from savepoint")
                .contains("per-user 2→3");
        assertThat(subtasksOf("per-user")).isEqualTo(3);
        toEnd();
        // the savepoint was taken before any window fired: the restored run writes every result, per key the same
        assertThat(sorted("totals")).isEqualTo(before);
    }

    @Test
    void withoutCheckpointingRescalingSaysWhyAndKeepsTheRun() throws Exception {
        awaitIdle();
        Object rec = fx(() -> window.playback().recording());
        fx(() -> {
            window.rescale(Map.of("per-user", 3));
            return null;
        });
        WaitForAsyncUtils.waitFor(30, TimeUnit.SECONDS, () -> fx(() -> window.lastError() != null));
        assertThat(window.lastError()).contains("checkpointing is not enabled");
        assertThat(fx(() -> window.playback().recording())).isSameAs(rec);
    }

    @Test
    void theCheckpointPanelShowsTheSelectedCheckpointsDetails() throws Exception {
        openWithCheckpoints();
        toEnd();
        fx(() -> {
            for (Tab t : window.sideTabs().getTabs()) {
                if (t.getText().equals("Checkpoints")) {
                    window.sideTabs().getSelectionModel().select(t);
                }
            }
            return null;
        });
        WaitForAsyncUtils.waitForFxEvents();
        List<EngineView.CheckpointView> cps = fx(() -> window.playback().frame().view().checkpoints());
        assertThat(cps.size()).isGreaterThan(1);
        long newest = cps.get(cps.size() - 1).id();
        long first = cps.get(0).id();
        assertThat(fx(() -> window.checkpoints().detailsTitleText())).startsWith("Checkpoint " + newest + " per");
        String newestDetails = fx(() -> window.checkpoints().detailsText());
        fx(() -> {
            window.checkpoints().showDetailsOf(first);
            return null;
        });
        assertThat(fx(() -> window.checkpoints().detailsTitleText())).startsWith("Checkpoint " + first + " per");
        assertThat(fx(() -> window.checkpoints().detailsText())).isNotEqualTo(newestDetails);
    }
}
