package io.streamscope.window;

/** Decides when a window fires (Flink's Trigger). */
public interface Trigger {
    /** FIRE emits the window's contents; CONTINUE does nothing. */
    enum Result { CONTINUE, FIRE }

    /** What a trigger may do: timers for the current key and window, and the clocks. */
    interface Context {
        long currentWatermark();

        long currentProcessingTime();

        void registerEventTimeTimer(long time);

        void deleteEventTimeTimer(long time);

        void registerProcessingTimeTimer(long time);

        void deleteProcessingTimeTimer(long time);
    }

    Result onElement(long timestamp, TimeWindow window, Context ctx);

    Result onEventTime(long time, TimeWindow window, Context ctx);

    Result onProcessingTime(long time, TimeWindow window, Context ctx);

    /** Called when windows merged into {@code window}. */
    void onMerge(TimeWindow window, Context ctx);

    /** Removes what the trigger registered for a window. */
    void clear(TimeWindow window, Context ctx);

    String describe();
}
