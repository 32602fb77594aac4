package io.streamscope.time;

/** Produces watermarks from the records it sees (Flink's WatermarkGenerator). */
public interface WatermarkGenerator<T> {
    /** Called for every record; may emit a watermark at once (punctuated). */
    void onEvent(T event, long eventTimestamp, WatermarkOutput output);

    /** Called on the periodic tick (auto-watermark interval), or after every record in per-event mode. */
    void onPeriodicEmit(WatermarkOutput output);

    /** A readable summary of the generator's state, for the inspector. */
    default String describeState() {
        return "";
    }
}
