package io.streamscope.app;

import io.streamscope.app.dictation.Corpus;
import io.streamscope.app.dictation.DictationControl;
import io.streamscope.app.interview.Grade;
import io.streamscope.app.interview.QuestionState;
import io.streamscope.app.interview.RubricChecker;
import io.streamscope.app.interview.Scheduler;
import io.streamscope.app.interview.StudyProgress;
import io.streamscope.app.view.MarkdownView;
import io.streamscope.question.Question;
import io.streamscope.question.QuestionBank;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Random;
import java.util.function.Consumer;
import java.util.function.Supplier;
import javafx.animation.KeyFrame;
import javafx.animation.Timeline;
import javafx.geometry.Insets;
import javafx.geometry.Orientation;
import javafx.geometry.Pos;
import javafx.scene.control.Button;
import javafx.scene.control.ComboBox;
import javafx.scene.control.Label;
import javafx.scene.control.ListCell;
import javafx.scene.control.ListView;
import javafx.scene.control.ScrollPane;
import javafx.scene.control.SplitPane;
import javafx.scene.control.Tab;
import javafx.scene.control.TabPane;
import javafx.scene.control.TextArea;
import javafx.scene.control.Tooltip;
import javafx.scene.layout.BorderPane;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.Region;
import javafx.scene.layout.VBox;
import javafx.scene.paint.Color;
import javafx.scene.shape.Rectangle;
import javafx.util.Duration;

/**
 * Interview mode: pick a level or a random set, answer a question against a running clock, reveal the model
 * answer beside your own ({@link RevealedAnswer}) while the question's lesson plays below them
 * ({@link InterviewLessonPlayer}), see which rubric concepts the answer covered, grade yourself, and let spaced
 * repetition decide when the question comes back. The rubric check and the schedule live in
 * {@code app.interview}; this class only lays them out.
 */
public final class InterviewView extends BorderPane {
    /** The choice of a set: every question (due first), one level, or a random handful. */
    static final String ALL = "All questions, due first";
    static final String RANDOM = "Random set of 5";
    private static final DateTimeFormatter DAY_TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm");

    private final QuestionBank bank;
    private final StudyProgress progress;
    private final Supplier<LocalDateTime> clock;
    private final Consumer<String> lessonOpener;
    private InterviewLessonPlayer player;
    private final Random random = new Random();

    private final ComboBox<String> setChoice = new ComboBox<>();
    private final ListView<Question> list = new ListView<>();
    private final Label title = new Label();
    private final Label timer = new Label();
    private final MarkdownView questionText = new MarkdownView();
    private final TextArea answer = new TextArea();
    private final DictationControl dictation;
    private final Button reveal = new Button("Reveal");
    private final VBox revealed = new VBox(8);
    private final VBox history = new VBox(6);
    private final Label saved = new Label();
    private final HBox gradeBox = gradeBox();
    private final TabPane tabs = new TabPane();
    private final ScrollPane scroll = new ScrollPane();
    /** The question and the revealed answers on top; after a reveal, the lesson playing below them. */
    private final SplitPane questionSplit = new SplitPane(scroll);
    private final Timeline ticker;

    private Question current;
    private long startedNanos;
    private long answeredSeconds = -1;
    private RubricChecker.Result lastResult;

    public InterviewView(QuestionBank bank, StudyProgress progress, Supplier<LocalDateTime> clock,
                         Consumer<String> lessonOpener) {
        this.bank = bank;
        this.progress = progress;
        this.clock = clock;
        this.lessonOpener = lessonOpener;
        this.dictation = new DictationControl(answer, () -> Corpus.of(bank));
        getStyleClass().add("interview");

        setChoice.getItems().add(ALL);
        for (var e : QuestionBank.LEVELS.entrySet()) {
            setChoice.getItems().add("Level " + e.getKey() + " — " + e.getValue());
        }
        setChoice.getItems().add(RANDOM);
        setChoice.setId("interview-set");
        setChoice.setOnAction(e -> fillList());
        list.setId("interview-questions");
        list.setCellFactory(v -> new QuestionCell());
        list.getSelectionModel().selectedItemProperty().addListener((o, a, q) -> {
            if (q != null && q != current) {
                ask(q);
            }
        });
        Button next = new Button("Next question");
        next.setOnAction(e -> nextQuestion());
        VBox left = new VBox(6, new Label("Questions"), setChoice, list, next);
        VBox.setVgrow(list, Priority.ALWAYS);
        left.setPadding(new Insets(8));
        left.setPrefWidth(360);
        left.setMinWidth(220);
        setChoice.setMaxWidth(Double.MAX_VALUE);
        next.setMaxWidth(Double.MAX_VALUE);

        title.getStyleClass().add("pane-title");
        title.setStyle("-fx-font-size: 16px;");
        title.setWrapText(true);
        timer.setId("interview-timer");
        timer.setStyle("-fx-font-family: 'DejaVu Sans Mono'; -fx-font-size: 15px; -fx-text-fill: #1565C0;");
        Region gap = new Region();
        HBox.setHgrow(gap, Priority.ALWAYS);
        HBox head = new HBox(10, title, gap, timer);
        head.setAlignment(Pos.CENTER_LEFT);
        answer.setId("interview-answer");
        answer.setWrapText(true);
        answer.setPrefRowCount(7);
        answer.setPromptText("Type your answer as you would say it in the interview…");
        answer.setStyle("-fx-font-size: 13px;");
        reveal.setId("interview-reveal");
        reveal.setDefaultButton(false);
        reveal.setOnAction(e -> reveal());
        saved.setId("interview-saved");
        saved.getStyleClass().add("hint");
        HBox answerHead = new HBox(12, new Label("Your answer"), dictation);
        answerHead.setAlignment(Pos.CENTER_LEFT);
        VBox asking = new VBox(8, head, questionText, answerHead, answer, revealed);
        asking.setPadding(new Insets(10, 14, 14, 14));
        scroll.setContent(asking);
        scroll.setFitToWidth(true);
        scroll.setId("interview-scroll");

        ScrollPane historyScroll = new ScrollPane(history);
        historyScroll.setFitToWidth(true);
        history.setPadding(new Insets(10));
        history.setId("interview-history");
        // reveal and the grades stay in view below the scrolling text, however long the model answer is
        HBox actions = new HBox(10, reveal, gradeBox, saved);
        actions.setAlignment(Pos.CENTER_LEFT);
        actions.setPadding(new Insets(8, 14, 8, 14));
        actions.setStyle("-fx-background-color: #F5F7FA; -fx-border-color: #CFD8DC transparent transparent transparent;");
        questionSplit.setOrientation(Orientation.VERTICAL);
        BorderPane questionTab = new BorderPane(questionSplit);
        questionTab.setBottom(actions);
        Tab q = new Tab("Question", questionTab);
        Tab h = new Tab("History", historyScroll);
        q.setClosable(false);
        h.setClosable(false);
        tabs.getTabs().addAll(q, h);
        tabs.getSelectionModel().selectedIndexProperty().addListener((o, a, b) -> {
            if (b.intValue() == 1) {
                refreshHistory();
            }
        });

        SplitPane split = new SplitPane(left, tabs);
        split.setOrientation(Orientation.HORIZONTAL);
        split.setDividerPositions(0.24);
        SplitPane.setResizableWithParent(left, false);
        setCenter(split);

        ticker = new Timeline(new KeyFrame(Duration.millis(250), e -> showTime()));
        ticker.setCycleCount(Timeline.INDEFINITE);
        setChoice.getSelectionModel().select(0);
        fillList();
    }

    // ---- what tests and the screenshot command drive ----

    /** Chooses a set by its label ({@link #ALL}, "Level C — Getting Serious", {@link #RANDOM}). */
    public void chooseSet(String label) {
        setChoice.getSelectionModel().select(label);
        fillList();
    }

    /** Sets the answer text, as if typed (the screenshot command). */
    public void setAnswer(String text) {
        answer.setText(text);
    }

    /** Asks a question by id. */
    public void ask(String id) {
        Question q = bank.get(id);
        list.getSelectionModel().select(q);
        if (current != q) {
            ask(q);
        }
    }

    public Question current() {
        return current;
    }

    public RubricChecker.Result lastResult() {
        return lastResult;
    }

    public List<Question> shown() {
        return List.copyOf(list.getItems());
    }

    /** Grades the revealed answer, as the buttons do. */
    public void grade(Grade g) {
        if (current == null || lastResult == null) {
            return;
        }
        QuestionState s = progress.record(current.id(), g, lastResult.covered(), lastResult.total(), clock.get());
        progress.save();
        long days = ChronoUnit.DAYS.between(clock.get().toLocalDate(), s.due());
        saved.setText("graded " + g.key() + " · " + (days == 0 ? "asked again today" : "next in " + days
                + (days == 1 ? " day" : " days") + " (" + s.due() + ")") + " · saved to " + progress.file());
        list.refresh();
    }

    /** The Dictate button and its status (tests give it a WAV file to listen to). */
    public DictationControl dictation() {
        return dictation;
    }

    /** Stops the clock, and dictation, while the window is hidden. */
    public void stop() {
        ticker.stop();
        if (player != null) {
            player.stop();
        }
        dictation.cancel();
    }

    /** Starts the clock again when the window shows, unless the answer is already revealed. */
    public void resume() {
        if (current != null && answeredSeconds < 0) {
            ticker.play();
        }
    }

    // ---- the round ----

    private void fillList() {
        String choice = setChoice.getValue();
        List<Question> qs;
        if (choice == null || choice.equals(ALL)) {
            qs = bank.questions();
        } else if (choice.equals(RANDOM)) {
            List<Question> all = new ArrayList<>(bank.questions());
            Collections.shuffle(all, random);
            qs = all.subList(0, Math.min(5, all.size()));
        } else {
            qs = bank.level(choice.substring("Level ".length(), "Level ".length() + 1));
        }
        list.getItems().setAll(Scheduler.order(qs, progress.states(), clock.get().toLocalDate()));
        if (!list.getItems().isEmpty()) {
            list.getSelectionModel().select(0);
        }
    }

    private void nextQuestion() {
        int i = list.getSelectionModel().getSelectedIndex();
        if (list.getItems().isEmpty()) {
            return;
        }
        list.getSelectionModel().select((i + 1) % list.getItems().size());
    }

    private void ask(Question q) {
        dictation.cancel();
        current = q;
        lastResult = null;
        answeredSeconds = -1;
        title.setText(q.id() + " · " + q.title() + "   (level " + q.level() + ", " + q.levelName() + ")");
        questionText.setMarkdown(q.question());
        answer.clear();
        answer.setEditable(true);
        reveal.setDisable(false);
        revealed.getChildren().clear();
        questionSplit.getItems().setAll(scroll);
        if (player != null) {
            player.stop();
        }
        saved.setText("");
        gradeBox.setDisable(true);
        startedNanos = System.nanoTime();
        showTime();
        ticker.play();
    }

    private void showTime() {
        long s = answeredSeconds >= 0 ? answeredSeconds : (System.nanoTime() - startedNanos) / 1_000_000_000L;
        timer.setText((answeredSeconds >= 0 ? "answered in " : "time ") + String.format("%d:%02d", s / 60, s % 60));
    }

    /**
     * Shows the model answer beside the user's, the note, the rubric result, starts the question's lesson below
     * them, and enables the grades.
     */
    public void reveal() {
        if (current == null) {
            return;
        }
        answeredSeconds = (System.nanoTime() - startedNanos) / 1_000_000_000L;
        ticker.stop();
        dictation.cancel();
        showTime();
        answer.setEditable(false);
        reveal.setDisable(true);
        lastResult = RubricChecker.check(answer.getText(), current.rubric());

        String lesson = current.lesson();
        revealed.getChildren().setAll(new RevealedAnswer(current, answer.getText(), lastResult,
                player == null ? null : this::showCue, () -> lessonOpener.accept(lesson)));
        if (player != null) {
            // the question's lesson plays below the answers, by itself, pausing at each cue
            questionSplit.getItems().setAll(scroll, player);
            questionSplit.setDividerPositions(0.5);
            player.play(lesson);
        }
        gradeBox.setDisable(false);
        // bring the revealed part into view once it is laid out
        javafx.application.Platform.runLater(() -> {
            scroll.layout();
            double content = scroll.getContent().getBoundsInLocal().getHeight();
            double view = scroll.getViewportBounds().getHeight();
            if (content > view) {
                scroll.setVvalue(Math.min(1, revealed.getBoundsInParent().getMinY() / (content - view)));
            }
        });
    }

    /**
     * The player where the question's lesson plays after a reveal (its own engine and playback). Without one, a
     * reveal shows the answers only and the missed concepts' links open the lesson in the main window.
     */
    public void setLessonPlayer(InterviewLessonPlayer p) {
        this.player = p;
    }

    /** The lesson player set, or null. */
    public InterviewLessonPlayer lessonPlayer() {
        return player;
    }

    /** A missed concept's link: the lesson playing below jumps to the concept's cue (from 0), paused there. */
    private void showCue(int cue) {
        player.jumpToCue(cue);
    }

    private HBox gradeBox() {
        HBox box = new HBox(6, new Label("How did it go?"));
        box.setDisable(true);
        box.setAlignment(Pos.CENTER_LEFT);
        for (Grade g : Grade.values()) {
            Button b = new Button(g.key());
            b.setId("grade-" + g.key());
            b.setOnAction(e -> grade(g));
            box.getChildren().add(b);
        }
        return box;
    }

    // ---- history ----

    private void refreshHistory() {
        history.getChildren().clear();
        Label h = new Label("Scores over time (rubric concepts covered; colour = self-grade)");
        h.getStyleClass().add("pane-title");
        history.getChildren().add(h);
        if (progress.answered().isEmpty()) {
            history.getChildren().add(new Label("No answers graded yet. Progress is kept in " + progress.file()));
            return;
        }
        for (String id : progress.answered()) {
            List<StudyProgress.Attempt> attempts = progress.history(id);
            Question q = bank.questions().stream().filter(x -> x.id().equals(id)).findFirst().orElse(null);
            Label name = new Label(id + (q == null ? "" : " · " + q.title()));
            name.setMinWidth(300);
            name.setPrefWidth(300);
            HBox bars = new HBox(3);
            bars.setAlignment(Pos.BOTTOM_LEFT);
            StringBuilder text = new StringBuilder();
            for (StudyProgress.Attempt a : attempts) {
                double frac = a.total() == 0 ? 0 : (double) a.covered() / a.total();
                Rectangle r = new Rectangle(16, 4 + 36 * frac, gradeColour(a.grade()));
                r.setStroke(Color.web("#607D8B"));
                Tooltip.install(r, new Tooltip(a.at().format(DAY_TIME) + ": " + a.covered() + "/" + a.total() + ", "
                        + a.grade().key()));
                bars.getChildren().add(r);
                text.append(a.at().format(DAY_TIME)).append(' ').append(a.covered()).append('/').append(a.total())
                        .append(' ').append(a.grade().key()).append("   ");
            }
            bars.setMinHeight(42);
            bars.setMinWidth(Region.USE_PREF_SIZE);
            QuestionState s = progress.state(id);
            Label detail = new Label(text.toString().trim() + (s == null ? "" : "   → due " + s.due()));
            detail.setStyle("-fx-font-family: 'DejaVu Sans Mono'; -fx-font-size: 11px;");
            HBox row = new HBox(10, name, bars, detail);
            row.setAlignment(Pos.CENTER_LEFT);
            history.getChildren().add(row);
        }
    }

    private static Color gradeColour(Grade g) {
        switch (g) {
            case AGAIN:
                return Color.web("#E57373");
            case HARD:
                return Color.web("#FFB74D");
            case GOOD:
                return Color.web("#81C784");
            default:
                return Color.web("#4FC3F7");
        }
    }

    /** Shows the history tab (the screenshot command and tests). */
    public void showHistory() {
        tabs.getSelectionModel().select(1);
        refreshHistory();
    }

    /** A question in the list: id, title, and whether it is due, new or scheduled. */
    private final class QuestionCell extends ListCell<Question> {
        @Override
        protected void updateItem(Question q, boolean empty) {
            super.updateItem(q, empty);
            if (empty || q == null) {
                setText(null);
                return;
            }
            QuestionState s = progress.state(q.id());
            String tag = s == null ? "new" : Scheduler.isDue(s, clock.get().toLocalDate()) ? "DUE" : "due " + s.due();
            setText(q.id() + "  [" + tag + "]  " + q.title());
        }
    }
}
