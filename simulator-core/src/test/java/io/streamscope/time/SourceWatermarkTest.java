package io.streamscope.time;

import static org.assertj.core.api.Assertions.assertThat;

import io.streamscope.api.StreamExecutionEnvironment;
import io.streamscope.api.functions.FieldKeySelector;
import io.streamscope.connectors.CollectingSink;
import io.streamscope.connectors.PartitionedLog;
import io.streamscope.data.Row;
import io.streamscope.runtime.EngineConfig;
import io.streamscope.sim.Simulation;
import io.streamscope.testing.WindowOut;
import io.streamscope.trace.TraceEvent;
import io.streamscope.window.TumblingEventTimeWindows;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Watermark generation in sources as Flink's fromSource does it: a generator per split (partition), periodic
 * emission on the auto-watermark interval (pipeline.auto-watermark-interval, 200 ms by default), the subtask's
 * watermark the minimum over its non-idle splits (WatermarkOutputMultiplexer), and withIdleness marking a split
 * idle at the first periodic check more than the timeout after its first quiet check.
 */
class SourceWatermarkTest {

    private static Row ev(long ts) {
        return Row.of("key", "k", "value", 1L, "ts", ts);
    }

    /** (time, watermark) of every WatermarkAdvanced of a subtask. */
    private static List<long[]> advances(Simulation sim, String subtask) {
        List<long[]> out = new ArrayList<>();
        for (TraceEvent e : sim.trace()) {
            if (e instanceof TraceEvent.WatermarkAdvanced w && w.subtask().equals(subtask)) {
                out.add(new long[] {w.time(), w.watermark()});
            }
        }
        return out;
    }

    private static List<String> pairs(List<long[]> l) {
        List<String> out = new ArrayList<>();
        for (long[] p : l) {
            out.add(p[0] + ":" + p[1]);
        }
        return out;
    }

    @Test
    void periodicEmissionRunsOnTheAutoWatermarkIntervalOfTheVirtualClock() {
        PartitionedLog log = new PartitionedLog("events", 1, false);
        log.append(0, "k", ev(1000), 1000, 50);
        log.append(0, "k", ev(3000), 3000, 250);
        log.append(0, "k", ev(2000), 2000, 450);
        StreamExecutionEnvironment env = StreamExecutionEnvironment.create();
        env.fromSource(log, WatermarkStrategy.forBoundedOutOfOrderness(Duration.ofMillis(500)), "events");
        Simulation sim = Simulation.of(env, EngineConfig.defaults());
        sim.runUntilTime(199);
        // the initial watermark is Long.MIN_VALUE and nothing is emitted before the first tick
        assertThat(sim.view().subtask("events[0]").watermark()).isEqualTo(Long.MIN_VALUE);
        sim.runUntilTime(1000);
        // ticks at 200, 400, ...: 1000-500-1 at 200, 3000-500-1 at 400; the late 2000 moves nothing
        assertThat(pairs(advances(sim, "events[0]"))).containsExactly("200:499", "400:2499");

        // a 100 ms interval ticks at 100, 200, ...: the first record is seen at the tick at 100
        StreamExecutionEnvironment env2 = StreamExecutionEnvironment.create();
        env2.fromSource(log, WatermarkStrategy.forBoundedOutOfOrderness(Duration.ofMillis(500)), "events");
        Simulation sim2 = Simulation.of(env2, EngineConfig.defaults().withAutoWatermarkInterval(100));
        sim2.runUntilTime(1000);
        assertThat(pairs(advances(sim2, "events[0]"))).containsExactly("100:499", "300:2499");
    }

    @Test
    void perEventEmissionFollowsEveryRecord() {
        PartitionedLog log = new PartitionedLog("events", 1, false);
        log.append(0, "k", ev(1000), 1000, 50);
        log.append(0, "k", ev(3000), 3000, 250);
        log.append(0, "k", ev(2000), 2000, 450);
        StreamExecutionEnvironment env = StreamExecutionEnvironment.create();
        env.fromSource(log, WatermarkStrategy.forBoundedOutOfOrderness(Duration.ofMillis(500))
                .withEmission(WatermarkStrategy.Emission.PER_EVENT), "events");
        Simulation sim = Simulation.of(env, EngineConfig.defaults());
        sim.runUntilTime(1000);
        assertThat(pairs(advances(sim, "events[0]"))).containsExactly("50:499", "250:2499");
    }

    @Test
    void aSourceSubtaskEmitsTheMinimumOfItsSplits() {
        PartitionedLog log = new PartitionedLog("events", 2, false);
        log.append(0, "k", ev(10_000), 10_000, 10);
        log.append(1, "k", ev(2_000), 2_000, 20);
        log.append(1, "k", ev(4_000), 4_000, 30);
        log.append(0, "k", ev(11_000), 11_000, 40);
        log.append(1, "k", ev(20_000), 20_000, 50);
        StreamExecutionEnvironment env = StreamExecutionEnvironment.create();
        env.fromSource(log, WatermarkStrategy.forBoundedOutOfOrderness(Duration.ZERO)
                .withEmission(WatermarkStrategy.Emission.PER_EVENT), "events");
        Simulation sim = Simulation.of(env, EngineConfig.defaults());
        sim.runUntilTime(1000);
        assertThat(sim.view().subtask("events[0]").splits()).hasSize(2);
        // split watermarks: p0 9999 then 10999, p1 1999, 3999, 19999; min: 1999 at 20, 3999 at 30, 10999 at 50
        assertThat(pairs(advances(sim, "events[0]"))).containsExactly("20:1999", "30:3999", "50:10999");
        assertThat(sim.view().subtask("events[0]").splits().get(0).watermark()).isEqualTo(10_999);
        assertThat(sim.view().subtask("events[0]").splits().get(1).watermark()).isEqualTo(19_999);
    }

    /** A source of 2 partitions, per-event watermarks, tumbling 1 s windows counting per key. */
    private static Simulation windowJob(PartitionedLog log, WatermarkStrategy strategy) {
        StreamExecutionEnvironment env = StreamExecutionEnvironment.create();
        env.<Row>fromSource(log, strategy, "events")
                .keyBy(new FieldKeySelector("key"))
                .window(TumblingEventTimeWindows.of(Duration.ofSeconds(1)))
                .process(new WindowOut())
                .sinkTo(new CollectingSink("out"));
        return Simulation.of(env, EngineConfig.defaults());
    }

    @Test
    void anEmptyPartitionHoldsTheWatermarkBack() {
        PartitionedLog log = new PartitionedLog("events", 2, false);
        for (int i = 0; i < 20; i++) {
            log.append(0, "k", ev(500 + 100L * i), 500 + 100L * i, 10 + 100L * i);
        }
        Simulation sim = windowJob(log, WatermarkStrategy.forBoundedOutOfOrderness(Duration.ZERO)
                .withEmission(WatermarkStrategy.Emission.PER_EVENT));
        sim.runUntilTime(10_000);
        // partition 1 never produced a watermark: the subtask's minimum stays Long.MIN_VALUE, nothing fires
        assertThat(sim.view().subtask("events[0]").watermark()).isEqualTo(Long.MIN_VALUE);
        assertThat(sim.sink("out").rows()).isEmpty();
    }

    @Test
    void idlenessLetsTheWatermarkAdvanceAndARecordReactivatesTheSplit() {
        PartitionedLog log = new PartitionedLog("events", 2, false);
        // partition 0: a record every 100 ms from t=10 to t=3010, event time = t + 500
        for (long t = 10; t <= 3010; t += 100) {
            log.append(0, "k", ev(t + 500), t + 500, t);
        }
        // partition 1: silent until one record at t=2050 with event time 2000
        log.append(1, "k", ev(2000), 2000, 2050);
        Simulation sim = windowJob(log, WatermarkStrategy.forBoundedOutOfOrderness(Duration.ZERO)
                .withIdleness(Duration.ofSeconds(1)));
        sim.runUntilTime(4000);

        List<String> status = new ArrayList<>();
        for (TraceEvent e : sim.trace()) {
            if (e instanceof TraceEvent.WatermarkStatusChanged s && s.subtask().equals("events[0]")) {
                status.add(s.time() + ":" + s.input() + ":" + (s.idle() ? "idle" : "active"));
            }
        }
        // partition 1: first quiet check at 200, idle at the first tick with now - 200 > 1000, i.e. 1400;
        // active again at the tick after its record (2200); quiet from the check at 2400, idle again at 3600
        assertThat(status).containsExactly("1400:events-1:idle", "2200:events-1:active", "3600:events-1:idle");

        // the subtask's watermark: MIN until 1400, then partition 0's (last event time read - 1) at each tick;
        // from 2200 the re-activated split (1999) holds it at 2409 until it is idle again at 3600
        assertThat(pairs(advances(sim, "events[0]"))).containsExactly(
                "1400:1809", "1600:2009", "1800:2209", "2000:2409", "3600:3509");

        // the window [0, 1000) can fire only once partition 1 is idle
        assertThat(sim.sink("out").rows()).isNotEmpty();
        assertThat(sim.sink("out").rows().get(0).time()).isBetween(1400L, 1410L);
        assertThat(((Row) sim.sink("out").rows().get(0).value()).get("end")).isEqualTo(1000L);
    }

    @Test
    void anIdleSourceSubtaskIsLeftOutDownstream() {
        // two source subtasks; KafkaSourceEnumerator.getSplitOwner for "events" with 2 readers starts at reader 1:
        // partition 0 -> events[1], partition 1 -> events[0]. Partition 1 is silent, so events[0] goes idle.
        PartitionedLog log = new PartitionedLog("events", 2, false);
        for (long t = 10; t <= 3010; t += 100) {
            log.append(0, "k", ev(t + 500), t + 500, t);
        }
        StreamExecutionEnvironment env = StreamExecutionEnvironment.create().setParallelism(2);
        env.<Row>fromSource(log, WatermarkStrategy.forBoundedOutOfOrderness(Duration.ZERO)
                        .withIdleness(Duration.ofSeconds(1)), "events")
                .keyBy(new FieldKeySelector("key"))
                .window(TumblingEventTimeWindows.of(Duration.ofSeconds(1)))
                .process(new WindowOut(), "window").setParallelism(1)
                .sinkTo(new CollectingSink("out")).setParallelism(1);
        Simulation sim = Simulation.of(env, EngineConfig.defaults());
        assertThat(sim.runtime().subtask("events[0]").source().assignedPartitions()).containsExactly(1);
        sim.runUntilTime(1400);
        // events[0]: first quiet check at 200, idle at 1400; the window subtask sees it 1 ms later
        assertThat(sim.view().subtask("window[0]").watermark()).isEqualTo(Long.MIN_VALUE);
        sim.runUntilTime(1401);
        var inputs = sim.view().subtask("window[0]").inputs();
        assertThat(inputs.get(0).channel()).isEqualTo("events[0]->window[0]");
        assertThat(inputs.get(0).idle()).isTrue();
        assertThat(inputs.get(1).idle()).isFalse();
        // the valve's minimum is now events[1]'s watermark: partition 0 read up to t=1310 (event time 1810)
        assertThat(sim.view().subtask("window[0]").watermark()).isEqualTo(1809);
        assertThat(sim.sink("out").rows()).hasSize(1); // [0, 1000) fired
    }
}
