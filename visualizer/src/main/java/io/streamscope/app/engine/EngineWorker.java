package io.streamscope.app.engine;

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

    @Override
    public void close() {
        thread.shutdownNow();
    }
}
