package io.streamscope.app.dictation;

import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.util.List;
import java.util.function.Supplier;
import javafx.animation.KeyFrame;
import javafx.animation.Timeline;
import javafx.application.Platform;
import javafx.geometry.Pos;
import javafx.scene.control.Button;
import javafx.scene.control.Label;
import javafx.scene.control.ProgressBar;
import javafx.scene.control.ProgressIndicator;
import javafx.scene.control.TextArea;
import javafx.scene.control.Tooltip;
import javafx.scene.layout.HBox;
import javafx.util.Duration;

/**
 * The Dictate button beside an answer: toggles listening, shows loading, listening (with the input level) and
 * problems, and appends each recognised utterance to the end of the text area. It only appends: what was typed
 * stays as it was, and typing while dictating works.
 */
public final class DictationControl extends HBox {
    /** System property naming a WAV file to dictate from instead of the microphone. */
    public static final String INPUT_PROPERTY = "streamscope.dictation.input";
    static final String DICTATE = "Dictate";
    static final String STOP = "Stop";

    private final TextArea answer;
    private final Dictation dictation;
    private final Button button = new Button(DICTATE);
    private final ProgressIndicator loading = new ProgressIndicator();
    private final ProgressBar level = new ProgressBar(0);
    private final Label status = new Label();
    private final Timeline meter;
    private Supplier<AudioSource> source = DictationControl::defaultSource;

    /** A control that appends to {@code answer}; the speech model learns its words from {@code corpus}. */
    public DictationControl(TextArea answer, Supplier<List<String>> corpus) {
        super(8);
        this.answer = answer;
        this.dictation = new Dictation(corpus, Platform::runLater);
        setAlignment(Pos.CENTER_LEFT);
        button.setId("dictate");
        button.setTooltip(new Tooltip("Speak your answer: offline speech recognition (CMU Sphinx) appends what it "
                + "recognises to your answer. Press again to stop."));
        button.setOnAction(e -> toggle());
        loading.setId("dictation-loading");
        loading.setPrefSize(16, 16);
        loading.setVisible(false);
        loading.setManaged(false);
        level.setId("dictation-level");
        level.setPrefWidth(80);
        level.setVisible(false);
        level.setManaged(false);
        status.setId("dictation-status");
        status.getStyleClass().add("hint");
        status.setWrapText(true);
        getChildren().addAll(button, loading, level, status);
        // nothing to dictate into once the answer is revealed
        disableProperty().bind(answer.editableProperty().not());
        meter = new Timeline(new KeyFrame(Duration.millis(100),
                e -> level.setProgress(Math.min(1, dictation.level() * 4))));
        meter.setCycleCount(Timeline.INDEFINITE);
    }

    /** Where the audio comes from (tests give a WAV file); the microphone unless the system property names one. */
    public void setSource(Supplier<AudioSource> source) {
        this.source = source;
    }

    /** Stops listening and drops what was not yet appended (the question changed, or the answer was revealed). */
    public void cancel() {
        dictation.cancel();
        status.setText("");
    }

    /** Whether dictation is loading, listening or finishing. */
    public boolean active() {
        return dictation.active();
    }

    /** The status line's text (tests). */
    public String statusText() {
        return status.getText();
    }

    static AudioSource defaultSource() {
        String file = System.getProperty(INPUT_PROPERTY);
        if (file == null || file.isBlank()) {
            return AudioSource.microphone();
        }
        try {
            return AudioSource.wavFile(Path.of(file));
        } catch (InvalidPathException e) {
            // reported like any audio that cannot be opened, in the status line, not as an exception on the FX thread
            return new AudioSource() {
                @Override
                public java.io.InputStream open() throws DictationUnavailableException {
                    throw new DictationUnavailableException("-D" + INPUT_PROPERTY + " is not a file path: "
                            + e.getMessage(), e);
                }

                @Override
                public String describe() {
                    return "the file of -D" + INPUT_PROPERTY;
                }
            };
        }
    }

    private void toggle() {
        if (dictation.active()) {
            dictation.stop();
        } else {
            dictation.start(source.get(), new Dictation.Listener() {
                @Override
                public void status(Dictation.Status s) {
                    show(s);
                }

                @Override
                public void utterance(String text) {
                    append(text);
                }
            });
        }
    }

    private void show(Dictation.Status s) {
        boolean idle = s.state() == Dictation.State.IDLE;
        button.setText(idle ? DICTATE : STOP);
        button.setDisable(s.state() == Dictation.State.STOPPING);
        loading.setVisible(s.state() == Dictation.State.LOADING);
        loading.setManaged(loading.isVisible());
        level.setVisible(s.state() == Dictation.State.LISTENING);
        level.setManaged(level.isVisible());
        if (s.state() == Dictation.State.LISTENING) {
            meter.play();
        } else {
            meter.stop();
            level.setProgress(0);
        }
        status.setText(s.message());
        status.setStyle(s.problem() ? "-fx-text-fill: #C62828;" : "");
    }

    /** Appends at the end, after a space unless the answer is empty or already ends in white space. */
    private void append(String text) {
        if (!answer.isEditable()) {
            return;
        }
        String t = answer.getText();
        boolean space = !t.isEmpty() && !Character.isWhitespace(t.charAt(t.length() - 1));
        answer.appendText((space ? " " : "") + text);
    }
}
