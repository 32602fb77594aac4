package io.streamscope.app.engine;

import io.streamscope.checkpoint.CompletedCheckpoint;
import io.streamscope.sim.Simulation;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executor;
import java.util.concurrent.Executors;
import java.util.function.BiConsumer;
import java.util.function.Consumer;

/**
 * The one thread that runs the engine. The UI hands it requests (record a plan, move to a step) and gets
 * immutable results back through {@code ui} (Platform.runLater in the app), so the UI thread never waits for the
 * engine. Requests run in order; a long one can be cancelled through the {@link Progress} it returns.
 */
public final class EngineWorker implements AutoCloseable {
    private final ExecutorService thread;
    private final Executor ui;
    private Cursor cursor;
    private Recording cursorRecording;

    public EngineWorker(Executor ui) {
        this.ui = ui;
        this.thread = Executors.newSingleThreadExecutor(r -> {
            Thread t = new Thread(r, "streamscope-engine");
            t.setDaemon(true);
            return t;
        });
    }

    /**
     * Records a plan, then moves a fresh cursor to {@code step} (clamped to the run). {@code done} gets the
     * recording and the frame; {@code failed} gets a {@link CancelledException} or what the engine threw.
     */
    public Progress load(RunPlan plan, long step, BiConsumer<Recording, Frame> done, Consumer<Throwable> failed) {
        Progress p = new Progress("simulating " + plan.scenario().displayName());
        thread.execute(() -> {
            try {
                Recording rec = Recorder.record(plan, p);
                Cursor c = new Cursor(plan);
                c.seek(rec.clamp(step), p);
                Frame f = new Frame(rec, c.step(), c.simulation().view());
                cursor = c;
                cursorRecording = rec;
                p.finish();
                ui.execute(() -> done.accept(rec, f));
            } catch (RuntimeException | Error e) {
                p.finish();
                ui.execute(() -> failed.accept(e));
            }
        });
        return p;
    }

    /** Moves to {@code step} of {@code recording} and hands back its frame. */
    public Progress seek(Recording recording, long step, Consumer<Frame> done, Consumer<Throwable> failed) {
        Progress p = new Progress("moving to step " + step);
        thread.execute(() -> {
            try {
                if (cursorRecording != recording) {
                    throw new IllegalStateException("the engine holds another run");
                }
                cursor.seek(recording.clamp(step), p);
                Frame f = new Frame(recording, cursor.step(), cursor.simulation().view());
                p.finish();
                ui.execute(() -> done.accept(f));
            } catch (RuntimeException | Error e) {
                p.finish();
                ui.execute(() -> failed.accept(e));
            }
        });
        return p;
    }

    /** How long (virtual time) a savepoint taken for a rescale may take to complete before the newest one is used. */
    public static final long SAVEPOINT_TIMEOUT_MS = 60_000;

    /**
     * Takes a savepoint of {@code plan} at {@code step}: a fresh simulation is moved there, triggers one and runs on
     * until it completes. When none can be taken (the job has finished, or it does not complete in
     * {@link #SAVEPOINT_TIMEOUT_MS}) {@code done} gets the newest completed checkpoint instead;
     * {@code failed} gets an {@link IllegalStateException} when there is neither (checkpointing is off).
     * The engine's cursor is left as it was.
     */
    public Progress savepoint(RunPlan plan, long step, Consumer<CompletedCheckpoint> done,
                              Consumer<Throwable> failed) {
        Progress p = new Progress("taking a savepoint at step " + step);
        thread.execute(() -> {
            try {
                Cursor c = new Cursor(plan);
                c.seek(step, p);
                Simulation sim = c.simulation();
                CompletedCheckpoint before = sim.latestCompletedCheckpoint();
                CompletedCheckpoint taken = null;
                try {
                    sim.triggerSavepoint();
                    long limit = sim.now() + SAVEPOINT_TIMEOUT_MS;
                    while (sim.now() <= limit && sim.step()) {
                        CompletedCheckpoint latest = sim.latestCompletedCheckpoint();
                        if (latest != null && latest != before && latest.savepoint()) {
                            taken = latest;
                            break;
                        }
                    }
                } catch (IllegalStateException e) {
                    if (before == null) {
                        throw e;
                    }
                }
                CompletedCheckpoint result = taken != null ? taken : sim.latestCompletedCheckpoint();
                if (result == null) {
                    throw new IllegalStateException("no savepoint could be taken at step " + step
                            + " and no checkpoint has completed yet");
                }
                p.finish();
                ui.execute(() -> done.accept(result));
            } catch (RuntimeException | Error e) {
                p.finish();
                ui.execute(() -> failed.accept(e));
            }
        });
        return p;
    }

    @Override
    public void close() {
        thread.shutdownNow();
    }
}
