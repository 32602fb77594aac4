package io.streamscope.window;

/**
 * Fires once the watermark passes the window's end: a timer at {@code end - 1}; a record arriving for a
 * window whose end the watermark has already passed fires it at once (the late firing within allowed lateness).
 */
public final class EventTimeTrigger implements Trigger {
    public static final EventTimeTrigger INSTANCE = new EventTimeTrigger();

    private EventTimeTrigger() {
    }

    @Override
    public Result onElement(long timestamp, TimeWindow window, Context ctx) {
        if (window.maxTimestamp() <= ctx.currentWatermark()) {
            return Result.FIRE;
        }
        ctx.registerEventTimeTimer(window.maxTimestamp());
        return Result.CONTINUE;
    }

    @Override
    public Result onEventTime(long time, TimeWindow window, Context ctx) {
        return time == window.maxTimestamp() ? Result.FIRE : Result.CONTINUE;
    }

    @Override
    public Result onProcessingTime(long time, TimeWindow window, Context ctx) {
        return Result.CONTINUE;
    }

    @Override
    public void onMerge(TimeWindow window, Context ctx) {
        if (window.maxTimestamp() > ctx.currentWatermark()) {
            ctx.registerEventTimeTimer(window.maxTimestamp());
        }
    }

    @Override
    public void clear(TimeWindow window, Context ctx) {
        ctx.deleteEventTimeTimer(window.maxTimestamp());
    }

    @Override
    public String describe() {
        return "EventTimeTrigger";
    }
}
