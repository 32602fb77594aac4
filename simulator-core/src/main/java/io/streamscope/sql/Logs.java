package io.streamscope.sql;

import io.streamscope.connectors.LogRecord;
import io.streamscope.connectors.PartitionedLog;
import io.streamscope.data.Row;
import java.util.List;

/**
 * Copies of topics for jobs that do not start at the session's time 0. A job's clock starts at 0 when it is deployed,
 * so a job deployed at session time T reads a copy of each topic in which every record appears T earlier (records
 * already there appear at once); a batch job reads a bounded snapshot of what was visible at its start.
 */
final class Logs {
    private Logs() {
    }

    /** The records visible at {@code time} (appended at or before it), all visible at 0, bounded. */
    static PartitionedLog snapshot(PartitionedLog log, long time) {
        PartitionedLog copy = new PartitionedLog(log.topic(), log.numPartitions(), true);
        for (int p = 0; p < log.numPartitions(); p++) {
            for (LogRecord r : log.partition(p).records()) {
                if (r.appendTime() <= time) {
                    copy.append(p, r.key(), r.value(), r.timestamp(), 0);
                }
            }
        }
        return copy;
    }

    /** Every record {@code offset} earlier (never before 0), as seen by a job deployed at session time offset. */
    static PartitionedLog shifted(PartitionedLog log, long offset) {
        if (offset == 0) {
            return log;
        }
        PartitionedLog copy = new PartitionedLog(log.topic(), log.numPartitions(), log.isBounded());
        for (int p = 0; p < log.numPartitions(); p++) {
            for (LogRecord r : log.partition(p).records()) {
                copy.append(p, r.key(), r.value(), r.timestamp(), Math.max(0, r.appendTime() - offset));
            }
        }
        return copy;
    }

    /** A materialized table's visible rows as a bounded one-partition topic, all visible at 0. */
    static PartitionedLog rows(String name, List<Row> rows) {
        PartitionedLog log = new PartitionedLog(name, 1, true);
        for (Row r : rows) {
            log.append(0, null, r, 0, 0);
        }
        return log;
    }

    /** True when the topic draws its records while they are read, so it cannot be copied. */
    static boolean generated(PartitionedLog log) {
        return log.numPartitions() > 0 && log.partition(0).isGenerated();
    }

    /** How many records each partition holds at {@code time}: the identity of a snapshot. */
    static List<Long> visibleCounts(PartitionedLog log, long time) {
        Long[] out = new Long[log.numPartitions()];
        for (int p = 0; p < log.numPartitions(); p++) {
            long n = 0;
            for (LogRecord r : log.partition(p).records()) {
                if (r.appendTime() <= time) {
                    n++;
                }
            }
            out[p] = n;
        }
        return List.of(out);
    }

    /** The append time of the last record, or 0 for an empty topic. */
    static long lastAppend(PartitionedLog log) {
        long last = 0;
        for (int p = 0; p < log.numPartitions(); p++) {
            List<LogRecord> rs = log.partition(p).records();
            if (!rs.isEmpty()) {
                last = Math.max(last, rs.get(rs.size() - 1).appendTime());
            }
        }
        return last;
    }
}
