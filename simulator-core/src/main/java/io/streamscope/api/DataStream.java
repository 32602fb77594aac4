package io.streamscope.api;

import io.streamscope.api.functions.FilterFunction;
import io.streamscope.api.functions.KeySelector;
import io.streamscope.api.functions.MapFunction;
import io.streamscope.connectors.CollectingSink;
import io.streamscope.graph.JobVertex;
import io.streamscope.graph.OperatorSpec;
import io.streamscope.graph.Partitioner;
import io.streamscope.time.WatermarkStrategy;
import java.util.ArrayList;
import java.util.List;

/** A stream of records of type T: the output (or a side output) of an operator, with how it is partitioned. */
public class DataStream<T> {
    final StreamExecutionEnvironment env;
    final JobVertex vertex;
    final String outputTag;
    final Partitioner partitioner;
    /** The streams of a union, each with its own partitioning, in declaration order; null for a single stream. */
    final List<DataStream<T>> unionOf;

    DataStream(StreamExecutionEnvironment env, JobVertex vertex, String outputTag, Partitioner partitioner) {
        this(env, vertex, outputTag, partitioner, null);
    }

    DataStream(StreamExecutionEnvironment env, JobVertex vertex, String outputTag, Partitioner partitioner,
               List<DataStream<T>> unionOf) {
        this.env = env;
        this.vertex = vertex;
        this.outputTag = outputTag;
        this.partitioner = partitioner;
        this.unionOf = unionOf;
    }

    <R> SingleOutputStreamOperator<R> connect(String name, OperatorSpec spec) {
        JobVertex v = env.newVertex(name, spec);
        connectTo(v, 0);
        return new SingleOutputStreamOperator<>(env, v);
    }

    /** Adds an edge from every stream this one is made of to input {@code input} of {@code v}. */
    void connectTo(JobVertex v, int input) {
        for (DataStream<T> m : members()) {
            env.builder().addEdge(m.vertex, v, m.partitioner, m.outputTag, input);
        }
    }

    /** The single streams this one is made of: itself, or the inputs of a union. */
    List<DataStream<T>> members() {
        return unionOf == null ? List.of(this) : unionOf;
    }

    /** Every member repartitioned the same way (a union stays a union). */
    DataStream<T> repartition(Partitioner p) {
        if (unionOf == null) {
            return new DataStream<>(env, vertex, outputTag, p);
        }
        List<DataStream<T>> out = new ArrayList<>();
        for (DataStream<T> m : unionOf) {
            out.add(new DataStream<>(env, m.vertex, m.outputTag, p));
        }
        return new DataStream<>(env, vertex, null, null, out);
    }

    /**
     * Merges streams of the same type into one (Flink's union): no operator of its own; the next operator gets one
     * inbound edge per stream, and its watermark is the minimum over all their channels.
     */
    @SafeVarargs
    public final DataStream<T> union(DataStream<T>... streams) {
        List<DataStream<T>> all = new ArrayList<>(members());
        for (DataStream<T> s : streams) {
            if (s.env != env) {
                throw new IllegalArgumentException("a union needs streams of the same job (execution environment)");
            }
            all.addAll(s.members());
        }
        return new DataStream<>(env, vertex, null, null, all);
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
        return new KeyedStream<>(this, keySelector);
    }

    public DataStream<T> rebalance() {
        return repartition(new Partitioner.Rebalance());
    }

    public DataStream<T> broadcast() {
        return repartition(new Partitioner.Broadcast());
    }

    public DataStream<T> forward() {
        return repartition(new Partitioner.Forward());
    }

    public DataStreamSink sinkTo(CollectingSink sink) {
        return sinkTo(sink, sink.name());
    }

    public DataStreamSink sinkTo(CollectingSink sink, String name) {
        SingleOutputStreamOperator<Object> op = connect(name, new OperatorSpec.Sink(sink));
        return new DataStreamSink(op);
    }

    /** The operator producing this stream (for a union: its first input's). */
    public JobVertex vertex() {
        return vertex;
    }
}
