package io.streamscope.graph;

import io.streamscope.api.functions.KeySelector;

/** How records on a job edge are distributed to the downstream subtasks (Flink's StreamPartitioner). */
public sealed interface Partitioner {
    /** Flink's name for the partitioner, as the web UI shows it. */
    String flinkName();

    /** Subtask i sends to subtask i only; requires equal parallelism, and allows chaining. */
    record Forward() implements Partitioner {
        @Override
        public String flinkName() {
            return "FORWARD";
        }
    }

    /** Round-robin over all downstream subtasks. */
    record Rebalance() implements Partitioner {
        @Override
        public String flinkName() {
            return "REBALANCE";
        }
    }

    /** Every record to every downstream subtask. */
    record Broadcast() implements Partitioner {
        @Override
        public String flinkName() {
            return "BROADCAST";
        }
    }

    /** keyBy: by key group of the key, {@code murmurHash(key.hashCode()) % maxParallelism}. */
    record KeyGroup(KeySelector<?, ?> keySelector) implements Partitioner {
        @Override
        public String flinkName() {
            return "HASH";
        }
    }
}
