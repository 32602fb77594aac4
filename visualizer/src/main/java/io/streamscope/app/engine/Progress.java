package io.streamscope.app.engine;

/**
 * The progress of a long operation on the engine thread (a load, a seek across a big run), read by the UI on its
 * own frame clock rather than pushed, so a fast loop never floods the UI thread; and the user's cancel request.
 */
public final class Progress {
    private final String label;
    private volatile double fraction;
    private volatile boolean cancelled;
    private volatile boolean done;

    public Progress(String label) {
        this.label = label;
    }

    public String label() {
        return label;
    }

    /** 0..1, or -1 when the total is unknown. */
    public double fraction() {
        return fraction;
    }

    void set(double f) {
        fraction = f;
    }

    public void cancel() {
        cancelled = true;
    }

    public boolean isCancelled() {
        return cancelled;
    }

    void finish() {
        done = true;
    }

    public boolean isDone() {
        return done;
    }
}
