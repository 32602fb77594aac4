package io.streamscope.app;

import static org.assertj.core.api.Assertions.assertThat;

import io.streamscope.lesson.CueMatcher;
import io.streamscope.lesson.Lesson;
import io.streamscope.lesson.LessonLoader;
import io.streamscope.trace.TraceEvent;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import javafx.scene.Node;
import javafx.scene.control.Button;
import javafx.stage.Stage;
import org.junit.jupiter.api.Test;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.Start;
import org.testfx.util.WaitForAsyncUtils;

/**
 * A missed rubric concept that names a cue (C1's window-firing names cue 4 of c1-watermarks) opens the lesson
 * player paused at that cue's step, with that cue's narration; a concept without a cue opens the lesson at its
 * start.
 */
class MissedConceptCueTest extends InterviewTestSupport {
    @Start
    void start(Stage stage) {
        open(stage);
    }

    @Test
    void theMissedConceptsButtonOpensTheLessonPausedAtItsCue(FxRobot robot) throws Exception {
        fx(() -> {
            window.openInterview();
            window.interview().ask("C1");
            robot.lookup("#interview-answer").queryTextInputControl().setText("I do not know.");
            return null;
        });
        WaitForAsyncUtils.waitForFxEvents();
        robot.clickOn("#interview-reveal");
        WaitForAsyncUtils.waitForFxEvents();

        Node missed = robot.lookup("#rubric-window-firing").query();
        assertThat(missed.getStyleClass()).contains("rubric-missed");
        Button open = robot.from(missed).lookup(".button").queryButton();
        assertThat(open.getText()).isEqualTo("Lesson c1-watermarks · cue 4");
        Node idleness = robot.lookup("#rubric-idleness").query();
        assertThat(robot.from(idleness).lookup(".button").queryButton().getText())
                .isEqualTo("Lesson c1-watermarks");
        fx(() -> {
            open.fire();
            return null;
        });
        WaitForAsyncUtils.waitFor(30, TimeUnit.SECONDS, () -> fx(() -> window.lessonPane().cueShown() == 3
                && window.playback().isIdle()));
        WaitForAsyncUtils.waitForFxEvents();

        // where cue 4's event is, worked out independently of the player
        Lesson lesson = LessonLoader.load(Path.of("..", "lessons", "c1-watermarks"));
        var rec = fx(() -> window.playback().recording());
        TraceEvent fourth = CueMatcher.match(lesson, rec.trace()).matches().get(3);
        long cueStep = rec.stepOfEvent(fourth.seq());
        assertThat(fx(() -> window.lessonPane().lesson().id())).isEqualTo("c1-watermarks");
        assertThat(fx(() -> window.playback().frame().step())).isEqualTo(cueStep);
        assertThat(fx(() -> window.playback().playingProperty().get())).isFalse();
        assertThat(fx(() -> window.lessonPane().visibleText())).contains("The timer fires now.");
        assertThat(fx(() -> window.sideTabs().getSelectionModel().getSelectedItem().getText())).isEqualTo("Lesson");
        fx(() -> {
            window.interviewStage().hide();
            return null;
        });
    }
}
