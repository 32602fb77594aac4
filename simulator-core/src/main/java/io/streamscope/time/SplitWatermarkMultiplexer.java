package io.streamscope.time;

/**
 * Combines per-split (per-partition) watermarks inside one source subtask, as Flink's
 * WatermarkOutputMultiplexer does: the subtask's watermark is the minimum over its non-idle splits, emitted
 * only when it advances; when every split is idle it flushes to the maximum over the splits and the subtask's
 * output is marked idle.
 */
public final class SplitWatermarkMultiplexer {
    private final long[] watermarks;
    private final boolean[] idle;
    private final boolean[] released;
    private long combined = Long.MIN_VALUE;
    private boolean outputIdle;

    public SplitWatermarkMultiplexer(int numSplits) {
        watermarks = new long[numSplits];
        idle = new boolean[numSplits];
        released = new boolean[numSplits];
        java.util.Arrays.fill(watermarks, Long.MIN_VALUE);
    }

    /** The output of one split, handed to that split's generator. */
    public WatermarkOutput splitOutput(int split) {
        return new WatermarkOutput() {
            @Override
            public void emitWatermark(long watermark) {
                if (watermark > watermarks[split]) {
                    watermarks[split] = watermark;
                }
                idle[split] = false;
            }

            @Override
            public void markIdle() {
                idle[split] = true;
            }

            @Override
            public void markActive() {
                idle[split] = false;
            }
        };
    }

    /** Recomputes the combined watermark and tells {@code out} what changed. */
    public void update(StatusWatermarkValve.Output out) {
        long min = Long.MAX_VALUE;
        long max = Long.MIN_VALUE;
        boolean allIdle = true;
        boolean anyLeft = false;
        for (int i = 0; i < watermarks.length; i++) {
            if (released[i]) {
                continue;
            }
            anyLeft = true;
            max = Math.max(max, watermarks[i]);
            if (!idle[i]) {
                allIdle = false;
                min = Math.min(min, watermarks[i]);
            }
        }
        if (!anyLeft) {
            return;
        }
        if (allIdle) {
            // as Flink's CombinedWatermarkStatus: every split idle flushes to the highest split watermark, then
            // the output turns idle
            if (max > combined) {
                combined = max;
                out.emitWatermark(max);
            }
            if (!outputIdle) {
                outputIdle = true;
                out.emitWatermarkStatus(true);
            }
            return;
        }
        if (min > combined) {
            combined = min;
            // as Flink's WatermarkToDataOutput: an idle output becomes active only together with a watermark
            // that advances; a split turning active without advancing the combined watermark changes nothing
            if (outputIdle) {
                outputIdle = false;
                out.emitWatermarkStatus(false);
            }
            out.emitWatermark(min);
        }
    }

    /**
     * A finished split no longer counts, as Flink's SourceReaderBase releases the output of a split it has read
     * to the end: the combined watermark is recomputed over the others at the next update (lazily, as in Flink).
     */
    public void release(int split) {
        released[split] = true;
    }

    public boolean splitReleased(int split) {
        return released[split];
    }

    public long splitWatermark(int split) {
        return watermarks[split];
    }

    public boolean splitIdle(int split) {
        return idle[split];
    }

    public long combinedWatermark() {
        return combined;
    }

    public boolean isOutputIdle() {
        return outputIdle;
    }
}
