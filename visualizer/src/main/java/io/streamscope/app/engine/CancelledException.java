package io.streamscope.app.engine;

/** A long operation stopped because the user cancelled it; whatever it was replacing stays. */
public final class CancelledException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    public CancelledException() {
        super("cancelled", null, false, false);
    }
}
