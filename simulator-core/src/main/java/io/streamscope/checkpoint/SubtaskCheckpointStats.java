package io.streamscope.checkpoint;

/**
 * One subtask's part of a checkpoint, as Flink's web UI details it per subtask.
 *
 * @param subtask the subtask id
 * @param ackTime virtual time the acknowledgement reached the coordinator
 * @param startDelayMillis from the trigger to the first barrier reaching the subtask (0 for a source)
 * @param alignmentMillis from the first to the last barrier of the checkpoint at the subtask
 * @param syncMillis the synchronous part of the snapshot (the task is blocked)
 * @param asyncMillis the asynchronous part (upload)
 * @param stateBytes the full size of the subtask's state
 * @param checkpointedBytes what was uploaded for this checkpoint (less than the full size when incremental)
 * @param processedInFlight elements processed during alignment (aligned)
 * @param persistedInFlight elements persisted as channel state (unaligned)
 * @param unaligned whether the subtask took the checkpoint unaligned
 */
public record SubtaskCheckpointStats(String subtask, long ackTime, long startDelayMillis, long alignmentMillis,
                                     long syncMillis, long asyncMillis, long stateBytes, long checkpointedBytes,
                                     long processedInFlight, long persistedInFlight, boolean unaligned) {
}
