package io.streamscope.api;

import io.streamscope.checkpoint.CheckpointConfig;
import io.streamscope.connectors.PartitionedLog;
import io.streamscope.failover.FailoverStrategy;
import io.streamscope.failover.RestartStrategy;
import io.streamscope.graph.JobGraph;
import io.streamscope.graph.JobGraphBuilder;
import io.streamscope.graph.JobVertex;
import io.streamscope.graph.OperatorSpec;
import io.streamscope.time.WatermarkStrategy;

/** Where a DataStream program starts, as in Flink: sources, default parallelism, chaining; builds the JobGraph. */
public final class StreamExecutionEnvironment {
    private final JobGraphBuilder builder = new JobGraphBuilder();
    private int parallelism = 1;
    private int maxParallelism = -1;
    private boolean chaining = true;
    private CheckpointConfig checkpointConfig = CheckpointConfig.disabled();
    private RestartStrategy restartStrategy;
    private FailoverStrategy failoverStrategy = FailoverStrategy.REGION;

    public static StreamExecutionEnvironment create() {
        return new StreamExecutionEnvironment();
    }

    /** Default parallelism for operators declared after this call. */
    public StreamExecutionEnvironment setParallelism(int p) {
        if (p < 1) {
            throw new IllegalArgumentException("parallelism must be at least 1, got " + p);
        }
        this.parallelism = p;
        return this;
    }

    public int getParallelism() {
        return parallelism;
    }

    /** Default max parallelism (number of key groups) for operators declared after this call. */
    public StreamExecutionEnvironment setMaxParallelism(int mp) {
        this.maxParallelism = mp;
        return this;
    }

    public StreamExecutionEnvironment disableOperatorChaining() {
        this.chaining = false;
        return this;
    }

    public boolean isChainingEnabled() {
        return chaining;
    }

    /** Checkpoints every {@code intervalMillis} with Flink's defaults for the other settings. */
    public StreamExecutionEnvironment enableCheckpointing(long intervalMillis) {
        this.checkpointConfig = CheckpointConfig.every(intervalMillis);
        return this;
    }

    public StreamExecutionEnvironment setCheckpointConfig(CheckpointConfig config) {
        this.checkpointConfig = config;
        return this;
    }

    /** The checkpointing settings; disabled unless enabled. */
    public CheckpointConfig getCheckpointConfig() {
        return checkpointConfig;
    }

    /** The restart strategy; without one Flink's default applies (none, or exponential delay with checkpoints). */
    public StreamExecutionEnvironment setRestartStrategy(RestartStrategy strategy) {
        this.restartStrategy = strategy;
        return this;
    }

    /** The configured restart strategy, or null for Flink's default. */
    public RestartStrategy getRestartStrategy() {
        return restartStrategy;
    }

    public StreamExecutionEnvironment setFailoverStrategy(FailoverStrategy strategy) {
        this.failoverStrategy = strategy;
        return this;
    }

    public FailoverStrategy getFailoverStrategy() {
        return failoverStrategy;
    }

    /** Reads a partitioned log with per-partition watermarks, as fromSource(KafkaSource, strategy, name). */
    public <T> SingleOutputStreamOperator<T> fromSource(PartitionedLog log, WatermarkStrategy strategy, String name) {
        JobVertex v = newVertex(name, new OperatorSpec.Source(log, strategy));
        return new SingleOutputStreamOperator<>(this, v);
    }

    JobVertex newVertex(String name, OperatorSpec spec) {
        JobVertex v = builder.addVertex(name, spec, parallelism);
        if (maxParallelism > 0) {
            builder.setMaxParallelism(v, maxParallelism);
        }
        return v;
    }

    JobGraphBuilder builder() {
        return builder;
    }

    /** The logical job graph of everything declared so far. */
    public JobGraph getJobGraph() {
        return builder.build();
    }
}
