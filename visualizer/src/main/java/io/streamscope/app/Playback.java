package io.streamscope.app;

import io.streamscope.app.engine.Breakpoint;
import io.streamscope.app.engine.CancelledException;
import io.streamscope.app.engine.EngineWorker;
import io.streamscope.app.engine.Frame;
import io.streamscope.app.engine.Intervention;
import io.streamscope.app.engine.Navigator;
import io.streamscope.app.engine.Progress;
import io.streamscope.app.engine.RecordKeys;
import io.streamscope.app.engine.Recording;
import io.streamscope.app.engine.RunPlan;
import io.streamscope.app.engine.StopCondition;
import io.streamscope.text.TimeText;
import io.streamscope.trace.TraceEvent;
import java.util.ArrayList;
import java.util.List;
import java.util.function.BiConsumer;
import javafx.animation.AnimationTimer;
import javafx.beans.property.BooleanProperty;
import javafx.beans.property.DoubleProperty;
import javafx.beans.property.ObjectProperty;
import javafx.beans.property.ReadOnlyObjectProperty;
import javafx.beans.property.ReadOnlyObjectWrapper;
import javafx.beans.property.SimpleBooleanProperty;
import javafx.beans.property.SimpleDoubleProperty;
import javafx.beans.property.SimpleObjectProperty;
import javafx.beans.property.SimpleStringProperty;
import javafx.beans.property.StringProperty;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;

/**
 * The player: which step of which run is shown, play/pause/step/seek/run-until/breakpoints, and the frame clock
 * that animates between steps. It lives on the UI thread and talks to the engine only through the
 * {@link EngineWorker}, with at most one request in flight: a newer target replaces a waiting one, so the UI never
 * waits and the engine is never flooded.
 */
public final class Playback {
    /** Slowest and fastest play speeds, in kernel steps per second. */
    public static final double MIN_SPEED = 0.5;
    public static final double MAX_SPEED = 200_000;
    /** While playing, the panels follow the frames at most this often (4 times a second). */
    private static final long PANEL_INTERVAL_NANOS = 250_000_000L;

    private final EngineWorker worker;
    private final ReadOnlyObjectWrapper<Frame> frame = new ReadOnlyObjectWrapper<>(this, "frame");
    private final ReadOnlyObjectWrapper<Frame> panelFrame = new ReadOnlyObjectWrapper<>(this, "panelFrame");
    private final ReadOnlyObjectWrapper<Recording> recording = new ReadOnlyObjectWrapper<>(this, "recording");
    private final ReadOnlyObjectWrapper<Progress> longOperation = new ReadOnlyObjectWrapper<>(this, "progress");
    private final BooleanProperty playing = new SimpleBooleanProperty(this, "playing");
    private final DoubleProperty speed = new SimpleDoubleProperty(this, "speed", 4);
    private final StringProperty status = new SimpleStringProperty(this, "status", "");
    private final ObjectProperty<TraceEvent> lastHit = new SimpleObjectProperty<>(this, "lastHit");
    private final ObservableList<Breakpoint> breakpoints = FXCollections.observableArrayList();
    private final List<Runnable> tickListeners = new ArrayList<>();
    private final AnimationTimer timer;

    private RunPlan plan;
    private Navigator navigator;
    /** Steps where playing pauses by itself (a lesson's cues), ascending; empty when none. */
    private long[] stops = new long[0];
    private String stopMessage;
    /** Asked before playing from a stop: true when it showed something else instead (a lesson's next cue). */
    private java.util.function.BooleanSupplier beforePlay;
    private RecordKeys keys = new RecordKeys(List.of());
    private BiConsumer<String, Throwable> errorHandler = (title, e) -> status.set(title + ": " + e.getMessage());
    private boolean inFlight;
    private boolean loading;
    private long pendingTarget = -1;
    private String messageOnArrival;
    private boolean pauseOnArrival;
    private double playhead;
    private long lastPulse;
    private long lastPanelUpdate;
    private long lastApplyNanos;
    private long longOperationSince;

    public Playback(EngineWorker worker) {
        this.worker = worker;
        this.timer = new AnimationTimer() {
            @Override
            public void handle(long now) {
                pulse(now);
            }
        };
        timer.start();
    }

    // ---- what the views read ----

    public ReadOnlyObjectProperty<Frame> frameProperty() {
        return frame.getReadOnlyProperty();
    }

    public Frame frame() {
        return frame.get();
    }

    /**
     * The frame the panels (trace, timeline, inspector, sinks) show: the current frame, but at most four times a
     * second while playing, so that fast playback spends the UI thread on the moving picture rather than on
     * tables nobody can read at that speed. Paused, it follows every step at once.
     */
    public ReadOnlyObjectProperty<Frame> panelFrameProperty() {
        return panelFrame.getReadOnlyProperty();
    }

    /** UI-thread time the last frame took to apply (every view's reaction to it), in nanoseconds. */
    public long lastApplyNanos() {
        return lastApplyNanos;
    }

    public ReadOnlyObjectProperty<Recording> recordingProperty() {
        return recording.getReadOnlyProperty();
    }

    public Recording recording() {
        return recording.get();
    }

    /** The long operation (load or seek) running for more than a moment, or null: the UI shows its progress. */
    public ReadOnlyObjectProperty<Progress> longOperationProperty() {
        return longOperation.getReadOnlyProperty();
    }

    public BooleanProperty playingProperty() {
        return playing;
    }

    /** Play speed in kernel steps per second. */
    public DoubleProperty speedProperty() {
        return speed;
    }

    public StringProperty statusProperty() {
        return status;
    }

    /** The event the last run-until or breakpoint stopped at. */
    public ObjectProperty<TraceEvent> lastHitProperty() {
        return lastHit;
    }

    public ObservableList<Breakpoint> breakpoints() {
        return breakpoints;
    }

    public RecordKeys keys() {
        return keys;
    }

    public RunPlan plan() {
        return plan;
    }

    /** Called on every animation pulse, after the playhead moved: views that animate redraw here. */
    public void addTickListener(Runnable r) {
        tickListeners.add(r);
    }

    public void setErrorHandler(BiConsumer<String, Throwable> handler) {
        this.errorHandler = handler;
    }

    /** True while nothing is loading or moving: tests wait for this. */
    public boolean isIdle() {
        return !inFlight && !loading && pendingTarget < 0;
    }

    /**
     * The virtual time to draw at: the frame's time, and while playing, moving on towards the next step's time
     * as the playhead does, so elements glide along channels between steps.
     */
    public double displayTime() {
        Frame f = frame.get();
        if (f == null) {
            return 0;
        }
        double t = f.time();
        if (playing.get() && f.step() < f.recording().lastStep()) {
            double frac = Math.max(0, Math.min(1, playhead - f.step()));
            t += (f.recording().timeAt(f.step() + 1) - t) * frac;
        }
        return t;
    }

    // ---- commands ----

    /** Opens a scenario as the file says (no interventions), at step 0. */
    public void open(io.streamscope.app.engine.OpenedScenario scenario) {
        load(RunPlan.of(scenario), 0, "opened " + scenario.displayName());
    }

    /**
     * Rewind and fork: applies a change at the current step, discards the recorded future and re-simulates it.
     */
    public void fork(Intervention change) {
        if (plan == null) {
            return;
        }
        load(plan.fork(change), change.atStep(), "changed at step " + change.atStep() + ": " + change.describe());
    }

    /**
     * Takes a savepoint of the run at the current step (or, when none can be taken, uses the newest completed
     * checkpoint) on the engine thread and hands it to {@code then} on the UI thread: the first half of a rescale.
     * Without one the error handler says why and the run stays as it was.
     */
    public void savepointHere(java.util.function.Consumer<io.streamscope.checkpoint.CompletedCheckpoint> then) {
        Frame f = frame.get();
        if (plan == null || f == null || loading) {
            return;
        }
        pause();
        loading = true;
        pendingTarget = -1;
        Progress p = worker.savepoint(plan, f.step(), cp -> {
            loading = false;
            clearLongOperation();
            then.accept(cp);
        }, e -> {
            loading = false;
            clearLongOperation();
            if (e instanceof CancelledException) {
                status.set("savepoint cancelled; still at step " + f.step());
            } else {
                errorHandler.accept("No savepoint to rescale from", e);
            }
        });
        watch(p);
    }

    private void load(RunPlan next, long step, String message) {
        pause();
        stops = new long[0];
        Progress running = longOperation.get();
        if (running != null) {
            running.cancel();
        }
        loading = true;
        pendingTarget = -1;
        Progress p = worker.load(next, step, (rec, f) -> {
            loading = false;
            clearLongOperation();
            plan = next;
            navigator = new Navigator(rec);
            keys = RecordKeys.of(next.scenario());
            playhead = f.step();
            lastHit.set(null);
            // the frame first: whoever reacts to the new recording finds its first frame there
            show(f);
            recording.set(rec);
            status.set(message + " · " + rec.lastStep() + " steps, " + rec.trace().size() + " trace events; "
                    + rec.endReason());
        }, e -> {
            loading = false;
            clearLongOperation();
            if (e instanceof CancelledException) {
                status.set("loading cancelled; still showing " + (plan == null ? "nothing" : plan.scenario()
                        .displayName()));
            } else {
                errorHandler.accept("The scenario cannot run", e);
            }
        });
        watch(p);
    }

    /**
     * Makes playing pause at each of these steps (ascending), with {@code message} on the status line: the lesson
     * player's cues. An empty array removes them. Opening another scenario removes them too.
     */
    public void setStops(long[] steps, String message) {
        this.stops = steps.clone();
        this.stopMessage = message;
    }

    /**
     * What play (the Play button, Space, a lesson's Continue) asks first: when {@code hold} returns true it has
     * shown something at the current step instead, and playing does not start. The lesson player uses it to show
     * each of several cues whose events happen in one step before moving on. Null removes it.
     */
    public void setBeforePlay(java.util.function.BooleanSupplier hold) {
        this.beforePlay = hold;
    }

    /** The first stop after {@code step} (the next lesson cue playing pauses at), or -1 when none is left. */
    public long nextStop(long step) {
        return nextStop(step, Long.MAX_VALUE);
    }

    /** The first stop after {@code step} and at or before {@code limit}, or -1. */
    private long nextStop(long step, long limit) {
        for (long s : stops) {
            if (s > step && s <= limit) {
                return s;
            }
        }
        return -1;
    }

    public void togglePlay() {
        if (playing.get()) {
            pause();
        } else {
            play();
        }
    }

    public void play() {
        Frame f = frame.get();
        if (f == null) {
            return;
        }
        if (!playing.get() && beforePlay != null && beforePlay.getAsBoolean()) {
            return;
        }
        if (f.step() >= f.recording().lastStep()) {
            status.set("at the end of the run; rewind (Home) or step back to play again");
            return;
        }
        playhead = f.step();
        lastPulse = 0;
        playing.set(true);
    }

    public void pause() {
        playing.set(false);
        if (panelFrame.get() != frame.get()) {
            panelFrame.set(frame.get());
        }
    }

    public void stepForward() {
        pause();
        Frame f = frame.get();
        if (f != null) {
            go(target() + 1, null);
        }
    }

    /** Goes back one kernel step: the engine is re-run from the start to there (deterministic replay). */
    public void stepBack() {
        pause();
        Frame f = frame.get();
        if (f != null) {
            go(target() - 1, null);
        }
    }

    public void toStart() {
        pause();
        go(0, null);
    }

    public void toEnd() {
        pause();
        Recording r = recording.get();
        if (r != null) {
            go(r.lastStep(), null);
        }
    }

    /** Moves to any step (the scrubber). */
    public void seek(long step) {
        pause();
        go(step, null);
    }

    /** Goes to the step that produced the next event of this kind; says so when there is none. */
    public void runUntil(StopCondition condition) {
        pause();
        Frame f = frame.get();
        if (f == null || navigator == null) {
            return;
        }
        Navigator.Hit hit = navigator.next(target(), condition.test());
        if (hit == null) {
            status.set("no " + condition.label() + " in the rest of the run (" + recording.get().endReason() + ")");
            return;
        }
        lastHit.set(hit.event());
        go(hit.step(), "stopped at the " + condition.label() + ": " + describe(hit.event(), recording.get()));
    }

    public void cancelLongOperation() {
        Progress p = longOperation.get();
        if (p != null) {
            p.cancel();
        }
    }

    // ---- the engine round trip ----

    /** The step the player is at or moving to. */
    private long target() {
        if (pendingTarget >= 0) {
            return pendingTarget;
        }
        return inFlightTarget >= 0 ? inFlightTarget : frame.get().step();
    }

    private long inFlightTarget = -1;

    private void go(long step, String message) {
        Recording r = recording.get();
        if (r == null || loading) {
            return;
        }
        long t = r.clamp(step);
        messageOnArrival = message;
        playhead = t;
        request(t);
    }

    private void request(long t) {
        if (inFlight) {
            pendingTarget = t;
            return;
        }
        pendingTarget = -1;
        Frame f = frame.get();
        if (f != null && f.step() == t) {
            arrivedMessage(f);
            return;
        }
        inFlight = true;
        inFlightTarget = t;
        Recording r = recording.get();
        Progress p = worker.seek(r, t, this::arrived, e -> {
            inFlight = false;
            inFlightTarget = -1;
            pendingTarget = -1;
            clearLongOperation();
            pause();
            if (e instanceof CancelledException) {
                status.set("cancelled; still at step " + frame.get().step());
            } else {
                errorHandler.accept("The engine failed", e);
            }
        });
        watch(p);
    }

    private void arrived(Frame f) {
        inFlight = false;
        inFlightTarget = -1;
        clearLongOperation();
        if (f.recording() != recording.get()) {
            return;
        }
        show(f);
        if (pendingTarget >= 0) {
            long t = pendingTarget;
            request(t);
            return;
        }
        if (pauseOnArrival) {
            pauseOnArrival = false;
            pause();
        }
        arrivedMessage(f);
    }

    private void show(Frame f) {
        long t0 = System.nanoTime();
        frame.set(f);
        if (!playing.get() || t0 - lastPanelUpdate > PANEL_INTERVAL_NANOS) {
            lastPanelUpdate = t0;
            panelFrame.set(f);
        }
        lastApplyNanos = System.nanoTime() - t0;
    }

    private void arrivedMessage(Frame f) {
        if (messageOnArrival != null) {
            status.set(messageOnArrival);
            messageOnArrival = null;
        } else if (!playing.get()) {
            status.set(stepSummary(f));
        }
    }

    /** What the step just shown did, for the status line. */
    public static String stepSummary(Frame f) {
        Recording r = f.recording();
        int from = f.step() == 0 ? 0 : r.traceCountAt(f.step() - 1);
        int to = f.traceCount();
        String head = "step " + f.step() + " at " + f.time() + " ms";
        if (f.step() == 0) {
            return head + ": deployed, nothing run yet";
        }
        for (int i = from; i < to; i++) {
            TraceEvent e = r.trace().get(i);
            String text = TimeText.describe(e, false, r.processingTimeWindows());
            if (text != null) {
                return head + ": " + e.subtask() + " " + text
                        + (to - from > 1 ? " (+" + (to - from - 1) + " more)" : "");
            }
        }
        if (to > from) {
            TraceEvent e = r.trace().get(from);
            return head + ": " + e.subtask() + " " + TimeText.describe(e, true, r.processingTimeWindows());
        }
        return head + ": no trace event (a subtask took or finished an element; see the inspector)";
    }

    private static String describe(TraceEvent e, Recording r) {
        return e.subtask() + " " + TimeText.describe(e, true, r.processingTimeWindows()) + " (at " + e.time() + " ms)";
    }

    private void watch(Progress p) {
        longOperationSince = System.nanoTime();
        pendingProgress = p;
    }

    private Progress pendingProgress;

    private void clearLongOperation() {
        pendingProgress = null;
        longOperation.set(null);
    }

    private void pulse(long now) {
        double dt = lastPulse == 0 ? 0 : Math.min(0.1, (now - lastPulse) / 1e9);
        lastPulse = now;
        // a request running for more than a moment gets a progress bar and a cancel button
        if (pendingProgress != null && longOperation.get() == null && now - longOperationSince > 250_000_000L) {
            longOperation.set(pendingProgress);
        }
        Frame f = frame.get();
        if (playing.get() && f != null && !loading) {
            advancePlayhead(f, dt);
        }
        if (f != null && panelFrame.get() != f && now - lastPanelUpdate > PANEL_INTERVAL_NANOS) {
            lastPanelUpdate = now;
            panelFrame.set(f);
        }
        for (Runnable r : tickListeners) {
            r.run();
        }
    }

    private void advancePlayhead(Frame f, double dt) {
        Recording r = f.recording();
        double sp = Math.max(MIN_SPEED, Math.min(MAX_SPEED, speed.get()));
        // the playhead may run ahead of the engine by a quarter second of play at most, so a slow engine makes
        // playback slower rather than jumpy
        playhead = Math.min(playhead + dt * sp, f.step() + Math.max(1.0, sp * 0.25));
        if (inFlight) {
            return;
        }
        long desired = Math.min((long) Math.floor(playhead), r.lastStep());
        if (desired <= f.step()) {
            return;
        }
        Navigator.Hit hit = navigator.nextBreak(f.step(), desired, breakpoints, keys);
        long stop = nextStop(f.step(), desired);
        if (stop >= 0 && (hit == null || stop <= hit.step())) {
            desired = stop;
            messageOnArrival = stopMessage;
            pauseOnArrival = true;
        } else if (hit != null) {
            desired = hit.step();
            lastHit.set(hit.event());
            messageOnArrival = "breakpoint: " + describe(hit.event(), r);
            pauseOnArrival = true;
        } else if (desired >= r.lastStep()) {
            messageOnArrival = "end of the run: " + r.endReason();
            pauseOnArrival = true;
        }
        request(desired);
    }
}
