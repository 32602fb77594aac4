package io.streamscope.checkpoint;

import java.io.IOException;
import java.nio.file.Path;

/**
 * Where completed checkpoints are kept (Flink's CheckpointStorage): the JobManager's memory, or a directory on
 * disk from which a later run can restore.
 */
public interface CheckpointStorage {
    /** Persists a completed checkpoint's metadata; a failure fails the checkpoint. */
    void store(CompletedCheckpoint checkpoint) throws IOException;

    /** Removes a checkpoint that was subsumed (savepoints are never removed). */
    void discard(CompletedCheckpoint checkpoint) throws IOException;

    /** Flink's JobManagerCheckpointStorage: nothing leaves the JobManager. */
    static CheckpointStorage inMemory() {
        return new CheckpointStorage() {
            @Override
            public void store(CompletedCheckpoint checkpoint) {
            }

            @Override
            public void discard(CompletedCheckpoint checkpoint) {
            }
        };
    }

    /** Flink's FileSystemCheckpointStorage: one {@code chk-<id>} folder per checkpoint under {@code dir}. */
    static CheckpointStorage directory(Path dir) {
        return new CheckpointStorage() {
            @Override
            public void store(CompletedCheckpoint checkpoint) throws IOException {
                CheckpointFiles.write(checkpoint, dir);
            }

            @Override
            public void discard(CompletedCheckpoint checkpoint) throws IOException {
                if (!checkpoint.savepoint()) {
                    CheckpointFiles.delete(checkpoint, dir);
                }
            }
        };
    }
}
