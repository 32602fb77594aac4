package io.streamscope.api;

import io.streamscope.api.functions.FilterFunction;
import io.streamscope.api.functions.KeySelector;
import io.streamscope.api.functions.MapFunction;
import io.streamscope.connectors.CollectingSink;
import io.streamscope.graph.JobVertex;
import io.streamscope.graph.OperatorSpec;
import io.streamscope.graph.Partitioner;
import io.streamscope.time.WatermarkStrategy;

/** A stream of records of type T: the output (or a side output) of an operator, with how it is partitioned. */
public class DataStream<T> {
    final StreamExecutionEnvironment env;
    final JobVertex vertex;
    final String outputTag;
    final Partitioner partitioner;

    DataStream(StreamExecutionEnvironment env, JobVertex vertex, String outputTag, Partitioner partitioner) {
        this.env = env;
        this.vertex = vertex;
        this.outputTag = outputTag;
        this.partitioner = partitioner;
    }

    <R> SingleOutputStreamOperator<R> connect(String name, OperatorSpec spec) {
        JobVertex v = env.newVertex(name, spec);
        env.builder().addEdge(vertex, v, partitioner, outputTag);
        return new SingleOutputStreamOperator<>(env, v);
    }

    public <R> SingleOutputStreamOperator<R> map(MapFunction<T, R> fn) {
        return map(fn, "Map");
    }

    public <R> SingleOutputStreamOperator<R> map(MapFunction<T, R> fn, String name) {
        return connect(name, new OperatorSpec.Map(fn));
    }

    public SingleOutputStreamOperator<T> filter(FilterFunction<T> fn) {
        return filter(fn, "Filter");
    }

    public SingleOutputStreamOperator<T> filter(FilterFunction<T> fn, String name) {
        return connect(name, new OperatorSpec.Filter(fn));
    }

    /** A per-subtask watermark generator after the source; upstream watermarks are dropped. */
    public SingleOutputStreamOperator<T> assignTimestampsAndWatermarks(WatermarkStrategy strategy) {
        return assignTimestampsAndWatermarks(strategy, "Timestamps/Watermarks");
    }

    public SingleOutputStreamOperator<T> assignTimestampsAndWatermarks(WatermarkStrategy strategy, String name) {
        return connect(name, new OperatorSpec.TimestampsAndWatermarks(strategy));
    }

    /** Partitions by key: each key goes to the subtask owning its key group. */
    public <K> KeyedStream<T, K> keyBy(KeySelector<T, K> keySelector) {
        return new KeyedStream<>(env, vertex, outputTag, keySelector);
    }

    public DataStream<T> rebalance() {
        return new DataStream<>(env, vertex, outputTag, new Partitioner.Rebalance());
    }

    public DataStream<T> broadcast() {
        return new DataStream<>(env, vertex, outputTag, new Partitioner.Broadcast());
    }

    public DataStream<T> forward() {
        return new DataStream<>(env, vertex, outputTag, new Partitioner.Forward());
    }

    public DataStreamSink sinkTo(CollectingSink sink) {
        return sinkTo(sink, sink.name());
    }

    public DataStreamSink sinkTo(CollectingSink sink, String name) {
        SingleOutputStreamOperator<Object> op = connect(name, new OperatorSpec.Sink(sink));
        return new DataStreamSink(op);
    }

    /** The operator producing this stream. */
    public JobVertex vertex() {
        return vertex;
    }
}
