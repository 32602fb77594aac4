package io.streamscope.app;

import io.streamscope.app.engine.Frame;
import io.streamscope.app.engine.Recording;
import io.streamscope.app.view.MarkdownView;
import io.streamscope.lesson.Cue;
import io.streamscope.lesson.CueMatcher;
import io.streamscope.lesson.Lesson;
import io.streamscope.text.EventText;
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
    /**
     * The cue jumped to, shown while playback stays at its step even when a later cue shares that step; -1 when
     * none. {@code pinnedArrived} turns true once the playback has been there.
     */
    private int pinned = -1;
    private boolean pinnedArrived;

    public LessonPane(Playback playback) {
        this.playback = playback;
        title.getStyleClass().add("pane-title");
        title.setWrapText(true);
        title.setStyle("-fx-font-size: 14px;");
        position.setId("lesson-position");
        position.getStyleClass().add("hint");
        event.setId("lesson-event");
        event.setWrapText(true);
        event.setStyle("-fx-font-family: 'DejaVu Sans Mono'; -fx-font-size: 11px; -fx-text-fill: #37474F;");
        text.setId("lesson-text");
        cont.setId("lesson-continue");
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
    }

    /** What the "Open the SQL pane" button does; it shows on level F lessons (materialized tables). */
    public void setOnSql(Runnable r) {
        sql.setOnAction(e -> r.run());
    }

    /** Starts showing a lesson whose scenario is being opened (or a pending one, which has none to open). */
    public void show(Lesson l) {
        lesson = l;
        boolean f = "F".equals(l.level()) && !l.isPending();
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
        pinnedArrived = false;
        shown = -2; // shows the pinned cue on arrival even if it was the one shown
        playback.seek(cueSteps.get(index));
        Frame f = playback.frame();
        if (f != null && f.step() == cueSteps.get(index)) {
            follow(f); // already there: no new frame comes
        }
    }

    /** Shows the narration of every cue whose step the playback has reached. */
    private void follow(Frame f) {
        if (recording == null || f == null || f.recording() != recording) {
            return;
        }
        int reached = -1;
        for (int i = 0; i < cueSteps.size(); i++) {
            if (cueSteps.get(i) <= f.step()) {
                reached = i;
            }
        }
        if (pinned >= 0) {
            if (cueSteps.get(pinned) == f.step()) {
                reached = pinned;
                pinnedArrived = true;
            } else if (pinnedArrived) {
                pinned = -1;
            }
        }
        if (reached == shown) {
            return;
        }
        shown = reached;
        if (shown < 0) {
            text.setMarkdown(lesson.intro());
            event.setText("");
            position.setText(cueSteps.size() + " cues");
            cont.setText("Play to the first cue");
            return;
        }
        Cue c = lesson.cues().get(shown);
        TraceEvent e = cueEvents.get(shown);
        position.setText("cue " + (shown + 1) + " of " + lesson.cues().size() + " · step " + f.step() + " · "
                + e.time() + " ms");
        event.setText(e.subtask() + " " + io.streamscope.app.view.TimeText.readableSentence(EventText.describe(e, true)));
        boolean last = shown == cueSteps.size() - 1;
        text.setMarkdown(c.narration() + (last && lesson.outro() != null ? "\n\n---\n\n" + lesson.outro() : ""));
        cont.setText(last ? "Play to the end" : "Continue to cue " + (shown + 2));
    }

    private void cont() {
        playback.play();
    }
}
