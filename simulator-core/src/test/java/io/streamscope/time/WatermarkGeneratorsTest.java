package io.streamscope.time;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Flink's BoundedOutOfOrdernessWatermarks, WatermarksWithIdleness.IdlenessTimer and WatermarkOutputMultiplexer. */
class WatermarkGeneratorsTest {

    /** Collects emitted watermarks and idleness calls. */
    private static final class Collect implements WatermarkOutput {
        final List<Object> seen = new ArrayList<>();

        @Override
        public void emitWatermark(long watermark) {
            seen.add(watermark);
        }

        @Override
        public void markIdle() {
            seen.add("idle");
        }

        @Override
        public void markActive() {
            seen.add("active");
        }
    }

    @Test
    void boundedOutOfOrdernessIsMaxTimestampMinusBoundMinusOne() {
        BoundedOutOfOrdernessWatermarks<Object> g = new BoundedOutOfOrdernessWatermarks<>(3000);
        Collect out = new Collect();
        // before any event the watermark is Long.MIN_VALUE (Flink starts maxTimestamp at MIN + bound + 1)
        g.onPeriodicEmit(out);
        assertThat(out.seen).containsExactly(Long.MIN_VALUE);
        g.onEvent("x", 10_000, out);
        g.onEvent("x", 7_000, out); // out of order: the max stays 10_000
        assertThat(out.seen).hasSize(1); // onEvent emits nothing
        g.onPeriodicEmit(out);
        assertThat(out.seen.get(1)).isEqualTo(10_000L - 3000 - 1);
        g.onEvent("x", 12_000, out);
        g.onPeriodicEmit(out);
        assertThat(out.seen.get(2)).isEqualTo(8_999L);
    }

    @Test
    void monotonousTimestampsAreBoundZero() {
        BoundedOutOfOrdernessWatermarks<Object> g = new BoundedOutOfOrdernessWatermarks<>(0);
        Collect out = new Collect();
        g.onPeriodicEmit(out);
        g.onEvent("x", 5, out);
        g.onPeriodicEmit(out);
        assertThat(out.seen).containsExactly(Long.MIN_VALUE, 4L); // Flink: maxTimestamp - 0 - 1
        assertThatThrownBy(() -> new BoundedOutOfOrdernessWatermarks<>(-1))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void idlenessTimerStartsAtTheFirstQuietCheckAndNeedsStrictlyMoreThanTheTimeout() {
        // WatermarksWithIdleness.IdlenessTimer: the countdown starts at the first check that saw no activity;
        // idle once (now - start) > timeout, strictly
        IdlenessTimer t = new IdlenessTimer(1000);
        assertThat(t.checkIfIdle(200)).isFalse();  // first quiet check: countdown starts at 200
        assertThat(t.checkIfIdle(400)).isFalse();
        assertThat(t.checkIfIdle(1200)).isFalse(); // 1000 elapsed: not more than the timeout
        assertThat(t.checkIfIdle(1201)).isTrue();  // 1001 > 1000
        t.activity();
        assertThat(t.checkIfIdle(1400)).isFalse(); // activity since last check: timer reset
        assertThat(t.checkIfIdle(1600)).isFalse(); // countdown restarts here
        assertThat(t.checkIfIdle(2600)).isFalse();
        assertThat(t.checkIfIdle(2800)).isTrue();
    }

    @Test
    void splitMultiplexerTakesTheMinimumOverActiveSplits() {
        SplitWatermarkMultiplexer m = new SplitWatermarkMultiplexer(2);
        List<Object> out = new ArrayList<>();
        StatusWatermarkValve.Output o = new StatusWatermarkValve.Output() {
            @Override
            public void emitWatermark(long watermark) {
                out.add(watermark);
            }

            @Override
            public void emitWatermarkStatus(boolean idle) {
                out.add(idle ? "IDLE" : "ACTIVE");
            }
        };
        m.splitOutput(0).emitWatermark(100);
        m.update(o);
        assertThat(out).isEmpty(); // split 1 still at MIN
        m.splitOutput(1).emitWatermark(50);
        m.update(o);
        assertThat(out).containsExactly(50L);
        m.splitOutput(1).markIdle();
        m.update(o);
        assertThat(out).containsExactly(50L, 100L); // an idle split no longer holds the watermark back
        m.splitOutput(0).markIdle();
        m.update(o);
        assertThat(out).containsExactly(50L, 100L, "IDLE"); // all idle: the subtask's output is idle
        assertThat(m.isOutputIdle()).isTrue();
        // WatermarkOutputMultiplexer + WatermarkToDataOutput: a split that becomes active again without
        // advancing the combined watermark does not make the output active; ACTIVE goes out together with the
        // next watermark that advances
        m.splitOutput(1).emitWatermark(60);
        m.update(o);
        assertThat(out).containsExactly(50L, 100L, "IDLE");
        m.splitOutput(1).emitWatermark(150);
        m.update(o);
        assertThat(out).containsExactly(50L, 100L, "IDLE", "ACTIVE", 150L);
        assertThat(m.isOutputIdle()).isFalse();
    }

    @Test
    void everySplitIdleFlushesToTheHighestSplitWatermarkBeforeIdle() {
        // Flink 2.3's CombinedWatermarkStatus: with every partial output idle the combined watermark is the
        // maximum over them; WatermarkOutputMultiplexer emits it, then marks the output idle
        SplitWatermarkMultiplexer m = new SplitWatermarkMultiplexer(2);
        List<Object> out = new ArrayList<>();
        StatusWatermarkValve.Output o = new StatusWatermarkValve.Output() {
            @Override
            public void emitWatermark(long watermark) {
                out.add(watermark);
            }

            @Override
            public void emitWatermarkStatus(boolean idle) {
                out.add(idle ? "IDLE" : "ACTIVE");
            }
        };
        m.splitOutput(0).emitWatermark(100);
        m.splitOutput(1).emitWatermark(50);
        m.update(o);
        m.splitOutput(0).markIdle();
        m.update(o);
        assertThat(out).containsExactly(50L); // split 0 idle at 100: the active split 1 holds it at 50
        m.splitOutput(1).markIdle();
        m.update(o);
        assertThat(out).containsExactly(50L, 100L, "IDLE");
        assertThat(m.combinedWatermark()).isEqualTo(100);
    }
}
