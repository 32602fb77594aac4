package io.streamscope.flink;

import io.streamscope.connectors.LogRecord;
import io.streamscope.connectors.RecordGenerator;
import io.streamscope.data.Row;
import java.io.IOException;
import java.io.Serializable;
import java.io.UncheckedIOException;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import java.util.concurrent.CompletableFuture;
import org.apache.flink.api.connector.source.Boundedness;
import org.apache.flink.api.connector.source.ReaderOutput;
import org.apache.flink.api.connector.source.Source;
import org.apache.flink.api.connector.source.SourceOutput;
import org.apache.flink.api.connector.source.SourceReader;
import org.apache.flink.api.connector.source.SourceReaderContext;
import org.apache.flink.api.connector.source.SourceSplit;
import org.apache.flink.api.connector.source.SplitEnumerator;
import org.apache.flink.api.connector.source.SplitEnumeratorContext;
import org.apache.flink.core.io.InputStatus;
import org.apache.flink.core.io.SimpleVersionedSerializer;
import org.apache.flink.core.memory.DataInputDeserializer;
import org.apache.flink.core.memory.DataOutputSerializer;

/**
 * A bounded FLIP-27 source over the in-memory partitions of one topic: one split per partition, so Flink keeps
 * a watermark generator per partition and combines them per reader (the minimum over its splits), as it does
 * for Kafka.
 *
 * <p>Which reader owns which partition and the order in which a reader interleaves its partitions are given
 * (the bridge takes both from our engine's run), because a Flink reader's interleaving otherwise depends on
 * fetch timing, and per-partition watermarks make results depend on it. Within a partition records keep their
 * offset order.
 *
 * <p>Split outputs are created for every assigned split before the first record, so a partition whose records
 * come later holds the watermark back from the start. A split's output is released right after its last record,
 * as Flink's SourceReaderBase does when a bounded split finishes: from then on it no longer holds the reader's
 * watermark back. An empty partition is released at once.
 *
 * <p>A source made by {@link #generated} holds a record generator instead of records: each reader makes its
 * partitions' records as it reads them, taking one record from each of its partitions in turn (for benchmarks,
 * where the input is large and its interleaving does not matter).
 */
public final class LogSource implements Source<Row, LogSource.Split, Integer> {
    private static final long serialVersionUID = 1L;

    private final String topic;
    /** Per partition its encoded records; null for a generated source. */
    private final byte[][] partitions;
    private final int[] owner;
    /** Per reader the partitions it reads from in turn; null for a generated source (round-robin). */
    private final int[][] readOrder;
    private final RecordGenerator generator;
    private final long perPartition;

    /**
     * @param topic the topic's name, for split ids
     * @param records per partition, the values (engine rows) in offset order
     * @param timestamps per partition, the record timestamps in offset order
     * @param owner per partition, the index of the reader (source subtask) that reads it
     * @param readOrder per reader, the sequence of partitions it takes its next record from
     */
    public LogSource(String topic, List<List<Object>> records, List<List<Long>> timestamps, int[] owner,
                     int[][] readOrder) {
        this.topic = topic;
        this.partitions = new byte[records.size()][];
        for (int p = 0; p < records.size(); p++) {
            partitions[p] = encode(records.get(p), timestamps.get(p));
        }
        this.owner = owner.clone();
        this.readOrder = readOrder.clone();
        this.generator = null;
        this.perPartition = 0;
        check();
    }

    private LogSource(String topic, int[] owner, RecordGenerator generator, long perPartition) {
        this.topic = topic;
        this.partitions = null;
        this.owner = owner.clone();
        this.readOrder = null;
        this.generator = generator;
        this.perPartition = perPartition;
    }

    /**
     * A source over generated partitions of {@code perPartition} records each, made by the readers as they read.
     * The generator is shipped to the readers, so it must be serializable, and it gets no random source (null):
     * its records must follow from the partition and offset alone, so that every reader of them reads the same.
     *
     * @param owner per partition, the index of the reader (source subtask) that reads it
     */
    public static <G extends RecordGenerator & Serializable> LogSource generated(String topic, int[] owner,
                                                                                 G generator, long perPartition) {
        return new LogSource(topic, owner, generator, perPartition);
    }

    private void check() {
        int[] counts = new int[partitions.length];
        for (int reader = 0; reader < readOrder.length; reader++) {
            for (int p : readOrder[reader]) {
                if (p < 0 || p >= partitions.length || owner[p] != reader) {
                    throw new IllegalArgumentException("reader " + reader + " of topic '" + topic
                            + "' is told to read partition " + p + ", which it does not own");
                }
                counts[p]++;
            }
        }
        for (int p = 0; p < partitions.length; p++) {
            int size = decode(partitions[p]).size();
            if (counts[p] != size) {
                throw new IllegalArgumentException("the read order of topic '" + topic + "' takes " + counts[p]
                        + " records from partition " + p + ", which has " + size);
            }
        }
    }

    /** One record of a partition as the reader emits it. */
    private record Rec(Object value, long timestamp) {
    }

    private static byte[] encode(List<Object> values, List<Long> timestamps) {
        try {
            DataOutputSerializer out = new DataOutputSerializer(64 + 32 * values.size());
            out.writeInt(values.size());
            for (int i = 0; i < values.size(); i++) {
                out.writeLong(timestamps.get(i));
                Values.write(values.get(i), out);
            }
            return out.getCopyOfBuffer();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** A partition's records in offset order, decoded at once or generated one by one. */
    private Iterator<Rec> records(int partition) {
        if (generator == null) {
            return decode(partitions[partition]).iterator();
        }
        return new Iterator<>() {
            private long offset;

            @Override
            public boolean hasNext() {
                return offset < perPartition;
            }

            @Override
            public Rec next() {
                LogRecord r = generator.generate(partition, offset++, null);
                return new Rec(r.value(), r.timestamp());
            }
        };
    }

    private static ArrayDeque<Rec> decode(byte[] bytes) {
        try {
            DataInputDeserializer in = new DataInputDeserializer(bytes);
            int n = in.readInt();
            ArrayDeque<Rec> out = new ArrayDeque<>(n);
            for (int i = 0; i < n; i++) {
                long ts = in.readLong();
                out.add(new Rec(Values.read(in), ts));
            }
            return out;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Override
    public Boundedness getBoundedness() {
        return Boundedness.BOUNDED;
    }

    @Override
    public SourceReader<Row, Split> createReader(SourceReaderContext readerContext) {
        return new Reader(readerContext.getIndexOfSubtask());
    }

    @Override
    public SplitEnumerator<Split, Integer> createEnumerator(SplitEnumeratorContext<Split> enumContext) {
        return new Enumerator(enumContext);
    }

    @Override
    public SplitEnumerator<Split, Integer> restoreEnumerator(SplitEnumeratorContext<Split> enumContext,
                                                             Integer checkpoint) {
        return new Enumerator(enumContext);
    }

    @Override
    public SimpleVersionedSerializer<Split> getSplitSerializer() {
        return new IntSerializer<>(Split::partition, Split::new);
    }

    @Override
    public SimpleVersionedSerializer<Integer> getEnumeratorCheckpointSerializer() {
        return new IntSerializer<>(i -> i, i -> i);
    }

    /** A partition of the topic. */
    public record Split(int partition) implements SourceSplit, java.io.Serializable {
        @Override
        public String splitId() {
            return Integer.toString(partition);
        }
    }

    /** Splits and the (empty) enumerator state are one int each. */
    private static final class IntSerializer<T> implements SimpleVersionedSerializer<T> {
        private final java.util.function.ToIntFunction<T> toInt;
        private final java.util.function.IntFunction<T> fromInt;

        IntSerializer(java.util.function.ToIntFunction<T> toInt, java.util.function.IntFunction<T> fromInt) {
            this.toInt = toInt;
            this.fromInt = fromInt;
        }

        @Override
        public int getVersion() {
            return 1;
        }

        @Override
        public byte[] serialize(T obj) {
            int v = toInt.applyAsInt(obj);
            return new byte[] {(byte) (v >>> 24), (byte) (v >>> 16), (byte) (v >>> 8), (byte) v};
        }

        @Override
        public T deserialize(int version, byte[] b) {
            return fromInt.apply(((b[0] & 0xff) << 24) | ((b[1] & 0xff) << 16) | ((b[2] & 0xff) << 8) | (b[3] & 0xff));
        }
    }

    /** Hands each reader the partitions it owns when it registers, then tells it there are no more. */
    private final class Enumerator implements SplitEnumerator<Split, Integer> {
        private final SplitEnumeratorContext<Split> context;

        Enumerator(SplitEnumeratorContext<Split> context) {
            this.context = context;
        }

        @Override
        public void start() {
        }

        @Override
        public void handleSplitRequest(int subtaskId, String requesterHostname) {
        }

        @Override
        public void addSplitsBack(List<Split> splits, int subtaskId) {
            // the bridge runs without restarts, so a split never comes back
        }

        @Override
        public void addReader(int subtaskId) {
            for (int p = 0; p < owner.length; p++) {
                if (owner[p] == subtaskId) {
                    context.assignSplit(new Split(p), subtaskId);
                }
            }
            context.signalNoMoreSplits(subtaskId);
        }

        @Override
        public Integer snapshotState(long checkpointId) {
            return 0;
        }

        @Override
        public void close() {
        }
    }

    /** Emits its partitions' records in the given order, one per poll, each through its split's output. */
    private final class Reader implements SourceReader<Row, Split> {
        private final int subtask;
        private final TreeSet<Integer> assigned = new TreeSet<>();
        private final CompletableFuture<Void> ready = new CompletableFuture<>();
        private final Map<Integer, Iterator<Rec>> queues = new HashMap<>();
        private final Map<Integer, SourceOutput<Row>> outputs = new HashMap<>();
        private boolean started;
        private int[] order;
        private int position;

        Reader(int subtask) {
            this.subtask = subtask;
        }

        @Override
        public void start() {
        }

        @Override
        public InputStatus pollNext(ReaderOutput<Row> output) {
            if (!ready.isDone()) {
                return InputStatus.NOTHING_AVAILABLE;
            }
            if (!started) {
                started = true;
                for (int p : assigned) {
                    queues.put(p, records(p));
                    outputs.put(p, output.createOutputForSplit(Integer.toString(p)));
                }
                for (int p : assigned) {
                    if (!queues.get(p).hasNext()) {
                        output.releaseOutputForSplit(Integer.toString(p));
                    }
                }
                order = readOrder != null ? (subtask < readOrder.length ? readOrder[subtask] : new int[0])
                        : roundRobin();
            }
            if (position >= order.length) {
                return InputStatus.END_OF_INPUT;
            }
            int p = order[position++];
            Iterator<Rec> q = queues.get(p);
            Rec r = q.next();
            outputs.get(p).collect((Row) r.value(), r.timestamp());
            if (!q.hasNext()) {
                output.releaseOutputForSplit(Integer.toString(p));
            }
            return position >= order.length ? InputStatus.END_OF_INPUT : InputStatus.MORE_AVAILABLE;
        }

        /** A generated source's read order: one record from each assigned partition in turn. */
        private int[] roundRobin() {
            int[] parts = assigned.stream().mapToInt(Integer::intValue).toArray();
            long n = perPartition * parts.length;
            if (n > Integer.MAX_VALUE - 8) {
                throw new IllegalArgumentException("a reader of topic '" + topic + "' would read " + n + " records;"
                        + " at most " + (Integer.MAX_VALUE - 8) + " fit");
            }
            int[] out = new int[(int) n];
            for (int i = 0; i < out.length; i++) {
                out[i] = parts[i % parts.length];
            }
            return out;
        }

        @Override
        public List<Split> snapshotState(long checkpointId) {
            List<Split> out = new ArrayList<>();
            for (int p : assigned) {
                out.add(new Split(p));
            }
            return out;
        }

        @Override
        public CompletableFuture<Void> isAvailable() {
            return ready;
        }

        @Override
        public void addSplits(List<Split> splits) {
            for (Split s : splits) {
                assigned.add(s.partition());
            }
        }

        @Override
        public void notifyNoMoreSplits() {
            ready.complete(null);
        }

        @Override
        public void close() {
        }
    }
}
