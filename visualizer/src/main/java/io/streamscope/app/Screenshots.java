package io.streamscope.app;

import io.streamscope.app.engine.Frame;
import io.streamscope.app.engine.Navigator;
import io.streamscope.app.engine.OpenedScenario;
import io.streamscope.app.engine.Recording;
import io.streamscope.app.engine.StopCondition;
import io.streamscope.scenario.ScenarioException;
import io.streamscope.view.EngineView;
import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.function.Consumer;
import java.util.function.Predicate;
import io.streamscope.trace.TraceEvent;
import javafx.application.Platform;
import javafx.embed.swing.SwingFXUtils;
import javafx.scene.image.WritableImage;
import javafx.stage.Stage;
import javax.imageio.ImageIO;

/**
 * {@code streamscope screenshots}: starts the real app headless (Monocle, software rendering), drives it to
 * meaningful moments of real runs and writes each as a PNG, then measures the frame time of the job graph view
 * with hundreds of elements in flight. No display is needed.
 */
public final class Screenshots {
    static final double WIDTH = 1600;
    static final double HEIGHT = 1000;
    /** Where the interview pictures keep their progress: never the user's own ~/.streamscope. */
    private static final Path SCREENSHOT_PROGRESS = Path.of(System.getProperty("java.io.tmpdir"),
            "streamscope-screenshots-progress");

    /** One picture: the scenario, how to get to the moment, and what to show around it. */
    private record Shot(String file, String caption, OpenedScenario scenario, Predicate<TraceEvent> until, int nth,
                        long extraSteps, Consumer<MainWindow> setup) {
    }

    private final Path out;
    private final Path examples;
    private final PrintStream log;
    private MainWindow window;
    private Stage stage;

    private Screenshots(Path out, Path examples, PrintStream log) {
        this.out = out;
        this.examples = examples;
        this.log = log;
    }

    /** Sets the headless platform up before the toolkit starts; an explicit setting wins. */
    static void headless() {
        setIfAbsent("glass.platform", "Monocle");
        setIfAbsent("monocle.platform", "Headless");
        setIfAbsent("prism.order", "sw");
        // Monocle's headless screen is 1280x800 unless told otherwise; the window must fit on it
        setIfAbsent("headless.geometry", (int) WIDTH + "x" + (int) HEIGHT + "-32");
        setIfAbsent("prism.lcdtext", "false");
        setIfAbsent("java.awt.headless", "true");
        setIfAbsent("streamscope.prefs", "off");
        // the interview pictures must not touch the user's own progress
        setIfAbsent(io.streamscope.app.interview.StudyProgress.DIR_PROPERTY, SCREENSHOT_PROGRESS.toString());
    }

    private static void setIfAbsent(String key, String value) {
        if (System.getProperty(key) == null) {
            System.setProperty(key, value);
        }
    }

    /** Writes the screenshots; returns an exit code. */
    public static int run(List<String> args, PrintStream out, PrintStream err) {
        String home = System.getenv("STREAMSCOPE_HOME");
        Path dir = home != null ? Path.of(home, "screenshots") : Path.of("screenshots");
        Path examples = home != null ? Path.of(home, "examples") : Path.of("examples");
        for (int i = 0; i < args.size(); i++) {
            String a = args.get(i);
            if ((a.equals("--out") || a.equals("--examples")) && i + 1 < args.size()) {
                if (a.equals("--out")) {
                    dir = Path.of(args.get(++i));
                } else {
                    examples = Path.of(args.get(++i));
                }
            } else {
                err.println("error: screenshots takes --out DIR and --examples DIR, got '" + a + "'");
                return 2;
            }
        }
        headless();
        Platform.startup(() -> { });
        Platform.setImplicitExit(false);
        try {
            Screenshots s = new Screenshots(dir, examples, out);
            s.start();
            s.shoot();
            s.measureFrameTime();
            Fx.run(() -> s.window.close());
            return 0;
        } catch (ScenarioException e) {
            err.println("error: " + e.getMessage());
            return 2;
        } catch (IOException | RuntimeException e) {
            err.println("error: screenshots failed: " + e);
            e.printStackTrace(err);
            return 1;
        } finally {
            Platform.exit();
        }
    }

    private void start() throws IOException {
        Files.createDirectories(out);
        Fx.run(() -> {
            stage = new Stage();
            window = new MainWindow(stage, AppPrefs.load());
            stage.setScene(window.scene());
            stage.setWidth(WIDTH);
            stage.setHeight(HEIGHT);
            stage.show();
        });
    }

    private void shoot() throws ScenarioException {
        OpenedScenario def = OpenedScenario.embeddedDefault();
        OpenedScenario backpressure = OpenedScenario.fromFile(examples.resolve("backpressure.json"));
        OpenedScenario sessions = OpenedScenario.fromFile(examples.resolve("sessions-e1.json"));
        OpenedScenario idle = OpenedScenario.fromFile(examples.resolve("idle-partition.json"));
        List<Shot> shots = new ArrayList<>();
        shots.add(new Shot("window-firing.png", "the default scenario when the windows [0, 5000) fire", def,
                StopCondition.WINDOW_FIRING.test(), 2, 0, w -> w.selection().selectSubtask("per-user[1]")));
        shots.add(new Shot("in-flight.png", "records (coloured by key) and watermarks on the shuffle channels", def,
                e -> e instanceof TraceEvent.RecordRead, 6, 0, w -> w.selection().selectSubtask("per-user[1]")));
        shots.add(new Shot("late-firing.png", "alice's late record makes [0, 5000) fire again", def,
                e -> e instanceof TraceEvent.WindowFired f && f.firing().equals("late"), 1, 0,
                w -> w.selection().selectSubtask("per-user[1]")));
        shots.add(new Shot("late-record.png", "bob's record at 1.5 s goes to the late side output", def,
                StopCondition.LATE_RECORD.test(), 1, 0, w -> w.sideTabs().getSelectionModel().select(1)));
        shots.add(new Shot("lane-view.png", "the time-space diagram of the same run", def,
                StopCondition.LATE_RECORD.test(), 1, 0, w -> w.showLanes(true)));
        shots.add(new Shot("backpressure.png", "a slow window backpressures the source: full buffers", backpressure,
                StopCondition.BACKPRESSURE.test(), 1, 40, w -> w.selection().selectSubtask("readings[0]")));
        shots.add(new Shot("idle-partition.png", "an idle partition stops holding the watermark back", idle,
                StopCondition.WINDOW_FIRING.test(), 1, 0, w -> w.selection().selectSubtask("events[0]")));
        shots.add(new Shot("sessions.png", "sliding windows and sessions of interview question E1", sessions,
                StopCondition.LATE_RECORD.test(), 1, 0, w -> w.selection().selectSubtask("activity[0]")));
        Path lessons = ContentDirs.find("lessons");
        if (lessons != null && Files.exists(lessons.resolve("d6-state-ttl/scenario.json"))) {
            // lesson d6-state-ttl at 16 s: ana's count expired at 12001 ms and, without background cleanup, is
            // still stored; the inspector says so
            shots.add(new Shot("state-ttl.png", "keyed state with a TTL: an expired count not yet cleaned up",
                    OpenedScenario.fromFile(lessons.resolve("d6-state-ttl/scenario.json")),
                    e -> e instanceof TraceEvent.SinkReceived r && r.sink().equals("lazy-out")
                            && r.record().contains("\"count\":6"), 1, 0,
                    w -> w.selection().selectSubtask("lazy-counts[0]")));
        }
        for (Shot s : shots) {
            take(s);
        }
        checkpointShots();
        lessonShot();
        lessonKeyMoments();
        interviewShots();
        sqlShot();
    }

    /**
     * The built-in scenario with checkpoints every 100 ms: barrier alignment, the checkpoint history, and a
     * subtask failure injected after the first completed checkpoint, with the recovery that follows.
     */
    private void checkpointShots() {
        OpenedScenario base = OpenedScenario.embeddedDefault();
        base.scenario().env().enableCheckpointing(100);
        OpenedScenario cp = new OpenedScenario("default-scenario.json, checkpoints every 100 ms", null,
                base.scenario());
        open(cp);
        Fx.run(() -> window.showLanes(false));
        long aligned = firstStep(f -> {
            for (EngineView.SubtaskView s : f.view().subtasks()) {
                if (s.aligningCheckpoint() >= 0) {
                    for (EngineView.AlignmentBufferView b : s.alignmentBuffers()) {
                        if (!b.elements().isEmpty()) {
                            return true;
                        }
                    }
                }
            }
            return false;
        });
        if (aligned >= 0) {
            goTo(aligned);
            Fx.run(() -> {
                for (EngineView.SubtaskView s : window.playback().frame().view().subtasks()) {
                    if (s.aligningCheckpoint() >= 0) {
                        window.selection().selectSubtask(s.id());
                    }
                }
            });
            write("barrier-alignment.png", "a window subtask aligns checkpoint barriers: one channel blocked, its"
                    + " records queue", aligned);
        } else {
            log.println("no barrier alignment with queued records in this run; barrier-alignment.png not written");
        }
        long completed = stepOf(StopCondition.CHECKPOINT_COMPLETED.test(), 2);
        if (completed >= 0) {
            goTo(completed);
            Fx.run(() -> window.sideTabs().getSelectionModel().select(2));
            write("checkpoints.png", "the checkpoint history, as Flink's web UI lists it", completed);
        }
        long first = stepOf(StopCondition.CHECKPOINT_COMPLETED.test(), 1);
        if (first < 0) {
            return;
        }
        Fx.run(() -> window.playback().fork(io.streamscope.app.engine.Faults.failSubtask(first + 1,
                "per-user[1]")));
        Fx.await(() -> window.playback().isIdle() && window.playback().recording().scenario() == cp
                && !window.playback().plan().interventions().isEmpty(), "the fork");
        long restored = stepOf(e -> e.getClass().getSimpleName().equals("SubtaskRestored"), 1);
        if (restored < 0) {
            restored = stepOf(StopCondition.FAILURE.test(), 1);
        }
        if (restored >= 0) {
            goTo(restored);
            Fx.run(() -> {
                window.sideTabs().getSelectionModel().select(2);
                window.selection().selectSubtask("per-user[1]");
            });
            write("recovery.png", "per-user[1] failed after checkpoint 1; the job restarts from it", restored);
        }
    }

    /** The lesson player paused at the first cue of c1-watermarks, its narration in the side panel. */
    private void lessonShot() {
        if (ContentDirs.find("lessons") == null) {
            log.println("no lessons/ folder; lesson-first-cue.png not written");
            return;
        }
        Fx.run(() -> window.openLesson("c1-watermarks"));
        Fx.await(() -> window.playback().isIdle() && window.playback().recording() != null
                && window.playback().recording().scenario().path() != null
                && !window.lessonPane().cueSteps().isEmpty(), "the lesson's scenario");
        long step = Fx.call(() -> window.lessonPane().cueSteps().get(0));
        goTo(step);
        Fx.run(() -> window.selection().selectSubtask("per-user[0]"));
        write("lesson-first-cue.png", "lesson c1-watermarks paused at its first cue", step);
    }

    /**
     * One picture per runnable lesson, lesson-&lt;id&gt;.png: the player paused at the lesson's key moment (its
     * {@code key-cue}, else its last cue), with the subtask of that cue's event selected.
     */
    private void lessonKeyMoments() {
        Path dir = ContentDirs.find("lessons");
        if (dir == null) {
            return;
        }
        for (io.streamscope.lesson.Lesson l : io.streamscope.lesson.LessonLoader.loadAll(dir)) {
            if (l.isPending() || l.cues().isEmpty()) {
                continue;
            }
            Path scenario = l.scenario().toAbsolutePath().normalize();
            Fx.run(() -> {
                window.showLanes(false);
                window.selection().channelProperty().set(null);
                window.openLesson(l);
            });
            Fx.await(() -> window.playback().isIdle() && window.playback().recording() != null
                    && window.playback().recording().scenario().path() != null
                    && window.playback().recording().scenario().path().toAbsolutePath().normalize().equals(scenario)
                    && window.lessonPane().lesson() == l && !window.lessonPane().cueSteps().isEmpty(),
                    "lesson " + l.id());
            int key = l.keyCueIndex();
            List<Long> steps = Fx.call(() -> window.lessonPane().cueSteps());
            if (key >= steps.size()) {
                log.println("lesson " + l.id() + ": its key cue " + (key + 1) + " matches no event; not written");
                continue;
            }
            long step = steps.get(key);
            // as a missed interview concept's link does: the narration shown is the key cue's, even when a later
            // cue's event happens in the same step
            Fx.run(() -> window.lessonPane().jumpToCue(key));
            Fx.await(() -> window.playback().isIdle() && window.playback().frame().step() == step
                    && window.lessonPane().cueShown() == key, "cue " + (key + 1) + " of lesson " + l.id());
            TraceEvent e = Fx.call(() -> window.lessonPane().cueEvents().get(key));
            Fx.run(() -> window.selection().selectSubtask(e.subtask()));
            write("lesson-" + l.id() + ".png", "lesson " + l.id() + " at cue " + (key + 1) + " of "
                    + l.cues().size() + ", its key moment", step);
        }
    }

    /** Interview mode on C1: the question with a typed answer, then the revealed answer and the rubric result. */
    private void interviewShots() {
        if (ContentDirs.find("question-bank") == null) {
            log.println("no question-bank/ folder; interview screenshots not written");
            return;
        }
        // the history picture starts from an empty progress each time, so it always shows the same answers
        if (SCREENSHOT_PROGRESS.toString().equals(System.getProperty(
                io.streamscope.app.interview.StudyProgress.DIR_PROPERTY))) {
            try {
                Files.deleteIfExists(SCREENSHOT_PROGRESS.resolve("progress.json"));
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
        Fx.run(() -> {
            window.openInterview();
            Stage s = window.interviewStage();
            s.setWidth(WIDTH);
            s.setHeight(HEIGHT);
            window.interview().chooseSet("Level C — Getting Serious");
            window.interview().ask("C1");
            window.interview().setAnswer("Watermarks tell operators how far event time has progressed. A window"
                    + " fires when the watermark passes the window end. Late records go to a side output.");
        });
        writeScene(window.interviewStage(), "interview-question.png",
                "interview mode: question C1 with a typed answer and the timer");
        Fx.run(() -> window.interview().reveal());
        // the reveal plays the question's lesson below the answers: picture it paused at its first cue
        Fx.await(() -> {
            InterviewLessonPlayer p = window.interview().lessonPlayer();
            return p.narration().cueShown() == 0 && !p.playback().playingProperty().get() && p.playback().isIdle();
        }, "the first cue of the interview's lesson");
        writeScene(window.interviewStage(), "interview-revealed.png",
                "interview mode: the model answer beside the answer, the rubric, and the lesson playing below");
        Fx.run(() -> {
            window.interview().grade(io.streamscope.app.interview.Grade.GOOD);
            window.interview().ask("C3");
            window.interview().setAnswer("A source without data is idle; withIdleness lets the watermark advance.");
            window.interview().reveal();
            window.interview().grade(io.streamscope.app.interview.Grade.HARD);
            window.interview().showHistory();
        });
        writeScene(window.interviewStage(), "interview-history.png", "interview mode: the history of scores");
        Fx.run(() -> window.interviewStage().hide());
    }

    /** The SQL pane over lesson f1-materialized-tables, after the refresh job has run to the end. */
    private void sqlShot() {
        if (ContentDirs.find("lessons") == null) {
            return;
        }
        Fx.run(() -> window.openLesson("f1-materialized-tables"));
        Fx.await(() -> window.playback().isIdle() && window.playback().recording() != null
                && window.playback().recording().scenario().path() != null
                && window.playback().recording().scenario().path().toString().contains("f1-"), "the F1 lesson");
        Fx.run(() -> {
            window.openSql();
            Stage s = window.sqlStage();
            s.setWidth(WIDTH);
            s.setHeight(HEIGHT);
            window.sqlPane().setStatements("ADVANCE TO END;\nSELECT user_id, COUNT(*) AS events FROM kafka_events"
                    + " GROUP BY user_id;");
            window.sqlPane().run();
        });
        Fx.await(() -> !window.sqlPane().isBusy() && window.sqlPane().last() != null, "the SQL statements");
        writeScene(window.sqlStage(), "sql-pane.png", "the SQL pane: a query's changelog and the F1 materialized"
                + " table after its checkpoints committed");
        Fx.run(() -> window.sqlStage().hide());
    }

    private void writeScene(Stage where, String name, String caption) {
        settle();
        Path file = out.resolve(name);
        Fx.run(() -> {
            try {
                ImageIO.write(SwingFXUtils.fromFXImage(where.getScene().snapshot(null), null),
                        "png", file.toFile());
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        });
        log.println("wrote " + file + ": " + caption);
    }

    /** The step of the nth event matching, or -1. */
    private long stepOf(Predicate<TraceEvent> test, int nth) {
        return Fx.call(() -> {
            Navigator nav = new Navigator(window.playback().recording());
            long at = 0;
            for (int i = 0; i < nth; i++) {
                Navigator.Hit h = nav.next(at, test);
                if (h == null) {
                    return -1L;
                }
                at = h.step();
                window.playback().lastHitProperty().set(h.event());
            }
            return at;
        });
    }

    /** The first step whose frame matches, by visiting the steps of the run; -1 if none. */
    private long firstStep(Predicate<Frame> test) {
        long last = Fx.call(() -> window.playback().recording().lastStep());
        for (long step = 0; step <= last; step++) {
            goTo(step);
            if (Fx.call(() -> test.test(window.playback().frame()))) {
                return step;
            }
        }
        return -1;
    }

    private void goTo(long step) {
        Fx.run(() -> window.playback().seek(step));
        Fx.await(() -> window.playback().isIdle() && window.playback().frame().step() == Math.min(step,
                window.playback().recording().lastStep()), "step " + step);
    }

    private void write(String name, String caption, long step) {
        settle();
        Path file = out.resolve(name);
        Fx.run(() -> {
            window.graph().redraw();
            window.timeline().redraw();
            try {
                ImageIO.write(SwingFXUtils.fromFXImage(window.scene().snapshot(null), null), "png", file.toFile());
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        });
        log.println("wrote " + file + ": " + caption + " (step " + step + ")");
    }

    private void take(Shot s) {
        open(s.scenario());
        Fx.run(() -> {
            window.showLanes(false);
            window.sideTabs().getSelectionModel().select(0);
            window.selection().channelProperty().set(null);
        });
        long step = Fx.call(() -> {
            Recording r = window.playback().recording();
            Navigator nav = new Navigator(r);
            long at = 0;
            for (int i = 0; i < s.nth(); i++) {
                Navigator.Hit h = nav.next(at, s.until());
                if (h == null) {
                    break;
                }
                at = h.step();
                window.playback().lastHitProperty().set(h.event());
            }
            return at + s.extraSteps();
        });
        Fx.run(() -> window.playback().seek(step));
        Fx.await(() -> window.playback().isIdle() && window.playback().frame().step() == Math.min(step,
                window.playback().recording().lastStep()), "step " + step);
        Fx.run(() -> s.setup().accept(window));
        settle();
        Path file = out.resolve(s.file());
        Fx.run(() -> {
            window.graph().redraw();
            window.lanes().redraw();
            window.timeline().redraw();
            WritableImage img = window.scene().snapshot(null);
            try {
                ImageIO.write(SwingFXUtils.fromFXImage(img, null), "png", file.toFile());
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        });
        log.println("wrote " + file + ": " + s.caption() + " (step " + step + ")");
    }

    private void open(OpenedScenario s) {
        Fx.run(() -> window.playback().open(s));
        Fx.await(() -> window.playback().isIdle() && window.playback().recording() != null
                && window.playback().recording().scenario() == s, "opening " + s.displayName());
    }

    /** Lets a few pulses pass so layout and CSS settle after a change. */
    private static void settle() {
        for (int i = 0; i < 4; i++) {
            Fx.run(() -> { });
            try {
                Thread.sleep(40);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }

    /**
     * Measures how long the job graph view takes to draw a frame on the UI thread with hundreds of elements in
     * flight (examples/many-in-flight.json), and the interval between animation frames while it plays.
     */
    private void measureFrameTime() throws ScenarioException {
        Path file = examples.resolve("many-in-flight.json");
        if (!Files.isRegularFile(file)) {
            log.println("frame time: " + file + " not found, not measured");
            return;
        }
        OpenedScenario s = OpenedScenario.fromFile(file);
        open(s);
        // the step with the most elements on the channels, looked for in a coarse pass
        long best = Fx.call(() -> window.playback().recording().lastStep() * 2 / 3);
        Fx.run(() -> window.playback().seek(0));
        int bestCount = 0;
        long last = Fx.call(() -> window.playback().recording().lastStep());
        for (long step = 0; step <= last; step += Math.max(1, last / 60)) {
            long st = step;
            Fx.run(() -> window.playback().seek(st));
            Fx.await(() -> window.playback().isIdle(), "seek");
            int n = Fx.call(() -> elements(window.playback().frame().view()));
            if (n > bestCount) {
                bestCount = n;
                best = step;
            }
        }
        long at = best;
        Fx.run(() -> {
            window.sideTabs().getSelectionModel().select(0);
            window.selection().selectSubtask("per-key[0]");
            window.playback().seek(at);
        });
        Fx.await(() -> window.playback().isIdle(), "seek");
        settle();
        long[] draws = new long[200];
        int drawn = Fx.call(() -> {
            for (int i = 0; i < draws.length; i++) {
                window.graph().redraw();
                draws[i] = window.graph().lastDrawNanos();
            }
            return window.graph().lastElementsDrawn();
        });
        Path shot = out.resolve("many-in-flight.png");
        Fx.run(() -> {
            try {
                ImageIO.write(SwingFXUtils.fromFXImage(window.scene().snapshot(null), null), "png", shot.toFile());
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        });
        log.println("wrote " + shot + ": " + drawn + " elements on the channels (step " + at + ")");
        Arrays.sort(draws);
        log.printf("frame time: drawing the job graph with %d elements takes %.2f ms median, %.2f ms p95 on the UI"
                + " thread (200 frames, software rendering)%n", drawn, draws[100] / 1e6, draws[190] / 1e6);
        // play at 2,000 steps/s for three seconds: gaps between animation pulses, and the UI-thread time each
        // new frame costs (every view reacting to it)
        List<long[]> samples = new ArrayList<>();
        long[] prev = {0};
        Fx.run(() -> {
            window.playback().seek(Math.max(0, at - 3000));
            window.playback().addTickListener(() -> {
                long now = System.nanoTime();
                if (prev[0] != 0 && window.playback().playingProperty().get()) {
                    samples.add(new long[] {now - prev[0], window.playback().lastApplyNanos(),
                        window.graph().lastDrawNanos()});
                }
                prev[0] = now;
            });
        });
        Fx.await(() -> window.playback().isIdle(), "seek");
        Fx.run(() -> {
            window.playback().speedProperty().set(2000);
            window.playback().play();
        });
        try {
            Thread.sleep(3000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        Fx.run(() -> window.playback().pause());
        List<long[]> g = Fx.call(() -> new ArrayList<>(samples));
        if (g.size() > 10) {
            long[] gaps = g.stream().mapToLong(x -> x[0]).sorted().toArray();
            long[] apply = g.stream().mapToLong(x -> x[1]).sorted().toArray();
            log.printf("frame time while playing at 2,000 steps/s: %d frames in 3 s; interval between frames %.1f ms"
                    + " median, %.1f ms p95; applying a new frame to every view %.2f ms median on the UI thread%n",
                    gaps.length, gaps[gaps.length / 2] / 1e6, gaps[(int) (gaps.length * 0.95)] / 1e6,
                    apply[apply.length / 2] / 1e6);
        } else {
            log.println("frame time while playing: only " + g.size() + " frames seen");
        }
    }

    private static int elements(EngineView v) {
        int n = 0;
        for (EngineView.ChannelView c : v.channels()) {
            n += c.outputBuffer().size() + c.inFlight().size() + c.inputBuffer().size();
        }
        return n;
    }

    /** Entry point for running it directly: {@code java ... io.streamscope.app.Screenshots [--out DIR]}. */
    public static void main(String[] args) {
        System.exit(run(List.of(args), System.out, System.err));
    }

    static Frame frameOf(MainWindow w) {
        return w.playback().frame();
    }
}
