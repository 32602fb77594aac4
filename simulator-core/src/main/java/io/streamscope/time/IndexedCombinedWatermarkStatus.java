package io.streamscope.time;

/**
 * Combines the watermarks and idleness of an operator's inputs (Flink's IndexedCombinedWatermarkStatus, which
 * AbstractStreamOperator uses for processWatermark1/2): the combined watermark is the minimum over the active
 * inputs, or the maximum over all of them once every input is idle; it only ever advances. A watermark from an
 * input makes that input active again.
 */
public final class IndexedCombinedWatermarkStatus {
    private final long[] watermarks;
    private final boolean[] idle;
    private long combined = Long.MIN_VALUE;
    private boolean allIdle;

    public IndexedCombinedWatermarkStatus(int inputs) {
        if (inputs < 1) {
            throw new IllegalArgumentException("at least one input, got " + inputs);
        }
        watermarks = new long[inputs];
        idle = new boolean[inputs];
        java.util.Arrays.fill(watermarks, Long.MIN_VALUE);
    }

    /** Input {@code index} reached {@code watermark}; true when the combined watermark advanced. */
    public boolean updateWatermark(int index, long watermark) {
        idle[index] = false;
        watermarks[index] = Math.max(watermarks[index], watermark);
        return update();
    }

    /** Input {@code index} became idle or active; true when the combined watermark advanced. */
    public boolean updateStatus(int index, boolean becomesIdle) {
        idle[index] = becomesIdle;
        return update();
    }

    private boolean update() {
        long max = Long.MIN_VALUE;
        long minActive = Long.MAX_VALUE;
        boolean all = true;
        for (int i = 0; i < watermarks.length; i++) {
            max = Math.max(max, watermarks[i]);
            if (!idle[i]) {
                minActive = Math.min(minActive, watermarks[i]);
                all = false;
            }
        }
        allIdle = all;
        // every input idle: flush to the highest watermark any input reached (the valve's rule, per input here)
        long next = all ? max : minActive;
        if (next > combined) {
            combined = next;
            return true;
        }
        return false;
    }

    public long combinedWatermark() {
        return combined;
    }

    /** True when every input is idle. */
    public boolean isIdle() {
        return allIdle;
    }

    public long inputWatermark(int index) {
        return watermarks[index];
    }

    public boolean inputIdle(int index) {
        return idle[index];
    }

    public int inputs() {
        return watermarks.length;
    }
}
