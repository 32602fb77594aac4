package io.streamscope.bench;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** The warm-up's bookkeeping: it never exceeds its run limit, sums the runs' own times, and says how it ended. */
class JitWarmUpTest {
    @Test
    void stopsAtTheLimitAndAddsUpTheRunsTimes() {
        int[] calls = {0};
        JitWarmUp.Outcome o = JitWarmUp.run(3, () -> {
            calls[0]++;
            return 2_000_000_000L;
        });
        assertThat(o.runs()).isEqualTo(calls[0]).isBetween(1, 3);
        assertThat(o.nanos()).isEqualTo(2_000_000_000L * o.runs());
        // a run that claims 2 s and does nothing keeps the compiler busy for far under 5% of that
        assertThat(o.quiet()).isTrue();
    }

    @Test
    void saysHowManyRunsAndWhetherTheCompilerFellQuiet() {
        assertThat(new JitWarmUp.Outcome(1, 5, true).describe("run"))
                .isEqualTo("1 run; the JIT compiler was nearly idle in the last");
        assertThat(new JitWarmUp.Outcome(6, 5, false).describe("round")).isEqualTo("6 rounds; the most it does");
    }
}
