package io.streamscope.time;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayDeque;
import java.util.Queue;
import org.junit.jupiter.api.Test;

/**
 * The valve's scenarios and expected outputs are those of Flink's StatusWatermarkValveTest (same inputs, same
 * expected watermarks and statuses, and the same "nothing else was emitted" checks).
 */
class StatusWatermarkValveTest {
    private static final String IDLE = "IDLE";
    private static final String ACTIVE = "ACTIVE";

    /** Records what the valve forwards: a Long for a watermark, IDLE / ACTIVE for a status. */
    private static final class Out implements StatusWatermarkValve.Output {
        final Queue<Object> seen = new ArrayDeque<>();

        @Override
        public void emitWatermark(long watermark) {
            seen.add(watermark);
        }

        @Override
        public void emitWatermarkStatus(boolean idle) {
            seen.add(idle ? IDLE : ACTIVE);
        }

        Object pop() {
            return seen.poll();
        }
    }

    @Test
    void singleInputIncreasingWatermarks() {
        Out out = new Out();
        StatusWatermarkValve valve = new StatusWatermarkValve(1);
        valve.inputWatermark(0, 0, out);
        assertThat(out.pop()).isEqualTo(0L);
        assertThat(out.pop()).isNull();
        valve.inputWatermark(25, 0, out);
        assertThat(out.pop()).isEqualTo(25L);
        assertThat(out.pop()).isNull();
    }

    @Test
    void singleInputDecreasingWatermarksYieldNoOutput() {
        Out out = new Out();
        StatusWatermarkValve valve = new StatusWatermarkValve(1);
        valve.inputWatermark(25, 0, out);
        assertThat(out.pop()).isEqualTo(25L);
        valve.inputWatermark(18, 0, out);
        assertThat(out.pop()).isNull();
        valve.inputWatermark(42, 0, out);
        assertThat(out.pop()).isEqualTo(42L);
        assertThat(out.pop()).isNull();
    }

    @Test
    void singleInputStatusToggling() {
        Out out = new Out();
        StatusWatermarkValve valve = new StatusWatermarkValve(1);
        valve.inputWatermarkStatus(false, 0, out); // channels start ACTIVE: no change, no output
        assertThat(out.pop()).isNull();
        valve.inputWatermarkStatus(true, 0, out);
        assertThat(out.pop()).isEqualTo(IDLE);
        valve.inputWatermarkStatus(true, 0, out);
        assertThat(out.pop()).isNull();
        valve.inputWatermarkStatus(false, 0, out);
        assertThat(out.pop()).isEqualTo(ACTIVE);
        assertThat(out.pop()).isNull();
    }

    @Test
    void singleInputWatermarkIntactWhileIdle() {
        Out out = new Out();
        StatusWatermarkValve valve = new StatusWatermarkValve(1);
        valve.inputWatermark(25, 0, out);
        assertThat(out.pop()).isEqualTo(25L);
        valve.inputWatermarkStatus(true, 0, out);
        assertThat(out.pop()).isEqualTo(IDLE);
        valve.inputWatermark(50, 0, out); // ignored while idle
        assertThat(out.pop()).isNull();
        assertThat(valve.channelWatermark(0)).isEqualTo(25);
        valve.inputWatermarkStatus(false, 0, out);
        assertThat(out.pop()).isEqualTo(ACTIVE);
        assertThat(out.pop()).isNull();
        valve.inputWatermark(50, 0, out);
        assertThat(out.pop()).isEqualTo(50L);
        assertThat(out.pop()).isNull();
    }

    @Test
    void multipleInputsYieldWatermarkOnlyOnceAllChannelsHaveOne() {
        Out out = new Out();
        StatusWatermarkValve valve = new StatusWatermarkValve(3);
        valve.inputWatermark(0, 0, out);
        valve.inputWatermark(0, 1, out);
        assertThat(out.pop()).isNull();
        valve.inputWatermark(0, 2, out);
        assertThat(out.pop()).isEqualTo(0L);
        assertThat(out.pop()).isNull();
    }

    @Test
    void multipleInputsIncreasingWatermarksEmitTheMinimum() {
        Out out = new Out();
        StatusWatermarkValve valve = new StatusWatermarkValve(3);
        valve.inputWatermark(0, 0, out);
        valve.inputWatermark(0, 1, out);
        valve.inputWatermark(0, 2, out);
        assertThat(out.pop()).isEqualTo(0L);
        valve.inputWatermark(12, 0, out);
        valve.inputWatermark(8, 2, out);
        valve.inputWatermark(10, 2, out);
        assertThat(out.pop()).isNull();
        valve.inputWatermark(15, 1, out);
        assertThat(out.pop()).isEqualTo(10L); // channel 2 is lowest
        assertThat(out.pop()).isNull();
        valve.inputWatermark(17, 2, out);
        assertThat(out.pop()).isEqualTo(12L); // channel 0 is lowest
        assertThat(out.pop()).isNull();
        valve.inputWatermark(20, 0, out);
        assertThat(out.pop()).isEqualTo(15L); // channel 1 is lowest
        assertThat(out.pop()).isNull();
    }

    @Test
    void multipleInputsDecreasingWatermarksYieldNoOutput() {
        Out out = new Out();
        StatusWatermarkValve valve = new StatusWatermarkValve(3);
        valve.inputWatermark(25, 0, out);
        valve.inputWatermark(10, 1, out);
        valve.inputWatermark(17, 2, out);
        assertThat(out.pop()).isEqualTo(10L);
        valve.inputWatermark(12, 0, out);
        valve.inputWatermark(8, 1, out);
        valve.inputWatermark(15, 2, out);
        assertThat(out.pop()).isNull();
    }

    @Test
    void multipleInputsStatusToggling() {
        Out out = new Out();
        StatusWatermarkValve valve = new StatusWatermarkValve(2);
        valve.inputWatermarkStatus(false, 0, out);
        valve.inputWatermarkStatus(false, 1, out);
        assertThat(out.pop()).isNull();
        valve.inputWatermarkStatus(true, 1, out);
        assertThat(out.pop()).isNull();
        valve.inputWatermarkStatus(true, 0, out); // now all idle
        assertThat(out.pop()).isEqualTo(IDLE);
        valve.inputWatermarkStatus(true, 0, out);
        valve.inputWatermarkStatus(true, 1, out);
        assertThat(out.pop()).isNull();
        valve.inputWatermarkStatus(false, 1, out); // one active again: ACTIVE is forwarded
        assertThat(out.pop()).isEqualTo(ACTIVE);
        valve.inputWatermarkStatus(false, 0, out);
        assertThat(out.pop()).isNull();
    }

    @Test
    void idleChannelsAreLeftOutOfTheMinimum() {
        Out out = new Out();
        StatusWatermarkValve valve = new StatusWatermarkValve(3);
        valve.inputWatermark(15, 0, out);
        valve.inputWatermark(10, 1, out);
        assertThat(out.pop()).isNull();
        valve.inputWatermarkStatus(true, 2, out);
        assertThat(out.pop()).isEqualTo(10L);
        assertThat(out.pop()).isNull();
        valve.inputWatermark(18, 1, out);
        assertThat(out.pop()).isEqualTo(15L);
        assertThat(out.pop()).isNull();
        valve.inputWatermark(20, 0, out);
        assertThat(out.pop()).isEqualTo(18L);
        assertThat(out.pop()).isNull();
    }

    @Test
    void watermarkAdvancesAsChannelsIndividuallyBecomeIdle() {
        Out out = new Out();
        StatusWatermarkValve valve = new StatusWatermarkValve(3);
        valve.inputWatermark(25, 0, out);
        valve.inputWatermark(10, 1, out);
        valve.inputWatermark(17, 2, out);
        assertThat(out.pop()).isEqualTo(10L);
        valve.inputWatermarkStatus(true, 1, out);
        assertThat(out.pop()).isEqualTo(17L);
        valve.inputWatermarkStatus(true, 2, out);
        assertThat(out.pop()).isEqualTo(25L);
        assertThat(out.pop()).isNull();
    }

    @Test
    void allIdleFlushesTheMaxWatermarkThenIdle() {
        Out out = new Out();
        StatusWatermarkValve valve = new StatusWatermarkValve(3);
        valve.inputWatermark(10, 0, out);
        valve.inputWatermark(5, 1, out);
        valve.inputWatermark(3, 2, out);
        assertThat(out.pop()).isEqualTo(3L);
        valve.inputWatermarkStatus(true, 0, out);
        valve.inputWatermarkStatus(true, 1, out);
        assertThat(out.pop()).isNull();
        valve.inputWatermarkStatus(true, 2, out);
        assertThat(out.pop()).isEqualTo(10L);
        assertThat(out.pop()).isEqualTo(IDLE);
        assertThat(out.pop()).isNull();
        assertThat(valve.isOutputIdle()).isTrue();
    }

    @Test
    void reactivatedChannelMustCatchUpBeforeItCountsAgain() {
        Out out = new Out();
        StatusWatermarkValve valve = new StatusWatermarkValve(3);
        valve.inputWatermark(10, 0, out);
        valve.inputWatermark(7, 1, out);
        valve.inputWatermark(3, 2, out);
        assertThat(out.pop()).isEqualTo(3L);
        assertThat(out.pop()).isNull();
        valve.inputWatermarkStatus(true, 2, out);
        assertThat(out.pop()).isEqualTo(7L);
        assertThat(out.pop()).isNull();
        valve.inputWatermarkStatus(false, 2, out);
        assertThat(valve.channelAligned(2)).isFalse(); // its 3 is behind the output's 7
        valve.inputWatermark(5, 2, out);
        assertThat(valve.channelWatermark(2)).isEqualTo(5);
        assertThat(out.pop()).isNull();
        valve.inputWatermark(9, 2, out); // caught up with 7: aligned again
        assertThat(valve.channelAligned(2)).isTrue();
        assertThat(out.pop()).isNull();
        valve.inputWatermark(12, 1, out);
        assertThat(out.pop()).isEqualTo(9L); // channel 2 counts again
        assertThat(out.pop()).isNull();
    }

    @Test
    void noOutputWhenAllActiveChannelsAreUnaligned() {
        Out out = new Out();
        StatusWatermarkValve valve = new StatusWatermarkValve(3);
        valve.inputWatermark(10, 0, out);
        valve.inputWatermark(7, 1, out);
        valve.inputWatermarkStatus(true, 2, out);
        assertThat(out.pop()).isEqualTo(7L);
        assertThat(out.pop()).isNull();
        valve.inputWatermarkStatus(false, 2, out); // active, but unaligned (MIN < 7)
        assertThat(out.pop()).isNull();
        valve.inputWatermarkStatus(true, 0, out);
        valve.inputWatermarkStatus(true, 1, out);
        assertThat(out.pop()).isNull(); // in particular no Long.MAX_VALUE watermark
    }
}
