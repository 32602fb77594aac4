package io.streamscope.app.view;

import static org.assertj.core.api.Assertions.assertThat;

import io.streamscope.app.engine.RecordKeys;
import io.streamscope.text.ProcessingTimeWindows;
import io.streamscope.trace.TraceEvent;
import java.util.List;
import org.junit.jupiter.api.Test;

/** A lane's window labels write event-time bounds as clock times and processing-time bounds as milliseconds. */
class LaneViewLabelTest {
    @Test
    void aProcessingTimeWindowAnHourIntoTheRunKeepsItsBoundsInMilliseconds() {
        // [3600000, 3601000): once a processing-time window (fired by a processing-time timer an hour into the
        // run), once an event-time window of 01:00 .. 01:00:01 of event time
        TraceEvent ptTimer = new TraceEvent.TimerFired(0, 3_601_000, "w[0]", -1, "w", "\"a\"", 3_600_999,
                "processing-time", "[3600000, 3601000)");
        TraceEvent ptFired = new TraceEvent.WindowFired(1, 3_601_000, "w[0]", 0, "w", "\"a\"", 3_600_000,
                3_601_000, "{\"count\":1}", "on-time");
        TraceEvent ptCleared = new TraceEvent.WindowCleared(2, 3_601_000, "w[0]", 1, "w", "\"a\"", 3_600_000,
                3_601_000);
        TraceEvent etTimer = new TraceEvent.TimerFired(3, 3_602_000, "e[0]", -1, "e", "\"a\"", 3_600_999,
                "event-time", "[3600000, 3601000)");
        TraceEvent etFired = new TraceEvent.WindowFired(4, 3_602_000, "e[0]", 3, "e", "\"a\"", 3_600_000,
                3_601_000, "{\"count\":1}", "on-time");
        ProcessingTimeWindows pt = new ProcessingTimeWindows(List.of(ptTimer, ptFired, ptCleared, etTimer, etFired));
        RecordKeys keys = new RecordKeys(List.of());

        assertThat(LaneView.label(ptFired, keys, pt)).isEqualTo("fire [3600000,3601000) a");
        assertThat(LaneView.label(ptCleared, keys, pt)).isEqualTo("clear [3600000,3601000)");
        assertThat(LaneView.label(etFired, keys, pt)).isEqualTo("fire [01:00,01:00:01) a");
    }
}
