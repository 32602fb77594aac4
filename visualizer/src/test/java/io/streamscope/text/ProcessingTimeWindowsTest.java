package io.streamscope.text;

import static org.assertj.core.api.Assertions.assertThat;

import io.streamscope.trace.TraceEvent;
import java.util.List;
import org.junit.jupiter.api.Test;

class ProcessingTimeWindowsTest {
    @Test
    void aWindowsProcessingTimeTimerRegistrationBelongsToAProcessingTimeWindowAnEventTimeOneOrAKeyedTimerDoesNot() {
        // a processing-time window registers a processing-time timer for its namespace (the window); an event-time
        // window an event-time timer; a process function's timer has no window namespace
        TraceEvent pt = new TraceEvent.TimerRegistered(0, 10, "w[0]", -1, "w", "\"a\"", 999, "processing-time",
                "[0, 1000)");
        TraceEvent et = new TraceEvent.TimerRegistered(1, 10, "e[0]", -1, "e", "\"a\"", 999, "event-time",
                "[0, 1000)");
        TraceEvent keyed = new TraceEvent.TimerRegistered(2, 10, "p[0]", -1, "p", "\"a\"", 999, "processing-time",
                null);
        ProcessingTimeWindows windows = new ProcessingTimeWindows(List.of(pt, et, keyed));

        assertThat(windows.contains(pt)).isTrue();
        assertThat(windows.contains(et)).isFalse();
        assertThat(windows.contains(keyed)).isFalse();
    }
}
