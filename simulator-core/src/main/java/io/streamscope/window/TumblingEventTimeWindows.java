package io.streamscope.window;

import java.time.Duration;

/** Flink-named factory for event-time tumbling windows. */
public final class TumblingEventTimeWindows {
    private TumblingEventTimeWindows() {
    }

    public static WindowAssigner.Tumbling of(Duration size) {
        return new WindowAssigner.Tumbling(size.toMillis(), 0, true);
    }

    public static WindowAssigner.Tumbling of(Duration size, Duration offset) {
        return new WindowAssigner.Tumbling(size.toMillis(), offset.toMillis(), true);
    }
}
