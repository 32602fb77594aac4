package io.streamscope.api.functions;

import io.streamscope.api.OutputTag;

/**
 * Processes the records of one key at a time, with keyed state and event-time or processing-time timers
 * (Flink's KeyedProcessFunction).
 */
public abstract class KeyedProcessFunction<K, I, O> implements java.io.Serializable {
    private static final long serialVersionUID = 1L;

    /** Called once per subtask before any record. */
    public void open(RuntimeContext runtimeContext) throws Exception {
    }

    public abstract void processElement(I value, Context<K> ctx, Collector<O> out) throws Exception;

    /** Called when a timer registered for the current key fires. */
    public void onTimer(long timestamp, OnTimerContext<K> ctx, Collector<O> out) throws Exception {
    }

    /** What a function sees while processing one record. */
    public interface Context<K> {
        /** The record's event-time timestamp, or null when it has none. */
        Long timestamp();

        TimerService timerService();

        <X> void output(OutputTag<X> tag, X value);

        K getCurrentKey();
    }

    /** What a function sees in onTimer. */
    public interface OnTimerContext<K> extends Context<K> {
        TimeDomain timeDomain();
    }

    /** Which clock a timer belongs to. */
    public enum TimeDomain { EVENT_TIME, PROCESSING_TIME }
}
