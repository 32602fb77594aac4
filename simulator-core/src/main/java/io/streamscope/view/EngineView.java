package io.streamscope.view;

import java.util.List;

/**
 * An immutable picture of the whole engine after a step: the only thing views read. Everything is plain
 * data (strings and numbers), listed in a deterministic order.
 */
public record EngineView(long time, long step, long traceSize, boolean finished, List<TaskManagerView> taskManagers,
                         List<SubtaskView> subtasks, List<ChannelView> channels, List<SinkView> sinks, JobView job,
                         List<CheckpointView> checkpoints) {

    /**
     * The job as the JobManager sees it: its status (RUNNING, RESTARTING, FAILED, FINISHED), how often it failed
     * over, why it last did, whether it checkpoints, and its newest completed checkpoint (-1: none).
     */
    public record JobView(String status, int restarts, String failureCause, boolean checkpointing,
                          long latestCompletedCheckpoint) {
    }

    /**
     * One checkpoint as Flink's web UI lists it: id, checkpoint or savepoint, status (IN_PROGRESS, COMPLETED,
     * FAILED), trigger and end time, acknowledged subtasks, full and uploaded size, why it failed, per subtask.
     */
    public record CheckpointView(long id, boolean savepoint, String status, boolean unaligned, long triggerTime,
                                 long endTime, long durationMillis, int acknowledged, int subtasks, long fullBytes,
                                 long checkpointedBytes, String failureReason,
                                 List<SubtaskCheckpointView> subtaskDetails) {
    }

    /**
     * A subtask's part of a checkpoint: when it acknowledged, the delay until its first barrier, the alignment, the
     * synchronous and asynchronous parts, its full and uploaded state size, the in-flight elements processed
     * during alignment (aligned) or persisted (unaligned).
     */
    public record SubtaskCheckpointView(String subtask, long ackTime, long startDelayMillis, long alignmentMillis,
                                        long syncMillis, long asyncMillis, long stateBytes, long checkpointedBytes,
                                        long processedInFlight, long persistedInFlight, boolean unaligned) {
    }

    /** What queued up on an input channel blocked by barrier alignment, oldest first. */
    public record AlignmentBufferView(String channel, List<String> elements) {
    }

    /** A TaskManager and its slots. */
    public record TaskManagerView(String id, List<SlotView> slots) {
    }

    /** A slot and the subtasks sharing it. */
    public record SlotView(String id, List<String> subtasks) {
    }

    /**
     * One subtask: its chain, status, the element in process, its watermark, its input channels and source
     * splits with their watermarks, keyed state and pending timers of its operators; its deployment attempt (0,
     * then one more per restart), the checkpoint whose barriers it aligns (-1: none) with the data queued behind
     * the blocked channels, until when a synchronous snapshot part blocks it (-1: it does not), whether its
     * input ended and it waits for a final checkpoint, and with the RocksDB backend the live SST files of its keyed
     * operators ("operator#id: sst-3 (1200 bytes, 5 key groups, in checkpoint storage)"); for a chain headed by a
     * two-input operator, each input's watermark (the subtask's watermark is their minimum), else empty.
     */
    public record SubtaskView(String id, String task, int index, String slot, String status, boolean backpressured,
                              String backpressuredOn, String inProcess, long inProcessDone, long watermark,
                              long recordsProcessed, List<InputView> inputs, List<SplitView> splits,
                              List<StateView> state, List<TimerView> timers, int attempt, long aligningCheckpoint,
                              List<AlignmentBufferView> alignmentBuffers, long snapshotBusyUntil,
                              boolean awaitingFinalCheckpoint, List<String> sstFiles,
                              List<InputWatermarkView> inputWatermarks) {
    }

    /**
     * The watermark and status the subtask's valve holds for one input channel, and the input it feeds (1, or 2 for
     * the second input of a two-input operator).
     */
    public record InputView(String channel, long watermark, boolean idle, boolean aligned, int input) {
    }

    /**
     * One input of a two-input operator: its number (1 or 2), the operators feeding it, the watermark its valve
     * forwarded last, whether it is idle, and whether it is the one holding the subtask's watermark back (the
     * lower of two active inputs).
     */
    public record InputWatermarkView(int input, String stream, long watermark, boolean idle, boolean holdingBack) {
    }

    /**
     * A partition read by a source subtask: next offset, its own watermark, idleness, generator state, and
     * whether it was read to its end (a finished split no longer holds the subtask's watermark back).
     */
    public record SplitView(String split, long nextOffset, long watermark, boolean idle, String generator,
                            boolean finished) {
    }

    /** One entry of keyed state. */
    public record StateView(String operator, String key, int keyGroup, String name, String value, Long expiresAt) {
        /** A state line without a time-to-live. */
        public StateView(String operator, String key, int keyGroup, String name, String value) {
            this(operator, key, keyGroup, name, value, null);
        }
    }

    /** One pending timer. */
    public record TimerView(String operator, String key, long timestamp, String domain, String namespace) {
    }

    /** A channel's contents, oldest first, in each of its three places, and its free credits. */
    public record ChannelView(String id, String from, String to, List<String> outputBuffer, List<String> inFlight,
                              List<Long> inFlightArrivals, List<String> inputBuffer, int credits) {
    }

    /**
     * A sink's table: every record written (read_uncommitted), its delivery guarantee, what a read_committed reader
     * sees, how many writes were duplicates of replayed records, the longest wait for visibility, transactions.
     */
    public record SinkView(String name, List<String> records, String guarantee, List<String> committed,
                           long duplicates, long maxVisibilityDelay, List<TransactionView> transactions) {
    }

    /** A transaction of an exactly-once sink: OPEN, PRE_COMMITTED, COMMITTED or ABORTED. */
    public record TransactionView(String id, String subtask, String status, long checkpointId, int records) {
    }

    public SubtaskView subtask(String id) {
        for (SubtaskView s : subtasks) {
            if (s.id().equals(id)) {
                return s;
            }
        }
        throw new IllegalArgumentException("no subtask " + id);
    }

    public ChannelView channel(String id) {
        for (ChannelView c : channels) {
            if (c.id().equals(id)) {
                return c;
            }
        }
        throw new IllegalArgumentException("no channel " + id);
    }
}
