package io.streamscope.scenario;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class DurationsTest {
    @ParameterizedTest
    @CsvSource({
        "0ms, 0", "200ms, 200", "5s, 5000", "1.5s, 1500", "30min, 1800000", "1m, 60000", "2h, 7200000",
        "1d, 86400000", "1h30min, 5400000", "'1m 30s', 90000", "'5 s', 5000", "10 seconds, 10000",
        "2 minutes, 120000", "0.25s, 250", "' 5s ', 5000"
    })
    void parsesDurations(String text, long millis) {
        assertThat(Durations.parse(text)).isEqualTo(millis);
    }

    @Test
    void mMeansMinutesNotMilliseconds() {
        assertThat(Durations.parse("1m")).isEqualTo(Durations.parse("1min")).isEqualTo(60_000);
    }

    @ParameterizedTest
    @ValueSource(strings = {"5x", "", "s", "5", "-1s", "0.5ms", "5S", "1.s", "5s5", "five seconds", "1e3ms"})
    void refusesWhatIsNotADuration(String text) {
        assertThatThrownBy(() -> Durations.parse(text)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageStartingWith(Durations.EXPECTED);
    }

    @Test
    void errorsSayWhatWasExpectedAndWhatWasGiven() {
        assertThatThrownBy(() -> Durations.parse("5x")).hasMessage(
                "expected a duration such as \"5s\", \"200ms\", \"30min\" or a number of milliseconds, got \"5x\""
                        + " (unknown unit \"x\"; units are ms, s, m or min, h, d)");
        assertThatThrownBy(() -> Durations.parse("500")).hasMessageContaining("a string needs a unit");
        assertThatThrownBy(() -> Durations.parse("0.5ms")).hasMessageContaining("not a whole number of milliseconds");
        assertThatThrownBy(() -> Durations.parse("-1s")).hasMessageContaining("cannot be negative");
        assertThatThrownBy(() -> Durations.parse("99999999999999999d")).hasMessageContaining("too large");
    }

    @ParameterizedTest
    @CsvSource({
        "10:02, 36120000", "00:00, 0", "9:05, 32700000", "10:02:30, 36150000", "10:02:30.250, 36150250",
        "10:02:30.5, 36150500", "23:59:59.999, 86399999"
    })
    void parsesClockTimes(String text, long millis) {
        assertThat(Durations.isClock(text)).isTrue();
        assertThat(Durations.parseClock(text)).isEqualTo(millis);
    }

    @ParameterizedTest
    @ValueSource(strings = {"24:00", "10:60", "10:2", "10:02:61", "10:02:30.1234", "ten:02"})
    void refusesWhatIsNotAClockTime(String text) {
        assertThatThrownBy(() -> Durations.parseClock(text)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageStartingWith("expected a clock time such as \"10:02\"");
    }

    @ParameterizedTest
    @CsvSource({"0, 0ms", "5000, 5s", "1500, 1s500ms", "90000, 1min30s", "5400000, 1h30min", "86400000, 1d",
        "-2000, -2s"})
    void formatsExactly(long millis, String text) {
        assertThat(Durations.format(millis)).isEqualTo(text);
        if (millis >= 0) {
            assertThat(Durations.parse(text)).isEqualTo(millis);
        }
    }
}
