package io.streamscope.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class DurationsTest {
    @Test
    void parsesUnitsAndBareMilliseconds() {
        assertThat(Durations.parse("--x", "1500ms")).isEqualTo(1500);
        assertThat(Durations.parse("--x", "30s")).isEqualTo(30_000);
        assertThat(Durations.parse("--x", "5m")).isEqualTo(300_000);
        assertThat(Durations.parse("--x", "5min")).isEqualTo(300_000);
        assertThat(Durations.parse("--x", "2h")).isEqualTo(7_200_000);
        assertThat(Durations.parse("--x", "1d")).isEqualTo(86_400_000);
        assertThat(Durations.parse("--x", "250")).isEqualTo(250);
        assertThat(Durations.parse("--x", "0")).isZero();
    }

    @Test
    void acceptsTheScenarioFormsAndRejectsNegativesAndOverflow() {
        assertThat(Durations.parse("--x", "1.5s")).isEqualTo(1500);
        assertThat(Durations.parse("--x", "1m 30s")).isEqualTo(90_000);
        assertThatThrownBy(() -> Durations.parse("--x", "5x")).isInstanceOf(UsageException.class)
                .hasMessageStartingWith("--x: '5x' is not a duration");
        assertThatThrownBy(() -> Durations.parse("--x", "-1s")).isInstanceOf(UsageException.class);
        assertThatThrownBy(() -> Durations.parse("--x", "99999999999999999d")).isInstanceOf(UsageException.class)
                .hasMessageStartingWith("--x: '99999999999999999d'");
    }
}
