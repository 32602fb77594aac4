package io.streamscope.app;

import static org.assertj.core.api.Assertions.assertThat;

import io.streamscope.lesson.CueMatcher;
import io.streamscope.lesson.Lesson;
import io.streamscope.lesson.LessonLoader;
import io.streamscope.trace.TraceEvent;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import javafx.scene.Node;
import javafx.scene.control.Button;
import javafx.stage.Stage;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.Start;
import org.testfx.util.WaitForAsyncUtils;

/**
 * The reveal plays the question's lesson beside the answers: C1's lesson c1-watermarks runs by itself to its first
 * cue and pauses there with the narration; a missed concept's link (window-firing names cue 4) jumps it to that
 * cue; Continue shows cue 5, which happens in the same step, then plays on; Open in the main window takes the
 * lesson there at the cue shown. A lesson that is pending, or missing, shows a note instead of playing.
 */
class InterviewLessonPlayerTest extends InterviewTestSupport {
    @Start
    void start(Stage stage) {
        open(stage);
    }

    @Test
    void theRevealPlaysTheLessonAndTheMissedConceptsLinkJumpsIt(FxRobot robot) throws Exception {
        fx(() -> {
            window.openInterview();
            window.interview().ask("C1");
            robot.lookup("#interview-answer").queryTextInputControl().setText("I do not know.");
            return null;
        });
        WaitForAsyncUtils.waitForFxEvents();
        InterviewLessonPlayer player = fx(() -> window.interview().lessonPlayer());
        assertThat(fx(() -> player.getScene())).isNull();
        // every step the player shows, from the reveal on: it must move with no input from the test
        List<Long> seen = new ArrayList<>();
        fx(() -> {
            player.playback().frameProperty().addListener((o, a, f) -> {
                if (f != null) {
                    seen.add(f.step());
                }
            });
            return null;
        });
        robot.clickOn("#interview-reveal");
        WaitForAsyncUtils.waitForFxEvents();
        assertThat(fx(() -> player.getScene() == window.interviewStage().getScene())).isTrue();
        assertThat(fx(() -> player.lesson().id())).isEqualTo("c1-watermarks");

        // where the cues' events are, worked out independently of the player
        Lesson lesson = LessonLoader.load(Path.of("..", "lessons", "c1-watermarks"));
        WaitForAsyncUtils.waitFor(30, TimeUnit.SECONDS, () -> fx(() -> player.playback().recording() != null));
        var rec = fx(() -> player.playback().recording());
        List<TraceEvent> matches = CueMatcher.match(lesson, rec.trace()).matches();
        long step1 = rec.stepOfEvent(matches.get(0).seq());
        long step4 = rec.stepOfEvent(matches.get(3).seq());
        long step6 = rec.stepOfEvent(matches.get(5).seq());
        assertThat(step1).isGreaterThan(1);

        WaitForAsyncUtils.waitFor(30, TimeUnit.SECONDS, () -> fx(() -> player.narration().cueShown() == 0
                && !player.playback().playingProperty().get() && player.playback().isIdle()));
        WaitForAsyncUtils.waitForFxEvents();
        assertThat(fx(() -> player.playback().frame().step())).isEqualTo(step1);
        List<Long> moved = fx(() -> List.copyOf(seen));
        // it went through steps between the start and the first cue on its own, forwards, and stopped at the cue
        assertThat(moved).filteredOn(s -> s > 0 && s < step1).isNotEmpty();
        assertThat(moved).isSorted().last().isEqualTo(step1);
        assertThat(fx(() -> player.narration().visibleText())).contains("has just arrived, and the watermark is now");

        // the missed concept's link jumps the lesson to its cue, paused there
        Node missed = robot.lookup("#rubric-window-firing").query();
        assertThat(missed.getStyleClass()).contains("rubric-missed");
        Button open = robot.from(missed).lookup(".button").queryButton();
        assertThat(open.getText()).isEqualTo("Lesson c1-watermarks · cue 4");
        Node idleness = robot.lookup("#rubric-idleness").query();
        assertThat(robot.from(idleness).lookup(".button").queryButton().getText())
                .isEqualTo("Lesson c1-watermarks");
        robot.clickOn(open);
        WaitForAsyncUtils.waitFor(30, TimeUnit.SECONDS, () -> fx(() -> player.narration().cueShown() == 3
                && player.playback().isIdle()));
        WaitForAsyncUtils.waitForFxEvents();
        assertThat(fx(() -> player.playback().frame().step())).isEqualTo(step4);
        assertThat(fx(() -> player.playback().playingProperty().get())).isFalse();
        assertThat(fx(() -> player.narration().visibleText())).contains("The timer fires now.");

        // cue 5 happens in the same step: Continue shows it without stepping, the next Continue plays on
        robot.clickOn("#interview-lesson-continue");
        WaitForAsyncUtils.waitForFxEvents();
        assertThat(fx(() -> player.narration().cueShown())).isEqualTo(4);
        assertThat(fx(() -> player.playback().frame().step())).isEqualTo(step4);
        robot.clickOn("#interview-lesson-pause");
        WaitForAsyncUtils.waitFor(30, TimeUnit.SECONDS, () -> fx(() -> player.narration().cueShown() == 5
                && !player.playback().playingProperty().get() && player.playback().isIdle()));
        assertThat(fx(() -> player.playback().frame().step())).isEqualTo(step6);

        // Play, then Pause, is the user's
        Button pause = robot.lookup("#interview-lesson-pause").queryButton();
        assertThat(fx(() -> pause.getText())).isEqualTo("Play");
        assertThat(fx(() -> {
            pause.fire();
            boolean playing = player.playback().playingProperty().get() && pause.getText().equals("Pause");
            pause.fire();
            return playing && !player.playback().playingProperty().get() && pause.getText().equals("Play");
        })).isTrue();

        // the whole player in the main window, at the cue shown
        int shown = fx(() -> player.narration().cueShown());
        robot.clickOn("#interview-lesson-main");
        WaitForAsyncUtils.waitFor(30, TimeUnit.SECONDS, () -> fx(() -> window.lessonPane().lesson() != null
                && window.lessonPane().cueShown() == shown && window.playback().isIdle()));
        assertThat(fx(() -> window.lessonPane().lesson().id())).isEqualTo("c1-watermarks");
        assertThat(fx(() -> window.playback().frame().step())).isEqualTo(step6);
        fx(() -> {
            window.interviewStage().hide();
            return null;
        });
        assertThat(fx(() -> player.playback().playingProperty().get())).isFalse();
    }

    @Test
    void aPendingLessonShowsANoteInsteadOfPlaying(@TempDir Path lessons) throws Exception {
        // every lesson of lessons/ runs today, so the pending one is written here, as a lesson waiting for an
        // engine part would be
        Path dir = Files.createDirectories(lessons.resolve("p-waiting"));
        Files.writeString(dir.resolve("lesson.md"), String.join("\n",
                "---",
                "id: p-waiting",
                "title: A lesson waiting for its engine part",
                "kind: troubleshooting",
                "level: D",
                "summary: Shows what the player does with a lesson that cannot run yet.",
                "requires: [two-input-operators]",
                "pending: Its scenario is not written yet.",
                "---",
                "# Waiting",
                "",
                "Text only.",
                ""));
        InterviewLessonPlayer player = fx(() -> {
            InterviewLessonPlayer p = new InterviewLessonPlayer(lessons);
            p.play("p-waiting");
            return p;
        });
        assertThat(fx(() -> player.showsNote())).isTrue();
        assertThat(fx(() -> player.noteText())).contains("The lesson p-waiting is pending")
                .contains("two-input-operators").contains("cannot play here")
                .contains("Its scenario is not written yet.");
        assertThat(fx(() -> player.playback().recording())).isNull();

        // a lesson that is not there at all says so, and nothing plays either
        fx(() -> {
            player.play("no-such-lesson");
            return null;
        });
        assertThat(fx(() -> player.noteText())).contains("No lesson no-such-lesson");
        assertThat(fx(() -> player.playback().recording())).isNull();
        fx(() -> {
            player.close();
            return null;
        });
    }

    @Test
    void aBrokenLessonShowsWhatIsWrongWithItInsteadOfPlaying(@TempDir Path lessons) throws Exception {
        // a runnable lesson whose scenario file is empty: the scenario loader's rule for an empty file
        Path dir = Files.createDirectories(lessons.resolve("s-broken"));
        Files.writeString(dir.resolve("lesson.md"), String.join("\n",
                "---",
                "id: s-broken",
                "title: A lesson whose scenario cannot load",
                "kind: lesson",
                "level: C",
                "summary: Shows what the player does with a scenario that has an error.",
                "---",
                "# Broken",
                "",
                "<!-- cue: WatermarkAdvanced -->",
                "A watermark.",
                ""));
        Files.writeString(dir.resolve("scenario.json"), "");
        // a lesson.md without its front matter cannot be read at all
        Path unreadable = Files.createDirectories(lessons.resolve("u-unreadable"));
        Files.writeString(unreadable.resolve("lesson.md"), "# No front matter\n");

        InterviewLessonPlayer player = fx(() -> {
            InterviewLessonPlayer p = new InterviewLessonPlayer(lessons);
            p.play("s-broken");
            return p;
        });
        assertThat(fx(() -> player.showsNote())).isTrue();
        assertThat(fx(() -> player.noteText())).contains("The lesson s-broken cannot play: its scenario scenario.json"
                + " has an error at $: the file is empty; expected a JSON object describing a scenario");
        assertThat(fx(() -> player.playback().recording())).isNull();

        fx(() -> {
            player.play("u-unreadable");
            return null;
        });
        assertThat(fx(() -> player.showsNote())).isTrue();
        assertThat(fx(() -> player.noteText())).contains("The lesson u-unreadable cannot be read:")
                .contains("lesson.md");
        assertThat(fx(() -> player.lesson())).isNull();
        assertThat(fx(() -> player.playback().recording())).isNull();
        fx(() -> {
            player.close();
            return null;
        });
    }

    private static FxRobot robot() {
        return new FxRobot();
    }
}
