package io.streamscope.app.engine;

import io.streamscope.view.EngineView;

/**
 * What the views draw: the engine's immutable picture after {@code step} kernel steps of a recording. The
 * recording travels along so that a frame of a scenario that was replaced meanwhile is recognised and dropped.
 */
public record Frame(Recording recording, long step, EngineView view) {
    /** The number of trace events that exist at this step. */
    public int traceCount() {
        return recording.traceCountAt(step);
    }

    /** The virtual time of this step. */
    public long time() {
        return recording.timeAt(step);
    }
}
