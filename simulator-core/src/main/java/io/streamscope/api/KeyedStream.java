package io.streamscope.api;

import io.streamscope.api.functions.KeySelector;
import io.streamscope.api.functions.KeyedProcessFunction;
import io.streamscope.graph.OperatorSpec;
import io.streamscope.graph.Partitioner;
import io.streamscope.window.WindowAssigner;

/** A stream partitioned by key: keyed state, timers and windows are per key. */
public final class KeyedStream<T, K> extends DataStream<T> {
    private final KeySelector<T, K> keySelector;

    KeyedStream(DataStream<T> input, KeySelector<T, K> keySelector) {
        super(input.env, input.vertex, input.outputTag, new Partitioner.KeyGroup(keySelector),
                input.unionOf == null ? null : input.repartition(new Partitioner.KeyGroup(keySelector)).unionOf);
        this.keySelector = keySelector;
    }

    public KeySelector<T, K> getKeySelector() {
        return keySelector;
    }

    public <R> SingleOutputStreamOperator<R> process(KeyedProcessFunction<K, T, R> fn) {
        return process(fn, "KeyedProcess");
    }

    public <R> SingleOutputStreamOperator<R> process(KeyedProcessFunction<K, T, R> fn, String name) {
        return connect(name, new OperatorSpec.KeyedProcess(fn));
    }

    /** Joins this stream with another keyed stream by time interval (Flink's KeyedStream#intervalJoin). */
    public <T1> IntervalJoin<T, T1, K> intervalJoin(KeyedStream<T1, K> other) {
        if (other.env != env) {
            throw new IllegalArgumentException("an interval join needs two streams of the same job");
        }
        return new IntervalJoin<>(this, other);
    }

    public WindowedStream<T, K> window(WindowAssigner assigner) {
        return new WindowedStream<>(this, assigner);
    }
}
