package io.streamscope.checkpoint;

/**
 * What a checkpoint barrier tells the tasks about its checkpoint (Flink's CheckpointOptions and type).
 *
 * @param savepoint a savepoint: always aligned, as in Flink
 * @param unaligned the barrier overtakes in-flight data, which is persisted as channel state
 * @param alignedTimeoutMillis for an aligned barrier of an unaligned-enabled job: switch to unaligned when the
 *     barrier is not aligned this long after the trigger (0: never)
 * @param stop a savepoint of stop-with-savepoint: sources stop after it, and the job ends when it completes
 * @param drain with {@code stop}: sources first advance event time to the end (Flink's --drain), firing every
 *     window and timer before the savepoint
 */
public record CheckpointOptions(boolean savepoint, boolean unaligned, long alignedTimeoutMillis, boolean stop,
                                boolean drain) implements java.io.Serializable {
    /** Savepoints are aligned and never time out into unaligned ones. */
    public static final CheckpointOptions SAVEPOINT = new CheckpointOptions(true, false, 0, false, false);
    /** A plain aligned checkpoint. */
    public static final CheckpointOptions ALIGNED = new CheckpointOptions(false, false, 0, false, false);

    /** The savepoint of stop-with-savepoint, draining or not. */
    public static CheckpointOptions stopWithSavepoint(boolean drain) {
        return new CheckpointOptions(true, false, 0, true, drain);
    }

    /** True for an aligned barrier that may still turn unaligned. */
    public boolean timeoutable() {
        return !unaligned && alignedTimeoutMillis > 0;
    }

    /** The same checkpoint, now unaligned (after the aligned timeout passed). */
    public CheckpointOptions toUnaligned() {
        return new CheckpointOptions(savepoint, true, 0, stop, drain);
    }
}
