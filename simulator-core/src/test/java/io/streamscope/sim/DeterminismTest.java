package io.streamscope.sim;

import static org.assertj.core.api.Assertions.assertThat;

import io.streamscope.api.OutputTag;
import io.streamscope.api.SingleOutputStreamOperator;
import io.streamscope.api.StreamExecutionEnvironment;
import io.streamscope.api.functions.FieldKeySelector;
import io.streamscope.connectors.CollectingSink;
import io.streamscope.connectors.PartitionedLog;
import io.streamscope.connectors.SinkTable;
import io.streamscope.data.Row;
import io.streamscope.runtime.EngineConfig;
import io.streamscope.testing.WindowOut;
import io.streamscope.time.WatermarkStrategy;
import io.streamscope.trace.TraceEvent;
import io.streamscope.trace.TraceJson;
import io.streamscope.window.TimeWindow;
import io.streamscope.window.TumblingEventTimeWindows;
import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.constraints.LongRange;
import org.junit.jupiter.api.Test;

/**
 * Determinism of the engine (same job + seed = same trace) and, as properties over random disordered input, that
 * tumbling-window results per key follow Flink's WindowOperator semantics whatever the window parallelism, seed
 * or channel latency jitter, and that no record is lost.
 */
class DeterminismTest {

    /** One input event: a key index and an event time. */
    record Ev(int key, long ts) {
    }

    private static Simulation job(List<Ev> events, long bound, long size, long lateness, int parallelism,
                                  EngineConfig config) {
        PartitionedLog log = new PartitionedLog("events", 1, true);
        for (int i = 0; i < events.size(); i++) {
            Ev e = events.get(i);
            String key = "k" + e.key();
            log.append(0, key, Row.of("key", key, "value", (long) i, "ts", e.ts()), e.ts(), 10L * i);
        }
        StreamExecutionEnvironment env = StreamExecutionEnvironment.create();
        OutputTag<Row> late = new OutputTag<>("late");
        SingleOutputStreamOperator<Row> out = env.<Row>fromSource(log, WatermarkStrategy
                        .forBoundedOutOfOrderness(Duration.ofMillis(bound))
                        .withEmission(WatermarkStrategy.Emission.PER_EVENT), "events")
                .keyBy(new FieldKeySelector("key"))
                .window(TumblingEventTimeWindows.of(Duration.ofMillis(size)))
                .allowedLateness(Duration.ofMillis(lateness))
                .sideOutputLateData(late)
                .process(new WindowOut(), "window").setParallelism(parallelism);
        out.sinkTo(new CollectingSink("out")).setParallelism(parallelism);
        out.getSideOutput(late).sinkTo(new CollectingSink("late")).setParallelism(parallelism);
        Simulation sim = Simulation.of(env, config);
        sim.runToEnd();
        return sim;
    }

    private static List<Ev> sample() {
        List<Ev> evs = new ArrayList<>();
        long[] ts = {1000, 1500, 400, 5200, 3100, 900, 7000, 6100, 2000, 12_000, 4000, 11_500};
        for (int i = 0; i < ts.length; i++) {
            evs.add(new Ev(i % 3, ts[i]));
        }
        return evs;
    }

    @Test
    void sameJobAndSeedGiveTheSameTrace() {
        EngineConfig config = EngineConfig.defaults().withLatency(2, 6).withBuffers(2, 2).withSeed(42);
        String a = TraceJson.write(job(sample(), 1000, 2000, 500, 3, config).trace());
        String b = TraceJson.write(job(sample(), 1000, 2000, 500, 3, config).trace());
        assertThat(a).isEqualTo(b);
        assertThat(a).contains("\"type\":\"WindowFired\"");
        // the seed drives the latency jitter: another seed, another trace (same results, see the properties)
        String c = TraceJson.write(job(sample(), 1000, 2000, 500, 3, config.withSeed(43)).trace());
        assertThat(c).isNotEqualTo(a);
    }

    @Test
    void traceRoundTripsThroughJson() throws IOException {
        List<TraceEvent> trace = job(sample(), 1000, 2000, 500, 2, EngineConfig.defaults()).trace();
        String json = TraceJson.write(trace);
        List<TraceEvent> back = TraceJson.read(json);
        assertThat(back).isEqualTo(trace);
        assertThat(TraceJson.write(back)).isEqualTo(json);
        // the kinds of events this job produces all survive the trip
        assertThat(back.stream().map(e -> e.getClass().getSimpleName()).distinct())
                .contains("RecordRead", "ElementSent", "ElementDelivered", "WatermarkAdvanced", "TimerRegistered",
                        "TimerFired", "WindowFired", "SinkReceived", "SubtaskFinished");
    }

    // ---------------------------------------------------------------- properties

    @Provide
    Arbitrary<List<Ev>> disordered() {
        // event i has time i * 150 + noise, noise in [-3000, 3000]: up to 6 s of disorder
        return Combinators.combine(Arbitraries.integers().between(0, 4), Arbitraries.longs().between(-3000, 3000))
                .as((k, noise) -> new long[] {k, noise})
                .list().ofMinSize(1).ofMaxSize(80)
                .map(l -> {
                    List<Ev> evs = new ArrayList<>();
                    for (int i = 0; i < l.size(); i++) {
                        evs.add(new Ev((int) l.get(i)[0], Math.max(0, i * 150L + l.get(i)[1])));
                    }
                    return evs;
                });
    }

    @Provide
    Arbitrary<Long> bounds() {
        return Arbitraries.of(0L, 1000L, 4000L);
    }

    @Provide
    Arbitrary<Long> latenesses() {
        return Arbitraries.of(0L, 700L);
    }

    /** What the job must output: per key, its window firings in order, and its late records in order. */
    record Expected(Map<String, List<Row>> fired, Map<String, List<Long>> late) {
    }

    /**
     * Flink's WindowOperator for one tumbling window per record, per key in arrival order (a single source
     * partition keeps every key's records and the watermarks in one FIFO order): the watermark a record sees is
     * the one emitted after the previous record (maxTimestamp - bound - 1); a record is late when
     * maxTimestamp(window) + lateness <= watermark; otherwise it is added and, if maxTimestamp <= watermark,
     * re-fires the window with all its contents; a watermark fires windows with maxTimestamp <= watermark in
     * timestamp order and drops the state of those with maxTimestamp + lateness <= watermark; the final
     * Long.MAX_VALUE watermark fires what is left.
     */
    static Expected oracle(List<Ev> events, long bound, long size, long lateness) {
        Map<String, List<Row>> fired = new TreeMap<>();
        Map<String, List<Long>> late = new TreeMap<>();
        Map<String, TreeMap<Long, List<Long>>> state = new TreeMap<>(); // key -> window start -> values
        long wm = Long.MIN_VALUE;
        long maxTs = Long.MIN_VALUE;
        for (int i = 0; i <= events.size(); i++) {
            if (i < events.size()) {
                Ev e = events.get(i);
                String key = "k" + e.key();
                long start = TimeWindow.getWindowStartWithOffset(e.ts(), 0, size);
                long windowMax = start + size - 1;
                if (windowMax + lateness <= wm) {
                    late.computeIfAbsent(key, k -> new ArrayList<>()).add((long) i);
                } else {
                    List<Long> values = state.computeIfAbsent(key, k -> new TreeMap<>())
                            .computeIfAbsent(start, s -> new ArrayList<>());
                    values.add((long) i);
                    if (windowMax <= wm) {
                        fired.computeIfAbsent(key, k -> new ArrayList<>())
                                .add(WindowOut.row(key, start, start + size, new ArrayList<>(values)));
                    }
                }
                maxTs = Math.max(maxTs, e.ts());
            }
            long newWm = i < events.size() ? maxTs - bound - 1 : Long.MAX_VALUE;
            if (newWm > wm) {
                for (Map.Entry<String, TreeMap<Long, List<Long>>> k : state.entrySet()) {
                    List<Long> drop = new ArrayList<>();
                    for (Map.Entry<Long, List<Long>> w : k.getValue().entrySet()) {
                        long windowMax = w.getKey() + size - 1;
                        if (windowMax > wm && windowMax <= newWm) {
                            fired.computeIfAbsent(k.getKey(), x -> new ArrayList<>()).add(WindowOut.row(k.getKey(),
                                    w.getKey(), w.getKey() + size, new ArrayList<>(w.getValue())));
                        }
                        if (windowMax + lateness <= newWm) {
                            drop.add(w.getKey());
                        }
                    }
                    drop.forEach(k.getValue()::remove);
                }
                wm = newWm;
            }
        }
        return new Expected(fired, late);
    }

    private static Expected observed(Simulation sim) {
        Map<String, List<Row>> fired = new TreeMap<>();
        Map<String, List<Long>> late = new TreeMap<>();
        for (SinkTable.Row r : sim.sink("out").rows()) {
            Row v = WindowOut.strip(r.value());
            fired.computeIfAbsent((String) v.get("key"), k -> new ArrayList<>()).add(v);
        }
        for (SinkTable.Row r : sim.sink("late").rows()) {
            Row v = (Row) r.value();
            late.computeIfAbsent((String) v.get("key"), k -> new ArrayList<>()).add(v.getLong("value"));
        }
        return new Expected(fired, late);
    }

    @Property(tries = 200)
    void windowResultsPerKeyFollowFlinkWhateverTheParallelismSeedOrJitter(
            @ForAll("disordered") List<Ev> events, @ForAll("bounds") long bound,
            @ForAll("latenesses") long lateness, @ForAll @IntRange(min = 1, max = 4) int parallelism,
            @ForAll @LongRange(min = 0, max = 1000) long seed, @ForAll @LongRange(min = 0, max = 20) long jitter) {
        long size = 2000;
        Expected expected = oracle(events, bound, size, lateness);
        EngineConfig config = EngineConfig.defaults().withSeed(seed).withLatency(1, jitter);
        Expected got = observed(job(events, bound, size, lateness, parallelism, config));
        // per key, in order (this also makes them equal as multisets)
        assertThat(got.fired()).isEqualTo(expected.fired());
        assertThat(got.late()).isEqualTo(expected.late());
        // and the same as with one window subtask, seed 0, no jitter
        Expected baseline = observed(job(events, bound, size, lateness, 1, EngineConfig.defaults()));
        assertThat(got).isEqualTo(baseline);
    }

    @Property(tries = 200)
    void noRecordIsLostInTumblingWindows(@ForAll("disordered") List<Ev> events, @ForAll("bounds") long bound,
                                         @ForAll @IntRange(min = 1, max = 4) int parallelism,
                                         @ForAll @LongRange(min = 0, max = 20) long jitter) {
        // without allowed lateness a window fires exactly once, so every record is counted in exactly one
        // firing or appears in the late output, exactly once
        Simulation sim = job(events, bound, 1000, 0, parallelism,
                EngineConfig.defaults().withLatency(1, jitter).withTrace(false));
        Map<Long, Integer> seen = new LinkedHashMap<>();
        for (Object v : sim.sink("out").values()) {
            @SuppressWarnings("unchecked")
            List<Long> values = (List<Long>) ((Row) v).get("values");
            values.forEach(x -> seen.merge(x, 1, Integer::sum));
        }
        for (Object v : sim.sink("late").values()) {
            seen.merge(((Row) v).getLong("value"), 1, Integer::sum);
        }
        assertThat(seen).hasSize(events.size());
        assertThat(seen.values()).allSatisfy(n -> assertThat(n).isEqualTo(1));
        long counted = sim.sink("out").values().stream().mapToLong(v -> ((Row) v).getLong("count")).sum();
        assertThat(counted + sim.sink("late").rows().size()).isEqualTo(events.size());
    }
}
