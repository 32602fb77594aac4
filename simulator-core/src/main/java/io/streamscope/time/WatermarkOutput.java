package io.streamscope.time;

/** Where a watermark generator sends watermarks and idleness. */
public interface WatermarkOutput {
    void emitWatermark(long watermark);

    void markIdle();

    void markActive();
}
