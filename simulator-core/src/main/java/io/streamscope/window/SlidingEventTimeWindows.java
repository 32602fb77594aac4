package io.streamscope.window;

import java.time.Duration;

/** Flink-named factory for event-time sliding windows. */
public final class SlidingEventTimeWindows {
    private SlidingEventTimeWindows() {
    }

    public static WindowAssigner.Sliding of(Duration size, Duration slide) {
        return new WindowAssigner.Sliding(size.toMillis(), slide.toMillis(), 0, true);
    }
}
