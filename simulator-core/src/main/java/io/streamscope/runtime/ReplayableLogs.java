package io.streamscope.runtime;

import io.streamscope.connectors.LogRecord;
import io.streamscope.connectors.PartitionedLog;
import java.util.ArrayList;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.random.RandomGenerator;

/**
 * Keeps the records of generated partitions once drawn, for one job run, so that a source rewound by a recovery
 * reads the same records again, as a Kafka topic keeps them. Records are drawn in the order they are first read,
 * so the random sequence, and with it the trace, is the same as without retention.
 */
final class ReplayableLogs {
    private final boolean retain;
    private final RandomGenerator random;
    private final Map<PartitionedLog, Map<Integer, List<LogRecord>>> kept = new IdentityHashMap<>();

    ReplayableLogs(boolean retain, RandomGenerator random) {
        this.retain = retain;
        this.random = random;
    }

    /** The record at {@code offset} of a partition, or null past its end. */
    LogRecord read(PartitionedLog log, int partition, long offset) {
        PartitionedLog.Partition p = log.partition(partition);
        if (!retain || !p.isGenerated()) {
            return p.get(offset, random);
        }
        List<LogRecord> records = kept.computeIfAbsent(log, l -> new java.util.TreeMap<>())
                .computeIfAbsent(partition, k -> new ArrayList<>());
        while (records.size() <= offset) {
            LogRecord r = p.get(records.size(), random);
            if (r == null) {
                return null;
            }
            records.add(r);
        }
        return records.get((int) offset);
    }
}
