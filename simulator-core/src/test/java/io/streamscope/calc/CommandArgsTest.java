package io.streamscope.calc;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

class CommandArgsTest {
    @Test
    void parsesUnitsAndBareMilliseconds() {
        assertThat(CommandArgs.duration("--x", "1500ms")).isEqualTo(1500);
        assertThat(CommandArgs.duration("--x", "30s")).isEqualTo(30_000);
        assertThat(CommandArgs.duration("--x", "5m")).isEqualTo(300_000);
        assertThat(CommandArgs.duration("--x", "5min")).isEqualTo(300_000);
        assertThat(CommandArgs.duration("--x", "2h")).isEqualTo(7_200_000);
        assertThat(CommandArgs.duration("--x", "1d")).isEqualTo(86_400_000);
        assertThat(CommandArgs.duration("--x", "250")).isEqualTo(250);
        assertThat(CommandArgs.duration("--x", "0")).isZero();
    }

    @Test
    void acceptsTheScenarioFormsAndRejectsNegativesAndOverflow() {
        assertThat(CommandArgs.duration("--x", "1.5s")).isEqualTo(1500);
        assertThat(CommandArgs.duration("--x", "1m 30s")).isEqualTo(90_000);
        assertThatThrownBy(() -> CommandArgs.duration("--x", "5x")).isInstanceOf(CommandLineException.class)
                .hasMessageStartingWith("--x: '5x' is not a duration");
        assertThatThrownBy(() -> CommandArgs.duration("--x", "-1s")).isInstanceOf(CommandLineException.class);
        assertThatThrownBy(() -> CommandArgs.duration("--x", "99999999999999999d"))
                .isInstanceOf(CommandLineException.class).hasMessageStartingWith("--x: '99999999999999999d'");
    }

    @Test
    void optionsFlagsAndMistakes() {
        CommandArgs a = CommandArgs.parse("c", List.of("--n", "5", "--f", "--d=2s", "pos"), Set.of("--n", "--d"),
                Set.of("--f"));
        assertThat(a.getLong("--n", 0, 0, 10)).isEqualTo(5);
        assertThat(a.has("--f")).isTrue();
        assertThat(a.getDuration("--d", 0)).isEqualTo(2000);
        assertThat(a.positionals()).containsExactly("pos");
        assertThatThrownBy(() -> CommandArgs.parse("c", List.of("--zz"), Set.of(), Set.of()))
                .hasMessage("c: unknown option '--zz'");
        assertThatThrownBy(() -> CommandArgs.parse("c", List.of("--n"), Set.of("--n"), Set.of()))
                .hasMessage("--n needs a value");
        assertThatThrownBy(() -> CommandArgs.parse("c", List.of("--f", "--f"), Set.of(), Set.of("--f")))
                .hasMessage("--f is given twice");
        assertThat(CommandLineException.inInput("x").aboutInput()).isTrue();
        assertThat(new CommandLineException("x").aboutInput()).isFalse();
    }
}
