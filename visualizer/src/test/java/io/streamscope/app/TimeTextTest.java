package io.streamscope.app;

import static org.assertj.core.api.Assertions.assertThat;

import io.streamscope.app.view.TimeText;
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
}
