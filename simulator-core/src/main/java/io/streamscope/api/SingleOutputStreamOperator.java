package io.streamscope.api;

import io.streamscope.graph.JobVertex;
import java.time.Duration;

/** The main output of an operator, through which the operator itself is configured. */
public class SingleOutputStreamOperator<T> extends DataStream<T> {
    SingleOutputStreamOperator(StreamExecutionEnvironment env, JobVertex vertex) {
        super(env, vertex, null, null);
    }

    public SingleOutputStreamOperator<T> setParallelism(int p) {
        env.builder().setParallelism(vertex, p);
        return this;
    }

    public SingleOutputStreamOperator<T> setMaxParallelism(int mp) {
        env.builder().setMaxParallelism(vertex, mp);
        return this;
    }

    /** Keeps this operator out of any chain, before and after. */
    public SingleOutputStreamOperator<T> disableChaining() {
        env.builder().disableChaining(vertex);
        return this;
    }

    /** Virtual time each record costs this operator; a slow operator is how backpressure starts. */
    public SingleOutputStreamOperator<T> setProcessingCost(Duration cost) {
        env.builder().setCostMillis(vertex, cost.toMillis());
        return this;
    }

    /** The records an operator emitted to a side output (for a window: its late data). */
    public <X> DataStream<X> getSideOutput(OutputTag<X> tag) {
        return new DataStream<>(env, vertex, tag.id(), null);
    }
}
