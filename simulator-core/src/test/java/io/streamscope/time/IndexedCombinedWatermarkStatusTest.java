package io.streamscope.time;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/**
 * The combination of a two-input operator's watermarks as Flink's IndexedCombinedWatermarkStatus: minimum over the
 * active inputs, advancing only; an idle input is left out; all idle flushes to the maximum; a watermark makes its
 * input active again.
 */
class IndexedCombinedWatermarkStatusTest {
    @Test
    void theMinimumOverBothInputsAdvancesOnly() {
        IndexedCombinedWatermarkStatus c = new IndexedCombinedWatermarkStatus(2);
        assertThat(c.updateWatermark(0, 1000)).isFalse(); // input 2 still at MIN
        assertThat(c.combinedWatermark()).isEqualTo(Long.MIN_VALUE);
        assertThat(c.updateWatermark(1, 500)).isTrue();
        assertThat(c.combinedWatermark()).isEqualTo(500);
        assertThat(c.updateWatermark(0, 1200)).isFalse(); // min still 500
        assertThat(c.updateWatermark(1, 400)).isFalse(); // an input never goes back
        assertThat(c.inputWatermark(1)).isEqualTo(500);
        assertThat(c.updateWatermark(1, 2000)).isTrue();
        assertThat(c.combinedWatermark()).isEqualTo(1200);
    }

    @Test
    void anIdleInputIsLeftOutAndAllIdleFlushesToTheMaximum() {
        IndexedCombinedWatermarkStatus c = new IndexedCombinedWatermarkStatus(2);
        c.updateWatermark(0, 1000);
        c.updateWatermark(1, 300);
        assertThat(c.combinedWatermark()).isEqualTo(300);
        assertThat(c.updateStatus(1, true)).isTrue();
        assertThat(c.combinedWatermark()).isEqualTo(1000);
        assertThat(c.isIdle()).isFalse();
        assertThat(c.updateStatus(0, true)).isFalse(); // max(1000, 300) = 1000: no advance
        assertThat(c.isIdle()).isTrue();
        // a watermark from input 2 makes it active again, but the combined watermark never goes back to 400
        assertThat(c.updateWatermark(1, 400)).isFalse();
        assertThat(c.isIdle()).isFalse();
        assertThat(c.combinedWatermark()).isEqualTo(1000);
        assertThat(c.updateWatermark(1, 1500)).isTrue();
        assertThat(c.combinedWatermark()).isEqualTo(1500);
    }
}
