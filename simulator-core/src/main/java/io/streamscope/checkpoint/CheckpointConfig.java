package io.streamscope.checkpoint;

import java.time.Duration;

/**
 * Checkpointing settings of a job, with Flink's names and defaults (execution.checkpointing.*). Checkpointing is
 * off ({@link #disabled()}) unless a job or scenario enables it with an interval.
 *
 * @param intervalMillis the period of checkpoint triggering; 0 or less means checkpointing is off
 * @param timeoutMillis a checkpoint not completed this long after its trigger expires (Flink: 10 min)
 * @param minPauseMillis at least this long between the completion of one checkpoint and the next trigger
 * @param maxConcurrent checkpoints that may be in progress at once (Flink: 1)
 * @param tolerableFailures consecutive failed checkpoints (expired, or failed in the asynchronous part) a job
 *     tolerates; one more fails the job over (Flink: 0)
 * @param unaligned unaligned checkpoints: barriers overtake in-flight data, which is stored as channel state
 * @param alignedTimeoutMillis with {@code unaligned}: a checkpoint starts aligned and switches to unaligned when
 *     its barrier is still not aligned this long after the trigger; 0 means always unaligned (Flink's
 *     execution.checkpointing.aligned-checkpoint-timeout)
 * @param costs how long the synchronous and asynchronous parts of a snapshot take for a state size
 * @param retained completed checkpoints kept for recovery (Flink's state.checkpoints.num-retained: 1)
 * @param backend the state backend the snapshots are taken from
 * @param directory checkpoint storage on disk (Flink's execution.checkpointing.dir), or null for the JobManager's
 *     memory
 */
public record CheckpointConfig(long intervalMillis, long timeoutMillis, long minPauseMillis, int maxConcurrent,
                               int tolerableFailures, boolean unaligned, long alignedTimeoutMillis,
                               SnapshotCosts costs, int retained, StateBackendKind backend, String directory) {

    /** Flink's default checkpoint timeout: 10 minutes. */
    public static final long DEFAULT_TIMEOUT = 600_000;

    /** The state backends the engine models. */
    public enum StateBackendKind {
        /** HashMapStateBackend: objects on the heap; every checkpoint is a full snapshot. */
        HEAP,
        /** EmbeddedRocksDBStateBackend with incremental checkpoints: only new SST files are uploaded. */
        ROCKSDB_INCREMENTAL
    }

    public CheckpointConfig {
        if (intervalMillis > 0 && timeoutMillis < 1) {
            throw new IllegalArgumentException("the checkpoint timeout must be at least 1 ms");
        }
        if (minPauseMillis < 0) {
            throw new IllegalArgumentException("the minimum pause between checkpoints must not be negative");
        }
        if (maxConcurrent < 1) {
            throw new IllegalArgumentException("the maximum number of concurrent checkpoints must be at least 1");
        }
        if (tolerableFailures < 0) {
            throw new IllegalArgumentException("the number of tolerable checkpoint failures must not be negative");
        }
        if (alignedTimeoutMillis < 0) {
            throw new IllegalArgumentException("the aligned checkpoint timeout must not be negative");
        }
        if (retained < 1) {
            throw new IllegalArgumentException("at least one completed checkpoint must be retained");
        }
        if (costs == null) {
            costs = SnapshotCosts.DEFAULT;
        }
        if (backend == null) {
            backend = StateBackendKind.HEAP;
        }
    }

    /** Checkpointing off: the default of every job. */
    public static CheckpointConfig disabled() {
        return new CheckpointConfig(0, DEFAULT_TIMEOUT, 0, 1, 0, false, 0, SnapshotCosts.DEFAULT, 1,
                StateBackendKind.HEAP, null);
    }

    /** Aligned checkpoints every {@code interval} with Flink's other defaults. */
    public static CheckpointConfig every(Duration interval) {
        return every(interval.toMillis());
    }

    public static CheckpointConfig every(long intervalMillis) {
        if (intervalMillis < 1) {
            throw new IllegalArgumentException("the checkpoint interval must be at least 1 ms, got " + intervalMillis);
        }
        return disabled().withInterval(intervalMillis);
    }

    public boolean enabled() {
        return intervalMillis > 0;
    }

    public CheckpointConfig withInterval(long ms) {
        return new CheckpointConfig(ms, timeoutMillis, minPauseMillis, maxConcurrent, tolerableFailures, unaligned,
                alignedTimeoutMillis, costs, retained, backend, directory);
    }

    public CheckpointConfig withTimeout(long ms) {
        return new CheckpointConfig(intervalMillis, ms, minPauseMillis, maxConcurrent, tolerableFailures, unaligned,
                alignedTimeoutMillis, costs, retained, backend, directory);
    }

    public CheckpointConfig withMinPause(long ms) {
        return new CheckpointConfig(intervalMillis, timeoutMillis, ms, maxConcurrent, tolerableFailures, unaligned,
                alignedTimeoutMillis, costs, retained, backend, directory);
    }

    public CheckpointConfig withMaxConcurrent(int n) {
        return new CheckpointConfig(intervalMillis, timeoutMillis, minPauseMillis, n, tolerableFailures, unaligned,
                alignedTimeoutMillis, costs, retained, backend, directory);
    }

    public CheckpointConfig withTolerableFailures(int n) {
        return new CheckpointConfig(intervalMillis, timeoutMillis, minPauseMillis, maxConcurrent, n, unaligned,
                alignedTimeoutMillis, costs, retained, backend, directory);
    }

    /** Unaligned checkpoints; {@code alignedTimeout} 0 starts them unaligned, more starts them aligned. */
    public CheckpointConfig withUnaligned(boolean on, long alignedTimeout) {
        return new CheckpointConfig(intervalMillis, timeoutMillis, minPauseMillis, maxConcurrent, tolerableFailures,
                on, alignedTimeout, costs, retained, backend, directory);
    }

    public CheckpointConfig withCosts(SnapshotCosts c) {
        return new CheckpointConfig(intervalMillis, timeoutMillis, minPauseMillis, maxConcurrent, tolerableFailures,
                unaligned, alignedTimeoutMillis, c, retained, backend, directory);
    }

    public CheckpointConfig withRetained(int n) {
        return new CheckpointConfig(intervalMillis, timeoutMillis, minPauseMillis, maxConcurrent, tolerableFailures,
                unaligned, alignedTimeoutMillis, costs, n, backend, directory);
    }

    public CheckpointConfig withBackend(StateBackendKind b) {
        return new CheckpointConfig(intervalMillis, timeoutMillis, minPauseMillis, maxConcurrent, tolerableFailures,
                unaligned, alignedTimeoutMillis, costs, retained, b, directory);
    }

    /** Checkpoints are written to this directory (one {@code chk-<id>} folder each), from which a run can restore. */
    public CheckpointConfig withDirectory(java.nio.file.Path dir) {
        return new CheckpointConfig(intervalMillis, timeoutMillis, minPauseMillis, maxConcurrent, tolerableFailures,
                unaligned, alignedTimeoutMillis, costs, retained, backend, dir == null ? null : dir.toString());
    }

    /** The options a checkpoint triggered with this configuration carries in its barriers. */
    public CheckpointOptions options(boolean savepoint) {
        if (savepoint) {
            return CheckpointOptions.SAVEPOINT;
        }
        return new CheckpointOptions(false, unaligned && alignedTimeoutMillis == 0, unaligned ? alignedTimeoutMillis
                : 0, false, false);
    }
}
