package io.streamscope.app;

import static org.assertj.core.api.Assertions.assertThat;

import io.streamscope.app.engine.Breakpoint;
import io.streamscope.app.engine.Faults;
import io.streamscope.app.engine.Frame;
import io.streamscope.app.engine.Recording;
import io.streamscope.app.engine.Navigator;
import io.streamscope.app.engine.StopCondition;
import io.streamscope.trace.TraceEvent;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import java.util.concurrent.TimeUnit;
import javafx.scene.Node;
import javafx.scene.control.Label;
import javafx.scene.input.KeyCode;
import javafx.stage.Stage;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;
import org.testfx.util.WaitForAsyncUtils;

/**
 * The desktop app under Monocle, headless: it starts with the built-in scenario; play, pause, step and step back
 * change what is shown; run-until and breakpoints stop at the right event; a fault forks the run and changes the
 * engine; clicking a subtask selects it; a broken scenario shows an error dialog and keeps the scenario that was
 * open.
 */
@ExtendWith(ApplicationExtension.class)
class DesktopAppTest {
    private MainWindow window;

    @Start
    void start(Stage stage) {
        window = new MainWindow(stage, AppPrefs.load());
        window.show();
        window.openDefault();
    }

    private static <T> T fx(Callable<T> c) throws Exception {
        return WaitForAsyncUtils.asyncFx(c).get(10, TimeUnit.SECONDS);
    }

    private void awaitIdle() throws Exception {
        WaitForAsyncUtils.waitFor(10, TimeUnit.SECONDS,
                () -> fx(() -> window.playback().isIdle() && window.playback().frame() != null));
        WaitForAsyncUtils.waitForFxEvents();
    }

    private long step() throws Exception {
        return fx(() -> window.playback().frame().step());
    }

    private String position(FxRobot robot) throws Exception {
        return fx(() -> robot.lookup("#position").queryAs(Label.class).getText());
    }

    @Test
    void startsWithTheBuiltInScenarioAtStepZero(FxRobot robot) throws Exception {
        awaitIdle();
        assertThat(fx(() -> window.scene().getWindow() instanceof Stage s ? s.getTitle() : "")).contains(
                "Clicks per user");
        assertThat(step()).isZero();
        assertThat(position(robot)).startsWith("step 0 / ");
        assertThat(fx(() -> window.inspector().titleText())).isEqualTo("per-user[0]");
    }

    @Test
    void stepAndStepBackChangeWhatIsShown(FxRobot robot) throws Exception {
        awaitIdle();
        String before = position(robot);
        robot.type(KeyCode.RIGHT);
        awaitIdle();
        assertThat(step()).isEqualTo(1);
        assertThat(position(robot)).isNotEqualTo(before).startsWith("step 1 / ");
        robot.clickOn("#step");
        robot.clickOn("#step");
        awaitIdle();
        assertThat(step()).isEqualTo(3);
        int eventsAt3 = fx(() -> window.playback().frame().traceCount());
        robot.clickOn("#step-back");
        awaitIdle();
        assertThat(step()).isEqualTo(2);
        assertThat(fx(() -> window.playback().frame().traceCount())).isLessThanOrEqualTo(eventsAt3);
        robot.type(KeyCode.LEFT);
        awaitIdle();
        assertThat(step()).isEqualTo(1);
        // the engine state after stepping back equals the state first reached going forward
        robot.type(KeyCode.END);
        awaitIdle();
        long last = fx(() -> window.playback().recording().lastStep());
        assertThat(step()).isEqualTo(last);
        assertThat(fx(() -> window.output().rows("totals").size())).isEqualTo(9);
        robot.type(KeyCode.HOME);
        awaitIdle();
        assertThat(step()).isZero();
    }

    @Test
    void playMovesOnAndPauseStops(FxRobot robot) throws Exception {
        awaitIdle();
        fx(() -> {
            window.playback().speedProperty().set(60);
            return null;
        });
        robot.clickOn("#play");
        WaitForAsyncUtils.waitFor(10, TimeUnit.SECONDS, () -> step() > 5);
        robot.type(KeyCode.SPACE);
        awaitIdle();
        long paused = step();
        assertThat(fx(() -> window.playback().playingProperty().get())).isFalse();
        Thread.sleep(300);
        WaitForAsyncUtils.waitForFxEvents();
        assertThat(step()).isEqualTo(paused);
        assertThat(position(robot)).startsWith("step " + paused + " / ");
    }

    @Test
    void runUntilStopsAtTheNextWindowFiringAndLateRecord(FxRobot robot) throws Exception {
        awaitIdle();
        robot.type(KeyCode.F);
        awaitIdle();
        Frame f = fx(() -> window.playback().frame());
        Navigator.Hit expected = new Navigator(f.recording()).next(0, StopCondition.WINDOW_FIRING.test());
        assertThat(f.step()).isEqualTo(expected.step());
        TraceEvent hit = fx(() -> window.playback().lastHitProperty().get());
        assertThat(hit).isInstanceOf(TraceEvent.WindowFired.class);
        assertThat(fx(() -> window.playback().statusProperty().get())).contains("window firing");
        robot.type(KeyCode.L);
        awaitIdle();
        TraceEvent late = fx(() -> window.playback().lastHitProperty().get());
        assertThat(late).isInstanceOf(TraceEvent.LateRecord.class);
        assertThat(step()).isEqualTo(f.recording().stepOfEvent(late.seq()));
        // the late record is in the late side output's table now
        fx(() -> {
            window.sideTabs().getSelectionModel().select(1);
            return null;
        });
        WaitForAsyncUtils.waitForFxEvents();
        assertThat(fx(() -> window.output().rows("late-clicks"))).hasSize(1);
    }

    @Test
    void playingStopsAtABreakpointOnAKey(FxRobot robot) throws Exception {
        awaitIdle();
        fx(() -> {
            window.playback().breakpoints().add(Breakpoint.onKey("carol"));
            window.playback().speedProperty().set(200);
            window.playback().play();
            return null;
        });
        WaitForAsyncUtils.waitFor(10, TimeUnit.SECONDS,
                () -> fx(() -> !window.playback().playingProperty().get()));
        awaitIdle();
        TraceEvent hit = fx(() -> window.playback().lastHitProperty().get());
        assertThat(fx(() -> window.playback().keys().keyOf(hit))).isEqualTo("carol");
        assertThat(step()).isEqualTo(fx(() -> window.playback().recording().stepOfEvent(hit.seq())));
        assertThat(fx(() -> window.playback().statusProperty().get())).startsWith("breakpoint:");
    }

    @Test
    void aFaultForksTheRunAndTheEngineFailsOver(FxRobot robot) throws Exception {
        awaitIdle();
        fx(() -> {
            window.playback().seek(20);
            return null;
        });
        awaitIdle();
        Recording before = fx(() -> window.playback().recording());
        fx(() -> {
            window.playback().fork(Faults.failSubtask(20, "per-user[1]"));
            return null;
        });
        WaitForAsyncUtils.waitFor(10, TimeUnit.SECONDS,
                () -> fx(() -> window.playback().recording() != before && window.playback().isIdle()));
        Recording after = fx(() -> window.playback().recording());
        assertThat(step()).isEqualTo(20);
        // the past is kept: the same events up to the step of the fork
        int kept = before.traceCountAt(19);
        assertThat(after.trace().subList(0, kept)).isEqualTo(before.trace().subList(0, kept));
        // the future is re-simulated with the fault: the engine traces it and the job fails over
        Navigator.Hit failure = new Navigator(after).next(19, StopCondition.FAILURE.test());
        assertThat(failure).isNotNull();
        assertThat(failure.event().toString()).contains("per-user[1]");
        assertThat(after.trace()).isNotEqualTo(before.trace());
        assertThat(fx(() -> window.playback().statusProperty().get())).contains("fail subtask per-user[1]");
    }

    @Test
    void clickingASubtaskSelectsIt(FxRobot robot) throws Exception {
        awaitIdle();
        double[] c = fx(() -> window.graph().nodeCenter("clicks[1]"));
        Node canvas = fx(() -> window.graph().canvas());
        javafx.geometry.Point2D p = fx(() -> canvas.localToScreen(c[0], c[1]));
        robot.clickOn(p);
        WaitForAsyncUtils.waitForFxEvents();
        assertThat(fx(() -> window.selection().subtask())).isEqualTo("clicks[1]");
        assertThat(fx(() -> window.inspector().titleText())).isEqualTo("clicks[1]");
    }

    @Test
    void aBrokenScenarioShowsTheErrorAndKeepsTheOpenOne(FxRobot robot, @TempDir Path dir) throws Exception {
        awaitIdle();
        Object before = fx(() -> window.playback().recording());
        Path bad = dir.resolve("bad.json");
        Files.writeString(bad, """
                { "name": "bad", "topics": [ { "name": "t", "records": [] } ],
                  "job": { "operators": [ { "id": "s", "type": "source", "topic": "t", "watermarks": "none" },
                    { "id": "w", "type": "window", "input": "s", "keyBy": "k",
                      "window": { "kind": "tumbling", "size": "5 parsecs" }, "aggregates": ["count"] } ] } }
                """);
        fx(() -> {
            window.openFile(bad, false);
            return null;
        });
        WaitForAsyncUtils.waitFor(10, TimeUnit.SECONDS, () -> fx(() -> window.lastError() != null));
        WaitForAsyncUtils.waitForFxEvents();
        assertThat(fx(() -> window.lastError())).contains("bad.json").contains("$.job.operators[1].window.size")
                .contains("parsecs");
        assertThat(robot.lookup("#error-dialog").tryQuery()).isPresent();
        assertThat(fx(() -> window.playback().recording())).isSameAs(before);
        assertThat(fx(() -> window.playback().statusProperty().get())).contains("has an error");
    }
}
