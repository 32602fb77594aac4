package io.streamscope.api;

import io.streamscope.api.functions.KeySelector;
import io.streamscope.api.functions.KeyedProcessFunction;
import io.streamscope.graph.JobVertex;
import io.streamscope.graph.OperatorSpec;
import io.streamscope.graph.Partitioner;
import io.streamscope.window.WindowAssigner;

/** A stream partitioned by key: keyed state, timers and windows are per key. */
public final class KeyedStream<T, K> extends DataStream<T> {
    private final KeySelector<T, K> keySelector;

    KeyedStream(StreamExecutionEnvironment env, JobVertex vertex, String outputTag, KeySelector<T, K> keySelector) {
        super(env, vertex, outputTag, new Partitioner.KeyGroup(keySelector));
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

    public WindowedStream<T, K> window(WindowAssigner assigner) {
        return new WindowedStream<>(this, assigner);
    }
}
