package io.streamscope.app;

import static org.assertj.core.api.Assertions.assertThat;

import io.streamscope.app.interview.QuestionState;
import io.streamscope.app.interview.RubricChecker;
import io.streamscope.app.interview.StudyProgress;
import io.streamscope.app.view.MarkdownView;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import javafx.scene.Node;
import javafx.scene.control.Label;
import javafx.stage.Stage;
import org.junit.jupiter.api.Test;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.Start;
import org.testfx.util.WaitForAsyncUtils;

/**
 * A full interview round under Monocle: pick C1, type an answer, reveal, check the rubric's covered and missed
 * concepts for that answer, grade it, and find the grade in progress.json (in a temporary folder) on reload.
 */
class InterviewModeTest extends InterviewTestSupport {
    @Start
    void start(Stage stage) {
        open(stage);
        window.openDefault();
    }

    @Test
    void aFullRoundIsCheckedGradedAndSaved(FxRobot robot) throws Exception {
        fx(() -> {
            window.openInterview();
            window.interview().chooseSet("Level C — Getting Serious");
            window.interview().ask("C1");
            return null;
        });
        WaitForAsyncUtils.waitForFxEvents();
        assertThat(fx(() -> window.interview().shown())).allMatch(q -> q.level().equals("C"));
        assertThat(fx(() -> robot.lookup("#interview-timer").queryAs(Label.class).getText())).startsWith("time 0:0");

        // most of the answer is pasted, the end typed, as a user would
        fx(() -> {
            robot.lookup("#interview-answer").queryTextInputControl().setText("Watermarks tell operators event"
                    + " time has progressed. A window fires when the watermark passes the window end.");
            return null;
        });
        WaitForAsyncUtils.waitForFxEvents();
        robot.clickOn("#interview-answer");
        robot.type(javafx.scene.input.KeyCode.END);
        robot.write(" Late records go to a side output.");
        robot.clickOn("#interview-reveal");
        WaitForAsyncUtils.waitForFxEvents();

        // worked by hand against question-bank/C1.md: "watermark" (its plural "Watermarks", the answer's first
        // word, now counts as a form of it), "window end" and "late" ("Late") are in the answer, none negated; no
        // keyword of the other four concepts is there in any form or spelling ("progressed" is a form of
        // "progress", the definition's third keyword, but "watermark" comes first in the rubric)
        RubricChecker.Result r = fx(() -> window.interview().lastResult());
        assertThat(r.covered()).isEqualTo(3);
        assertThat(r.total()).isEqualTo(7);
        assertThat(r.concepts()).filteredOn(RubricChecker.ConceptResult::covered)
                .extracting(c -> c.concept().concept() + "=" + c.matched())
                .containsExactly("definition=watermark", "window-firing=window end", "lateness=late");
        assertThat(r.concepts()).filteredOn(RubricChecker.ConceptResult::covered)
                .extracting(RubricChecker.ConceptResult::phrase).containsExactly("Watermarks", "window end", "Late");
        assertThat(r.missed()).extracting(c -> c.concept().concept())
                .containsExactly("bounded-out-of-orderness", "minimum-over-inputs", "idleness", "trade-off");
        assertThat(fx(() -> robot.lookup("#rubric-summary").queryAs(Label.class).getText()))
                .isEqualTo("Rubric: 3 of 7 concepts covered");
        Node missed = robot.lookup("#rubric-idleness").query();
        assertThat(missed.getStyleClass()).contains("rubric-missed");
        assertThat(robot.lookup("#rubric-window-firing").query().getStyleClass()).contains("rubric-covered");
        // a covered concept shows the answer's own words, and the keyword when they differ
        assertThat(fx(() -> robot.from(robot.lookup("#rubric-definition").queryAs(Node.class)).lookup(".rubric-detail")
                .queryAs(Label.class).getText())).isEqualTo("you said “Watermarks” (keyword “watermark”)");
        assertThat(fx(() -> robot.from(robot.lookup("#rubric-lateness").queryAs(Node.class)).lookup(".rubric-detail")
                .queryAs(Label.class).getText())).isEqualTo("you said “Late”");
        assertThat(robot.from(missed).lookup(".button").queryButton().getText()).isEqualTo("Lesson c1-watermarks");

        // the model answer is rendered, not shown as markdown source; the note is there too
        String model = fx(() -> ((MarkdownView) robot.lookup("#interview-model").lookup(".markdown").query())
                .visibleText());
        assertThat(model).contains("They drive event-time windows:").doesNotContain("**");
        assertThat(model).contains("Event-time: 10:02 ──► Watermark 10:01");
        assertThat(fx(() -> robot.lookup("#interview-note").queryAs(MarkdownView.class).visibleText())).isNotBlank();
        assertThat(fx(() -> robot.lookup("#interview-timer").queryAs(Label.class).getText()))
                .startsWith("answered in ");

        robot.clickOn("#grade-good");
        WaitForAsyncUtils.waitForFxEvents();
        Path file = progressDir.resolve("progress.json");
        assertThat(file).exists();
        assertThat(Files.readString(file)).contains("\"C1\"").contains("\"grade\" : \"good\"");
        StudyProgress reloaded = StudyProgress.load(progressDir);
        LocalDate today = LocalDate.now();
        assertThat(reloaded.state("C1")).isEqualTo(new QuestionState(1, 1, 2.5, today.plusDays(1)));
        assertThat(reloaded.history("C1")).hasSize(1);
        assertThat(reloaded.history("C1").get(0).covered()).isEqualTo(3);
        assertThat(fx(() -> robot.lookup("#interview-saved").queryAs(Label.class).getText()))
                .startsWith("graded good · next in 1 day");

        // the history view lists it
        fx(() -> {
            window.interview().showHistory();
            return null;
        });
        WaitForAsyncUtils.waitForFxEvents();
        assertThat(robot.lookup("#interview-history").lookup(".label").queryAll())
                .anyMatch(n -> ((Label) n).getText().startsWith("C1 · "));

        // the missed concept's button opens the lesson in the main window
        fx(() -> {
            window.openLesson("c1-watermarks");
            return null;
        });
        assertThat(fx(() -> window.lessonPane().lesson().id())).isEqualTo("c1-watermarks");
        fx(() -> {
            window.interviewStage().hide();
            return null;
        });
    }
}
