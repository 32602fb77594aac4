package io.streamscope.checkpoint;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** The history entry of one checkpoint, as Flink's checkpoint statistics keep it: status, timing, sizes, per subtask. */
public final class CheckpointStats {
    /** Where a checkpoint is in its life. */
    public enum Status { IN_PROGRESS, COMPLETED, FAILED }

    private final long checkpointId;
    private final boolean savepoint;
    private final boolean unaligned;
    private final long triggerTime;
    private final int numSubtasks;
    private final Map<String, SubtaskCheckpointStats> acks = new LinkedHashMap<>();
    private Status status = Status.IN_PROGRESS;
    private long endTime = -1;
    private String failureReason;
    private long fullBytes;
    private long checkpointedBytes;

    CheckpointStats(long checkpointId, boolean savepoint, boolean unaligned, long triggerTime, int numSubtasks) {
        this.checkpointId = checkpointId;
        this.savepoint = savepoint;
        this.unaligned = unaligned;
        this.triggerTime = triggerTime;
        this.numSubtasks = numSubtasks;
    }

    void acknowledged(SubtaskCheckpointStats s) {
        acks.put(s.subtask(), s);
        fullBytes += s.stateBytes();
        checkpointedBytes += s.checkpointedBytes();
    }

    void completed(long time) {
        status = Status.COMPLETED;
        endTime = time;
    }

    void failed(long time, String reason) {
        status = Status.FAILED;
        endTime = time;
        failureReason = reason;
    }

    public long checkpointId() {
        return checkpointId;
    }

    public boolean savepoint() {
        return savepoint;
    }

    /** True when the checkpoint started unaligned (an aligned one may still switch at some subtasks). */
    public boolean unaligned() {
        return unaligned;
    }

    public long triggerTime() {
        return triggerTime;
    }

    public Status status() {
        return status;
    }

    /** Completion or failure time; -1 while in progress. */
    public long endTime() {
        return endTime;
    }

    /** From trigger to completion or failure; -1 while in progress. */
    public long durationMillis() {
        return endTime < 0 ? -1 : endTime - triggerTime;
    }

    public String failureReason() {
        return failureReason;
    }

    public int numSubtasks() {
        return numSubtasks;
    }

    public int numAcknowledged() {
        return acks.size();
    }

    /** The full state size of the acknowledged subtasks. */
    public long fullBytes() {
        return fullBytes;
    }

    /** What was uploaded for this checkpoint (equal to the full size unless incremental). */
    public long checkpointedBytes() {
        return checkpointedBytes;
    }

    /** Per acknowledged subtask, in acknowledgement order. */
    public List<SubtaskCheckpointStats> subtasks() {
        return Collections.unmodifiableList(new ArrayList<>(acks.values()));
    }
}
