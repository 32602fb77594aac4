package io.streamscope.checkpoint;

/**
 * The virtual durations of a snapshot, growing with the state size: the synchronous part blocks the task (Flink
 * copies or flushes the state), the asynchronous part uploads it to checkpoint storage while the task goes on.
 * Each part takes a fixed time plus one millisecond per full {@code bytesPerMilli} bytes, so that a small state
 * costs just the fixed time and examples stay easy to follow.
 *
 * @param syncFixedMillis fixed cost of the synchronous part
 * @param syncBytesPerMilli bytes the synchronous part handles per millisecond
 * @param asyncFixedMillis fixed cost of the asynchronous part (the round trip to the storage)
 * @param asyncBytesPerMilli bytes uploaded per millisecond
 */
public record SnapshotCosts(long syncFixedMillis, long syncBytesPerMilli, long asyncFixedMillis,
                            long asyncBytesPerMilli) {
    /** 1 ms + 1 ms per full 64 KiB in the synchronous part; 1 ms + 1 ms per full KiB uploaded (about 1 MB/s). */
    public static final SnapshotCosts DEFAULT = new SnapshotCosts(1, 65_536, 1, 1_024);

    public SnapshotCosts {
        if (syncFixedMillis < 0 || asyncFixedMillis < 0) {
            throw new IllegalArgumentException("snapshot costs must not be negative");
        }
        if (syncBytesPerMilli < 1 || asyncBytesPerMilli < 1) {
            throw new IllegalArgumentException("snapshot rates must be at least 1 byte per millisecond");
        }
    }

    public long syncMillis(long bytes) {
        return syncFixedMillis + Math.max(0, bytes) / syncBytesPerMilli;
    }

    public long asyncMillis(long uploadedBytes) {
        return asyncFixedMillis + Math.max(0, uploadedBytes) / asyncBytesPerMilli;
    }
}
