package io.streamscope.api;

import io.streamscope.graph.JobVertex;

/** The end of a stream: a sink operator, configurable like any operator. */
public final class DataStreamSink {
    private final SingleOutputStreamOperator<Object> op;

    DataStreamSink(SingleOutputStreamOperator<Object> op) {
        this.op = op;
    }

    public DataStreamSink setParallelism(int p) {
        op.setParallelism(p);
        return this;
    }

    public DataStreamSink disableChaining() {
        op.disableChaining();
        return this;
    }

    public JobVertex vertex() {
        return op.vertex();
    }
}
