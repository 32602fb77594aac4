package io.streamscope.flink;

import io.streamscope.api.builtin.CountPerKeyFunction;
import io.streamscope.api.builtin.JoinRowFunction;
import io.streamscope.api.builtin.SessionizeFunction;
import io.streamscope.api.builtin.StatsAggregate;
import io.streamscope.api.builtin.WindowRowFunction;
import io.streamscope.api.functions.FieldKeySelector;
import io.streamscope.data.Row;
import io.streamscope.graph.JobEdge;
import io.streamscope.graph.JobGraph;
import io.streamscope.graph.JobVertex;
import io.streamscope.graph.OperatorSpec;
import io.streamscope.graph.Partitioner;
import io.streamscope.scenario.FieldFilter;
import io.streamscope.scenario.FieldMap;
import io.streamscope.window.EventTimeTrigger;
import io.streamscope.window.WindowAssigner;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import org.apache.flink.api.common.eventtime.WatermarkStrategy;
import org.apache.flink.streaming.api.datastream.DataStream;
import org.apache.flink.streaming.api.datastream.KeyedStream;
import org.apache.flink.streaming.api.datastream.SingleOutputStreamOperator;
import org.apache.flink.streaming.api.datastream.WindowedStream;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.apache.flink.streaming.api.windowing.assigners.EventTimeSessionWindows;
import org.apache.flink.streaming.api.windowing.assigners.SlidingEventTimeWindows;
import org.apache.flink.streaming.api.windowing.assigners.TumblingEventTimeWindows;
import org.apache.flink.streaming.api.windowing.windows.TimeWindow;
import org.apache.flink.util.OutputTag;

/**
 * Translates a scenario's job graph into Flink DataStream operators on a given Flink environment. Each engine
 * operator becomes its Flink counterpart with the same parallelism, partitioning and side outputs; each sink
 * becomes a tagging step in the producing subtask feeding one collect stream. A union becomes Flink's union, an
 * interval join Flink's intervalJoin with the engine's JoinRowFunction. Whatever has no faithful
 * counterpart (Java functions other than the declarative built-ins, processing-time windows, custom triggers)
 * is refused with an {@link UntranslatableException} naming the operator.
 */
final class JobTranslator {
    private JobTranslator() {
    }

    /** Checks that a job graph can be translated, without building anything. */
    static void check(JobGraph graph) {
        for (JobVertex v : graph.vertices()) {
            checkVertex(graph, v);
        }
    }

    private static void checkVertex(JobGraph graph, JobVertex v) {
        OperatorSpec spec = v.spec();
        for (JobEdge e : graph.inputs(v)) {
            if (e.partitioner() instanceof Partitioner.KeyGroup k && !(k.keySelector() instanceof FieldKeySelector)) {
                throw new UntranslatableException(v.name(), "its keyBy uses a Java KeySelector ("
                        + describe(k.keySelector()) + "); only keyBy on a field (FieldKeySelector) translates");
            }
        }
        if (spec instanceof OperatorSpec.Source s) {
            checkStrategy(v, s.watermarkStrategy());
        } else if (spec instanceof OperatorSpec.TimestampsAndWatermarks t) {
            checkStrategy(v, t.watermarkStrategy());
        } else if (spec instanceof OperatorSpec.Map m) {
            if (!(m.function() instanceof FieldMap)) {
                throw new UntranslatableException(v.name(), "its MapFunction is Java code (" + describe(m.function())
                        + "); only the declarative map of scenario files (FieldMap) translates");
            }
        } else if (spec instanceof OperatorSpec.Filter f) {
            if (!(f.function() instanceof FieldFilter)) {
                throw new UntranslatableException(v.name(), "its FilterFunction is Java code ("
                        + describe(f.function()) + "); only the declarative filter of scenario files (FieldFilter)"
                        + " translates");
            }
        } else if (spec instanceof OperatorSpec.KeyedProcess p) {
            if (p.function() instanceof CountPerKeyFunction) {
                throw new UntranslatableException(v.name(), "it is a countPerKey step, which the bridge does not"
                        + " translate; with a \"stateTtl\" its counts would also depend on Flink's processing time,"
                        + " the wall clock");
            }
            if (!(p.function() instanceof SessionizeFunction)) {
                throw new UntranslatableException(v.name(), "its KeyedProcessFunction is Java code ("
                        + describe(p.function()) + "); only the built-in SessionizeFunction translates");
            }
            keyField(v);
        } else if (spec instanceof OperatorSpec.Window w) {
            checkWindow(v, w);
        } else if (spec instanceof OperatorSpec.IntervalJoin j) {
            if (!(j.function() instanceof JoinRowFunction)) {
                throw new UntranslatableException(v.name(), "its ProcessJoinFunction is Java code ("
                        + describe(j.function()) + "); only the built-in JoinRowFunction of scenario files translates");
            }
            keyField(v); // the second input's key is a field too: every keyed edge was checked above
        }
        if (!(spec instanceof OperatorSpec.Sink)) {
            for (int input = 0; input < 2; input++) {
                List<JobEdge> edges = graph.inputs(v, input);
                for (JobEdge e : edges) {
                    if (!samePartitioning(e.partitioner(), edges.get(0).partitioner())) {
                        throw new UntranslatableException(v.name(), "the streams of its union are partitioned"
                                + " differently (" + edges.get(0).partitioner().flinkName() + " from '"
                                + edges.get(0).source().name() + "', " + e.partitioner().flinkName() + " from '"
                                + e.source().name() + "'); only a union partitioned one way translates");
                    }
                }
            }
        }
    }

    private static boolean samePartitioning(Partitioner a, Partitioner b) {
        if (a instanceof Partitioner.KeyGroup ka && b instanceof Partitioner.KeyGroup kb) {
            return ka.keySelector().equals(kb.keySelector());
        }
        return a.getClass() == b.getClass();
    }

    private static void checkStrategy(JobVertex v, io.streamscope.time.WatermarkStrategy s) {
        if (s == null) {
            throw new UntranslatableException(v.name(), "has no watermark strategy");
        }
    }

    private static void checkWindow(JobVertex v, OperatorSpec.Window w) {
        if (!w.assigner().isEventTime()) {
            throw new UntranslatableException(v.name(), "its window (" + w.assigner().describe() + ") is on"
                    + " processing time, which in Flink is the machine's wall clock: its results cannot be reproduced,"
                    + " so it is not translated");
        }
        if (w.trigger() != null && !(w.trigger() instanceof EventTimeTrigger)) {
            throw new UntranslatableException(v.name(), "its window has a custom trigger (" + describe(w.trigger())
                    + "); only the default event-time trigger translates");
        }
        if (w.aggregate() != null && !(w.aggregate() instanceof StatsAggregate)) {
            throw new UntranslatableException(v.name(), "its AggregateFunction is Java code ("
                    + describe(w.aggregate()) + "); only the built-in StatsAggregate translates");
        }
        if (w.windowFunction() != null && !(w.windowFunction() instanceof WindowRowFunction)) {
            throw new UntranslatableException(v.name(), "its ProcessWindowFunction is Java code ("
                    + describe(w.windowFunction()) + "); only the built-in WindowRowFunction translates");
        }
        if (w.aggregate() == null && w.windowFunction() == null) {
            throw new UntranslatableException(v.name(), "its window has neither an aggregate nor a window function");
        }
        keyField(v);
    }

    private static String keyField(JobVertex v) {
        if (!(v.keySelector() instanceof FieldKeySelector f)) {
            throw new UntranslatableException(v.name(), "it needs keyBy on a field (FieldKeySelector), got "
                    + (v.keySelector() == null ? "no keyBy" : describe(v.keySelector())));
        }
        return f.field();
    }

    private static String describe(Object fn) {
        Class<?> c = fn.getClass();
        return c.isSynthetic() || c.getName().contains("$$Lambda") ? "a lambda" : c.getName();
    }

    /**
     * Adds the scenario's job to {@code env}. Operator names are prefixed with {@code prefix} so that several
     * scenarios can share one Flink job; each sink's records come out of the returned streams tagged with
     * {@code job} and the sink's name.
     */
    static List<DataStream<Row>> translate(StreamExecutionEnvironment env, EngineRun run, long job, String prefix) {
        return translate(env, run.graph(), v -> {
            EngineRun.SourceInput in = run.sources().get(v.name());
            return new LogSource(in.topic(), in.records(), in.timestamps(), in.owner(), in.readOrder());
        }, job, prefix, true);
    }

    /**
     * Adds a job graph to {@code env}, each source reading the LogSource {@code sources} gives for its vertex.
     * With {@code collect} each sink's records come out of the returned streams as in {@link #translate(
     * StreamExecutionEnvironment, EngineRun, long, String)}; otherwise each sink only counts its records, in a
     * Flink accumulator named after the sink, and nothing is returned (for measuring a job).
     */
    static List<DataStream<Row>> translate(StreamExecutionEnvironment env, JobGraph graph,
                                           Function<JobVertex, LogSource> sources, long job, String prefix,
                                           boolean collect) {
        check(graph);
        Map<JobVertex, SingleOutputStreamOperator<Row>> streams = new HashMap<>();
        List<DataStream<Row>> collected = new ArrayList<>();
        for (JobVertex v : graph.vertices()) {
            OperatorSpec spec = v.spec();
            String name = prefix + v.name();
            if (spec instanceof OperatorSpec.Source s) {
                streams.put(v, env.fromSource(sources.apply(v), strategy(s.watermarkStrategy()), name, Types.ROW)
                        .setParallelism(v.parallelism()));
                continue;
            }
            List<JobEdge> firstInput = graph.inputs(v, 0);
            JobEdge edge = firstInput.get(0);
            if (spec instanceof OperatorSpec.Sink) {
                // the sink itself has no effect on results: tag in the producer's subtasks, keeping their order
                // (a sink reading a union tags in each producer's)
                for (JobEdge e : firstInput) {
                    SingleOutputStreamOperator<Row> sink = streamOf(streams, e).process(collect
                            ? new Functions.SinkTag(job, v.name()) : new Functions.SinkCount(v.name()), Types.ROW)
                            .name(name).setParallelism(e.source().parallelism());
                    if (collect) {
                        collected.add(sink);
                    }
                }
                continue;
            }
            // a union: the streams merged first, then partitioned once, as the reader's edges all are
            DataStream<Row> input = union(streams, firstInput);
            SingleOutputStreamOperator<Row> out;
            if (spec instanceof OperatorSpec.Map m) {
                out = partition(input, edge).map(new Functions.Map((FieldMap) m.function()), Types.ROW);
            } else if (spec instanceof OperatorSpec.Filter f) {
                out = partition(input, edge).filter(new Functions.Filter((FieldFilter) f.function()));
            } else if (spec instanceof OperatorSpec.TimestampsAndWatermarks t) {
                out = partition(input, edge).assignTimestampsAndWatermarks(strategy(t.watermarkStrategy()));
            } else if (spec instanceof OperatorSpec.KeyedProcess p) {
                SessionizeFunction fn = (SessionizeFunction) p.function();
                OutputTag<Row> late = fn.lateTag() == null ? null : new OutputTag<>(fn.lateTag().id(), Types.ROW);
                out = keyed(input, v).process(new Functions.Sessionize(fn.gapMillis(), keyField(v),
                        fn.distinctField(), late), Types.ROW);
                out.setMaxParallelism(v.maxParallelism());
            } else if (spec instanceof OperatorSpec.Window w) {
                out = window(input, v, w);
                out.setMaxParallelism(v.maxParallelism());
            } else if (spec instanceof OperatorSpec.IntervalJoin j) {
                out = intervalJoin(input, union(streams, graph.inputs(v, 1)), v, j);
                out.setMaxParallelism(v.maxParallelism());
            } else {
                throw new UntranslatableException(v.name(), "operator kind " + spec.kind() + " is not translated");
            }
            out.name(name).setParallelism(v.parallelism());
            if (!v.chainingAllowed()) {
                out.disableChaining();
            }
            streams.put(v, out);
        }
        return collected;
    }

    /** What an edge carries: its producer's main output or one of its side outputs. */
    private static DataStream<Row> streamOf(Map<JobVertex, SingleOutputStreamOperator<Row>> streams, JobEdge e) {
        SingleOutputStreamOperator<Row> producer = streams.get(e.source());
        return e.outputTag() == null ? producer : producer.getSideOutput(new OutputTag<>(e.outputTag(), Types.ROW));
    }

    /** The streams of several edges into one input, merged (one edge: its stream). */
    private static DataStream<Row> union(Map<JobVertex, SingleOutputStreamOperator<Row>> streams, List<JobEdge> in) {
        DataStream<Row> first = streamOf(streams, in.get(0));
        if (in.size() == 1) {
            return first;
        }
        @SuppressWarnings("unchecked")
        DataStream<Row>[] rest = new DataStream[in.size() - 1];
        for (int i = 1; i < in.size(); i++) {
            rest[i - 1] = streamOf(streams, in.get(i));
        }
        return first.union(rest);
    }

    /**
     * Flink's interval join: the left input keyed by the first key field, the right by the second, the same bounds
     * and exclusiveness, the late side outputs, and the engine's JoinRowFunction merging each pair.
     */
    private static SingleOutputStreamOperator<Row> intervalJoin(DataStream<Row> left, DataStream<Row> right,
                                                                JobVertex v, OperatorSpec.IntervalJoin j) {
        KeyedStream<Row, Object> l = keyed(left, v);
        KeyedStream<Row, Object> r = right.keyBy(new Functions.FieldKey(
                ((FieldKeySelector) v.secondKeySelector()).field()), Types.KEY);
        KeyedStream.IntervalJoined<Row, Row, Object> joined = l.intervalJoin(r)
                .between(Duration.ofMillis(j.lowerBound()), Duration.ofMillis(j.upperBound()));
        if (!j.lowerBoundInclusive()) {
            joined = joined.lowerBoundExclusive();
        }
        if (!j.upperBoundInclusive()) {
            joined = joined.upperBoundExclusive();
        }
        if (j.leftLateDataTag() != null) {
            joined = joined.sideOutputLeftLateData(new OutputTag<>(j.leftLateDataTag().id(), Types.ROW));
        }
        if (j.rightLateDataTag() != null) {
            joined = joined.sideOutputRightLateData(new OutputTag<>(j.rightLateDataTag().id(), Types.ROW));
        }
        JoinRowFunction fn = (JoinRowFunction) j.function();
        return joined.process(new Functions.JoinRows(fn.sharedKeyField(), fn.rightPrefix()), Types.ROW);
    }

    private static DataStream<Row> partition(DataStream<Row> in, JobEdge e) {
        Partitioner p = e.partitioner();
        if (p instanceof Partitioner.Forward) {
            return in.forward();
        }
        if (p instanceof Partitioner.Rebalance) {
            return in.rebalance();
        }
        if (p instanceof Partitioner.Broadcast) {
            return in.broadcast();
        }
        if (p instanceof Partitioner.KeyGroup k) {
            return in.keyBy(new Functions.FieldKey(((FieldKeySelector) k.keySelector()).field()), Types.KEY);
        }
        throw new UntranslatableException(e.target().name(), "unknown partitioner " + p);
    }

    private static KeyedStream<Row, Object> keyed(DataStream<Row> in, JobVertex v) {
        return in.keyBy(new Functions.FieldKey(keyField(v)), Types.KEY);
    }

    private static SingleOutputStreamOperator<Row> window(DataStream<Row> input, JobVertex v, OperatorSpec.Window w) {
        WindowedStream<Row, Object, TimeWindow> ws = keyed(input, v).window(assigner(w.assigner()));
        if (w.allowedLatenessMillis() > 0) {
            ws = ws.allowedLateness(Duration.ofMillis(w.allowedLatenessMillis()));
        }
        if (w.lateDataTag() != null) {
            ws = ws.sideOutputLateData(new OutputTag<>(w.lateDataTag().id(), Types.ROW));
        }
        String keyField = keyField(v);
        if (w.aggregate() == null) {
            return ws.process(new Functions.WindowRows(keyField), Types.ROW);
        }
        Functions.Stats agg = new Functions.Stats(((StatsAggregate) w.aggregate()).specs());
        if (w.windowFunction() == null) {
            return ws.aggregate(agg, Types.LIST, Types.ROW);
        }
        return ws.aggregate(agg, new Functions.WindowRows(((WindowRowFunction) w.windowFunction()).keyField()),
                Types.LIST, Types.ROW, Types.ROW);
    }

    private static org.apache.flink.streaming.api.windowing.assigners.WindowAssigner<Object, TimeWindow> assigner(
            WindowAssigner a) {
        if (a instanceof WindowAssigner.Tumbling t) {
            return TumblingEventTimeWindows.of(Duration.ofMillis(t.size()), Duration.ofMillis(t.offset()));
        }
        if (a instanceof WindowAssigner.Sliding s) {
            return SlidingEventTimeWindows.of(Duration.ofMillis(s.size()), Duration.ofMillis(s.slide()),
                    Duration.ofMillis(s.offset()));
        }
        WindowAssigner.Session s = (WindowAssigner.Session) a;
        return EventTimeSessionWindows.withGap(Duration.ofMillis(s.gap()));
    }

    /**
     * The engine's watermark strategy in Flink: per-event emission as a generator emitting in onEvent, periodic
     * emission as Flink's own bounded-out-of-orderness generator (on Flink's wall-clock interval), none as
     * noWatermarks; the timestamp field and idleness carried over.
     */
    static WatermarkStrategy<Row> strategy(io.streamscope.time.WatermarkStrategy s) {
        WatermarkStrategy<Row> w;
        if (s.watermarksDisabled()) {
            w = WatermarkStrategy.noWatermarks();
        } else if (s.emission() == io.streamscope.time.WatermarkStrategy.Emission.PER_EVENT) {
            w = WatermarkStrategy.forGenerator(new Functions.PerEventSupplier(s.outOfOrdernessMillis()));
        } else {
            w = WatermarkStrategy.forBoundedOutOfOrderness(Duration.ofMillis(s.outOfOrdernessMillis()));
        }
        if (s.timestampField() != null) {
            w = w.withTimestampAssigner(new Functions.FieldTimestamp(s.timestampField()));
        }
        if (s.idleness().isPresent()) {
            w = w.withIdleness(Duration.ofMillis(s.idleness().get()));
        }
        return w;
    }
}
