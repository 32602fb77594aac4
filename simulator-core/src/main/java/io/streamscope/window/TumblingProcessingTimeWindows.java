package io.streamscope.window;

import java.time.Duration;

/** Flink-named factory for processing-time tumbling windows (on the virtual clock). */
public final class TumblingProcessingTimeWindows {
    private TumblingProcessingTimeWindows() {
    }

    public static WindowAssigner.Tumbling of(Duration size) {
        return new WindowAssigner.Tumbling(size.toMillis(), 0, false);
    }
}
