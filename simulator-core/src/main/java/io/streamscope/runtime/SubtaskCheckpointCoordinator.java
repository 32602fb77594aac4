package io.streamscope.runtime;

import io.streamscope.checkpoint.CheckpointConfig;
import io.streamscope.checkpoint.OperatorSubtaskState;
import io.streamscope.checkpoint.SubtaskCheckpointStats;
import io.streamscope.checkpoint.TaskStateSnapshot;
import io.streamscope.graph.JobVertex;
import io.streamscope.trace.TraceEvent;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Takes a subtask's part of a checkpoint, in Flink's order (SubtaskCheckpointCoordinatorImpl): operators prepare,
 * the state of every operator of the chain is snapshotted, the barrier goes downstream, the synchronous part blocks
 * the subtask, the asynchronous part uploads the state, and the acknowledgement goes to the coordinator.
 */
final class SubtaskCheckpointCoordinator {
    private final Subtask subtask;

    SubtaskCheckpointCoordinator(Subtask subtask) {
        this.subtask = subtask;
    }

    /**
     * Checkpoints the subtask at {@code now}: the barrier was aligned (or, at a source, triggered).
     *
     * @param startDelay from the trigger to the first barrier at this subtask
     * @param alignment from the first to the last barrier
     * @param processed elements processed during alignment
     */
    void checkpointState(StreamElement.CheckpointBarrier barrier, long startDelay, long alignment, long processed,
                         long now) throws Exception {
        JobRuntime rt = subtask.runtime();
        long id = barrier.checkpointId();
        for (StreamOperator op : subtask.operators()) {
            op.prepareSnapshotPreBarrier(id);
        }
        TaskStateSnapshot snapshot = snapshot(id);
        CheckpointConfig config = rt.checkpointConfig();
        long stateBytes = snapshot.stateBytes();
        long uploaded = stateBytes + snapshot.inFlightBytes();
        long sync = config.costs().syncMillis(stateBytes);
        long async = config.costs().asyncMillis(uploaded);
        subtask.checkpointTaken(id);
        if (rt.tracer().on()) {
            long cause = rt.tracer().cause();
            String detail = subtask.source() == null ? "" : subtask.source().describeOffsets();
            int persisted = snapshot.inFlightElements();
            long seq = rt.tracer().emit(s -> new TraceEvent.CheckpointSnapshotTaken(s, now, subtask.id(), cause, id,
                    stateBytes, uploaded, sync, async, barrier.options().unaligned(), persisted, detail));
            rt.tracer().setCause(seq);
        }
        subtask.broadcastBarrier(barrier, now);
        subtask.blockUntil(now + sync);
        long ackAt = now + sync + async;
        SubtaskCheckpointStats stats = new SubtaskCheckpointStats(subtask.id(), ackAt, startDelay, alignment, sync,
                async, stateBytes, uploaded, processed, snapshot.inFlightElements(), barrier.options().unaligned());
        if (!rt.faults().uploadHangs(subtask.id(), id)) {
            rt.kernel().schedule(ackAt, subtask, t -> rt.acknowledgeCheckpoint(snapshot, stats, id, t));
        }
    }

    /** The state of every operator of the chain, by uid; the head of a source chain is the source reader. */
    private TaskStateSnapshot snapshot(long checkpointId) throws Exception {
        Map<String, OperatorSubtaskState> ops = new LinkedHashMap<>();
        List<JobVertex> vertices = subtask.operatorVertices();
        int first = 0;
        if (subtask.source() != null) {
            ops.put(JobRuntime.uid(vertices.get(0)), subtask.source().snapshotState());
            first = 1;
        }
        List<StreamOperator> operators = subtask.operators();
        for (int i = 0; i < operators.size(); i++) {
            ops.put(JobRuntime.uid(vertices.get(first + i)), operators.get(i).snapshotState(checkpointId));
        }
        return new TaskStateSnapshot(subtask.id(), subtask.index(), ops, Map.of(), Map.of());
    }
}
