package io.streamscope.runtime;

import io.streamscope.checkpoint.OperatorRestoreState;
import io.streamscope.checkpoint.OperatorSubtaskState;
import io.streamscope.connectors.LogRecord;
import io.streamscope.connectors.PartitionedLog;
import io.streamscope.data.Row;
import io.streamscope.time.IdlenessTimer;
import io.streamscope.time.SplitWatermarkMultiplexer;
import io.streamscope.time.StatusWatermarkValve;
import io.streamscope.time.WatermarkGenerator;
import io.streamscope.time.WatermarkOutput;
import io.streamscope.time.WatermarkStrategy;
import io.streamscope.trace.TraceEvent;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/**
 * The reading side of a source subtask: the partitions (splits) assigned to it, read round-robin as their
 * records become visible, each split with its own watermark generator; the subtask's watermark is the minimum
 * over its non-idle splits. A bounded source that has read everything emits the final MAX watermark and ends.
 */
public final class SourceReader {
    private final Subtask subtask;
    private final PartitionedLog log;
    private final WatermarkStrategy strategy;
    private final int[] partitions;
    /** The splits' names as the trace shows them, made once rather than for every record read. */
    private final String[] splitNames;
    private final long[] nextOffset;
    private final LogRecord[] peeked;
    private final List<WatermarkGenerator<Object>> generators = new ArrayList<>();
    private final IdlenessTimer[] idleness;
    private final boolean[] splitIdleNow;
    private final SplitWatermarkMultiplexer multiplexer;
    private final IdlenessTimer noSplitIdleness;
    private boolean noSplitIdle;
    private final Output output;
    private final OperatorContext context;
    private int roundRobin;
    /** Stop-with-savepoint: after the savepoint's barrier the source reads nothing more. */
    private boolean stopped;
    /**
     * The subtask's output for the multiplexer, which is updated after every record read: one object serves every
     * call, reporting the time of the call in progress (the kernel's current time, which no nested call changes).
     */
    private long subtaskOutputNow;
    private final StatusWatermarkValve.Output subtaskOutput = new StatusWatermarkValve.Output() {
        @Override
        public void emitWatermark(long watermark) {
            subtask.advanceInputWatermark(watermark, subtaskOutputNow);
            output.emitWatermark(watermark);
        }

        @Override
        public void emitWatermarkStatus(boolean idle) {
            long now = subtaskOutputNow;
            if (context.tracer().on()) {
                long cause = context.tracer().cause();
                context.tracer().emit(s -> new TraceEvent.WatermarkStatusChanged(s, now, subtask.id(), cause,
                        "output", idle));
            }
            output.emitWatermarkStatus(idle);
        }
    };

    SourceReader(Subtask subtask, PartitionedLog log, WatermarkStrategy strategy, List<Integer> assigned,
                 Output output, OperatorContext context) {
        this.subtask = subtask;
        this.log = log;
        this.strategy = strategy;
        this.partitions = assigned.stream().mapToInt(Integer::intValue).toArray();
        this.nextOffset = new long[partitions.length];
        this.splitNames = new String[partitions.length];
        for (int i = 0; i < partitions.length; i++) {
            splitNames[i] = log.topic() + "-" + partitions[i];
        }
        this.peeked = new LogRecord[partitions.length];
        this.idleness = new IdlenessTimer[partitions.length];
        this.splitIdleNow = new boolean[partitions.length];
        this.multiplexer = new SplitWatermarkMultiplexer(partitions.length);
        for (int i = 0; i < partitions.length; i++) {
            generators.add(strategy.createGenerator());
            idleness[i] = strategy.idleness().map(IdlenessTimer::new).orElse(null);
        }
        this.noSplitIdleness = strategy.idleness().map(IdlenessTimer::new).orElse(null);
        this.output = output;
        this.context = context;
    }

    void open() {
        boolean ticks = !strategy.watermarksDisabled()
                && (strategy.emission() == WatermarkStrategy.Emission.PERIODIC || strategy.idleness().isPresent());
        if (ticks) {
            long interval = context.autoWatermarkInterval();
            subtask.scheduleMail(context.now() + interval, new Subtask.Mail() {
                @Override
                public void run(long now) {
                    periodicEmit(now);
                    subtask.scheduleMail(now + interval, this);
                }
            });
        }
    }

    private LogRecord peek(int i) {
        if (peeked[i] == null) {
            peeked[i] = subtask.runtime().readLog(log, partitions[i], nextOffset[i]);
        }
        return peeked[i];
    }

    /** The next record visible at {@code now}, round-robin over splits; null if none (then a wake is arranged). */
    Envelope pollNext(long now) throws Exception {
        if (stopped) {
            return null;
        }
        int n = partitions.length;
        long earliest = Long.MAX_VALUE;
        boolean anyLeft = false;
        for (int k = 0; k < n; k++) {
            int i = (roundRobin + k) % n;
            LogRecord r = peek(i);
            if (r == null) {
                if (log.isBounded() && !multiplexer.splitReleased(i)) {
                    // read to its end: the split stops holding the watermark back (Flink's releaseOutputForSplit)
                    multiplexer.release(i);
                }
                continue;
            }
            anyLeft = true;
            if (r.appendTime() <= now) {
                roundRobin = (i + 1) % n;
                peeked[i] = null;
                nextOffset[i]++;
                Envelope env = new Envelope(StreamElement.Record.withoutTimestamp(r), null);
                env.split = i;
                return env;
            }
            earliest = Math.min(earliest, r.appendTime());
        }
        if (!anyLeft && log.isBounded()) {
            endOfInput(now);
            return null;
        }
        if (earliest != Long.MAX_VALUE) {
            subtask.requestWake(earliest);
        }
        return null;
    }

    void emit(Envelope env, long now) throws Exception {
        int i = env.split;
        LogRecord r = (LogRecord) ((StreamElement.Record) env.element).value();
        String topic = log.topic();
        int partition = partitions[i];
        long ts = timestampOf(r);
        if (context.tracer().on()) {
            long seq = context.tracer().emit(s -> new TraceEvent.RecordRead(s, now, subtask.id(), -1, topic,
                    partition, r.offset(), io.streamscope.data.Json.render(r.value()), ts));
            context.tracer().setCause(seq);
        }
        output.collect(StreamElement.Record.of(r.value(), ts));
        WatermarkOutput splitOut = splitOutput(i, now);
        generators.get(i).onEvent(r.value(), ts, splitOut);
        if (idleness[i] != null) {
            idleness[i].activity();
            splitIdleNow[i] = false;
        }
        if (strategy.emission() == WatermarkStrategy.Emission.PER_EVENT && !strategy.watermarksDisabled()) {
            generators.get(i).onPeriodicEmit(splitOut);
        }
        multiplexer.update(subtaskOutput(now));
    }

    private long timestampOf(LogRecord r) {
        String field = strategy.timestampField();
        if (field == null) {
            return r.timestamp();
        }
        if (r.value() instanceof Row row) {
            return row.getLong(field);
        }
        throw new IllegalStateException("timestamp field '" + field + "' needs Row records, got " + r.value());
    }

    private void periodicEmit(long now) {
        context.tracer().setCause(-1);
        for (int i = 0; i < partitions.length; i++) {
            WatermarkOutput splitOut = splitOutput(i, now);
            if (idleness[i] != null && idleness[i].checkIfIdle(now)) {
                if (!splitIdleNow[i]) {
                    splitIdleNow[i] = true;
                    splitOut.markIdle();
                }
            } else if (strategy.emission() == WatermarkStrategy.Emission.PERIODIC) {
                generators.get(i).onPeriodicEmit(splitOut);
            }
        }
        if (partitions.length == 0 && noSplitIdleness != null && !noSplitIdle && noSplitIdleness.checkIfIdle(now)) {
            noSplitIdle = true;
            subtaskOutput(now).emitWatermarkStatus(true);
        }
        multiplexer.update(subtaskOutput(now));
    }

    private WatermarkOutput splitOutput(int i, long now) {
        WatermarkOutput inner = multiplexer.splitOutput(i);
        String split = splitNames[i];
        return new WatermarkOutput() {
            @Override
            public void emitWatermark(long watermark) {
                boolean advanced = watermark > multiplexer.splitWatermark(i);
                boolean wasIdle = multiplexer.splitIdle(i);
                inner.emitWatermark(watermark);
                if (context.tracer().on()) {
                    long cause = context.tracer().cause();
                    if (wasIdle) {
                        context.tracer().emit(s -> new TraceEvent.WatermarkStatusChanged(s, now, subtask.id(), cause,
                                split, false));
                    }
                    if (advanced) {
                        context.tracer().emit(s -> new TraceEvent.WatermarkGenerated(s, now, subtask.id(), cause,
                                split, watermark));
                    }
                }
            }

            @Override
            public void markIdle() {
                if (!multiplexer.splitIdle(i)) {
                    inner.markIdle();
                    if (context.tracer().on()) {
                        context.tracer().emit(s -> new TraceEvent.WatermarkStatusChanged(s, now, subtask.id(),
                                context.tracer().cause(), split, true));
                    }
                }
            }

            @Override
            public void markActive() {
                inner.markActive();
            }
        };
    }

    /** The subtask's output as the multiplexer sees it at {@code now}: see {@link #subtaskOutput}. */
    private StatusWatermarkValve.Output subtaskOutput(long now) {
        subtaskOutputNow = now;
        return subtaskOutput;
    }

    private void endOfInput(long now) throws Exception {
        context.tracer().setCause(-1);
        if (multiplexer.isOutputIdle() || noSplitIdle) {
            subtaskOutput(now).emitWatermarkStatus(false);
        }
        // a finished bounded source advances event time to the end, firing every remaining window downstream
        subtask.advanceInputWatermark(Long.MAX_VALUE, now);
        output.emitWatermark(Long.MAX_VALUE);
        subtask.finish(now);
    }

    /** A split's position as it goes into a checkpoint: the next offset to read, as Kafka's source keeps it. */
    public record SplitState(String topic, int partition, long nextOffset) implements java.io.Serializable {
    }

    /** The offsets of the splits, as operator list state (Flink's SourceOperator state). */
    OperatorSubtaskState snapshotState() {
        List<byte[]> entries = new ArrayList<>();
        for (int i = 0; i < partitions.length; i++) {
            entries.add(io.streamscope.state.StateSerializer.serialize(new SplitState(log.topic(), partitions[i],
                    nextOffset[i]), "source " + subtask.id()));
        }
        return new OperatorSubtaskState(new java.util.TreeMap<>(), entries);
    }

    /**
     * Rewinds every assigned split to its checkpointed offset. Splits are assigned as at a fresh start, so the
     * offsets are looked up among the split states of all old subtasks; a split without one starts at 0.
     */
    void restoreState(OperatorRestoreState restored) {
        for (byte[] b : restored.allListState()) {
            SplitState st = (SplitState) io.streamscope.state.StateSerializer.deserialize(b);
            for (int i = 0; i < partitions.length; i++) {
                if (st.topic().equals(log.topic()) && st.partition() == partitions[i]) {
                    nextOffset[i] = st.nextOffset();
                    peeked[i] = null;
                }
            }
        }
    }

    /**
     * Stop-with-savepoint with --drain: event time advances to the end before the savepoint, so every window and
     * event-time timer downstream fires first.
     */
    void drain(long now) {
        subtask.advanceInputWatermark(Long.MAX_VALUE, now);
        output.emitWatermark(Long.MAX_VALUE);
    }

    /** Stop-with-savepoint: nothing more is read after the savepoint's barrier. */
    void stop() {
        stopped = true;
    }

    /** The splits' positions as text, such as {@code events-0@12, events-1@7}. */
    String describeOffsets() {
        StringBuilder sb = new StringBuilder();
        for (int i = 0; i < partitions.length; i++) {
            if (sb.length() > 0) {
                sb.append(", ");
            }
            sb.append(log.topic()).append('-').append(partitions[i]).append('@').append(nextOffset[i]);
        }
        return sb.toString();
    }

    public String topic() {
        return log.topic();
    }

    /** The partitions this subtask reads. */
    public List<Integer> assignedPartitions() {
        List<Integer> out = new ArrayList<>();
        for (int p : partitions) {
            out.add(p);
        }
        return Collections.unmodifiableList(out);
    }

    /** The next offset to read in the i-th assigned partition. */
    public long nextOffset(int i) {
        return nextOffset[i];
    }

    public long splitWatermark(int i) {
        return multiplexer.splitWatermark(i);
    }

    public boolean splitIdle(int i) {
        return multiplexer.splitIdle(i);
    }

    /** True once a split of a bounded topic was read to its end and released. */
    public boolean splitFinished(int i) {
        return multiplexer.splitReleased(i);
    }

    public String generatorState(int i) {
        return generators.get(i).describeState();
    }
}
