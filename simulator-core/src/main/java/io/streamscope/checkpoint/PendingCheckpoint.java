package io.streamscope.checkpoint;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/** A triggered checkpoint waiting for the acknowledgements of its subtasks (Flink's PendingCheckpoint). */
final class PendingCheckpoint {
    private final long checkpointId;
    private final long triggerTime;
    private final CheckpointOptions options;
    private final List<String> tasksToWaitFor;
    private final Set<String> notYetAcknowledged;
    private final Map<String, TaskStateSnapshot> acknowledged = new LinkedHashMap<>();

    PendingCheckpoint(long checkpointId, long triggerTime, CheckpointOptions options, List<String> tasksToWaitFor) {
        this.checkpointId = checkpointId;
        this.triggerTime = triggerTime;
        this.options = options;
        this.tasksToWaitFor = List.copyOf(tasksToWaitFor);
        this.notYetAcknowledged = new LinkedHashSet<>(tasksToWaitFor);
    }

    long checkpointId() {
        return checkpointId;
    }

    long triggerTime() {
        return triggerTime;
    }

    CheckpointOptions options() {
        return options;
    }

    List<String> tasksToWaitFor() {
        return tasksToWaitFor;
    }

    /** Records an acknowledgement; false if the subtask was not expected or already acknowledged. */
    boolean acknowledge(String subtask, TaskStateSnapshot state) {
        if (!notYetAcknowledged.remove(subtask)) {
            return false;
        }
        acknowledged.put(subtask, state);
        return true;
    }

    /** Subtasks that still have to acknowledge, in plan order. */
    List<String> notYetAcknowledged() {
        return new ArrayList<>(notYetAcknowledged);
    }

    boolean isFullyAcknowledged() {
        return notYetAcknowledged.isEmpty();
    }

    /** Subtasks that acknowledged, in order: the ones to notify of completion. */
    List<String> acknowledgedTasks() {
        return new ArrayList<>(acknowledged.keySet());
    }

    /**
     * The completed checkpoint: every operator's state per subtask index. A subtask that finished before this
     * checkpoint keeps the state it had in the previous completed checkpoint (its final one).
     */
    CompletedCheckpoint finalizeCheckpoint(long completionTime, List<CheckpointGateway.OperatorInfo> operators,
                                           CompletedCheckpoint previous) {
        Map<String, OperatorState> states = new LinkedHashMap<>();
        for (CheckpointGateway.OperatorInfo op : operators) {
            TreeMap<Integer, OperatorSubtaskState> bySubtask = new TreeMap<>();
            for (TaskStateSnapshot t : acknowledged.values()) {
                OperatorSubtaskState s = t.operators().get(op.uid());
                if (s != null) {
                    bySubtask.put(t.subtaskIndex(), s);
                }
            }
            if (previous != null && previous.operators().containsKey(op.uid())) {
                for (var e : previous.operators().get(op.uid()).subtaskStates().entrySet()) {
                    bySubtask.putIfAbsent(e.getKey(), e.getValue());
                }
            }
            states.put(op.uid(), new OperatorState(op.uid(), op.name(), op.parallelism(), op.maxParallelism(),
                    bySubtask));
        }
        Map<String, List<byte[]>> channels = new LinkedHashMap<>();
        // per channel, what the receiver persisted is older than what was still in the sender's output buffer
        for (TaskStateSnapshot t : acknowledged.values()) {
            for (var e : t.inputChannelState().entrySet()) {
                channels.computeIfAbsent(e.getKey(), k -> new ArrayList<>()).addAll(e.getValue());
            }
        }
        for (TaskStateSnapshot t : acknowledged.values()) {
            for (var e : t.outputChannelState().entrySet()) {
                channels.computeIfAbsent(e.getKey(), k -> new ArrayList<>()).addAll(e.getValue());
            }
        }
        return new CompletedCheckpoint(checkpointId, options.savepoint(), triggerTime, completionTime, states,
                channels);
    }
}
