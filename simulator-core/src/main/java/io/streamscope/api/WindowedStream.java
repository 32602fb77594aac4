package io.streamscope.api;

import io.streamscope.api.functions.AggregateFunction;
import io.streamscope.api.functions.ProcessWindowFunction;
import io.streamscope.graph.OperatorSpec;
import io.streamscope.window.Trigger;
import io.streamscope.window.WindowAssigner;
import java.time.Duration;

/** A keyed stream cut into windows; finished with aggregate or process, as in Flink. */
public final class WindowedStream<T, K> {
    private final KeyedStream<T, K> input;
    private final WindowAssigner assigner;
    private Trigger trigger;
    private long allowedLateness;
    private OutputTag<T> lateDataTag;

    WindowedStream(KeyedStream<T, K> input, WindowAssigner assigner) {
        this.input = input;
        this.assigner = assigner;
    }

    public WindowedStream<T, K> trigger(Trigger t) {
        this.trigger = t;
        return this;
    }

    /** Keeps window state until {@code maxTimestamp + lateness}; records within it re-fire the window. */
    public WindowedStream<T, K> allowedLateness(Duration lateness) {
        if (lateness.isNegative()) {
            throw new IllegalArgumentException("The allowed lateness cannot be negative.");
        }
        this.allowedLateness = lateness.toMillis();
        return this;
    }

    /** Sends records that are late for every window they belong to to this side output instead of dropping them. */
    public WindowedStream<T, K> sideOutputLateData(OutputTag<T> tag) {
        this.lateDataTag = tag;
        return this;
    }

    public <ACC, R> SingleOutputStreamOperator<R> aggregate(AggregateFunction<T, ACC, R> fn) {
        return build("Window", fn, null);
    }

    public <ACC, V, R> SingleOutputStreamOperator<R> aggregate(AggregateFunction<T, ACC, V> fn,
                                                               ProcessWindowFunction<V, R, K> windowFunction) {
        return build("Window", fn, windowFunction);
    }

    public <ACC, V, R> SingleOutputStreamOperator<R> aggregate(AggregateFunction<T, ACC, V> fn,
                                                               ProcessWindowFunction<V, R, K> windowFunction,
                                                               String name) {
        return build(name, fn, windowFunction);
    }

    /** A full-window function: the window keeps every element until it fires. */
    public <R> SingleOutputStreamOperator<R> process(ProcessWindowFunction<T, R, K> fn) {
        return build("Window", null, fn);
    }

    public <R> SingleOutputStreamOperator<R> process(ProcessWindowFunction<T, R, K> fn, String name) {
        return build(name, null, fn);
    }

    private <R> SingleOutputStreamOperator<R> build(String name, AggregateFunction<?, ?, ?> agg,
                                                    ProcessWindowFunction<?, ?, ?> fn) {
        if (assigner.isMerging() && trigger != null && !(trigger instanceof io.streamscope.window.EventTimeTrigger)
                && !(trigger instanceof io.streamscope.window.ProcessingTimeTrigger)) {
            throw new UnsupportedOperationException("A merging window assigner cannot be used with a trigger that"
                    + " does not support merging.");
        }
        return input.connect(name, new OperatorSpec.Window(assigner, trigger, allowedLateness, lateDataTag, agg, fn));
    }
}
