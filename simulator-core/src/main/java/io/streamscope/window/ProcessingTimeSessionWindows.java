package io.streamscope.window;

import java.time.Duration;

/** Flink-named factory for processing-time session windows (on the virtual clock). */
public final class ProcessingTimeSessionWindows {
    private ProcessingTimeSessionWindows() {
    }

    public static WindowAssigner.Session withGap(Duration gap) {
        return new WindowAssigner.Session(gap.toMillis(), false);
    }
}
