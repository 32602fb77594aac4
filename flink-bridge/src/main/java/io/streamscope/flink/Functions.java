package io.streamscope.flink;

import io.streamscope.api.builtin.AggSpec;
import io.streamscope.api.builtin.JoinRowFunction;
import io.streamscope.data.Row;
import io.streamscope.scenario.FieldFilter;
import io.streamscope.scenario.FieldMap;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.atomic.AtomicLong;
import org.apache.flink.api.common.accumulators.LongCounter;
import org.apache.flink.api.common.eventtime.SerializableTimestampAssigner;
import org.apache.flink.api.common.eventtime.Watermark;
import org.apache.flink.api.common.eventtime.WatermarkGenerator;
import org.apache.flink.api.common.eventtime.WatermarkGeneratorSupplier;
import org.apache.flink.api.common.eventtime.WatermarkOutput;
import org.apache.flink.api.common.functions.AggregateFunction;
import org.apache.flink.api.common.functions.FilterFunction;
import org.apache.flink.api.common.functions.MapFunction;
import org.apache.flink.api.common.functions.OpenContext;
import org.apache.flink.api.common.state.ValueState;
import org.apache.flink.api.common.state.ValueStateDescriptor;
import org.apache.flink.api.java.functions.KeySelector;
import org.apache.flink.streaming.api.functions.KeyedProcessFunction;
import org.apache.flink.streaming.api.functions.ProcessFunction;
import org.apache.flink.streaming.api.functions.co.ProcessJoinFunction;
import org.apache.flink.streaming.api.functions.windowing.ProcessWindowFunction;
import org.apache.flink.streaming.api.windowing.windows.TimeWindow;
import org.apache.flink.util.Collector;
import org.apache.flink.util.OutputTag;

/**
 * The Flink functions the translator builds jobs from: Flink counterparts of the engine's declarative built-ins
 * (field key, field map and filter, the statistics aggregate, window rows, sessionization), each producing the
 * same rows as the engine's version.
 */
final class Functions {
    private Functions() {
    }

    /** keyBy on a Row field (the engine's FieldKeySelector). */
    static final class FieldKey implements KeySelector<Row, Object> {
        private static final long serialVersionUID = 1L;
        private final String field;

        FieldKey(String field) {
            this.field = field;
        }

        @Override
        public Object getKey(Row value) {
            return value.require(field);
        }
    }

    /** The scenario map, applied by the engine's own declarative FieldMap. */
    static final class Map implements MapFunction<Row, Row> {
        private static final long serialVersionUID = 1L;
        private final FieldMap map;

        Map(FieldMap map) {
            this.map = map;
        }

        @Override
        public Row map(Row value) {
            return map.map(value);
        }
    }

    /** The scenario filter, applied by the engine's own declarative FieldFilter. */
    static final class Filter implements FilterFunction<Row> {
        private static final long serialVersionUID = 1L;
        private final FieldFilter filter;

        Filter(FieldFilter filter) {
            this.filter = filter;
        }

        @Override
        public boolean filter(Row value) {
            return filter.filter(value);
        }
    }

    /** Event time from a Row field (a watermark strategy's timestampField). */
    static final class FieldTimestamp implements SerializableTimestampAssigner<Row> {
        private static final long serialVersionUID = 1L;
        private final String field;

        FieldTimestamp(String field) {
            this.field = field;
        }

        @Override
        public long extractTimestamp(Row element, long recordTimestamp) {
            return element.getLong(field);
        }
    }

    /**
     * Bounded out-of-orderness with the watermark emitted in onEvent, right after each record: the engine's
     * PER_EVENT emission. Nothing is emitted on Flink's periodic (wall-clock) tick, so results do not depend on
     * timing.
     */
    static final class PerEventWatermarks implements WatermarkGenerator<Row> {
        private final long outOfOrderness;
        private long maxTimestamp;
        private long emitted = Long.MIN_VALUE;

        PerEventWatermarks(long outOfOrderness) {
            this.outOfOrderness = outOfOrderness;
            // so that the first watermark is Long.MIN_VALUE, as Flink's own generator starts
            this.maxTimestamp = Long.MIN_VALUE + outOfOrderness + 1;
        }

        @Override
        public void onEvent(Row event, long eventTimestamp, WatermarkOutput output) {
            maxTimestamp = Math.max(maxTimestamp, eventTimestamp);
            long wm = maxTimestamp - outOfOrderness - 1;
            if (wm > emitted) {
                emitted = wm;
                output.emitWatermark(new Watermark(wm));
            }
        }

        @Override
        public void onPeriodicEmit(WatermarkOutput output) {
        }
    }

    /** Creates a {@link PerEventWatermarks} per split or subtask. */
    static final class PerEventSupplier implements WatermarkGeneratorSupplier<Row> {
        private static final long serialVersionUID = 1L;
        private final long outOfOrderness;

        PerEventSupplier(long outOfOrderness) {
            this.outOfOrderness = outOfOrderness;
        }

        @Override
        public WatermarkGenerator<Row> createWatermarkGenerator(Context context) {
            return new PerEventWatermarks(outOfOrderness);
        }
    }

    /**
     * The engine's StatsAggregate as a Flink AggregateFunction. The accumulator is a list with one slot per
     * aggregate (a Long count, a Long or Double sum/min/max or null, a set of distinct values), so the bridge's
     * own serializer can hold it. Sums of whole numbers stay Long; a fractional value makes the sum a Double.
     */
    static final class Stats implements AggregateFunction<Row, List<Object>, Row> {
        private static final long serialVersionUID = 1L;
        private final List<AggSpec> specs;

        Stats(List<AggSpec> specs) {
            this.specs = List.copyOf(specs);
        }

        @Override
        public List<Object> createAccumulator() {
            List<Object> acc = new ArrayList<>(specs.size());
            for (AggSpec s : specs) {
                if (s.kind() == AggSpec.Kind.COUNT) {
                    acc.add(0L);
                } else if (s.kind() == AggSpec.Kind.DISTINCT_COUNT) {
                    acc.add(new LinkedHashSet<>());
                } else {
                    acc.add(null);
                }
            }
            return acc;
        }

        @Override
        @SuppressWarnings("unchecked")
        public List<Object> add(Row value, List<Object> acc) {
            for (int i = 0; i < specs.size(); i++) {
                AggSpec s = specs.get(i);
                switch (s.kind()) {
                    case COUNT -> acc.set(i, (Long) acc.get(i) + 1);
                    case SUM -> acc.set(i, plus(acc.get(i), number(value, s.field())));
                    case MIN -> acc.set(i, pick(acc.get(i), number(value, s.field()), true));
                    case MAX -> acc.set(i, pick(acc.get(i), number(value, s.field()), false));
                    case DISTINCT_COUNT -> ((Set<Object>) acc.get(i)).add(value.require(s.field()));
                }
            }
            return acc;
        }

        @Override
        @SuppressWarnings("unchecked")
        public Row getResult(List<Object> acc) {
            Object[] pairs = new Object[2 * specs.size()];
            for (int i = 0; i < specs.size(); i++) {
                pairs[2 * i] = specs.get(i).alias();
                Object v = acc.get(i);
                pairs[2 * i + 1] = specs.get(i).kind() == AggSpec.Kind.DISTINCT_COUNT
                        ? (Object) (long) ((Set<Object>) v).size() : v;
            }
            return Row.of(pairs);
        }

        @Override
        @SuppressWarnings("unchecked")
        public List<Object> merge(List<Object> a, List<Object> b) {
            List<Object> m = new ArrayList<>(specs.size());
            for (int i = 0; i < specs.size(); i++) {
                Object x = a.get(i);
                Object y = b.get(i);
                switch (specs.get(i).kind()) {
                    case COUNT -> m.add((Long) x + (Long) y);
                    case SUM -> m.add(y == null ? x : plus(x, (Number) y));
                    case MIN -> m.add(y == null ? x : pick(x, (Number) y, true));
                    case MAX -> m.add(y == null ? x : pick(x, (Number) y, false));
                    default -> {
                        Set<Object> s = new LinkedHashSet<>((Set<Object>) x);
                        s.addAll((Set<Object>) y);
                        m.add(s);
                    }
                }
            }
            return m;
        }

        private static Number number(Row row, String field) {
            Object v = row.require(field);
            if (v instanceof Number n) {
                return n;
            }
            throw new IllegalArgumentException("field '" + field + "' of " + row + " is not a number");
        }

        private static Number plus(Object a, Number b) {
            if (a == null) {
                return b;
            }
            Number x = (Number) a;
            if (x instanceof Long && b instanceof Long) {
                return x.longValue() + b.longValue();
            }
            return x.doubleValue() + b.doubleValue();
        }

        private static Number pick(Object a, Number b, boolean min) {
            if (a == null) {
                return b;
            }
            Number x = (Number) a;
            int c = Double.compare(x.doubleValue(), b.doubleValue());
            return (min ? c <= 0 : c >= 0) ? x : b;
        }
    }

    /** The engine's WindowRowFunction: {key, start, end, ...fields} for each element (or aggregate result). */
    static final class WindowRows extends ProcessWindowFunction<Row, Row, Object, TimeWindow> {
        private static final long serialVersionUID = 1L;
        private final String keyField;

        WindowRows(String keyField) {
            this.keyField = keyField;
        }

        @Override
        public void process(Object key, Context context, Iterable<Row> elements, Collector<Row> out) {
            TimeWindow w = context.window();
            for (Row r : elements) {
                List<String> names = r.fieldNames();
                List<Object> values = r.values();
                Object[] pairs = new Object[6 + 2 * names.size()];
                pairs[0] = keyField;
                pairs[1] = key;
                pairs[2] = "start";
                pairs[3] = w.getStart();
                pairs[4] = "end";
                pairs[5] = w.getEnd();
                for (int i = 0; i < names.size(); i++) {
                    pairs[6 + 2 * i] = names.get(i);
                    pairs[7 + 2 * i] = values.get(i);
                }
                out.collect(Row.of(pairs));
            }
        }
    }

    /**
     * The engine's SessionizeFunction as a Flink KeyedProcessFunction, with the same logic: per key a sorted
     * list of open sessions [start, lastEvent + gap) merged when an event touches or bridges them, an event-time
     * timer at {@code end - 1} emitting each, and events that open a session already complete by the watermark
     * sent to the late output. A session is kept as the list [start, end, count, distinct values].
     */
    static final class Sessionize extends KeyedProcessFunction<Object, Row, Row> {
        private static final long serialVersionUID = 1L;
        private final long gap;
        private final String keyField;
        private final String distinctField;
        private final OutputTag<Row> lateTag;
        private transient ValueState<List<Object>> sessions;

        Sessionize(long gap, String keyField, String distinctField, OutputTag<Row> lateTag) {
            this.gap = gap;
            this.keyField = keyField;
            this.distinctField = distinctField;
            this.lateTag = lateTag;
        }

        @Override
        public void open(OpenContext openContext) {
            sessions = getRuntimeContext().getState(new ValueStateDescriptor<>("sessions", Types.LIST));
        }

        private static long start(List<Object> s) {
            return (Long) s.get(0);
        }

        private static long end(List<Object> s) {
            return (Long) s.get(1);
        }

        @SuppressWarnings("unchecked")
        private static List<Object> distinct(List<Object> s) {
            return (List<Object>) s.get(3);
        }

        private static List<Object> session(long start, long end, long count, List<Object> distinct) {
            return new ArrayList<>(List.of(start, end, count, distinct));
        }

        @Override
        @SuppressWarnings("unchecked")
        public void processElement(Row value, Context ctx, Collector<Row> out) throws Exception {
            long ts = ctx.timestamp();
            long watermark = ctx.timerService().currentWatermark();
            List<Object> open = sessions.value() == null ? new ArrayList<>() : sessions.value();
            List<Object> d0 = new ArrayList<>();
            if (distinctField != null) {
                d0.add(value.require(distinctField));
            }
            List<Object> merged = session(ts, ts + gap, 1, d0);
            List<List<Object>> keep = new ArrayList<>();
            boolean touched = false;
            for (Object o : open) {
                List<Object> s = (List<Object>) o;
                if (start(s) <= end(merged) && end(s) >= start(merged)) {
                    touched = true;
                    ctx.timerService().deleteEventTimeTimer(end(s) - 1);
                    List<Object> d = new ArrayList<>(distinct(s));
                    for (Object v : distinct(merged)) {
                        if (!d.contains(v)) {
                            d.add(v);
                        }
                    }
                    merged = session(Math.min(start(s), start(merged)), Math.max(end(s), end(merged)),
                            (Long) s.get(2) + (Long) merged.get(2), d);
                } else {
                    keep.add(s);
                }
            }
            if (!touched && end(merged) - 1 <= watermark) {
                if (lateTag != null) {
                    ctx.output(lateTag, value);
                }
                return;
            }
            keep.add(merged);
            keep.sort(java.util.Comparator.comparingLong(Sessionize::start));
            sessions.update(new ArrayList<>(keep));
            ctx.timerService().registerEventTimeTimer(end(merged) - 1);
        }

        @Override
        @SuppressWarnings("unchecked")
        public void onTimer(long timestamp, OnTimerContext ctx, Collector<Row> out) throws Exception {
            List<Object> open = sessions.value();
            if (open == null) {
                return;
            }
            List<Object> keep = new ArrayList<>();
            for (Object o : open) {
                List<Object> s = (List<Object>) o;
                if (end(s) - 1 == timestamp) {
                    List<Object> pairs = new ArrayList<>(List.of(keyField, ctx.getCurrentKey(), "start", start(s),
                            "end", end(s), "count", s.get(2)));
                    if (distinctField != null) {
                        pairs.add("distinct_" + distinctField);
                        pairs.add((long) distinct(s).size());
                    }
                    out.collect(Row.of(pairs.toArray()));
                } else {
                    keep.add(s);
                }
            }
            sessions.update(keep.isEmpty() ? null : keep);
        }
    }

    /** The scenario interval join's result row, made by the engine's own JoinRowFunction.merge. */
    static final class JoinRows extends ProcessJoinFunction<Row, Row, Row> {
        private static final long serialVersionUID = 1L;
        private final String sharedKeyField;
        private final String rightPrefix;

        JoinRows(String sharedKeyField, String rightPrefix) {
            this.sharedKeyField = sharedKeyField;
            this.rightPrefix = rightPrefix;
        }

        @Override
        public void processElement(Row left, Row right, Context ctx, Collector<Row> out) {
            out.collect(JoinRowFunction.merge(left, right, sharedKeyField, rightPrefix));
        }
    }

    /**
     * Wraps what reaches a scenario's sink as {@code {job, sink, ts, row, subtask, seq, wm}}, so one collect stream
     * can carry every sink of every scenario batched into a Flink job. It runs in the producing subtask (forward,
     * chained), keeping each producer's order. {@code seq} comes from one counter per JVM, so it orders what the
     * sinks fed by one subtask received in the order that subtask emitted it (its chained sink tags run in its
     * thread); {@code wm} is the watermark the subtask had passed downstream by then, which tells a firing caused
     * by a record (the window's end - 1 is at most {@code wm}) from one caused by the watermark (fired before the
     * watermark moves on).
     */
    static final class SinkTag extends ProcessFunction<Row, Row> {
        private static final long serialVersionUID = 1L;
        private static final AtomicLong SEQ = new AtomicLong();
        private final long job;
        private final String sink;

        SinkTag(long job, String sink) {
            this.job = job;
            this.sink = sink;
        }

        @Override
        public void processElement(Row value, Context ctx, Collector<Row> out) {
            out.collect(Row.of("job", job, "sink", sink, "ts", ctx.timestamp(), "row", value,
                    "subtask", (long) getRuntimeContext().getTaskInfo().getIndexOfThisSubtask(),
                    "seq", SEQ.incrementAndGet(), "wm", ctx.timerService().currentWatermark()));
        }
    }

    /**
     * A sink that only counts what reaches it, in a Flink accumulator named after the sink: for measuring a job
     * without shipping its output anywhere.
     */
    static final class SinkCount extends ProcessFunction<Row, Row> {
        private static final long serialVersionUID = 1L;
        private final String sink;
        private transient LongCounter count;

        SinkCount(String sink) {
            this.sink = sink;
        }

        @Override
        public void open(OpenContext openContext) {
            count = new LongCounter();
            getRuntimeContext().addAccumulator(sink, count);
        }

        @Override
        public void processElement(Row value, Context ctx, Collector<Row> out) {
            count.add(1L);
        }
    }
}
