package io.streamscope.trace;

/** Receives trace events as the engine produces them. */
@FunctionalInterface
public interface TraceListener {
    void onEvent(TraceEvent event);
}
