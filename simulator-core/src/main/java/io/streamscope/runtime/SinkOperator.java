package io.streamscope.runtime;

import io.streamscope.checkpoint.OperatorRestoreState;
import io.streamscope.checkpoint.OperatorSubtaskState;
import io.streamscope.connectors.DeliveryGuarantee;
import io.streamscope.connectors.SinkTable;
import io.streamscope.data.Json;
import io.streamscope.state.StateSerializer;
import io.streamscope.trace.TraceEvent;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.TreeMap;

/**
 * Writes every record to its sink table. Without transactions a record is visible at once, and the checkpoint
 * records how far the subtask has written, so that a recovery knows which writes the replay repeats. With
 * exactly-once (Flink's TwoPhaseCommitSinkFunction) records go into a transaction that is pre-committed when the
 * barrier passes and committed when the checkpoint completes; a recovery commits the pre-committed transactions
 * of the restored checkpoint and aborts the rest.
 */
final class SinkOperator implements StreamOperator {
    /** A pre-committed transaction waiting for its checkpoint to complete: the sink's checkpointed state. */
    record PendingTransaction(String transaction, long checkpointId) implements java.io.Serializable {
    }

    /** How many records a subtask had written at the checkpoint. */
    record Position(String subtask, int position) implements java.io.Serializable {
    }

    private final SinkTable table;
    private final boolean transactional;
    private OperatorContext ctx;
    private String currentTransaction;
    private final List<PendingTransaction> pending = new ArrayList<>();

    SinkOperator(SinkTable table) {
        this.table = table;
        this.transactional = table.guarantee() == DeliveryGuarantee.EXACTLY_ONCE;
    }

    @Override
    public void open(OperatorContext context) {
        this.ctx = context;
    }

    @Override
    public void initializeState(OperatorRestoreState restored) {
        List<byte[]> mine = restored == null ? List.of()
                : restored.share(ctx.subtaskIndex(), ctx.parallelism());
        if (transactional) {
            // recoverAndCommit: what the restored checkpoint pre-committed is committed (again: a no-op)
            for (byte[] b : mine) {
                PendingTransaction t = (PendingTransaction) StateSerializer.deserialize(b);
                commit(t.transaction(), t.checkpointId());
            }
            // recoverAndAbort: whatever else this subtask left open or pre-committed is aborted
            for (String txn : table.undecided(ctx.subtaskId())) {
                int n = table.abort(txn);
                if (ctx.tracer().on()) {
                    long now = ctx.now();
                    ctx.tracer().emit(s -> new TraceEvent.TransactionAborted(s, now, ctx.subtaskId(), -1, table.name(),
                            txn, n));
                }
            }
            return;
        }
        boolean found = false;
        for (byte[] b : mine) {
            Position p = (Position) StateSerializer.deserialize(b);
            table.rewind(p.subtask(), p.position());
            found |= p.subtask().equals(ctx.subtaskId());
        }
        if (!found) {
            table.rewind(ctx.subtaskId(), 0); // no checkpoint: the replay starts from the beginning
        }
    }

    @Override
    public void processElement(StreamElement.Record r) {
        long now = ctx.now();
        Long ts = r.hasTimestamp() ? r.timestamp() : null;
        SinkTable.Row row = new SinkTable.Row(r.value(), ts, ctx.subtaskId(), now);
        boolean duplicate = false;
        if (transactional) {
            if (currentTransaction == null) {
                currentTransaction = table.begin(ctx.subtaskId(), now);
            }
            table.write(row, currentTransaction);
        } else {
            duplicate = table.add(row);
        }
        if (ctx.tracer().on()) {
            long cause = ctx.tracer().cause();
            String record = Json.render(r.value());
            long seq = ctx.tracer().emit(s -> new TraceEvent.SinkReceived(s, now, ctx.subtaskId(), cause,
                    table.name(), record, ts));
            if (duplicate) {
                ctx.tracer().emit(s -> new TraceEvent.DuplicateWritten(s, now, ctx.subtaskId(), seq, table.name(),
                        record));
            }
        }
    }

    @Override
    public OperatorSubtaskState snapshotState(long checkpointId) {
        List<byte[]> entries = new ArrayList<>();
        String owner = "sink '" + table.name() + "' in " + ctx.subtaskId();
        if (!transactional) {
            entries.add(StateSerializer.serialize(new Position(ctx.subtaskId(), table.position(ctx.subtaskId())),
                    owner));
            return new OperatorSubtaskState(new TreeMap<>(), entries);
        }
        if (currentTransaction != null) {
            String txn = currentTransaction;
            table.preCommit(txn, checkpointId);
            pending.add(new PendingTransaction(txn, checkpointId));
            currentTransaction = null;
            if (ctx.tracer().on()) {
                long now = ctx.now();
                long cause = ctx.tracer().cause();
                int n = countOf(txn);
                ctx.tracer().emit(s -> new TraceEvent.TransactionPreCommitted(s, now, ctx.subtaskId(), cause,
                        table.name(), txn, checkpointId, n));
            }
        }
        for (PendingTransaction t : pending) {
            entries.add(StateSerializer.serialize(t, owner));
        }
        return new OperatorSubtaskState(new TreeMap<>(), entries);
    }

    private int countOf(String txn) {
        for (SinkTable.Transaction t : table.transactions()) {
            if (t.id().equals(txn)) {
                return t.records();
            }
        }
        return 0;
    }

    /** Commits every transaction pre-committed for this checkpoint or an earlier one (notifications may be skipped). */
    @Override
    public void notifyCheckpointComplete(long checkpointId) {
        for (Iterator<PendingTransaction> it = pending.iterator(); it.hasNext(); ) {
            PendingTransaction t = it.next();
            if (t.checkpointId() <= checkpointId) {
                commit(t.transaction(), t.checkpointId());
                it.remove();
            }
        }
    }

    private void commit(String txn, long checkpointId) {
        long now = ctx.now();
        long delay = table.maxDelay(txn, now);
        int n = table.commit(txn, now);
        if (n > 0 && ctx.tracer().on()) {
            long cause = ctx.tracer().cause();
            ctx.tracer().emit(s -> new TraceEvent.TransactionCommitted(s, now, ctx.subtaskId(), cause, table.name(),
                    txn, checkpointId, n, delay));
        }
    }
}
