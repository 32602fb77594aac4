package io.streamscope.text;

import static org.assertj.core.api.Assertions.assertThat;

import io.streamscope.trace.TraceEvent;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Event times read as clock times when they are a day's timestamps, and stay numbers otherwise. */
class TimeTextTest {
    @Test
    void clockTimesForADaysTimestamps() {
        assertThat(TimeText.of(36_120_000)).isEqualTo("10:02");
        assertThat(TimeText.of(36_030_000)).isEqualTo("10:00:30");
        assertThat(TimeText.of(36_419_999)).isEqualTo("10:06:59.999");
        assertThat(TimeText.of(4999)).isEqualTo("4999");
        assertThat(TimeText.of(Long.MIN_VALUE)).isEqualTo("MIN");
        assertThat(TimeText.of(Long.MAX_VALUE)).isEqualTo("MAX");
    }

    @Test
    void sentencesKeepRecordsAsTheyAre() {
        assertThat(TimeText.readableSentence("window [36060000, 36360000) key \"bob\" fired on-time"))
                .isEqualTo("window [10:01, 10:06) key \"bob\" fired on-time");
        assertThat(TimeText.readableSentence("late record {\"timestamp\":36030000} (timestamp 36030000, watermark"
                + " 36419999)")).isEqualTo("late record {\"timestamp\":36030000} (timestamp 10:00:30, watermark"
                + " 10:06:59.999)");
        assertThat(TimeText.readableSentence("window [0, 5000) fired")).isEqualTo("window [0, 5000) fired");
    }

    @Test
    void eventTimeTimersAndElementsReadAsClockTimes() {
        assertThat(TimeText.readableSentence("event-time timer registered for 36059999 key \"bob\" window"
                + " [36000000, 36060000)")).isEqualTo("event-time timer registered for 10:00:59.999 key \"bob\""
                + " window [10:00, 10:01)");
        assertThat(TimeText.readableSentence("sent on a->b: record {\"ts\":36060000} @36060000"))
                .isEqualTo("sent on a->b: record {\"ts\":36060000} @10:01");
        assertThat(TimeText.readableSentence("watermark 36069999")).isEqualTo("watermark 10:01:09.999");
        // a source split's generator state: the largest timestamp is event time, the bound is a duration
        assertThat(TimeText.readableSentence("maxTimestamp=36010000 outOfOrderness=3600000"))
                .isEqualTo("maxTimestamp=10:00:10 outOfOrderness=3600000");
    }

    @Test
    void processingTimeStaysInMilliseconds() {
        // virtual processing time past the first hour is still milliseconds since the start, not 01:00
        String timer = "processing-time timer 3600999 fired for key \"all\" window [3600000, 3601000)";
        assertThat(TimeText.readableSentence(timer)).isEqualTo(timer);
    }

    @Test
    void aProcessingTimeWindowsFiringKeepsItsBoundsInMillisecondsAnEventTimeOneReadsAsClockTimes() {
        // the same window bounds [3600000, 3601000): once fired by a processing-time timer (virtual ms since the
        // start, an hour into the run), once by an event-time timer (01:00 of event time)
        TraceEvent ptTimer = new TraceEvent.TimerFired(0, 3_601_000, "w[0]", -1, "w", "\"all\"", 3_600_999,
                "processing-time", "[3600000, 3601000)");
        TraceEvent ptFired = new TraceEvent.WindowFired(1, 3_601_000, "w[0]", 0, "w", "\"all\"", 3_600_000,
                3_601_000, "{\"count\":1}", "on-time");
        TraceEvent ptCleared = new TraceEvent.WindowCleared(2, 3_601_000, "w[0]", 1, "w", "\"all\"", 3_600_000,
                3_601_000);
        TraceEvent etTimer = new TraceEvent.TimerFired(3, 3_602_000, "w[0]", -1, "w", "\"all\"", 3_600_999,
                "event-time", "[3600000, 3601000)");
        TraceEvent etFired = new TraceEvent.WindowFired(4, 3_602_000, "w[0]", 3, "w", "\"all\"", 3_600_000,
                3_601_000, "{\"count\":1}", "on-time");
        ProcessingTimeWindows pt = new ProcessingTimeWindows(List.of(ptTimer, ptFired, ptCleared, etTimer, etFired));

        assertThat(TimeText.describe(ptFired, false, pt)).contains("[3600000, 3601000)").doesNotContain("01:00");
        assertThat(TimeText.describe(ptCleared, false, pt)).contains("[3600000, 3601000)");
        assertThat(TimeText.describe(etFired, false, pt)).contains("[01:00, 01:00:01)");
        // without the trace's causes the bounds would be taken for event time
        assertThat(TimeText.describe(ptFired, false)).contains("[01:00, 01:00:01)");
    }
}
