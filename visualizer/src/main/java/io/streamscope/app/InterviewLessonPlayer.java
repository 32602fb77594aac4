package io.streamscope.app;

import io.streamscope.app.engine.EngineWorker;
import io.streamscope.app.engine.Frame;
import io.streamscope.app.engine.OpenedScenario;
import io.streamscope.app.engine.Recording;
import io.streamscope.app.view.GraphView;
import io.streamscope.app.view.MarkdownView;
import io.streamscope.app.view.TimelineView;
import io.streamscope.lesson.Lesson;
import io.streamscope.lesson.LessonLoader;
import io.streamscope.scenario.ScenarioException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.function.BiConsumer;
import javafx.application.Platform;
import javafx.geometry.Insets;
import javafx.geometry.Pos;
import javafx.scene.control.Button;
import javafx.scene.control.Label;
import javafx.scene.control.SplitPane;
import javafx.scene.control.ToggleButton;
import javafx.scene.control.ToggleGroup;
import javafx.scene.layout.BorderPane;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.Region;
import javafx.scene.layout.StackPane;
import javafx.scene.layout.VBox;

/**
 * The interview's lesson player: once an answer is revealed, the question's lesson plays here by itself, beside
 * the answers. It is a small copy of the main window's player with its own engine thread and {@link Playback}:
 * the job graph (or the timeline) on the left, the {@link LessonPane} narration on the right, pausing at each
 * cue. Pause and Continue are the user's; a missed concept's link jumps it to that concept's cue. A pending
 * lesson (or a missing one) shows a note instead of playing.
 */
public final class InterviewLessonPlayer extends BorderPane {
    /** Each stretch between two cues plays in about this many seconds, however many steps it has. */
    static final double SECONDS_PER_STRETCH = 3;
    /** The slowest pace, in steps per second: the main window's default. */
    static final double MIN_STEPS_PER_SECOND = 4;

    private final Path lessonsDir;
    private final EngineWorker worker = new EngineWorker(Platform::runLater);
    private final Playback playback = new Playback(worker);
    private final Selection selection = new Selection();
    private final GraphView graph = new GraphView(playback, selection);
    private final TimelineView timeline = new TimelineView(playback);
    private final LessonPane narration = new LessonPane(playback, "interview-lesson-");
    private final Label heading = new Label();
    private final Button pause = new Button("Pause");
    private final Button inMain = new Button("Open in the main window");
    private final MarkdownView note = new MarkdownView();
    private final SplitPane running;
    private final VBox noteBox;
    private BiConsumer<String, Integer> mainOpener = (id, cue) -> { };
    private Lesson lesson;
    /** True from opening a lesson until its recording arrives: it then plays by itself. */
    private boolean autoplay;

    /** A player over the lessons of {@code lessonsDir} (null when there is no lessons/ folder). */
    public InterviewLessonPlayer(Path lessonsDir) {
        this.lessonsDir = lessonsDir;
        getStyleClass().add("interview-lesson");
        setId("interview-lesson");
        heading.getStyleClass().add("pane-title");
        heading.setId("interview-lesson-heading");
        heading.setMinWidth(Region.USE_PREF_SIZE);
        pause.setId("interview-lesson-pause");
        pause.setOnAction(e -> playback.togglePlay());
        pause.setMinWidth(Region.USE_PREF_SIZE);
        pause.textProperty().bind(javafx.beans.binding.Bindings.when(playback.playingProperty())
                .then("Pause").otherwise("Play"));
        inMain.setId("interview-lesson-main");
        inMain.setOnAction(e -> openInMain());
        inMain.setMinWidth(Region.USE_PREF_SIZE);
        Label status = new Label();
        status.getStyleClass().add("hint");
        status.textProperty().bind(playback.statusProperty());
        status.setMinWidth(0);
        HBox.setHgrow(status, Priority.ALWAYS);

        ToggleButton graphToggle = new ToggleButton("Job graph");
        ToggleButton timelineToggle = new ToggleButton("Timeline");
        ToggleGroup views = new ToggleGroup();
        graphToggle.setToggleGroup(views);
        timelineToggle.setToggleGroup(views);
        graphToggle.setSelected(true);
        timeline.setVisible(false);
        views.selectedToggleProperty().addListener((o, a, b) -> {
            if (b == null) {
                a.setSelected(true);
                return;
            }
            timeline.setVisible(b == timelineToggle);
            graph.setVisible(b == graphToggle);
            if (b == timelineToggle) {
                timeline.redraw();
            } else {
                graph.redraw();
            }
        });
        HBox bar = new HBox(8, heading, pause, graphToggle, timelineToggle, status, inMain);
        bar.setAlignment(Pos.CENTER_LEFT);
        bar.setPadding(new Insets(5, 10, 5, 10));
        bar.setStyle("-fx-background-color: #E3F2FD; -fx-border-color: #90CAF9 transparent transparent transparent;");

        StackPane views2 = new StackPane(graph, timeline);
        views2.setMinSize(0, 0);
        running = new SplitPane(views2, narration);
        running.setDividerPositions(0.55);
        note.setId("interview-lesson-note");
        noteBox = new VBox(8, note);
        noteBox.setPadding(new Insets(12));
        setTop(bar);
        setCenter(running);

        playback.recordingProperty().addListener((o, a, r) -> arrived(r));
        // each stretch from one cue to the next plays in about SECONDS_PER_STRETCH, however long
        playback.playingProperty().addListener((o, a, playing) -> {
            if (playing) {
                pace();
            }
        });
    }

    /** What "Open in the main window" does: opens the lesson (by id) there, at a cue (from 0) or -1 for its start. */
    public void setMainOpener(BiConsumer<String, Integer> opener) {
        this.mainOpener = opener;
    }

    /**
     * Plays lesson {@code id}: its scenario is recorded, then it plays by itself to its first cue and pauses there
     * with the narration. A pending or missing lesson shows why instead.
     */
    public void play(String id) {
        playback.pause();
        autoplay = false;
        lesson = null;
        Lesson l = load(id);
        if (l == null) {
            return;
        }
        lesson = l;
        heading.setText("Lesson " + l.id());
        if (l.isPending() || l.scenario() == null) {
            showNote("**The lesson `" + l.id() + "` is pending**: it needs " + String.join(", ", l.requires())
                    + ", which the engine does not have yet, so it cannot play here. " + l.pendingReason()
                    + "\n\nIts text can be read with **Open in the main window**. It will play here once its engine"
                    + " part lands.");
            return;
        }
        OpenedScenario scenario;
        try {
            scenario = OpenedScenario.fromFile(l.scenario());
        } catch (ScenarioException e) {
            showNote("**The lesson `" + l.id() + "` cannot play:** its scenario " + l.scenario().getFileName()
                    + " has an error at " + e.jsonPath() + ": " + e.problem());
            return;
        }
        setCenter(running);
        pause.setDisable(false);
        narration.show(l);
        autoplay = true;
        playback.open(scenario);
    }

    private Lesson load(String id) {
        if (lessonsDir == null || !Files.isDirectory(lessonsDir.resolve(id))) {
            heading.setText("Lesson " + id);
            showNote("**No lesson `" + id + "`** was found in the lessons/ folder, so there is nothing to play.");
            return null;
        }
        try {
            return LessonLoader.load(lessonsDir.resolve(id));
        } catch (RuntimeException e) {
            heading.setText("Lesson " + id);
            showNote("**The lesson `" + id + "` cannot be read:** " + e.getMessage());
            return null;
        }
    }

    private void showNote(String markdown) {
        note.setMarkdown(markdown);
        setCenter(noteBox);
        pause.setDisable(true);
    }

    /** The lesson's recording arrived (the narration found its cues first): play, unless a jump is waiting. */
    private void arrived(Recording r) {
        if (!autoplay || !narration.follows(r)) {
            return;
        }
        autoplay = false;
        playback.play();
    }

    /**
     * Jumps the lesson to cue {@code index} (from 0), paused, with its narration: a missed concept's link. Before
     * the recording is there, it goes there as soon as it is.
     */
    public void jumpToCue(int index) {
        autoplay = false;
        narration.jumpToCue(index);
    }

    /** Pauses the lesson (the interview window hides, or another question is asked). */
    public void stop() {
        autoplay = false;
        playback.pause();
    }

    /** Stops the player's engine thread. */
    public void close() {
        stop();
        worker.close();
    }

    /** Sets the speed so the stretch to the next cue (or to the end) takes about {@link #SECONDS_PER_STRETCH}. */
    private void pace() {
        Frame f = playback.frame();
        if (f == null) {
            return;
        }
        long next = playback.nextStop(f.step());
        if (next < 0) {
            next = f.recording().lastStep();
        }
        double speed = Math.max(MIN_STEPS_PER_SECOND, (next - f.step()) / SECONDS_PER_STRETCH);
        playback.speedProperty().set(Math.min(Playback.MAX_SPEED, speed));
    }

    private void openInMain() {
        if (lesson == null) {
            return;
        }
        playback.pause();
        mainOpener.accept(lesson.id(), narration.cueShown());
    }

    /** The lesson playing, or null (none, or one that could not be read). */
    public Lesson lesson() {
        return lesson;
    }

    /** True when a note shows instead of the player (a pending, missing or broken lesson). */
    public boolean showsNote() {
        return getCenter() == noteBox;
    }

    /** The note's text, as a reader sees it. */
    public String noteText() {
        return note.visibleText();
    }

    public Playback playback() {
        return playback;
    }

    public LessonPane narration() {
        return narration;
    }

    public GraphView graph() {
        return graph;
    }

    /** The steps of the lesson's cues (empty until its recording is there). */
    public List<Long> cueSteps() {
        return narration.cueSteps();
    }
}
