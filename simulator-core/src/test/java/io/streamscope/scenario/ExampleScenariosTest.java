package io.streamscope.scenario;

import static org.assertj.core.api.Assertions.assertThat;

import io.streamscope.connectors.SinkTable;
import io.streamscope.data.Row;
import io.streamscope.sim.Simulation;
import io.streamscope.trace.TraceEvent;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Every example in /examples loads and runs; each also shows what it was written to show. The expected
 * results are worked out by hand from Flink's rules (noted next to each), not copied from a run.
 */
class ExampleScenariosTest {
    /** Surefire runs with the module folder as working directory; the examples sit next to it. */
    static final Path EXAMPLES = Path.of("..", "examples");

    static Stream<Path> examples() throws IOException {
        List<Path> files = new ArrayList<>();
        try (Stream<Path> s = Files.list(EXAMPLES)) {
            s.filter(p -> p.toString().endsWith(".json")).sorted().forEach(files::add);
        }
        assertThat(files).isNotEmpty();
        return files.stream();
    }

    @ParameterizedTest
    @MethodSource("examples")
    void everyExampleLoadsAndRuns(Path file) throws Exception {
        LoadedScenario sc = ScenarioLoader.load(file);
        assertThat(sc.name()).isNotBlank();
        assertThat(sc.description()).isNotBlank();
        Simulation sim = sc.start(null, true);
        sc.run(sim);
        if (sc.runUntil() == null) {
            assertThat(sim.isFinished()).as("a bounded example runs to its end").isTrue();
        } else {
            assertThat(sim.now()).isEqualTo(sc.runUntil());
        }
        assertThat(sim.trace()).isNotEmpty();
    }

    @Test
    void runsAreReproducible() throws Exception {
        for (Path file : examples().toList()) {
            LoadedScenario sc = ScenarioLoader.load(file);
            Simulation a = sc.start(null, true);
            sc.run(a);
            Simulation b = sc.start(null, true);
            sc.run(b);
            assertThat(b.trace()).as(file.toString()).isEqualTo(a.trace());
        }
    }

    private static Simulation run(String name) throws ScenarioException {
        LoadedScenario sc = ScenarioLoader.load(EXAMPLES.resolve(name));
        Simulation sim = sc.start(null, true);
        sc.run(sim);
        return sim;
    }

    private static Row window(String keyField, String key, long start, long end, Object... aggregates) {
        List<Object> pairs = new ArrayList<>(List.of(keyField, key, "start", start, "end", end));
        pairs.addAll(List.of(aggregates));
        return Row.of(pairs.toArray());
    }

    /*
     * Per-event watermarks, out-of-orderness 1s: after a record the watermark is maxTimestamp - 1000 - 1.
     * ts 1000 -> -1; 3000 -> 1999; 7000 -> 5999: [0,5s) fires on time with {1000, 3000}. ts 4000: the window's
     * cleanup time is 4999 + 2000 = 6999 > 5999, so it is added and, its end being behind the watermark, fires
     * again at once (late firing). ts 9000 -> 7999: the cleanup timer 6999 clears [0,5s). ts 2000: every window
     * of it is past cleanup and 2000 + 2000 <= 7999, so it is late: side output. ts 12000 -> 10999: [5s,10s)
     * fires with {7000, 9000}. End of input: [10s,15s) fires with {12000}.
     */
    @Test
    void tumblingLateRecord() throws Exception {
        Simulation sim = run("tumbling-late-record.json");
        assertThat(sim.sink("totals").values()).containsExactly(
                window("user", "alice", 0, 5000, "count", 2L, "total", 3L),
                window("user", "alice", 0, 5000, "count", 3L, "total", 7L),
                window("user", "alice", 5000, 10000, "count", 2L, "total", 8L),
                window("user", "alice", 10000, 15000, "count", 1L, "total", 7L));
        assertThat(sim.sink("late-clicks").values()).containsExactly(
                Row.of("user", "alice", "value", 6L, "timestamp", 2000L));
        assertThat(sim.trace()).filteredOn(e -> e instanceof TraceEvent.WindowFired)
                .extracting(e -> ((TraceEvent.WindowFired) e).firing())
                .containsExactly("on-time", "late", "on-time", "on-time");
    }

    /*
     * One source subtask reads both partitions; its watermark is the minimum over non-idle partitions, emitted
     * on the periodic tick (every 200ms from 200ms), with out-of-orderness 0: maxTimestamp - 1.
     * Partition 1's last record (ts 2500) is read at 1100ms: the tick at 1200 sees the activity, the tick at
     * 1400 starts the quiet period, and the partition is idle at the first tick more than 3000ms later: 4600
     * (4400 - 1400 is not more than 3000). Until then the watermark is min(partition 0, 2499) = 2499, so
     * [0,5s) cannot fire; at 4600 it jumps to partition 0's 5999 and [0,5s) fires for alice {1000, 3000} and
     * bob {1500, 2500}, reaching the window 1ms later over the keyBy channel. Partition 0's ts 11000 (read at
     * 7100) makes the watermark 10999 at the 7200 tick: [5s,10s) fires for alice {6000, 9000} at 7201.
     * Then partition 0 falls quiet as well; [10s,15s) never fires before runUntil (20s).
     */
    @Test
    void idlePartitionHoldsTheWatermarkUntilIdlenessReleasesIt() throws Exception {
        Simulation sim = run("idle-partition.json");
        List<SinkTable.Row> out = sim.sink("out").rows();
        assertThat(out).extracting(SinkTable.Row::value).containsExactlyInAnyOrder(
                window("user", "alice", 0, 5000, "count", 2L),
                window("user", "bob", 0, 5000, "count", 2L),
                window("user", "alice", 5000, 10000, "count", 2L));
        assertThat(out).filteredOn(r -> ((Row) r.value()).getLong("end") == 5000)
                .extracting(SinkTable.Row::time).containsOnly(4601L);
        assertThat(out).filteredOn(r -> ((Row) r.value()).getLong("end") == 10000)
                .extracting(SinkTable.Row::time).containsOnly(7201L);
        assertThat(sim.isFinished()).as("an unbounded source never finishes").isFalse();
        assertThat(sim.now()).isEqualTo(20_000);
    }

    /*
     * A union of the web and app orders into an interval join with payments, between(0, 15min), per-event
     * watermarks (maxTimestamp - 1). o2 (10:02, app, 1s) meets its payment (10:03, 1.5s): emitted at 1.5s, with
     * the larger timestamp 10:03. o1 (10:00, web, 0s) meets its payment (10:10, 3s) in [10:00, 10:15]: emitted at
     * 3s, timestamp 10:10. o3's payment (10:25) is outside [10:05, 10:20]. By 7s both order sources have ended
     * (final watermark MAX on both channels of the union), so the join's watermark is the payments' 10:24:59.999,
     * and o4's payment at 10:18 is late: it goes to late-payments instead of meeting o4 (10:20).
     */
    @Test
    void unionIntervalJoin() throws Exception {
        Simulation sim = run("union-interval-join.json");
        List<SinkTable.Row> paid = sim.sink("paid").rows();
        assertThat(paid).extracting(r -> ((Row) r.value()).get("order_id") + "/" + ((Row) r.value()).get("method")
                + "@" + r.timestamp() + " at " + r.time())
                .containsExactly("o2/card@" + (36_000_000L + 3 * 60_000) + " at 1501",
                        "o1/paypal@" + (36_000_000L + 10 * 60_000) + " at 3001");
        assertThat(sim.sink("late-payments").values()).extracting(v -> ((Row) v).get("order_id"))
                .containsExactly("o4");
        assertThat(sim.trace()).filteredOn(e -> e instanceof TraceEvent.LateRecord)
                .extracting(e -> ((TraceEvent.LateRecord) e).watermark())
                .containsExactly(36_000_000L + 25 * 60_000 - 1);
    }

    private static final long MIN = 60_000;
    private static final long TEN = 10 * 60 * MIN;

    /*
     * E1. Watermark = maxTimestamp - 2min - 1ms; records come 1s apart, so each one's watermark is out (at the
     * next 200ms tick) before the next record. Sliding 5min/1min: a record belongs to the 5 windows starting at
     * the 5 minutes up to its own. Late for the windows: bob 10:00:30 (watermark 10:06:59.999 after alice's
     * 10:09; its latest window ends 10:05) and bob 10:05 (watermark 10:47:59.999). Sessions (gap 30min): bob
     * 10:00:30 merges into his open session [10:02, 10:32) -> [10:00:30, 10:32). Alice's 10:50 moves the
     * watermark to 10:47:59.999, which fires bob's session (timer 10:31:59.999) and then alice's
     * [10:00, 10:39) (timer 10:38:59.999). Bob's 10:05 then has no open session and its own would end at
     * 10:35, behind the watermark: late. The end of input fires alice's [10:50, 11:20).
     */
    @Test
    void sessionsE1() throws Exception {
        Simulation sim = run("sessions-e1.json");
        List<Row> expectedWindows = new ArrayList<>();
        // alice at 10:00 /home, 10:01 /cart, 10:03 /home, 10:09 /search, 10:50 /home
        long[][] alice = {{-4, 1, 1}, {-3, 2, 2}, {-2, 2, 2}, {-1, 3, 2}, {0, 3, 2}, {1, 2, 2}, {2, 1, 1}, {3, 1, 1},
                {5, 1, 1}, {6, 1, 1}, {7, 1, 1}, {8, 1, 1}, {9, 1, 1},
                {46, 1, 1}, {47, 1, 1}, {48, 1, 1}, {49, 1, 1}, {50, 1, 1}};
        for (long[] w : alice) {
            long start = TEN + w[0] * MIN;
            expectedWindows.add(window("user", "alice", start, start + 5 * MIN, "count", w[1], "pages", w[2]));
        }
        // bob's only on-time click, 10:02
        for (long m = -2; m <= 2; m++) {
            long start = TEN + m * MIN;
            expectedWindows.add(window("user", "bob", start, start + 5 * MIN, "count", 1L, "pages", 1L));
        }
        assertThat(sim.sink("activity-out").values()).containsExactlyInAnyOrderElementsOf(expectedWindows);
        assertThat(sim.sink("activity-late").values()).containsExactly(
                Row.of("user", "bob", "page", "/home", "timestamp", TEN + 30_000),
                Row.of("user", "bob", "page", "/cart", "timestamp", TEN + 5 * MIN));
        assertThat(sim.sink("sessions-out").values()).containsExactly(
                Row.of("user", "bob", "start", TEN + 30_000, "end", TEN + 32 * MIN, "count", 2L, "distinct_page", 1L),
                Row.of("user", "alice", "start", TEN, "end", TEN + 39 * MIN, "count", 4L, "distinct_page", 3L),
                Row.of("user", "alice", "start", TEN + 50 * MIN, "end", TEN + 80 * MIN, "count", 1L,
                        "distinct_page", 1L));
        assertThat(sim.sink("sessions-late").values()).containsExactly(
                Row.of("user", "bob", "page", "/cart", "timestamp", TEN + 5 * MIN));
    }

    /*
     * 2 partitions x 100 generated records, one per partition per ms, read by one source subtask; the window
     * (one subtask) costs 5ms per record. Between them there is room for 4 elements in the source's output
     * buffer and 4 credits on the channel, so after a few ms the source must stop: backpressure. The window
     * needs at least 200 x 5ms = 1s of virtual time; without backpressure the source would be done in 100ms,
     * with it the source can be at most ~9 records ahead of the window, so it finishes late too. No record
     * is late: out-of-orderness (50ms) covers the generator's maximum delay (40ms), so the counts add up to
     * all 200 records.
     */
    @Test
    void slowWindowBackpressuresTheSource() throws Exception {
        Simulation sim = run("backpressure.json");
        long counted = 0;
        for (Object v : sim.sink("out").values()) {
            counted += ((Row) v).getLong("count");
        }
        assertThat(counted).isEqualTo(200);
        assertThat(sim.trace()).filteredOn(e -> e instanceof TraceEvent.BackpressureStarted)
                .extracting(TraceEvent::subtask).contains("readings[0]");
        long sourceFinished = sim.trace().stream().filter(e -> e instanceof TraceEvent.SubtaskFinished
                && e.subtask().equals("readings[0]")).findFirst().orElseThrow().time();
        assertThat(sourceFinished).isGreaterThan(900);
        assertThat(sim.now()).isGreaterThanOrEqualTo(1000);
    }
}
