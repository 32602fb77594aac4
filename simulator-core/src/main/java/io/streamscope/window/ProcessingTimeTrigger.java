package io.streamscope.window;

/** Fires when the (virtual) processing-time clock reaches the window's end - 1. */
public final class ProcessingTimeTrigger implements Trigger {
    public static final ProcessingTimeTrigger INSTANCE = new ProcessingTimeTrigger();

    private ProcessingTimeTrigger() {
    }

    @Override
    public Result onElement(long timestamp, TimeWindow window, Context ctx) {
        ctx.registerProcessingTimeTimer(window.maxTimestamp());
        return Result.CONTINUE;
    }

    @Override
    public Result onEventTime(long time, TimeWindow window, Context ctx) {
        return Result.CONTINUE;
    }

    @Override
    public Result onProcessingTime(long time, TimeWindow window, Context ctx) {
        return Result.FIRE;
    }

    @Override
    public void onMerge(TimeWindow window, Context ctx) {
        if (window.maxTimestamp() > ctx.currentProcessingTime()) {
            ctx.registerProcessingTimeTimer(window.maxTimestamp());
        }
    }

    @Override
    public void clear(TimeWindow window, Context ctx) {
        ctx.deleteProcessingTimeTimer(window.maxTimestamp());
    }

    @Override
    public String describe() {
        return "ProcessingTimeTrigger";
    }
}
