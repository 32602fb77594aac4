package io.streamscope.connectors;

import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * What one sink wrote, as a log a downstream reader consumes. {@link #rows()} is every write in order (what a
 * read_uncommitted reader sees, duplicates and aborted transactions included); {@link #committedRows()} is what a
 * read_committed reader sees: for an exactly-once sink only the records of committed transactions, each from its
 * commit on. After a recovery a sink without transactions writes the replayed records again; the table counts
 * those duplicates.
 */
public final class SinkTable {
    /** One received record: its value, event-time timestamp (null if none), the subtask and the virtual time. */
    public record Row(Object value, Long timestamp, String subtask, long time) {
    }

    /** A transaction of an exactly-once sink subtask, as readers and views see it. */
    public record Transaction(String id, String subtask, String status, long checkpointId, long openedAt,
                              long committedAt, int records) {
    }

    /** The life of a transaction (Kafka's: open, then committed or aborted; pre-committed = flushed, prepared). */
    public enum TxnStatus { OPEN, PRE_COMMITTED, COMMITTED, ABORTED }

    private static final class Txn {
        final String id;
        final String subtask;
        final long openedAt;
        final List<Integer> rows = new ArrayList<>();
        TxnStatus status = TxnStatus.OPEN;
        long checkpointId = -1;
        long committedAt = -1;

        Txn(String id, String subtask, long openedAt) {
            this.id = id;
            this.subtask = subtask;
            this.openedAt = openedAt;
        }
    }

    private final String name;
    private final DeliveryGuarantee guarantee;
    private final List<Row> rows = new ArrayList<>();
    private final List<Row> committed = new ArrayList<>();
    private final List<Long> visibilityDelays = new ArrayList<>();
    private final Map<String, Txn> transactions = new LinkedHashMap<>();
    /** Per sink subtask, the rows of its current history: a recovery rewinds it to the restored position. */
    private final Map<String, List<Row>> history = new LinkedHashMap<>();
    /** Rows written after a restored position, which the replay will write again (a multiset, for lookups). */
    private final Map<List<Object>, Integer> replayed = new HashMap<>();
    private long duplicates;
    private int nextTxn = 1;

    public SinkTable(String name) {
        this(name, DeliveryGuarantee.NONE);
    }

    public SinkTable(String name, DeliveryGuarantee guarantee) {
        this.name = name;
        this.guarantee = guarantee;
    }

    public String name() {
        return name;
    }

    public DeliveryGuarantee guarantee() {
        return guarantee;
    }

    /** Writes a record outside any transaction (visible at once); true when it duplicates a replayed one. */
    public boolean add(Row r) {
        rows.add(r);
        committed.add(r);
        visibilityDelays.add(0L);
        history.computeIfAbsent(r.subtask(), k -> new ArrayList<>()).add(r);
        List<Object> key = java.util.Arrays.asList(r.value(), r.timestamp());
        Integer n = replayed.get(key);
        if (n != null) {
            if (n == 1) {
                replayed.remove(key);
            } else {
                replayed.put(key, n - 1);
            }
            duplicates++;
            return true;
        }
        return false;
    }

    // ---------------------------------------------------------------- at-least-once and none

    /** How many records the subtask's current history holds: the position a checkpoint records. */
    public int position(String subtask) {
        List<Row> h = history.get(subtask);
        return h == null ? 0 : h.size();
    }

    /**
     * A recovery restored the subtask to {@code position}: what it wrote after it will be written again by the
     * replay, so those rows are remembered to recognise the duplicates.
     */
    public void rewind(String subtask, int position) {
        List<Row> h = history.get(subtask);
        if (h == null || position >= h.size()) {
            return;
        }
        List<Row> undone = h.subList(position, h.size());
        for (Row r : undone) {
            replayed.merge(java.util.Arrays.asList(r.value(), r.timestamp()), 1, Integer::sum);
        }
        undone.clear();
    }

    // ---------------------------------------------------------------- transactions (exactly-once)

    /** Opens a transaction for a sink subtask; returns its id. */
    public String begin(String subtask, long now) {
        String id = name + "-txn-" + nextTxn++;
        transactions.put(id, new Txn(id, subtask, now));
        return id;
    }

    /** Writes a record into an open transaction: read_uncommitted readers see it now, read_committed ones later. */
    public void write(Row r, String txn) {
        Txn t = transactions.get(txn);
        if (t == null || t.status != TxnStatus.OPEN) {
            throw new IllegalStateException("transaction " + txn + " of sink '" + name + "' is not open");
        }
        t.rows.add(rows.size());
        rows.add(r);
    }

    /** Flushes a transaction on a checkpoint barrier: nothing more goes into it; it waits for the commit. */
    public void preCommit(String txn, long checkpointId) {
        Txn t = transactions.get(txn);
        t.status = TxnStatus.PRE_COMMITTED;
        t.checkpointId = checkpointId;
    }

    /** Commits a transaction (again: a no-op): its records become visible to read_committed readers now. */
    public int commit(String txn, long now) {
        Txn t = transactions.get(txn);
        if (t == null || t.status == TxnStatus.COMMITTED || t.status == TxnStatus.ABORTED) {
            return 0;
        }
        t.status = TxnStatus.COMMITTED;
        t.committedAt = now;
        for (int i : t.rows) {
            Row r = rows.get(i);
            committed.add(r);
            visibilityDelays.add(now - r.time());
        }
        return t.rows.size();
    }

    /** Aborts a transaction: its records are never visible to read_committed readers. */
    public int abort(String txn) {
        Txn t = transactions.get(txn);
        if (t == null || t.status == TxnStatus.COMMITTED || t.status == TxnStatus.ABORTED) {
            return 0;
        }
        t.status = TxnStatus.ABORTED;
        return t.rows.size();
    }

    /** Transactions of a subtask that are neither committed nor aborted, oldest first (lingering after a failure). */
    public List<String> undecided(String subtask) {
        List<String> out = new ArrayList<>();
        for (Txn t : transactions.values()) {
            if (t.subtask.equals(subtask) && (t.status == TxnStatus.OPEN || t.status == TxnStatus.PRE_COMMITTED)) {
                out.add(t.id);
            }
        }
        return out;
    }

    /** The longest a record of the transaction has waited since its write, at {@code now}. */
    public long maxDelay(String txn, long now) {
        Txn t = transactions.get(txn);
        if (t == null) {
            // a transaction of an earlier job this one was restored from (a savepoint): its records are not here
            return 0;
        }
        long max = 0;
        for (int i : t.rows) {
            max = Math.max(max, now - rows.get(i).time());
        }
        return max;
    }

    // ---------------------------------------------------------------- readers

    /** Every record written, in write order: the read_uncommitted view. */
    public List<Row> rows() {
        return Collections.unmodifiableList(rows);
    }

    /** Just the values, in arrival order. */
    public List<Object> values() {
        List<Object> out = new ArrayList<>(rows.size());
        for (Row r : rows) {
            out.add(r.value());
        }
        return out;
    }

    /** The read_committed view: records as they became visible (at once, or at their transaction's commit). */
    public List<Row> committedRows() {
        return Collections.unmodifiableList(committed);
    }

    /** For each committed row, how long after its write it became visible (0 without transactions). */
    public List<Long> visibilityDelays() {
        return Collections.unmodifiableList(visibilityDelays);
    }

    public long maxVisibilityDelay() {
        long max = 0;
        for (long d : visibilityDelays) {
            max = Math.max(max, d);
        }
        return max;
    }

    /** Records written again after a recovery (sinks without transactions). */
    public long duplicates() {
        return duplicates;
    }

    /** Every transaction, in the order they were opened. */
    public List<Transaction> transactions() {
        List<Transaction> out = new ArrayList<>();
        for (Txn t : transactions.values()) {
            out.add(new Transaction(t.id, t.subtask, t.status.name(), t.checkpointId, t.openedAt, t.committedAt,
                    t.rows.size()));
        }
        return out;
    }
}
