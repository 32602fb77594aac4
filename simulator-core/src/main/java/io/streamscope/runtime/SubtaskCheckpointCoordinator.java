package io.streamscope.runtime;

import io.streamscope.checkpoint.CheckpointConfig;
import io.streamscope.checkpoint.OperatorSubtaskState;
import io.streamscope.checkpoint.SubtaskCheckpointStats;
import io.streamscope.checkpoint.TaskStateSnapshot;
import io.streamscope.graph.JobVertex;
import io.streamscope.state.RocksDbModel;
import io.streamscope.state.StateSerializer;
import io.streamscope.trace.TraceEvent;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Takes a subtask's part of a checkpoint, in Flink's order (SubtaskCheckpointCoordinatorImpl): operators prepare,
 * the state of every operator of the chain is snapshotted, the barrier goes downstream, the synchronous part blocks
 * the subtask, the asynchronous part uploads the state, and the acknowledgement goes to the coordinator. An
 * unaligned checkpoint snapshots at the first barrier and persists in-flight data: what waited in the output
 * buffers when the barrier overtook it, and, per input channel, what was sent before that channel's barrier and not
 * processed before the snapshot; it is acknowledged once the last barrier arrived and everything is uploaded.
 */
final class SubtaskCheckpointCoordinator {
    /** A snapshot taken whose acknowledgement waits for the upload (and, unaligned, for the last barrier). */
    static final class Started {
        final StreamElement.CheckpointBarrier barrier;
        final Map<String, OperatorSubtaskState> operators;
        final Map<String, List<byte[]>> outputState;
        final long snapshotTime;
        final long syncEnd;
        final long syncMillis;
        final long startDelay;
        final long alignment;
        final long processed;
        /** The full size of the operators' state (for RocksDB: every live SST file). */
        final long fullBytes;
        /** What the operators upload (for RocksDB incremental: only the new SST files). */
        final long uploadBytes;

        Started(StreamElement.CheckpointBarrier barrier, Map<String, OperatorSubtaskState> operators,
                Map<String, List<byte[]>> outputState, long snapshotTime, long syncMillis, long startDelay,
                long alignment, long processed, long fullBytes, long uploadBytes) {
            this.barrier = barrier;
            this.fullBytes = fullBytes;
            this.uploadBytes = uploadBytes;
            this.operators = operators;
            this.outputState = outputState;
            this.snapshotTime = snapshotTime;
            this.syncMillis = syncMillis;
            this.syncEnd = snapshotTime + syncMillis;
            this.startDelay = startDelay;
            this.alignment = alignment;
            this.processed = processed;
        }

    }

    private final Subtask subtask;
    /** The last snapshot this subtask acknowledged: a finished subtask's final state. */
    private TaskStateSnapshot lastSnapshot;
    /** With the RocksDB backend: the SST files of each keyed operator, by uid. */
    private final Map<String, RocksDbModel> rocksDb = new LinkedHashMap<>();

    SubtaskCheckpointCoordinator(Subtask subtask) {
        this.subtask = subtask;
    }

    /**
     * Checkpoints the subtask at {@code now} when its barrier was aligned (or, at a source, triggered) and
     * acknowledges after the upload.
     *
     * @param startDelay from the trigger to the first barrier at this subtask
     * @param alignment from the first to the last barrier
     * @param processed elements processed during alignment
     */
    void checkpointState(StreamElement.CheckpointBarrier barrier, long startDelay, long alignment, long processed,
                         long now) throws Exception {
        finish(start(barrier, startDelay, alignment, processed, now), Map.of(), now);
    }

    /** Snapshots the operators, forwards the barrier and blocks the subtask for the synchronous part. */
    Started start(StreamElement.CheckpointBarrier barrier, long startDelay, long alignment, long processed,
                  long now) throws Exception {
        JobRuntime rt = subtask.runtime();
        long id = barrier.checkpointId();
        if (barrier.options().drain() && subtask.source() != null) {
            subtask.source().drain(now);
        }
        for (StreamOperator op : subtask.operators()) {
            op.prepareSnapshotPreBarrier(id);
        }
        Map<String, OperatorSubtaskState> ops = snapshotOperators(id);
        boolean unaligned = subtask.forwardsUnaligned(barrier, now);
        Map<String, List<byte[]>> outputState = new LinkedHashMap<>();
        if (unaligned) {
            for (var e : subtask.outputBuffers().entrySet()) {
                if (!e.getValue().isEmpty()) {
                    outputState.put(e.getKey(), serialize(e.getValue()));
                }
            }
        }
        CheckpointConfig config = rt.checkpointConfig();
        boolean incremental = config.backend() == CheckpointConfig.StateBackendKind.ROCKSDB_INCREMENTAL;
        long stateBytes = 0;
        long uploadBytes = 0;
        long syncBytes = 0;
        StringBuilder rocks = new StringBuilder();
        for (var e : ops.entrySet()) {
            OperatorSubtaskState op = e.getValue();
            if (incremental && (!op.keyGroups().isEmpty() || rocksDb.containsKey(e.getKey()))) {
                // RocksDB: the synchronous part flushes the memtable; only new SST files are uploaded
                RocksDbModel.Snapshot r = rocksDb.computeIfAbsent(e.getKey(), k -> new RocksDbModel())
                        .snapshot(id, op.keyGroups());
                long lists = op.sizeBytes() - keyGroupBytes(op);
                stateBytes += r.fullBytes() + lists;
                uploadBytes += r.uploadedBytes() + lists;
                syncBytes += r.flushedBytes();
                rocks.append(rocks.length() == 0 ? "" : "; ").append(e.getKey()).append(": ").append(r.describe());
            } else {
                stateBytes += op.sizeBytes();
                uploadBytes += op.sizeBytes();
                syncBytes += op.sizeBytes();
            }
        }
        long sync = config.costs().syncMillis(syncBytes);
        Started started = new Started(barrier, ops, outputState, now, sync, startDelay, alignment, processed,
                stateBytes, uploadBytes);
        subtask.checkpointTaken(barrier);
        if (rt.tracer().on()) {
            long cause = rt.tracer().cause();
            String offsets = subtask.source() == null ? "" : subtask.source().describeOffsets();
            String detail = offsets.isEmpty() ? rocks.toString()
                    : rocks.length() == 0 ? offsets : offsets + "; " + rocks;
            long out = bytes(outputState);
            long full = stateBytes;
            long upload = uploadBytes + out;
            long async = config.costs().asyncMillis(upload);
            int persisted = count(outputState);
            long seq = rt.tracer().emit(e -> new TraceEvent.CheckpointSnapshotTaken(e, now, subtask.id(), cause, id,
                    full, upload, sync, async, unaligned, persisted, detail));
            rt.tracer().setCause(seq);
        }
        subtask.forwardBarrier(barrier, unaligned, now);
        if (barrier.options().stop() && subtask.source() != null) {
            subtask.source().stop();
        }
        subtask.blockUntil(now + sync);
        return started;
    }

    /**
     * The snapshot's in-flight data is complete (at once for aligned checkpoints; when the last barrier arrived
     * for unaligned ones): the upload runs after the synchronous part, and its end is the acknowledgement.
     */
    void finish(Started s, Map<String, List<StreamElement>> inputState, long now) {
        JobRuntime rt = subtask.runtime();
        long id = s.barrier.checkpointId();
        Map<String, List<byte[]>> input = new LinkedHashMap<>();
        for (var e : inputState.entrySet()) {
            if (!e.getValue().isEmpty()) {
                input.put(e.getKey(), serialize(e.getValue()));
            }
        }
        TaskStateSnapshot snapshot = new TaskStateSnapshot(subtask.id(), subtask.index(), s.operators, input,
                s.outputState);
        long stateBytes = s.fullBytes;
        long uploaded = s.uploadBytes + snapshot.inFlightBytes();
        long uploadStart = Math.max(s.syncEnd, now);
        long async = rt.checkpointConfig().costs().asyncMillis(uploaded);
        long ackAt = uploadStart + async;
        boolean unaligned = s.barrier.options().unaligned() || !s.outputState.isEmpty() || !input.isEmpty();
        if (!input.isEmpty() && rt.tracer().on()) {
            int n = snapshot.inFlightElements();
            long bytes = snapshot.inFlightBytes();
            rt.tracer().emit(e -> new TraceEvent.CheckpointInFlightPersisted(e, now, subtask.id(), rt.tracer().cause(),
                    id, n, bytes));
        }
        SubtaskCheckpointStats stats = new SubtaskCheckpointStats(subtask.id(), ackAt, s.startDelay, s.alignment,
                s.syncMillis, ackAt - uploadStart, stateBytes, uploaded, s.processed, snapshot.inFlightElements(),
                unaligned);
        if (!rt.faults().uploadHangs(subtask.id(), id)) {
            rt.kernel().schedule(ackAt, subtask, t -> {
                lastSnapshot = snapshot;
                rt.acknowledgeCheckpoint(snapshot, stats, id, t);
            });
        }
    }

    /** Restored keyed state: with RocksDB its files are those of the restored checkpoint, already in storage. */
    void restored(String uid, java.util.SortedMap<Integer, byte[]> keyGroups) {
        if (subtask.runtime().checkpointConfig().backend() == CheckpointConfig.StateBackendKind.ROCKSDB_INCREMENTAL
                && !keyGroups.isEmpty()) {
            rocksDb.computeIfAbsent(uid, k -> new RocksDbModel()).restored(keyGroups);
        }
    }

    /** A checkpoint completed: the SST files it uploaded are shared by the next incremental checkpoints. */
    void checkpointComplete(long checkpointId) {
        for (RocksDbModel m : rocksDb.values()) {
            m.checkpointComplete(checkpointId);
        }
    }

    /** The live SST files of each keyed operator (RocksDB backend), for views. */
    Map<String, List<String>> sstFiles() {
        Map<String, List<String>> out = new LinkedHashMap<>();
        for (var e : rocksDb.entrySet()) {
            out.put(e.getKey(), e.getValue().describeFiles());
        }
        return out;
    }

    private static long keyGroupBytes(OperatorSubtaskState op) {
        long n = 0;
        for (byte[] b : op.keyGroups().values()) {
            n += b.length;
        }
        return n;
    }

    /** The state this subtask last acknowledged, or null. */
    TaskStateSnapshot lastSnapshot() {
        return lastSnapshot;
    }

    /** The state of every operator of the chain, by uid; the head of a source chain is the source reader. */
    private Map<String, OperatorSubtaskState> snapshotOperators(long checkpointId) throws Exception {
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
        return ops;
    }

    private List<byte[]> serialize(List<StreamElement> elements) {
        List<byte[]> out = new ArrayList<>();
        for (StreamElement e : elements) {
            out.add(StateSerializer.serialize(e, "in-flight data of " + subtask.id()));
        }
        return out;
    }

    private static long bytes(Map<String, List<byte[]>> m) {
        long n = 0;
        for (List<byte[]> l : m.values()) {
            for (byte[] b : l) {
                n += b.length;
            }
        }
        return n;
    }

    private static int count(Map<String, List<byte[]>> m) {
        int n = 0;
        for (List<byte[]> l : m.values()) {
            n += l.size();
        }
        return n;
    }
}
