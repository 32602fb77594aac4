package io.streamscope.app;

import static org.assertj.core.api.Assertions.assertThat;

import io.streamscope.app.dictation.AudioSource;
import io.streamscope.app.dictation.DictationControl;
import io.streamscope.app.dictation.DictationUnavailableException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import javafx.scene.control.Button;
import javafx.scene.control.Label;
import javafx.scene.control.TextArea;
import javafx.stage.Stage;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.Start;
import org.testfx.util.WaitForAsyncUtils;

/**
 * Dictation in interview mode under Monocle: the Dictate button with a recorded answer as the audio source
 * appends the recognised words after what was typed; without a microphone it says so and changes nothing.
 */
class DictationTest extends InterviewTestSupport {
    @Start
    void start(Stage stage) {
        open(stage);
    }

    private void askC1(AudioSource source) throws Exception {
        fx(() -> {
            window.openInterview();
            window.interview().ask("C1");
            window.interview().dictation().setSource(() -> source);
            return null;
        });
        WaitForAsyncUtils.waitForFxEvents();
    }

    @Test
    void dictatedWordsAreAppendedAfterTheTypedAnswer(FxRobot robot) throws Exception {
        Path wav = Path.of(getClass().getResource("/io/streamscope/app/dictation/watermark-answer.wav").toURI());
        askC1(AudioSource.wavFile(wav));
        List<String> statuses = new CopyOnWriteArrayList<>();
        fx(() -> {
            robot.lookup("#dictation-status").queryAs(Label.class).textProperty()
                    .addListener((o, a, b) -> statuses.add(b));
            return null;
        });
        robot.clickOn("#interview-answer");
        robot.write("Typed first:");
        robot.clickOn("#dictate");
        WaitForAsyncUtils.waitForFxEvents();
        assertThat(fx(() -> robot.lookup("#dictate").queryAs(Button.class).getText())).isEqualTo("Stop");

        TextArea answer = robot.lookup("#interview-answer").queryAs(TextArea.class);
        long t0 = System.nanoTime();
        WaitForAsyncUtils.waitFor(180, TimeUnit.SECONDS,
                () -> !window.interview().dictation().active() && answer.getText().contains("orderness"));
        System.out.println("dictation (app): first press to text in " + (System.nanoTime() - t0) / 1_000_000 + " ms");
        WaitForAsyncUtils.waitForFxEvents();

        String text = DictationTest.<String>fx(answer::getText);
        assertThat(text).startsWith("Typed first: ").contains("watermark", "maximum timestamp", "out of orderness");
        assertThat(io.streamscope.app.dictation.SpeechModelTestAccess.wordErrors(text.substring("Typed first: ".length())))
                .isLessThanOrEqualTo(1);
        // the model was loaded on this first press, with a word for it, and the user was told when to speak
        assertThat(statuses).anyMatch(s -> s.startsWith("Loading the speech model"));
        assertThat(statuses).anyMatch(s -> s.startsWith("Listening to watermark-answer.wav"));
        assertThat(fx(() -> robot.lookup("#dictate").queryAs(Button.class).getText())).isEqualTo("Dictate");
        assertThat(fx(() -> robot.lookup("#dictation-status").queryAs(Label.class).getText())).isEmpty();
        // dictated words count like typed ones in the rubric check
        robot.clickOn("#interview-reveal");
        WaitForAsyncUtils.waitForFxEvents();
        assertThat(fx(() -> window.interview().lastResult().covered())).isPositive();
        assertThat(fx(() -> robot.lookup("#dictate").queryAs(Button.class).isDisabled())).isTrue();
    }

    @Test
    void withoutAMicrophoneTheButtonSaysSoAndTheAnswerStays(FxRobot robot) throws Exception {
        askC1(new AudioSource() {
            @Override
            public InputStream open() throws DictationUnavailableException {
                throw new DictationUnavailableException("No microphone is available, so dictation cannot listen "
                        + "(Java Sound finds no input that records 16 kHz mono). You can still type your answer.", null);
            }

            @Override
            public String describe() {
                return "the microphone";
            }
        });
        robot.clickOn("#interview-answer");
        robot.write("Watermarks flow with the records.");
        robot.clickOn("#dictate");
        Label status = robot.lookup("#dictation-status").queryAs(Label.class);
        WaitForAsyncUtils.waitFor(20, TimeUnit.SECONDS, () -> status.getText().startsWith("No microphone"));
        WaitForAsyncUtils.waitForFxEvents();

        assertThat(DictationTest.<String>fx(status::getText)).endsWith("You can still type your answer.");
        assertThat(DictationTest.<String>fx(status::getStyle)).contains("#C62828");
        assertThat(fx(() -> robot.lookup("#dictate").queryAs(Button.class).getText())).isEqualTo("Dictate");
        assertThat(fx(() -> window.interview().dictation().active())).isFalse();
        TextArea answer = robot.lookup("#interview-answer").queryAs(TextArea.class);
        assertThat(DictationTest.<String>fx(answer::getText)).isEqualTo("Watermarks flow with the records.");
        // typing goes on as before
        robot.clickOn("#interview-answer");
        robot.write(" Late ones go to a side output.");
        WaitForAsyncUtils.waitForFxEvents();
        assertThat(DictationTest.<String>fx(answer::getText)).isEqualTo("Watermarks flow with the records. Late ones go to a side output.");
    }
    @Test
    void aBrokenInputFileIsNamedInTheStatusAndTheTypedAnswerStays(FxRobot robot, @TempDir Path dir)
            throws Exception {
        // what -Dstreamscope.dictation.input names: here a text file where a WAV recording should be
        Path notAudio = Files.writeString(dir.resolve("my-answer.wav"), "not a recording\n");
        fx(() -> {
            window.openInterview();
            window.interview().ask("C1");
            return null;
        });
        WaitForAsyncUtils.waitForFxEvents();
        String before = System.getProperty(DictationControl.INPUT_PROPERTY);
        System.setProperty(DictationControl.INPUT_PROPERTY, notAudio.toString());
        try {
            robot.clickOn("#interview-answer");
            robot.write("Watermarks flow with the records.");
            robot.clickOn("#dictate");
            Label status = robot.lookup("#dictation-status").queryAs(Label.class);
            WaitForAsyncUtils.waitFor(20, TimeUnit.SECONDS, () -> status.getText().startsWith("Cannot read"));
            WaitForAsyncUtils.waitForFxEvents();

            assertThat(DictationTest.<String>fx(status::getText)).isEqualTo("Cannot read the audio file " + notAudio
                    + ": it is not a WAV file Java Sound can read (Stream of unsupported format)");
            assertThat(DictationTest.<String>fx(status::getStyle)).contains("#C62828");
            assertThat(fx(() -> robot.lookup("#dictate").queryAs(Button.class).getText())).isEqualTo("Dictate");
            assertThat(fx(() -> window.interview().dictation().active())).isFalse();
            TextArea answer = robot.lookup("#interview-answer").queryAs(TextArea.class);
            assertThat(DictationTest.<String>fx(answer::getText)).isEqualTo("Watermarks flow with the records.");
            assertThat(DictationTest.<Boolean>fx(answer::isEditable)).isTrue();
        } finally {
            if (before == null) {
                System.clearProperty(DictationControl.INPUT_PROPERTY);
            } else {
                System.setProperty(DictationControl.INPUT_PROPERTY, before);
            }
        }
    }
}
