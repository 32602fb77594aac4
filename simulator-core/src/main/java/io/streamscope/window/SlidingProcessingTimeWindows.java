package io.streamscope.window;

import java.time.Duration;

/** Flink-named factory for processing-time sliding windows (on the virtual clock). */
public final class SlidingProcessingTimeWindows {
    private SlidingProcessingTimeWindows() {
    }

    public static WindowAssigner.Sliding of(Duration size, Duration slide) {
        return new WindowAssigner.Sliding(size.toMillis(), slide.toMillis(), 0, false);
    }
}
