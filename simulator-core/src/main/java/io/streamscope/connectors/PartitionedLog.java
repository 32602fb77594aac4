package io.streamscope.connectors;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.random.RandomGenerator;

/**
 * An in-engine topic modelled on Kafka: numbered partitions of records with offsets and timestamps. A partition
 * is either a fixed list of records, or a generator that produces them on demand (bounded by a count, or not).
 * A bounded log makes its source finish at the end, as a Kafka source with a stopping offset does.
 */
public final class PartitionedLog {
    private final String topic;
    private final List<Partition> partitions = new ArrayList<>();
    private final boolean bounded;

    /** One partition: fixed records, or a generator with an optional record limit (-1 for unbounded). */
    public static final class Partition {
        private final List<LogRecord> records = new ArrayList<>();
        private final RecordGenerator generator;
        private final long limit;
        private final int index;

        Partition(int index, RecordGenerator generator, long limit) {
            this.index = index;
            this.generator = generator;
            this.limit = limit;
        }

        public int index() {
            return index;
        }

        /** The record at an offset, generated on first access; null past the end. */
        public LogRecord get(long offset, RandomGenerator random) {
            if (generator == null) {
                return offset < records.size() ? records.get((int) offset) : null;
            }
            if (limit >= 0 && offset >= limit) {
                return null;
            }
            // generated records are kept only while they are needed for a rewind-free forward read
            LogRecord r = generator.generate(index, offset, random);
            if (r.offset() != offset) {
                throw new IllegalStateException("generator returned offset " + r.offset() + " for " + offset);
            }
            return r;
        }

        /** The number of records, or -1 when unbounded. */
        public long size() {
            return generator == null ? records.size() : limit;
        }

        public boolean isGenerated() {
            return generator != null;
        }

        public List<LogRecord> records() {
            return Collections.unmodifiableList(records);
        }
    }

    public PartitionedLog(String topic, int numPartitions, boolean bounded) {
        if (numPartitions < 1) {
            throw new IllegalArgumentException("topic '" + topic + "' needs at least one partition");
        }
        this.topic = topic;
        this.bounded = bounded;
        for (int i = 0; i < numPartitions; i++) {
            partitions.add(new Partition(i, null, 0));
        }
    }

    private PartitionedLog(String topic, boolean bounded) {
        this.topic = topic;
        this.bounded = bounded;
    }

    /** A topic whose partitions are generated; {@code limitPerPartition} -1 means unbounded. */
    public static PartitionedLog generated(String topic, int numPartitions, long limitPerPartition,
                                           RecordGenerator generator) {
        PartitionedLog log = new PartitionedLog(topic, limitPerPartition >= 0);
        for (int i = 0; i < numPartitions; i++) {
            log.partitions.add(new Partition(i, generator, limitPerPartition));
        }
        return log;
    }

    /** Appends a record to a partition; appendTime must not go backwards within a partition. */
    public LogRecord append(int partition, Object key, Object value, long timestamp, long appendTime) {
        if (partition < 0 || partition >= partitions.size()) {
            throw new IllegalArgumentException("topic '" + topic + "' has no partition " + partition
                    + " (it has " + partitions.size() + ")");
        }
        Partition p = partitions.get(partition);
        if (p.generator != null) {
            throw new IllegalStateException("partition " + partition + " of '" + topic + "' is generated");
        }
        if (!p.records.isEmpty() && appendTime < p.records.get(p.records.size() - 1).appendTime()) {
            throw new IllegalArgumentException("records of partition " + partition + " of '" + topic
                    + "' must be appended in processing-time order: " + appendTime + " < "
                    + p.records.get(p.records.size() - 1).appendTime());
        }
        LogRecord r = new LogRecord(p.records.size(), key, value, timestamp, appendTime);
        p.records.add(r);
        return r;
    }

    public String topic() {
        return topic;
    }

    public int numPartitions() {
        return partitions.size();
    }

    public Partition partition(int i) {
        return partitions.get(i);
    }

    public boolean isBounded() {
        return bounded;
    }

    /**
     * The source subtask that reads a partition: Kafka's enumerator starts at a topic-dependent reader and
     * assigns partitions round-robin from there.
     */
    public int splitOwner(int partition, int numReaders) {
        int startIndex = ((topic.hashCode() * 31) & 0x7FFFFFFF) % numReaders;
        return (startIndex + partition) % numReaders;
    }
}
