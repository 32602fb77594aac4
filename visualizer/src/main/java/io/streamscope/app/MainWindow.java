package io.streamscope.app;

import io.streamscope.app.engine.Breakpoint;
import io.streamscope.app.engine.EngineWorker;
import io.streamscope.app.engine.OpenedScenario;
import io.streamscope.app.engine.RecordKeys;
import io.streamscope.app.engine.StopCondition;
import io.streamscope.app.view.CheckpointPane;
import io.streamscope.app.view.GraphView;
import io.streamscope.app.view.InspectorPane;
import io.streamscope.app.view.LaneView;
import io.streamscope.app.view.OutputPane;
import io.streamscope.app.view.TimelineView;
import io.streamscope.app.view.TracePane;
import io.streamscope.app.engine.Frame;
import io.streamscope.scenario.ScenarioException;
import io.streamscope.view.EngineView;
import java.io.File;
import java.nio.file.Path;
import java.util.concurrent.CompletableFuture;
import javafx.application.Platform;
import javafx.collections.ListChangeListener;
import javafx.geometry.Insets;
import javafx.geometry.Orientation;
import javafx.scene.Scene;
import javafx.scene.control.Alert;
import javafx.scene.control.CheckMenuItem;
import javafx.scene.control.ContextMenu;
import javafx.scene.control.Label;
import javafx.scene.control.Menu;
import javafx.scene.control.MenuBar;
import javafx.scene.control.MenuItem;
import javafx.scene.control.SeparatorMenuItem;
import javafx.scene.control.SplitPane;
import javafx.scene.control.Tab;
import javafx.scene.control.TabPane;
import javafx.scene.control.TextArea;
import javafx.scene.control.ToggleButton;
import javafx.scene.control.ToggleGroup;
import javafx.scene.layout.BorderPane;
import javafx.scene.layout.HBox;
import javafx.scene.layout.StackPane;
import javafx.scene.layout.VBox;
import javafx.stage.FileChooser;
import javafx.stage.Stage;

/**
 * The desktop app's window: menus and controls on top, the job graph (or the lane view) with the inspector,
 * output and checkpoint panels beside it, the timeline and the trace below, a status line at the bottom. It wires
 * the views to one {@link Playback} and one {@link Selection}; the views never talk to each other.
 */
public final class MainWindow {
    private final Stage stage;
    private final AppPrefs prefs;
    private final EngineWorker worker = new EngineWorker(Platform::runLater);
    private final Playback playback = new Playback(worker);
    private final Selection selection = new Selection();
    private final Shortcuts shortcuts = new Shortcuts();
    private final GraphView graph = new GraphView(playback, selection);
    private final LaneView lanes = new LaneView(playback);
    private final TimelineView timeline = new TimelineView(playback);
    private final InspectorPane inspector = new InspectorPane(playback, selection);
    private final OutputPane output = new OutputPane(playback);
    private final CheckpointPane checkpoints = new CheckpointPane(playback);
    private final TracePane trace = new TracePane(playback);
    private final LessonPane lessonPane = new LessonPane(playback);
    private final Menu lessonsMenu = new Menu("Lessons");
    private Stage interviewStage;
    private InterviewView interview;
    private Stage sqlStage;
    private SqlPane sqlPane;
    private final ControlBar controls = new ControlBar(playback);
    private final Label status = new Label();
    private final ToggleButton graphToggle = new ToggleButton("Job graph");
    private final ToggleButton laneToggle = new ToggleButton("Lanes (time-space)");
    private final TabPane side = new TabPane();
    private final Menu breakpointsMenu = new Menu("Breakpoints");
    private final Scene scene;
    private String lastError;

    public MainWindow(Stage stage, AppPrefs prefs) {
        this.stage = stage;
        this.prefs = prefs;
        playback.setErrorHandler((title, e) -> showError(title, e.getMessage() == null ? e.toString() : e.getMessage()));
        registerActions();
        lessonPane.setOnSql(this::openSql);

        ToggleGroup views = new ToggleGroup();
        graphToggle.setToggleGroup(views);
        laneToggle.setToggleGroup(views);
        graphToggle.setSelected(true);
        graphToggle.setFocusTraversable(false);
        laneToggle.setFocusTraversable(false);
        views.selectedToggleProperty().addListener((o, a, b) -> {
            if (b == null) {
                a.setSelected(true);
            } else {
                showLanes(b == laneToggle);
            }
        });
        lanes.setVisible(false);
        StackPane viewArea = new StackPane(graph, lanes);
        Label hint = new Label("click a subtask to inspect it · right-click anything for details, breakpoints and faults");
        hint.getStyleClass().add("hint");
        HBox viewHeader = new HBox(6, graphToggle, laneToggle, hint);
        viewHeader.setPadding(new Insets(4, 6, 4, 6));
        BorderPane viewPane = new BorderPane(viewArea);
        viewPane.setTop(viewHeader);

        side.getTabs().addAll(tab("Inspector", inspector), tab("Output", output), tab("Checkpoints", checkpoints),
                tab("Lesson", lessonPane));
        SplitPane top = new SplitPane(viewPane, side);
        top.setDividerPositions(0.58);
        SplitPane bottom = new SplitPane(timeline, trace);
        bottom.setDividerPositions(0.5);
        SplitPane center = new SplitPane(top, bottom);
        center.setOrientation(Orientation.VERTICAL);
        center.setDividerPositions(0.63);

        status.setId("status");
        status.textProperty().bind(playback.statusProperty());
        status.setPadding(new Insets(3, 8, 3, 8));
        status.setMaxWidth(Double.MAX_VALUE);

        BorderPane root = new BorderPane(center);
        root.setTop(new VBox(menuBar(), controls));
        root.setBottom(status);
        scene = new Scene(root, prefs.width(), prefs.height());
        scene.getStylesheets().add(MainWindow.class.getResource("app.css").toExternalForm());
        shortcuts.install(scene);
        graph.setOnContextMenu(this::contextMenu);
        playback.breakpoints().addListener((ListChangeListener<Breakpoint>) c -> rebuildBreakpointsMenu());
        playback.recordingProperty().addListener((o, a, r) -> {
            if (r != null) {
                stage.setTitle("Streamscope — " + r.scenario().scenario().name() + " (" + r.scenario().displayName()
                        + ")");
                selectFirstKeyedSubtask();
            }
        });
        rebuildBreakpointsMenu();
    }

    private static Tab tab(String name, javafx.scene.Node content) {
        Tab t = new Tab(name, content);
        t.setClosable(false);
        return t;
    }

    public Scene scene() {
        return scene;
    }

    public Playback playback() {
        return playback;
    }

    public Selection selection() {
        return selection;
    }

    public GraphView graph() {
        return graph;
    }

    public InspectorPane inspector() {
        return inspector;
    }

    public OutputPane output() {
        return output;
    }

    public TimelineView timeline() {
        return timeline;
    }

    public LaneView lanes() {
        return lanes;
    }

    public TracePane trace() {
        return trace;
    }

    public CheckpointPane checkpoints() {
        return checkpoints;
    }

    public TabPane sideTabs() {
        return side;
    }

    public Shortcuts shortcuts() {
        return shortcuts;
    }

    /** The text of the last error dialog, for tests. */
    public String lastError() {
        return lastError;
    }

    public void showLanes(boolean on) {
        lanes.setVisible(on);
        graph.setVisible(!on);
        (on ? laneToggle : graphToggle).setSelected(true);
        if (on) {
            lanes.redraw();
        } else {
            graph.redraw();
        }
    }

    /** Opens the scenario built into the app. */
    public void openDefault() {
        playback.open(OpenedScenario.embeddedDefault());
        prefs.rememberScenario(null);
    }

    /**
     * Opens a scenario file. Reading and checking it happens off the UI thread; a broken file shows a dialog with
     * the precise error and the current scenario stays. {@code fallBackToDefault}: with nothing open yet, open the
     * built-in scenario instead.
     */
    public void openFile(Path file, boolean fallBackToDefault) {
        playback.statusProperty().set("reading " + file + " …");
        CompletableFuture.supplyAsync(() -> {
            try {
                return OpenedScenario.fromFile(file);
            } catch (ScenarioException e) {
                throw new java.util.concurrent.CompletionException(e);
            }
        }).whenComplete((s, err) -> Platform.runLater(() -> {
            if (err == null) {
                playback.open(s);
                prefs.rememberScenario(file);
                return;
            }
            Throwable cause = err instanceof java.util.concurrent.CompletionException && err.getCause() != null
                    ? err.getCause() : err;
            if (cause instanceof ScenarioException se) {
                showError("Cannot open " + se.file(), "at " + se.jsonPath() + ": " + se.problem());
            } else {
                showError("Cannot open " + file, String.valueOf(cause));
            }
            if (fallBackToDefault && playback.recording() == null) {
                openDefault();
            } else {
                playback.statusProperty().set("kept " + (playback.recording() == null ? "nothing"
                        : playback.recording().scenario().displayName()) + " open; " + file + " has an error");
            }
        }));
    }

    private void chooseFile() {
        FileChooser chooser = new FileChooser();
        chooser.setTitle("Open a scenario");
        chooser.getExtensionFilters().add(new FileChooser.ExtensionFilter("Scenario files (*.json)", "*.json"));
        Path last = prefs.lastScenario();
        File dir = last != null && last.getParent() != null ? last.getParent().toFile() : new File("examples");
        if (dir.isDirectory()) {
            chooser.setInitialDirectory(dir);
        }
        File f = chooser.showOpenDialog(stage);
        if (f != null) {
            openFile(f.toPath(), false);
        }
    }

    private void reload() {
        var r = playback.recording();
        if (r == null || r.scenario().path() == null) {
            openDefault();
        } else {
            openFile(r.scenario().path(), false);
        }
    }

    /**
     * Faults > Rescale from a savepoint: takes a savepoint at the current step (or uses the newest completed
     * checkpoint), asks for the new parallelism and opens the rescaled run.
     */
    public void rescale() {
        playback.savepointHere(cp -> {
            Frame f = playback.frame();
            java.util.Map<String, Integer> p = f == null ? null
                    : FaultMenus.askParallelism(stage, f, cp.checkpointId(), cp.savepoint());
            if (p != null) {
                rescale(cp, p);
            }
        });
    }

    /** Rescales without asking: from a savepoint taken at the current step, with these parallelisms. */
    public void rescale(java.util.Map<String, Integer> parallelism) {
        playback.savepointHere(cp -> rescale(cp, parallelism));
    }

    /**
     * Opens the scenario of the current run with other parallelisms, restored from {@code from}. What the engine
     * refuses (a max parallelism that differs from the savepoint's) shows in a dialog and the current run stays.
     */
    private void rescale(io.streamscope.checkpoint.CompletedCheckpoint from, java.util.Map<String, Integer> p) {
        try {
            playback.open(playback.plan().scenario().rescaled(p, from));
        } catch (ScenarioException e) {
            showError("Cannot rescale", "at " + e.jsonPath() + ": " + e.problem());
        } catch (RuntimeException e) {
            showError("Cannot rescale", String.valueOf(e.getMessage()));
        }
    }

    /** An error dialog that does not block: the app keeps running behind it. */
    public void showError(String title, String message) {
        lastError = title + "\n" + message;
        Alert a = new Alert(Alert.AlertType.ERROR);
        a.initOwner(stage);
        a.setTitle("Streamscope");
        a.setHeaderText(title);
        TextArea text = new TextArea(message);
        text.setEditable(false);
        text.setWrapText(true);
        text.setPrefRowCount(4);
        text.setPrefColumnCount(60);
        a.getDialogPane().setContent(text);
        a.getDialogPane().setId("error-dialog");
        a.show();
    }

    private void registerActions() {
        shortcuts.add("Play / pause", "Space", playback::togglePlay);
        shortcuts.add("Step one kernel step", "Right", playback::stepForward);
        shortcuts.add("Step back one kernel step", "Left", playback::stepBack);
        shortcuts.add("Back to the start", "Home", playback::toStart);
        shortcuts.add("To the end of the run", "End", playback::toEnd);
        shortcuts.add("Faster (×2)", "Up", () -> speedBy(2));
        shortcuts.add("Slower (÷2)", "Down", () -> speedBy(0.5));
        for (StopCondition c : StopCondition.all()) {
            shortcuts.add("Run until the " + c.label(), c.shortcut(), () -> playback.runUntil(c));
        }
        shortcuts.add("Break on the selected subtask (toggle)", "B", this::toggleSubtaskBreakpoint);
        shortcuts.add("Clear all breakpoints", "Shift+B", () -> playback.breakpoints().clear());
        shortcuts.add("Switch job graph / lane view", "V", () -> showLanes(!lanes.isVisible()));
        shortcuts.add("Cancel a long operation", "Esc", playback::cancelLongOperation);
        shortcuts.add("Open a scenario file…", "Shortcut+O", this::chooseFile);
        shortcuts.add("Open the built-in scenario", "Shortcut+D", this::openDefault);
        shortcuts.add("Reload the scenario", "Shortcut+R", this::reload);
        shortcuts.add("Interview practice…", "Shortcut+I", this::openInterview);
        shortcuts.add("SQL pane over the open scenario…", "Shortcut+L", this::openSql);
        shortcuts.add("Keyboard shortcuts", "F1", this::showShortcuts);
        shortcuts.add("Quit", "Shortcut+Q", stage::close);
    }

    private void speedBy(double factor) {
        double s = playback.speedProperty().get() * factor;
        playback.speedProperty().set(Math.max(Playback.MIN_SPEED, Math.min(Playback.MAX_SPEED, s)));
    }

    private MenuBar menuBar() {
        Menu file = new Menu("File");
        Menu play = new Menu("Playback");
        Menu until = new Menu("Run until");
        Menu view = new Menu("View");
        Menu help = new Menu("Help");
        Menu interviewMenu = new Menu("Interview");
        Menu sqlMenu = new Menu("SQL");
        for (Shortcuts.Action a : shortcuts.actions()) {
            String l = a.label();
            Menu target = l.startsWith("Open") || l.startsWith("Reload") || l.equals("Quit") ? file
                    : l.startsWith("Run until") ? until
                    : l.startsWith("Break") || l.startsWith("Clear all") ? breakpointsMenu
                    : l.startsWith("Switch") ? view
                    : l.equals("Keyboard shortcuts") ? help
                    : l.startsWith("Interview") ? interviewMenu
                    : l.startsWith("SQL") ? sqlMenu : play;
            if (target == breakpointsMenu) {
                continue;
            }
            target.getItems().add(a.menuItem());
        }
        lessonsMenu.setOnShowing(e -> fillLessonsMenu());
        lessonsMenu.getItems().add(new MenuItem("(loading)"));
        return new MenuBar(file, play, until, breakpointsMenu, view, FaultMenus.menu(playback, selection, this::rescale),
                interviewMenu, lessonsMenu, sqlMenu, help);
    }

    /** The lessons as menu items, read from lessons/ each time the menu opens (so edits show at once). */
    private void fillLessonsMenu() {
        lessonsMenu.getItems().clear();
        java.nio.file.Path dir = ContentDirs.find("lessons");
        if (dir == null) {
            lessonsMenu.getItems().add(info("no lessons/ folder found"));
            return;
        }
        try {
            for (io.streamscope.lesson.Lesson l : io.streamscope.lesson.LessonLoader.loadAll(dir)) {
                String label = (l.level() == null ? "  " : l.level() + " ") + l.id() + " — " + shorten(l.title(), 60)
                        + (l.isPending() ? "  [pending]" : "");
                lessonsMenu.getItems().add(item(label, () -> openLesson(l)));
            }
        } catch (RuntimeException e) {
            lessonsMenu.getItems().add(info("cannot read the lessons: " + shorten(String.valueOf(e.getMessage()), 80)));
        }
    }

    /** Opens a lesson by id from lessons/; shows an error when there is none. */
    public void openLesson(String id) {
        java.nio.file.Path dir = ContentDirs.find("lessons");
        if (dir == null || !java.nio.file.Files.isDirectory(dir.resolve(id))) {
            showError("No lesson " + id, "lessons/" + id + " was not found");
            return;
        }
        try {
            openLesson(io.streamscope.lesson.LessonLoader.load(dir.resolve(id)));
        } catch (RuntimeException e) {
            showError("Cannot read lesson " + id, String.valueOf(e.getMessage()));
        }
    }

    /**
     * Opens a lesson in the player: its narration in the Lesson tab and its scenario in the playback, which then
     * pauses at each cue. A pending lesson shows its text only; the scenario that was open stays.
     */
    public void openLesson(io.streamscope.lesson.Lesson l) {
        lessonPane.show(l);
        side.getSelectionModel().select(3);
        if (stage.getOwner() == null && !stage.isShowing()) {
            stage.show();
        }
        stage.toFront();
        if (l.isPending() || l.scenario() == null) {
            return;
        }
        openFile(l.scenario(), false);
    }

    /**
     * Opens a lesson by id and, once its run is recorded, goes to cue {@code cue} (from 0), paused there; a
     * negative cue opens it at its start.
     */
    public void openLessonAt(String id, int cue) {
        openLesson(id);
        if (cue >= 0 && lessonPane.lesson() != null && lessonPane.lesson().id().equals(id)) {
            lessonPane.jumpToCue(cue);
        }
    }

    public LessonPane lessonPane() {
        return lessonPane;
    }

    /** Opens (or brings forward) the interview window; its progress lives in ~/.streamscope/progress.json. */
    public void openInterview() {
        if (interviewStage == null) {
            java.nio.file.Path dir = ContentDirs.find("question-bank");
            if (dir == null) {
                showError("No question bank", "the question-bank/ folder was not found next to the app");
                return;
            }
            io.streamscope.question.QuestionBank bank;
            io.streamscope.app.interview.StudyProgress progress;
            try {
                bank = io.streamscope.question.QuestionBank.load(dir);
                progress = io.streamscope.app.interview.StudyProgress.load(
                        io.streamscope.app.interview.StudyProgress.defaultDir());
            } catch (RuntimeException e) {
                showError("Cannot start the interview", String.valueOf(e.getMessage()));
                return;
            }
            interview = new InterviewView(bank, progress, java.time.LocalDateTime::now, this::openLesson);
            InterviewLessonPlayer player = new InterviewLessonPlayer(ContentDirs.find("lessons"));
            player.setMainOpener(this::openLessonAt);
            interview.setLessonPlayer(player);
            interviewStage = new Stage();
            interviewStage.initOwner(stage);
            interviewStage.setTitle("Streamscope — interview practice");
            Scene s = new Scene(interview, 1300, 900);
            s.getStylesheets().add(MainWindow.class.getResource("app.css").toExternalForm());
            interviewStage.setScene(s);
            interviewStage.setOnHidden(e -> interview.stop());
        }
        interviewStage.show();
        interviewStage.toFront();
        interview.resume();
    }

    /**
     * Opens (or brings forward) the SQL pane over the topics of the scenario open now. A lesson or scenario with
     * a "sql" field starts with its tables created.
     */
    public void openSql() {
        var r = playback.recording();
        if (r == null) {
            playback.statusProperty().set("open a scenario first: the SQL pane reads its topics");
            return;
        }
        if (sqlStage == null) {
            sqlPane = new SqlPane();
            sqlPane.setJobOpener(s -> {
                playback.open(s);
                stage.toFront();
            });
            sqlStage = new Stage();
            sqlStage.initOwner(stage);
            sqlStage.setTitle("Streamscope — SQL");
            Scene s = new Scene(sqlPane, 1300, 850);
            s.getStylesheets().add(MainWindow.class.getResource("app.css").toExternalForm());
            sqlStage.setScene(s);
        }
        sqlPane.setScenario(r.scenario().displayName(), r.scenario().path(), r.scenario().scenario());
        sqlStage.show();
        sqlStage.toFront();
    }

    public SqlPane sqlPane() {
        return sqlPane;
    }

    public Stage sqlStage() {
        return sqlStage;
    }

    /** The interview view, once opened (null before). */
    public InterviewView interview() {
        return interview;
    }

    public Stage interviewStage() {
        return interviewStage;
    }

    private void rebuildBreakpointsMenu() {
        breakpointsMenu.getItems().clear();
        for (Shortcuts.Action a : shortcuts.actions()) {
            if (a.label().startsWith("Break") || a.label().startsWith("Clear all")) {
                breakpointsMenu.getItems().add(a.menuItem());
            }
        }
        Menu on = new Menu("Break on every");
        for (StopCondition c : StopCondition.all()) {
            CheckMenuItem item = new CheckMenuItem(c.label().replace("next ", ""));
            item.setSelected(playback.breakpoints().contains(Breakpoint.on(c)));
            item.setOnAction(e -> toggle(Breakpoint.on(c)));
            on.getItems().add(item);
        }
        breakpointsMenu.getItems().add(on);
        if (!playback.breakpoints().isEmpty()) {
            breakpointsMenu.getItems().add(new SeparatorMenuItem());
            for (Breakpoint b : playback.breakpoints()) {
                CheckMenuItem item = new CheckMenuItem("break on " + b.describe());
                item.setSelected(true);
                item.setOnAction(e -> playback.breakpoints().remove(b));
                breakpointsMenu.getItems().add(item);
            }
        }
    }

    private void toggle(Breakpoint b) {
        if (!playback.breakpoints().remove(b)) {
            playback.breakpoints().add(b);
            playback.statusProperty().set("breakpoint set: " + b.describe() + "; playing stops there");
        } else {
            playback.statusProperty().set("breakpoint removed: " + b.describe());
        }
    }

    private void toggleSubtaskBreakpoint() {
        String s = selection.subtask();
        if (s == null) {
            playback.statusProperty().set("select a subtask first (click it in the job graph)");
            return;
        }
        toggle(Breakpoint.onSubtask(s));
    }

    private void showShortcuts() {
        Alert a = new Alert(Alert.AlertType.INFORMATION);
        a.initOwner(stage);
        a.setTitle("Streamscope");
        a.setHeaderText("Keyboard shortcuts");
        TextArea text = new TextArea(shortcuts.describe());
        text.setEditable(false);
        text.setStyle("-fx-font-family: 'DejaVu Sans Mono';");
        text.setPrefRowCount(22);
        a.getDialogPane().setContent(text);
        a.show();
    }

    private void contextMenu(GraphView.Target t) {
        ContextMenu m = new ContextMenu();
        var f = playback.frame();
        if (f == null) {
            return;
        }
        if (t.element() != null) {
            m.getItems().add(info(shorten(io.streamscope.text.TimeText.readableSentence(t.element()), 90)));
            m.getItems().add(info(t.place() + " of " + t.channel()
                    + (t.arrival() != null ? ", arrives at " + t.arrival() + " ms" : "")));
            String key = playback.keys().keyOfElement(t.element());
            if (key != null) {
                m.getItems().add(info("key " + key));
                m.getItems().add(item("Break on key " + key, () -> toggle(Breakpoint.onKey(key))));
            }
        } else if (t.subtask() != null) {
            EngineView.SubtaskView s = find(f.view(), t.subtask());
            m.getItems().add(info("subtask " + t.subtask() + (s == null ? "" : " · " + s.task())));
            if (s != null) {
                m.getItems().add(info(s.status().toLowerCase() + " · watermark "
                        + io.streamscope.text.TimeText.of(s.watermark()) + " · " + s.recordsProcessed()
                        + " records in · " + s.state().size() + " state entries · " + s.timers().size() + " timers"
                        + (s.backpressured() ? " · BACKPRESSURED" : "")));
            }
            m.getItems().add(item("Inspect", () -> {
                selection.selectSubtask(t.subtask());
                side.getSelectionModel().select(0);
            }));
            m.getItems().add(item("Break on every event of " + t.subtask(),
                    () -> toggle(Breakpoint.onSubtask(t.subtask()))));
        } else if (t.channel() != null) {
            EngineView.ChannelView c = channel(f.view(), t.channel());
            m.getItems().add(info("channel " + t.channel()));
            if (c != null) {
                m.getItems().add(info("output buffer " + c.outputBuffer().size() + " · on the wire " + c.inFlight().size()
                        + " · input buffer " + c.inputBuffer().size() + " · free credits " + c.credits()));
            }
            m.getItems().add(item("Highlight this channel", () -> selection.channelProperty().set(t.channel())));
        }
        m.getItems().add(new SeparatorMenuItem());
        m.getItems().add(FaultMenus.forTarget(t, playback));
        m.show(graph, t.screenX(), t.screenY());
    }

    private static MenuItem info(String text) {
        MenuItem i = new MenuItem(text);
        i.setDisable(true);
        i.getStyleClass().add("info-item");
        return i;
    }

    private static MenuItem item(String text, Runnable r) {
        MenuItem i = new MenuItem(text);
        i.setOnAction(e -> r.run());
        return i;
    }

    private static String shorten(String s, int n) {
        return s.length() <= n ? s : s.substring(0, n - 1) + "…";
    }

    private static EngineView.SubtaskView find(EngineView v, String id) {
        for (EngineView.SubtaskView s : v.subtasks()) {
            if (s.id().equals(id)) {
                return s;
            }
        }
        return null;
    }

    private static EngineView.ChannelView channel(EngineView v, String id) {
        for (EngineView.ChannelView c : v.channels()) {
            if (c.id().equals(id)) {
                return c;
            }
        }
        return null;
    }

    /** Selects a subtask with keyed state (the interesting one), so the inspector starts with something to show. */
    private void selectFirstKeyedSubtask() {
        var f = playback.frame();
        if (f == null) {
            return;
        }
        String keyed = null;
        RecordKeys keys = playback.keys();
        for (EngineView.SubtaskView s : f.view().subtasks()) {
            if (!s.inputs().isEmpty() && !keys.keyFields().isEmpty()) {
                keyed = s.id();
                break;
            }
        }
        if (keyed == null && !f.view().subtasks().isEmpty()) {
            keyed = f.view().subtasks().get(0).id();
        }
        if (selection.subtask() == null || find(f.view(), selection.subtask()) == null) {
            selection.selectSubtask(keyed);
        }
    }

    /** Remembers the window and stops the engine thread. */
    public void close() {
        if (!Double.isNaN(stage.getWidth())) {
            prefs.rememberWindow(stage.getX(), stage.getY(), stage.getWidth(), stage.getHeight());
        }
        prefs.flush();
        worker.close();
        if (sqlPane != null) {
            sqlPane.close();
        }
        if (interview != null) {
            interview.stop();
            if (interview.lessonPlayer() != null) {
                interview.lessonPlayer().close();
            }
        }
    }

    /** Sets the stage up (size, position, title) and shows it. */
    public void show() {
        stage.setScene(scene);
        stage.setTitle("Streamscope");
        if (!Double.isNaN(prefs.x())) {
            stage.setX(prefs.x());
            stage.setY(prefs.y());
        }
        stage.setWidth(prefs.width());
        stage.setHeight(prefs.height());
        stage.show();
    }

}
