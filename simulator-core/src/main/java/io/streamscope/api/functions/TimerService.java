package io.streamscope.api.functions;

/** Timers of the current key, and the operator's clocks (Flink's TimerService). */
public interface TimerService {
    long currentProcessingTime();

    long currentWatermark();

    void registerEventTimeTimer(long time);

    void registerProcessingTimeTimer(long time);

    void deleteEventTimeTimer(long time);

    void deleteProcessingTimeTimer(long time);
}
