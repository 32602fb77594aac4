package io.streamscope.checkpoint;

/**
 * What a checkpoint barrier tells the tasks about its checkpoint (Flink's CheckpointOptions).
 *
 * @param savepoint a savepoint: always aligned, as in Flink
 * @param unaligned the barrier overtakes in-flight data, which is persisted as channel state
 * @param alignedTimeoutMillis for an aligned barrier of an unaligned-enabled job: switch to unaligned when the
 *     barrier is not aligned this long after the trigger (0: never)
 */
public record CheckpointOptions(boolean savepoint, boolean unaligned, long alignedTimeoutMillis)
        implements java.io.Serializable {
    /** Savepoints are aligned and never time out into unaligned ones. */
    public static final CheckpointOptions SAVEPOINT = new CheckpointOptions(true, false, 0);
    /** A plain aligned checkpoint. */
    public static final CheckpointOptions ALIGNED = new CheckpointOptions(false, false, 0);

    /** True for an aligned barrier that may still turn unaligned. */
    public boolean timeoutable() {
        return !unaligned && alignedTimeoutMillis > 0;
    }

    /** The same checkpoint, now unaligned (after the aligned timeout passed). */
    public CheckpointOptions toUnaligned() {
        return new CheckpointOptions(savepoint, true, 0);
    }
}
