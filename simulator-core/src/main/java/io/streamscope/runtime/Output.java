package io.streamscope.runtime;

/** Where an operator sends records (main or side output), watermarks and watermark status. */
public interface Output {
    void collect(StreamElement.Record record);

    void collect(String outputTag, StreamElement.Record record);

    void emitWatermark(long watermark);

    void emitWatermarkStatus(boolean idle);
}
