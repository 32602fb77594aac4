package io.streamscope.time;

/**
 * Combines the watermarks of a subtask's input channels as Flink's StatusWatermarkValve does: the output
 * watermark is the minimum over the aligned, active channels; it is emitted only when it advances; idle
 * channels are left out; when every channel is idle the output turns idle too.
 */
public final class StatusWatermarkValve {
    /** Receives what the valve decides to forward. */
    public interface Output {
        void emitWatermark(long watermark);

        void emitWatermarkStatus(boolean idle);
    }

    private final long[] watermarks;
    private final boolean[] idle;
    private final boolean[] aligned;
    private long lastOutputWatermark = Long.MIN_VALUE;
    private boolean outputIdle;

    public StatusWatermarkValve(int numChannels) {
        watermarks = new long[numChannels];
        idle = new boolean[numChannels];
        aligned = new boolean[numChannels];
        for (int i = 0; i < numChannels; i++) {
            watermarks[i] = Long.MIN_VALUE;
            aligned[i] = true;
        }
    }

    public void inputWatermark(long watermark, int channel, Output output) {
        // watermarks of idle channels, or while the whole valve is idle, are ignored (as in Flink)
        if (!outputIdle && !idle[channel]) {
            if (watermark > watermarks[channel]) {
                watermarks[channel] = watermark;
                if (!aligned[channel] && watermark >= lastOutputWatermark) {
                    aligned[channel] = true;
                }
                findAndOutputNewMinWatermarkAcrossAlignedChannels(output);
            }
        }
    }

    public void inputWatermarkStatus(boolean becomesIdle, int channel, Output output) {
        if (becomesIdle && !idle[channel]) {
            idle[channel] = true;
            aligned[channel] = false;
            if (!hasActiveChannels()) {
                // every input is idle: flush, i.e. emit the max watermark over all channels
                if (watermarks[channel] == lastOutputWatermark) {
                    findAndOutputMaxWatermarkAcrossAllChannels(output);
                }
                outputIdle = true;
                output.emitWatermarkStatus(true);
            } else if (watermarks[channel] == lastOutputWatermark) {
                findAndOutputNewMinWatermarkAcrossAlignedChannels(output);
            }
        } else if (!becomesIdle && idle[channel]) {
            idle[channel] = false;
            if (watermarks[channel] >= lastOutputWatermark) {
                aligned[channel] = true;
            }
            if (outputIdle) {
                outputIdle = false;
                output.emitWatermarkStatus(false);
            }
        }
    }

    private boolean hasActiveChannels() {
        for (boolean b : idle) {
            if (!b) {
                return true;
            }
        }
        return false;
    }

    private void findAndOutputNewMinWatermarkAcrossAlignedChannels(Output output) {
        long min = Long.MAX_VALUE;
        boolean hasAligned = false;
        for (int i = 0; i < watermarks.length; i++) {
            if (aligned[i]) {
                hasAligned = true;
                min = Math.min(min, watermarks[i]);
            }
        }
        if (hasAligned && min > lastOutputWatermark) {
            lastOutputWatermark = min;
            output.emitWatermark(min);
        }
    }

    private void findAndOutputMaxWatermarkAcrossAllChannels(Output output) {
        long max = Long.MIN_VALUE;
        for (long w : watermarks) {
            max = Math.max(max, w);
        }
        if (max > lastOutputWatermark) {
            lastOutputWatermark = max;
            output.emitWatermark(max);
        }
    }

    public long channelWatermark(int channel) {
        return watermarks[channel];
    }

    public boolean channelIdle(int channel) {
        return idle[channel];
    }

    public boolean channelAligned(int channel) {
        return aligned[channel];
    }

    public long lastOutputWatermark() {
        return lastOutputWatermark;
    }

    public boolean isOutputIdle() {
        return outputIdle;
    }

    public int numChannels() {
        return watermarks.length;
    }
}
