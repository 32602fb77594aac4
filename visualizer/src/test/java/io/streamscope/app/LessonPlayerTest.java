package io.streamscope.app;

import static org.assertj.core.api.Assertions.assertThat;

import io.streamscope.lesson.CueMatcher;
import io.streamscope.lesson.Lesson;
import io.streamscope.lesson.LessonLoader;
import io.streamscope.trace.TraceEvent;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import java.util.concurrent.TimeUnit;
import javafx.stage.Stage;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;
import org.testfx.util.WaitForAsyncUtils;

/** The lesson player: playing c1-watermarks pauses at the step of its first cue and shows that cue's narration. */
@ExtendWith(ApplicationExtension.class)
class LessonPlayerTest {
    private MainWindow window;

    @Start
    void start(Stage stage) {
        window = new MainWindow(stage, AppPrefs.load());
        window.show();
    }

    private static <T> T fx(Callable<T> c) throws Exception {
        return WaitForAsyncUtils.asyncFx(c).get(10, TimeUnit.SECONDS);
    }

    @Test
    void playingStopsAtTheFirstCue(FxRobot robot) throws Exception {
        Lesson lesson = LessonLoader.load(Path.of("..", "lessons", "c1-watermarks"));
        fx(() -> {
            window.openLesson("c1-watermarks");
            return null;
        });
        WaitForAsyncUtils.waitFor(20, TimeUnit.SECONDS, () -> fx(() -> window.playback().isIdle()
                && window.playback().recording() != null
                && window.playback().recording().scenario().path() != null));
        WaitForAsyncUtils.waitForFxEvents();
        assertThat(fx(() -> window.lessonPane().cueShown())).isEqualTo(-1);
        assertThat(fx(() -> window.sideTabs().getSelectionModel().getSelectedItem().getText())).isEqualTo("Lesson");

        // where the first cue's event is, worked out independently of the player
        var rec = fx(() -> window.playback().recording());
        TraceEvent first = CueMatcher.match(lesson, rec.trace()).matches().get(0);
        long cueStep = rec.stepOfEvent(first.seq());
        assertThat(cueStep).isGreaterThan(0);

        fx(() -> {
            window.playback().speedProperty().set(400);
            return null;
        });
        robot.clickOn("#lesson-continue");
        WaitForAsyncUtils.waitFor(20, TimeUnit.SECONDS, () -> fx(() -> !window.playback().playingProperty().get()
                && window.playback().isIdle() && window.playback().frame().step() > 0));
        WaitForAsyncUtils.waitForFxEvents();
        assertThat(fx(() -> window.playback().frame().step())).isEqualTo(cueStep);
        assertThat(fx(() -> window.lessonPane().cueShown())).isZero();
        assertThat(fx(() -> window.lessonPane().visibleText())).contains("has just arrived, and the watermark is now")
                .doesNotContain("**");
        assertThat(fx(() -> window.playback().statusProperty().get())).startsWith("lesson cue reached");
    }

    /**
     * c1-watermarks has two cues in one step: cue 4 (alice's timer fires) and cue 5 (her window fires) happen in
     * the step that delivers the watermark 10:04:59.999. Playing pauses there on cue 4; Continue shows cue 5
     * without stepping; the next Continue plays on to cue 6.
     */
    @Test
    void twoCuesInOneStepAreShownInTurn(FxRobot robot) throws Exception {
        Lesson lesson = LessonLoader.load(Path.of("..", "lessons", "c1-watermarks"));
        fx(() -> {
            window.openLessonAt("c1-watermarks", 2);
            window.playback().speedProperty().set(400);
            return null;
        });
        WaitForAsyncUtils.waitFor(20, TimeUnit.SECONDS, () -> fx(() -> window.lessonPane().cueShown() == 2
                && window.playback().isIdle()));
        var rec = fx(() -> window.playback().recording());
        var matches = CueMatcher.match(lesson, rec.trace()).matches();
        long step4 = rec.stepOfEvent(matches.get(3).seq());
        // the premise, worked out independently of the player: cues 4 and 5 share a step, cue 6 comes later
        assertThat(rec.stepOfEvent(matches.get(4).seq())).isEqualTo(step4);
        long step6 = rec.stepOfEvent(matches.get(5).seq());
        assertThat(step6).isGreaterThan(step4);

        robot.clickOn("#lesson-continue");
        WaitForAsyncUtils.waitFor(20, TimeUnit.SECONDS, () -> fx(() -> !window.playback().playingProperty().get()
                && window.playback().isIdle() && window.playback().frame().step() == step4));
        WaitForAsyncUtils.waitForFxEvents();
        assertThat(fx(() -> window.lessonPane().cueShown())).isEqualTo(3);
        assertThat(fx(() -> window.lessonPane().visibleText())).contains("The timer fires now.");
        assertThat(fx(() -> robot.lookup("#lesson-continue").queryButton().getText()))
                .isEqualTo("Show cue 5 (same step)");

        robot.clickOn("#lesson-continue");
        WaitForAsyncUtils.waitForFxEvents();
        assertThat(fx(() -> window.playback().playingProperty().get())).isFalse();
        assertThat(fx(() -> window.playback().frame().step())).isEqualTo(step4);
        assertThat(fx(() -> window.lessonPane().cueShown())).isEqualTo(4);
        assertThat(fx(() -> window.lessonPane().visibleText())).contains("fires on time")
                .doesNotContain("The timer fires now.");

        // no third cue shares the step: Continue plays on
        robot.clickOn("#lesson-continue");
        WaitForAsyncUtils.waitFor(20, TimeUnit.SECONDS, () -> fx(() -> !window.playback().playingProperty().get()
                && window.playback().isIdle() && window.playback().frame().step() == step6));
        WaitForAsyncUtils.waitForFxEvents();
        assertThat(fx(() -> window.lessonPane().cueShown())).isEqualTo(5);
        assertThat(fx(() -> window.lessonPane().visibleText())).contains("fires again");
    }

    @Test
    void aPendingLessonShowsWhyItWaits() throws Exception {
        Lesson pending = null;
        for (Lesson l : LessonLoader.loadAll(Path.of("..", "lessons"))) {
            if (l.isPending()) {
                pending = l;
            }
        }
        if (pending == null) {
            return; // every lesson runnable: nothing pending to show
        }
        Lesson p = pending;
        fx(() -> {
            window.openLesson(p);
            return null;
        });
        WaitForAsyncUtils.waitForFxEvents();
        assertThat(fx(() -> window.lessonPane().visibleText())).contains("Why it is pending:");
    }
}
