package io.streamscope.window;

import java.time.Duration;

/** Flink-named factory for event-time session windows. */
public final class EventTimeSessionWindows {
    private EventTimeSessionWindows() {
    }

    public static WindowAssigner.Session withGap(Duration gap) {
        return new WindowAssigner.Session(gap.toMillis(), true);
    }
}
