package io.streamscope.sql;

import io.streamscope.data.Row;
import io.streamscope.data.Values;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.PriorityQueue;
import java.util.TreeMap;

/**
 * A materialized table: its definition (query, freshness, refresh mode) and its contents as readers see them. The
 * refresh pipeline writes changes into it, but a change becomes visible only at its commit time: in CONTINUOUS mode
 * when the refresh job's checkpoint completes (the sink commits its transaction, as Paimon commits on a
 * checkpoint), in FULL mode when a refresh's batch job finishes and overwrites the table (or its partitions).
 * Each visible row remembers when it was last committed, so the staleness of every row can be measured.
 */
public final class MaterializedTable {
    /** The physical refresh modes. */
    public enum RefreshMode { CONTINUOUS, FULL }

    /** Whether the refresh pipeline runs (Flink's RefreshStatus, without INITIALIZING). */
    public enum Status { ACTIVATED, SUSPENDED }

    /** A freshness as the statement wrote it (amount and unit, which FULL mode turns into a cron schedule). */
    public record Freshness(long amount, Ast.TimeUnit unit) {
        public long millis() {
            return amount * unit.millis();
        }

        @Override
        public String toString() {
            return "INTERVAL '" + amount + "' " + unit;
        }
    }

    /** A visible row: its values, when its last change was committed, and how stale it is at a given time. */
    public record TableRow(Row values, long committedAt, long writtenAt, long staleness) {
    }

    /**
     * One change of the table's changelog as it was committed.
     *
     * @param kind +I, -U, +U or -D; a FULL refresh appears as its rows, each +I
     * @param row the row's values (without op)
     * @param writtenAt when the refresh pipeline produced it (the sink received it)
     * @param committedAt when it became visible
     * @param origin which job or refresh produced it
     */
    public record Change(RowKind kind, Row row, long writtenAt, long committedAt, String origin) {
    }

    /**
     * One FULL refresh (scheduled or by ALTER ... REFRESH): when it was scheduled, when its batch job finished (and
     * its overwrite became visible), how many rows it wrote, which partition it overwrote (null: the whole table,
     * or the partitions it produced), and whether its job failed (then nothing was overwritten).
     */
    public record Refresh(long scheduledAt, long committedAt, int rows, Map<String, String> partition,
                          boolean manual, boolean failed) {
    }

    private final String name;
    private final String definition;
    private final PlannedQuery plan;
    private final Freshness freshness;
    private final boolean freshnessDefaulted;
    private final RefreshMode mode;
    private final Ast.RefreshMode declaredMode;
    private final List<String> primaryKey;
    private final List<String> partitionKeys;
    private final Map<String, String> dateFormatters;
    private final long createdAt;
    /** The columns changes are matched by: the primary key, else the query's unique key, else none (a multiset). */
    private final List<String> applyKey;
    private Status status = Status.ACTIVATED;

    private final TreeMap<List<Object>, TableRow> keyed = new TreeMap<>(new KeyOrder());
    private final List<TableRow> unkeyed = new ArrayList<>();
    private final List<Change> changelog = new ArrayList<>();
    private final List<Refresh> refreshes = new ArrayList<>();
    private final PriorityQueue<Pending> pending = new PriorityQueue<>(
            Comparator.comparingLong(Pending::at).thenComparingLong(Pending::seq));
    private long pendingSeq;
    private long lastCommitAt = -1;

    /** A commit waiting for its time: a change of the continuous job, or a refresh's overwrite. */
    private record Pending(long at, long seq, Change change, List<Row> overwrite, Refresh refresh) {
    }

    MaterializedTable(String name, String definition, PlannedQuery plan, Freshness freshness,
                      boolean freshnessDefaulted, RefreshMode mode, Ast.RefreshMode declaredMode,
                      List<String> primaryKey, List<String> partitionKeys, Map<String, String> dateFormatters,
                      long createdAt) {
        this.name = name;
        this.definition = definition;
        this.plan = plan;
        this.freshness = freshness;
        this.freshnessDefaulted = freshnessDefaulted;
        this.mode = mode;
        this.declaredMode = declaredMode;
        this.primaryKey = List.copyOf(primaryKey);
        this.partitionKeys = List.copyOf(partitionKeys);
        this.dateFormatters = Collections.unmodifiableMap(new LinkedHashMap<>(dateFormatters));
        this.createdAt = createdAt;
        this.applyKey = !primaryKey.isEmpty() ? List.copyOf(primaryKey) : plan.uniqueKey();
    }

    public String name() {
        return name;
    }

    /** The defining query as written. */
    public String definition() {
        return definition;
    }

    public PlannedQuery plan() {
        return plan;
    }

    public List<Column> columns() {
        return plan.columns();
    }

    public Freshness freshness() {
        return freshness;
    }

    /** True when the statement gave no FRESHNESS and the configured default was used (Flink 2.2+). */
    public boolean freshnessDefaulted() {
        return freshnessDefaulted;
    }

    public RefreshMode refreshMode() {
        return mode;
    }

    /** REFRESH_MODE as written, or null when the mode was derived from the freshness. */
    public Ast.RefreshMode declaredRefreshMode() {
        return declaredMode;
    }

    public List<String> primaryKey() {
        return primaryKey;
    }

    public List<String> partitionKeys() {
        return partitionKeys;
    }

    /** The 'partition.fields.#.date-formatter' options, by partition column. */
    public Map<String, String> dateFormatters() {
        return dateFormatters;
    }

    /** The columns changes are matched by, or null (rows are matched by all their values). */
    public List<String> applyKey() {
        return applyKey;
    }

    public long createdAt() {
        return createdAt;
    }

    public Status status() {
        return status;
    }

    void setStatus(Status s) {
        this.status = s;
    }

    /** When the last change or overwrite became visible, or -1. */
    public long lastCommitAt() {
        return lastCommitAt;
    }

    /** Every committed change, in commit order. */
    public List<Change> changelog() {
        return Collections.unmodifiableList(changelog);
    }

    /** The FULL refreshes that finished by now (those that failed included), in order. */
    public List<Refresh> refreshes() {
        return Collections.unmodifiableList(refreshes);
    }

    /** The visible rows at {@code now}, ordered by the key when there is one, else in arrival order. */
    public List<TableRow> rows(long now) {
        List<TableRow> out = new ArrayList<>();
        for (TableRow r : keyed.isEmpty() ? unkeyed : keyed.values()) {
            out.add(new TableRow(r.values(), r.committedAt(), r.writtenAt(), now - r.committedAt()));
        }
        return out;
    }

    /** Just the values of the visible rows. */
    public List<Row> values() {
        List<Row> out = new ArrayList<>();
        for (TableRow r : keyed.isEmpty() ? unkeyed : keyed.values()) {
            out.add(r.values());
        }
        return out;
    }

    /** Changes and overwrites received but not visible yet (their commit time is still ahead). */
    public int pendingCommits() {
        return pending.size();
    }

    // ---------------------------------------------------------------- writing

    /** A change of the continuous refresh job that becomes visible at {@code committedAt}. */
    void enqueue(Row changelogRow, long writtenAt, long committedAt, String origin) {
        RowKind kind = RowKind.of(changelogRow);
        Change c = new Change(kind, stripKind(changelogRow), writtenAt, committedAt, origin);
        pending.add(new Pending(committedAt, pendingSeq++, c, null, null));
    }

    /** A refresh's result that overwrites the table (or a partition) at {@code committedAt}. */
    void enqueueOverwrite(List<Row> rows, Refresh refresh) {
        pending.add(new Pending(refresh.committedAt(), pendingSeq++, null, List.copyOf(rows), refresh));
    }

    /** Makes every commit due by {@code now} visible, in commit order. */
    void settle(long now) {
        while (!pending.isEmpty() && pending.peek().at() <= now) {
            Pending p = pending.poll();
            if (p.change() != null) {
                apply(p.change());
            } else if (p.refresh().failed()) {
                refreshes.add(p.refresh());
                continue;
            } else {
                overwrite(p.overwrite(), p.refresh());
            }
            lastCommitAt = p.at();
        }
    }

    static Row stripKind(Row r) {
        if (!r.has(RowKind.FIELD)) {
            return r;
        }
        List<String> fields = new ArrayList<>(r.fieldNames());
        fields.remove(RowKind.FIELD);
        return r.select(fields);
    }

    private List<Object> keyOf(Row r) {
        List<Object> k = new ArrayList<>(applyKey.size());
        for (String f : applyKey) {
            k.add(r.get(f));
        }
        return k;
    }

    private void apply(Change c) {
        changelog.add(c);
        TableRow row = new TableRow(c.row(), c.committedAt(), c.writtenAt(), 0);
        if (applyKey != null) {
            List<Object> k = keyOf(c.row());
            if (c.kind().isAccumulate()) {
                keyed.put(k, row);
                return;
            }
            TableRow old = keyed.get(k);
            // with the primary key declared the sink upserts: a retraction removes whatever the key holds
            if (old == null || (primaryKey.isEmpty() && !old.values().equals(c.row()))) {
                throw new IllegalStateException("the changelog of " + name + " retracts " + c.row() + " but the"
                        + " table holds " + (old == null ? "no row" : old.values()) + " for key " + k);
            }
            keyed.remove(k);
            return;
        }
        if (c.kind().isAccumulate()) {
            unkeyed.add(row);
            return;
        }
        for (Iterator<TableRow> it = unkeyed.iterator(); it.hasNext(); ) {
            if (it.next().values().equals(c.row())) {
                it.remove();
                return;
            }
        }
        throw new IllegalStateException("the changelog of " + name + " retracts " + c.row() + ", which the table"
                + " does not hold");
    }

    /**
     * INSERT OVERWRITE: a non-partitioned table is replaced; a partitioned one loses the given partition, or (with
     * none given) every partition the new rows fall in, as Flink's dynamic partition overwrite does.
     */
    private void overwrite(List<Row> rows, Refresh refresh) {
        refreshes.add(refresh);
        List<Map<String, Object>> replaced = new ArrayList<>();
        if (partitionKeys.isEmpty()) {
            keyed.clear();
            unkeyed.clear();
        } else if (refresh.partition() != null && !refresh.partition().isEmpty()) {
            replaced.add(new LinkedHashMap<>(refresh.partition()));
        } else {
            for (Row r : rows) {
                Map<String, Object> part = new LinkedHashMap<>();
                for (String k : partitionKeys) {
                    part.put(k, r.get(k));
                }
                if (!replaced.contains(part)) {
                    replaced.add(part);
                }
            }
        }
        if (!replaced.isEmpty()) {
            keyed.values().removeIf(r -> inPartitions(r.values(), replaced));
            unkeyed.removeIf(r -> inPartitions(r.values(), replaced));
        }
        for (Row r : rows) {
            Row values = stripKind(r);
            changelog.add(new Change(RowKind.INSERT, values, refresh.committedAt(), refresh.committedAt(),
                    (refresh.manual() ? "manual refresh at " : "refresh scheduled at ") + refresh.scheduledAt()));
            TableRow row = new TableRow(values, refresh.committedAt(), refresh.committedAt(), 0);
            if (applyKey != null) {
                keyed.put(keyOf(values), row);
            } else {
                unkeyed.add(row);
            }
        }
    }

    private static boolean inPartitions(Row r, List<Map<String, Object>> parts) {
        for (Map<String, Object> p : parts) {
            boolean all = true;
            for (Map.Entry<String, Object> e : p.entrySet()) {
                if (!Values.same(r.get(e.getKey()), e.getValue())) {
                    all = false;
                    break;
                }
            }
            if (all) {
                return true;
            }
        }
        return false;
    }

    /** Orders keys column by column with {@link Values#compare}, NULL first. */
    private static final class KeyOrder implements Comparator<List<Object>> {
        @Override
        public int compare(List<Object> a, List<Object> b) {
            for (int i = 0; i < Math.min(a.size(), b.size()); i++) {
                Object x = a.get(i);
                Object y = b.get(i);
                if (x == null || y == null) {
                    if (x != y) {
                        return x == null ? -1 : 1;
                    }
                    continue;
                }
                int c = Values.orderable(x, y) ? Values.compare(x, y) : x.toString().compareTo(y.toString());
                if (c != 0) {
                    return c;
                }
            }
            return Integer.compare(a.size(), b.size());
        }
    }
}
