package io.streamscope.app;

import io.streamscope.app.engine.Frame;
import io.streamscope.app.engine.Progress;
import io.streamscope.app.engine.Recording;
import io.streamscope.app.engine.StopCondition;
import javafx.geometry.Insets;
import javafx.geometry.Pos;
import javafx.scene.control.Button;
import javafx.scene.control.Label;
import javafx.scene.control.MenuButton;
import javafx.scene.control.MenuItem;
import javafx.scene.control.ProgressBar;
import javafx.scene.control.Slider;
import javafx.scene.control.Tooltip;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;

/**
 * The player's controls: to start, step back, play/pause, step, to end, the speed (log scale), the scrubber over
 * the whole run, run-until, and the progress and cancel button of a long operation. Every control has a keyboard
 * shortcut ({@link Shortcuts}); the tooltips name them.
 */
public final class ControlBar extends HBox {
    private final Playback playback;
    private final Button start = button("|◀", "back to the start (Home)");
    private final Button back = button("◀ Back", "step back one kernel step (Left); replays the engine from the start");
    private final Button play = button("▶ Play", "play / pause (Space)");
    private final Button step = button("Step ▶", "step one kernel step (Right)");
    private final Button end = button("▶|", "to the end of the run (End)");
    private final Slider speed = new Slider(Math.log10(Playback.MIN_SPEED), Math.log10(Playback.MAX_SPEED), 0);
    private final Label speedLabel = new Label();
    private final Slider scrubber = new Slider(0, 1, 0);
    private final Label position = new Label("step 0");
    private final MenuButton runUntil = new MenuButton("Run until");
    private final ProgressBar progress = new ProgressBar();
    private final Button cancel = button("Cancel", "cancel the long operation (Esc)");
    private final Label progressLabel = new Label();
    private boolean updatingScrubber;

    public ControlBar(Playback playback) {
        this.playback = playback;
        start.setOnAction(e -> playback.toStart());
        back.setOnAction(e -> playback.stepBack());
        play.setOnAction(e -> playback.togglePlay());
        step.setOnAction(e -> playback.stepForward());
        end.setOnAction(e -> playback.toEnd());
        play.setId("play");
        back.setId("step-back");
        step.setId("step");
        play.setMinWidth(80);
        playback.playingProperty().addListener((o, was, is) -> play.setText(is ? "❚❚ Pause" : "▶ Play"));

        speed.setValue(Math.log10(playback.speedProperty().get()));
        speed.setPrefWidth(110);
        speed.setTooltip(new Tooltip("play speed in kernel steps per second (Up / Down)"));
        speed.valueProperty().addListener((o, a, b) -> playback.speedProperty().set(Math.pow(10, b.doubleValue())));
        playback.speedProperty().addListener((o, a, b) -> {
            double log = Math.log10(b.doubleValue());
            if (Math.abs(speed.getValue() - log) > 1e-9) {
                speed.setValue(log);
            }
            speedLabel.setText(speedText(b.doubleValue()));
        });
        speedLabel.setText(speedText(playback.speedProperty().get()));
        speedLabel.setMinWidth(82);

        scrubber.setId("scrubber");
        scrubber.setTooltip(new Tooltip("the whole run: drag to jump anywhere (replayed from the start)"));
        HBox.setHgrow(scrubber, Priority.ALWAYS);
        scrubber.setMaxWidth(Double.MAX_VALUE);
        scrubber.valueProperty().addListener((o, a, b) -> {
            if (!updatingScrubber) {
                playback.seek(Math.round(b.doubleValue()));
            }
        });
        position.setMinWidth(190);
        position.setId("position");

        for (StopCondition c : StopCondition.all()) {
            MenuItem item = new MenuItem(c.label() + "   (" + c.shortcut() + ")");
            item.setOnAction(e -> playback.runUntil(c));
            runUntil.getItems().add(item);
        }
        runUntil.setId("run-until");

        progress.setPrefWidth(120);
        cancel.setOnAction(e -> playback.cancelLongOperation());
        showProgress(null);
        playback.longOperationProperty().addListener((o, a, p) -> showProgress(p));
        playback.addTickListener(() -> {
            Progress p = playback.longOperationProperty().get();
            if (p != null) {
                progress.setProgress(p.fraction() < 0 ? ProgressBar.INDETERMINATE_PROGRESS : p.fraction());
            }
        });
        playback.frameProperty().addListener((o, a, f) -> show(f));

        getChildren().addAll(start, back, play, step, end, new Label("speed"), speed, speedLabel, scrubber, position,
                runUntil, progressLabel, progress, cancel);
        setSpacing(6);
        setAlignment(Pos.CENTER_LEFT);
        setPadding(new Insets(5, 8, 5, 8));
        getStyleClass().add("control-bar");
    }

    private void show(Frame f) {
        if (f == null) {
            return;
        }
        Recording r = f.recording();
        updatingScrubber = true;
        scrubber.setMax(Math.max(1, r.lastStep()));
        scrubber.setValue(f.step());
        updatingScrubber = false;
        position.setText("step " + f.step() + " / " + r.lastStep() + " · " + f.time() + " ms");
    }

    private void showProgress(Progress p) {
        boolean on = p != null;
        progress.setVisible(on);
        progress.setManaged(on);
        cancel.setVisible(on);
        cancel.setManaged(on);
        progressLabel.setVisible(on);
        progressLabel.setManaged(on);
        progressLabel.setText(on ? p.label() : "");
    }

    private static String speedText(double stepsPerSecond) {
        if (stepsPerSecond >= 1000) {
            return String.format("%,.0f steps/s", stepsPerSecond);
        }
        return stepsPerSecond >= 10 ? String.format("%.0f steps/s", stepsPerSecond)
                : String.format("%.1f steps/s", stepsPerSecond);
    }

    private static Button button(String text, String tip) {
        Button b = new Button(text);
        b.setTooltip(new Tooltip(tip));
        b.setFocusTraversable(false);
        return b;
    }
}
