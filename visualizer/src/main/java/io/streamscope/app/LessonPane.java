package io.streamscope.app;

import io.streamscope.app.engine.Frame;
import io.streamscope.app.engine.Recording;
import io.streamscope.app.view.MarkdownView;
import io.streamscope.lesson.Cue;
import io.streamscope.lesson.CueMatcher;
import io.streamscope.lesson.Lesson;
import io.streamscope.trace.TraceEvent;
import java.util.ArrayList;
import java.util.List;
import javafx.geometry.Insets;
import javafx.scene.control.Button;
import javafx.scene.control.Label;
import javafx.scene.control.ScrollPane;
import javafx.scene.layout.BorderPane;
import javafx.scene.layout.HBox;
import javafx.scene.layout.VBox;

/**
 * The lesson player's side panel: the lesson's intro, then, each time playback reaches a cue's event, that cue's
 * narration, with Continue to play on to the next cue; the outro after the last. The cue events are found by
 * feeding the recorded trace to {@link CueMatcher} event by event; playback pauses at the step that produced
 * each. A pending lesson shows its text and what it waits for.
 */
public final class LessonPane extends BorderPane {
    private final Playback playback;
    private final Label title = new Label("No lesson open. Lessons > pick one.");
    private final Label position = new Label();
    private final Label event = new Label();
    private final MarkdownView text = new MarkdownView();
    private final Button cont = new Button("Play to the first cue");
    private final Button sql = new Button("Open the SQL pane");

    private Lesson lesson;
    private Recording recording;
    private final List<Long> cueSteps = new ArrayList<>();
    private final List<TraceEvent> cueEvents = new ArrayList<>();
    /** The index of the cue shown last, -1 before the first. */
    private int shown = -1;
    /** The cue to jump to once the recording is there (a missed interview concept's link), or -1. */
    private int jumpTo = -1;
    /** The cue jumped to, shown when playback arrives at its step even when an earlier cue shares it; -1 if none. */
    private int pinned = -1;
    private boolean onSqlSet;

    public LessonPane(Playback playback) {
        this(playback, "lesson-");
    }

    /**
     * A lesson panel on {@code playback}; {@code idPrefix} starts the ids of its parts ({@code lesson-continue},
     * {@code lesson-text}...), so that two players in two windows can be told apart.
     */
    public LessonPane(Playback playback, String idPrefix) {
        this.playback = playback;
        title.getStyleClass().add("pane-title");
        title.setWrapText(true);
        title.setStyle("-fx-font-size: 14px;");
        position.setId(idPrefix + "position");
        position.getStyleClass().add("hint");
        event.setId(idPrefix + "event");
        event.setWrapText(true);
        event.setStyle("-fx-font-family: 'DejaVu Sans Mono'; -fx-font-size: 11px; -fx-text-fill: #37474F;");
        text.setId(idPrefix + "text");
        cont.setId(idPrefix + "continue");
        cont.setOnAction(e -> cont());
        cont.setDisable(true);
        VBox body = new VBox(8, title, position, event, text);
        body.setPadding(new Insets(8, 10, 10, 10));
        ScrollPane scroll = new ScrollPane(body);
        scroll.setFitToWidth(true);
        setCenter(scroll);
        sql.setVisible(false);
        sql.setManaged(false);
        HBox bar = new HBox(8, cont, sql);
        bar.setPadding(new Insets(6, 10, 6, 10));
        setBottom(bar);
        playback.recordingProperty().addListener((o, a, r) -> attach(r));
        playback.frameProperty().addListener((o, a, f) -> follow(f));
        playback.setBeforePlay(this::nextCueInThisStep);
    }

    /** What the "Open the SQL pane" button does; it shows on level F lessons (materialized tables). */
    public void setOnSql(Runnable r) {
        onSqlSet = true;
        sql.setOnAction(e -> r.run());
    }

    /** Starts showing a lesson whose scenario is being opened (or a pending one, which has none to open). */
    public void show(Lesson l) {
        lesson = l;
        boolean f = onSqlSet && "F".equals(l.level()) && !l.isPending();
        sql.setVisible(f);
        sql.setManaged(f);
        recording = null;
        cueSteps.clear();
        cueEvents.clear();
        shown = -1;
        jumpTo = -1;
        pinned = -1;
        event.setText("");
        title.setText(l.title() + "  (" + l.id() + ")");
        if (l.isPending()) {
            position.setText("pending: needs " + String.join(", ", l.requires()));
            text.setMarkdown("**Why it is pending:** " + l.pendingReason() + "\n\n" + l.intro()
                    + (l.outro() == null ? "" : "\n\n" + l.outro()));
            cont.setDisable(true);
            return;
        }
        position.setText(l.cues().size() + " cues · loading the scenario…");
        text.setMarkdown(l.intro());
        cont.setDisable(true);
        cont.setText("Play to the first cue");
    }

    /**
     * Makes the player go to cue {@code index} (from 0) of the lesson shown, paused: now when its recording is
     * there, else as soon as it arrives. Uses the steps found for the cues; a cue with no step is ignored.
     */
    public void jumpToCue(int index) {
        if (lesson == null || lesson.isPending() || index < 0) {
            return;
        }
        if (recording != null) {
            seekCue(index);
        } else {
            jumpTo = index;
        }
    }

    public Lesson lesson() {
        return lesson;
    }

    /** The steps at which the cues' events happen, in cue order (empty until the recording is there). */
    public List<Long> cueSteps() {
        return List.copyOf(cueSteps);
    }

    /** The events of the cues, in cue order (empty until the recording is there). */
    public List<TraceEvent> cueEvents() {
        return List.copyOf(cueEvents);
    }

    /** True when {@code r} is the recording of the lesson shown: its cues were found in it. */
    public boolean follows(Recording r) {
        return r != null && r == recording;
    }

    /** The index of the cue whose narration is shown, -1 before the first. */
    public int cueShown() {
        return shown;
    }

    /** The text shown, as a reader sees it. */
    public String visibleText() {
        return text.visibleText();
    }

    /** The recording of the lesson's scenario arrived: find the step of each cue's event and stop there. */
    private void attach(Recording r) {
        if (lesson == null || lesson.isPending() || r == null || lesson.scenario() == null
                || r.scenario().path() == null
                || !r.scenario().path().toAbsolutePath().normalize().equals(lesson.scenario().toAbsolutePath()
                        .normalize())) {
            if (lesson != null && !lesson.isPending() && recording != null && r != recording) {
                // another scenario replaced the lesson's: the lesson is closed
                lesson = null;
                recording = null;
                title.setText("No lesson open. Lessons > pick one.");
                position.setText("");
                event.setText("");
                text.setMarkdown("");
                cont.setDisable(true);
            }
            return;
        }
        recording = r;
        cueSteps.clear();
        cueEvents.clear();
        CueMatcher matcher = new CueMatcher(lesson.cues());
        for (TraceEvent e : r.trace()) {
            if (matcher.offer(e) != null) {
                cueEvents.add(e);
                cueSteps.add(r.stepOfEvent(e.seq()));
                if (matcher.done()) {
                    break;
                }
            }
        }
        long[] steps = cueSteps.stream().mapToLong(Long::longValue).toArray();
        playback.setStops(steps, "lesson cue reached: read the narration, then Continue");
        position.setText(cueSteps.size() + " of " + lesson.cues().size() + " cues found in the run"
                + (cueSteps.size() < lesson.cues().size() ? " (the rest match no event)" : ""));
        cont.setDisable(false);
        if (jumpTo >= 0) {
            seekCue(jumpTo);
        }
        jumpTo = -1;
    }

    private void seekCue(int index) {
        if (index >= cueSteps.size()) {
            return;
        }
        pinned = index;
        playback.seek(cueSteps.get(index));
        Frame f = playback.frame();
        if (f != null && f.step() == cueSteps.get(index)) {
            follow(f); // already there: no new frame comes
        }
    }

    /**
     * The cue to show at {@code step}: the first cue whose event is in that step (several can share one: each is
     * shown in turn, see {@link #nextCueInThisStep}), else the last cue before it, else -1 (the intro).
     */
    private int cueAt(long step) {
        int last = -1;
        for (int i = 0; i < cueSteps.size(); i++) {
            long s = cueSteps.get(i);
            if (s == step) {
                return i;
            }
            if (s < step) {
                last = i;
            }
        }
        return last;
    }

    /** Shows the narration of the cue the playback has reached. */
    private void follow(Frame f) {
        if (recording == null || f == null || f.recording() != recording) {
            return;
        }
        int reached;
        boolean force = false;
        if (pinned >= 0 && cueSteps.get(pinned) == f.step()) {
            // a jump to a cue arrived: that cue, even when an earlier one shares its step
            reached = pinned;
            pinned = -1;
            force = true;
        } else if (shown >= 0 && cueSteps.get(shown) == f.step()) {
            reached = shown; // still at the step of the cue shown: keep it (Continue moves within the step)
        } else {
            reached = cueAt(f.step());
        }
        if (reached != shown || force) {
            render(reached, f.step());
        }
    }

    /**
     * Continue, when the cue shown shares its step with the next cue: shows the next one without stepping and
     * returns true. Playback asks this before it plays (the button and Space alike).
     */
    private boolean nextCueInThisStep() {
        Frame f = playback.frame();
        if (recording == null || f == null || f.recording() != recording || shown < 0
                || shown + 1 >= cueSteps.size()) {
            return false;
        }
        if (cueSteps.get(shown) == f.step() && cueSteps.get(shown + 1) == f.step()) {
            render(shown + 1, f.step());
            playback.statusProperty().set("lesson cue " + (shown + 1) + " happens in the same step as the one before:"
                    + " read it, then Continue");
            return true;
        }
        return false;
    }

    private void render(int index, long step) {
        shown = index;
        if (shown < 0) {
            text.setMarkdown(lesson.intro());
            event.setText("");
            position.setText(cueSteps.size() + " cues");
            cont.setText("Play to the first cue");
            return;
        }
        Cue c = lesson.cues().get(shown);
        TraceEvent e = cueEvents.get(shown);
        boolean sameStepNext = shown + 1 < cueSteps.size() && cueSteps.get(shown + 1) == step
                && cueSteps.get(shown) == step;
        position.setText("cue " + (shown + 1) + " of " + lesson.cues().size() + " · step " + step + " · "
                + e.time() + " ms" + (sameStepNext ? " · the next cue happens in this step too" : ""));
        event.setText(e.subtask() + " " + io.streamscope.text.TimeText.describe(e, true,
                recording.processingTimeWindows()));
        boolean last = shown == cueSteps.size() - 1;
        text.setMarkdown(c.narration() + (last && lesson.outro() != null ? "\n\n---\n\n" + lesson.outro() : ""));
        cont.setText(last ? "Play to the end" : sameStepNext ? "Show cue " + (shown + 2) + " (same step)"
                : "Continue to cue " + (shown + 2));
    }

    private void cont() {
        playback.play();
    }
}
