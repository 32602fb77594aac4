package io.streamscope.runtime;

import io.streamscope.graph.ClusterSpec;

/**
 * The knobs of a simulated run.
 *
 * @param seed seed of the one random source (rebalance start channel, latency jitter, generators)
 * @param channelLatencyMillis virtual time from a subtask's output buffer to the receiver's input buffer
 * @param latencyJitterMillis extra random latency per element, 0..jitter; FIFO order per channel is kept
 * @param inputBufferCapacity credits per channel: elements on the wire plus in the receiver's input buffer
 * @param outputBufferCapacity elements a channel's output buffer (result subpartition) holds before the
 *     sending subtask stops taking input: this is where backpressure starts
 * @param autoWatermarkIntervalMillis period of watermark emission for periodic strategies (Flink's
 *     pipeline.auto-watermark-interval, 200 ms by default)
 * @param chainingEnabled operator chaining on or off for the whole job
 * @param traceEnabled record trace events (off for benchmarks)
 * @param cluster TaskManagers and slots
 */
public record EngineConfig(long seed, long channelLatencyMillis, long latencyJitterMillis, int inputBufferCapacity,
                           int outputBufferCapacity, long autoWatermarkIntervalMillis, boolean chainingEnabled,
                           boolean traceEnabled, ClusterSpec cluster) {

    public EngineConfig {
        if (channelLatencyMillis < 0 || latencyJitterMillis < 0) {
            throw new IllegalArgumentException("latencies must not be negative");
        }
        if (inputBufferCapacity < 1 || outputBufferCapacity < 1) {
            throw new IllegalArgumentException("buffer capacities must be at least 1");
        }
        if (autoWatermarkIntervalMillis < 1) {
            throw new IllegalArgumentException("the auto-watermark interval must be at least 1 ms");
        }
    }

    public static EngineConfig defaults() {
        return new EngineConfig(0, 1, 0, 4, 4, 200, true, true, new ClusterSpec(1, 4));
    }

    public EngineConfig withSeed(long s) {
        return new EngineConfig(s, channelLatencyMillis, latencyJitterMillis, inputBufferCapacity,
                outputBufferCapacity, autoWatermarkIntervalMillis, chainingEnabled, traceEnabled, cluster);
    }

    public EngineConfig withTrace(boolean on) {
        return new EngineConfig(seed, channelLatencyMillis, latencyJitterMillis, inputBufferCapacity,
                outputBufferCapacity, autoWatermarkIntervalMillis, chainingEnabled, on, cluster);
    }

    public EngineConfig withCluster(ClusterSpec c) {
        return new EngineConfig(seed, channelLatencyMillis, latencyJitterMillis, inputBufferCapacity,
                outputBufferCapacity, autoWatermarkIntervalMillis, chainingEnabled, traceEnabled, c);
    }

    public EngineConfig withLatency(long latency, long jitter) {
        return new EngineConfig(seed, latency, jitter, inputBufferCapacity, outputBufferCapacity,
                autoWatermarkIntervalMillis, chainingEnabled, traceEnabled, cluster);
    }

    public EngineConfig withBuffers(int input, int output) {
        return new EngineConfig(seed, channelLatencyMillis, latencyJitterMillis, input, output,
                autoWatermarkIntervalMillis, chainingEnabled, traceEnabled, cluster);
    }

    public EngineConfig withAutoWatermarkInterval(long ms) {
        return new EngineConfig(seed, channelLatencyMillis, latencyJitterMillis, inputBufferCapacity,
                outputBufferCapacity, ms, chainingEnabled, traceEnabled, cluster);
    }

    public EngineConfig withChaining(boolean on) {
        return new EngineConfig(seed, channelLatencyMillis, latencyJitterMillis, inputBufferCapacity,
                outputBufferCapacity, autoWatermarkIntervalMillis, on, traceEnabled, cluster);
    }
}
