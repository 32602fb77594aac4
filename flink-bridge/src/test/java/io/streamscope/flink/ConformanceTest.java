package io.streamscope.flink;

import static io.streamscope.flink.Sc.obj;
import static io.streamscope.flink.Sc.rec;
import static io.streamscope.flink.Sc.scenario;
import static io.streamscope.flink.Sc.session;
import static io.streamscope.flink.Sc.sideSink;
import static io.streamscope.flink.Sc.sink;
import static io.streamscope.flink.Sc.sliding;
import static io.streamscope.flink.Sc.source;
import static io.streamscope.flink.Sc.times;
import static io.streamscope.flink.Sc.topic;
import static io.streamscope.flink.Sc.tumbling;
import static io.streamscope.flink.Sc.window;
import static org.assertj.core.api.Assertions.assertThat;

import io.streamscope.data.Row;
import io.streamscope.scenario.LoadedScenario;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * Hand-written edge cases of event-time windows, each run on both engines: the engines must agree exactly, and
 * Flink's output is also checked against what the case is about (so a case cannot pass by testing nothing).
 * Watermarks are emitted per event throughout, the only mode in which Flink's output does not depend on its
 * wall clock.
 */
class ConformanceTest {

    /** Both engines' results and their diff. */
    record Both(EngineRun ours, Map<String, List<SinkRecord>> flink, DiffReport diff) {
        /** Flink's records of a sink in a compact form: window rows as [start,end)#count@ts, others as v=value@ts. */
        List<String> flink(String sink) {
            return brief(flink.get(sink));
        }

        List<String> ours(String sink) {
            return brief(ours.sinks().get(sink));
        }
    }

    static Both both(Map<String, Object> tree) {
        LoadedScenario s = Sc.load(tree);
        EngineRun ours = EngineRun.of(s);
        Map<String, List<SinkRecord>> flink = FlinkRunner.embedded().run(List.of(ours), s.name()).get(0);
        DiffReport d = Differ.compare(ours, flink);
        return new Both(ours, flink, d);
    }

    static Both agreeing(Map<String, Object> tree) {
        Both b = both(tree);
        assertThat(b.diff().agrees()).as(b.diff().render() + "\n" + Sc.json(tree)).isTrue();
        return b;
    }

    static List<String> brief(List<SinkRecord> records) {
        List<String> out = new ArrayList<>();
        for (SinkRecord r : records) {
            Row row = (Row) r.value();
            if (row.has("start") && row.has("count")) {
                out.add("[" + row.get("start") + "," + row.get("end") + ")#" + row.get("count") + "@" + r.timestamp());
            } else {
                out.add("v=" + row.get("value") + "@" + r.timestamp());
            }
        }
        return out;
    }

    private static List<Map<String, Object>> windowJob(Map<String, Object> assigner, long ooo, long lateness) {
        return List.of(source("in", "t", ooo), window("w", "in", assigner, lateness, "late"),
                sink("out", "w"), sideSink("late", "w", "late"));
    }

    @Test
    void tumblingFiresWhenTheWatermarkReachesEndMinusOne() {
        // ooo 0: the record at 4999 brings the watermark to 4998 (no firing), the one at 5000 to 4999 (fires)
        Both b = agreeing(scenario("fire at end - 1", List.of(topic("t", 1, times(1000, 4999, 5000, 4999))),
                windowJob(tumbling(5000), 0, 0)));
        assertThat(b.flink("out")).containsExactly("[0,5000)#2@4999", "[5000,10000)#1@9999");
        // with no allowed lateness, a record at 4999 is late once the watermark is 4999
        assertThat(b.flink("late")).containsExactly("v=4@4999");
    }

    @Test
    void lateWhenMaxTimestampPlusLatenessEqualsTheWatermark() {
        // lateness 2s: window [0,5000) is kept until watermark 6999; at 6998 a record re-fires it, at 6999 it is late
        Both b = agreeing(scenario("lateness equality", List.of(topic("t", 1, times(1000, 6999, 2000, 7000, 3000))),
                windowJob(tumbling(5000), 0, 2000)));
        assertThat(b.flink("out")).containsExactly("[0,5000)#1@4999", "[0,5000)#2@4999", "[5000,10000)#2@9999");
        assertThat(b.flink("late")).containsExactly("v=5@3000");
    }

    @Test
    void everyLateRecordWithinLatenessReFiresWithTheFullContents() {
        Both b = agreeing(scenario("re-firing", List.of(topic("t", 1, times(1000, 9000, 2000, 3000, 4000, 13000,
                4500))), windowJob(tumbling(5000), 1000, 5000)));
        // 9000 moves the watermark to 7999: [0,5000) fires with 1000, then each of 2000, 3000, 4000 re-fires it
        assertThat(b.flink("out")).containsExactly("[0,5000)#1@4999", "[0,5000)#2@4999", "[0,5000)#3@4999",
                "[0,5000)#4@4999", "[5000,10000)#1@9999", "[10000,15000)#1@14999");
        // 13000 brings the watermark to 11999 >= 4999 + 5000: 4500 is too late
        assertThat(b.flink("late")).containsExactly("v=7@4500");
    }

    @Test
    void slidingRecordLateForSomeWindowsOnlyGoesToTheLiveOnes() {
        // size 6s slide 2s, lateness 1s: at watermark 7999 the windows ending at 2000..6000 are gone, and a record at
        // 5000 still belongs to the live windows [2000,8000) and [4000,10000)
        Both b = agreeing(scenario("sliding partial lateness", List.of(topic("t", 1, times(1000, 5500, 8000, 5000,
                10500, 1500))), windowJob(sliding(6000, 2000), 0, 1000)));
        assertThat(b.flink("late")).containsExactly("v=6@1500");
        assertThat(b.flink("out")).containsSubsequence("[0,6000)#2@5999", "[2000,8000)#1@7999", "[2000,8000)#2@7999",
                "[4000,10000)#3@9999");
    }

    @Test
    void slidingWindowsWithOffsetAndTumblingWithNegativeOffset() {
        Map<String, Object> slidingOffset = obj("kind", "sliding", "size", 3000, "slide", 1000, "offset", 250);
        Map<String, Object> tumblingOffset = obj("kind", "tumbling", "size", 2000, "offset", -500);
        List<Map<String, Object>> records = times(100, 900, 1300, 2600, 2400, 3900, 5000, 4100, 7777);
        agreeing(scenario("sliding offset", List.of(topic("t", 1, records)), windowJob(slidingOffset, 300, 500)));
        Both b = agreeing(scenario("tumbling offset", List.of(topic("t", 1, records)),
                windowJob(tumblingOffset, 300, 500)));
        assertThat(b.flink("out")).startsWith("[-500,1500)#3@1499");
    }

    @Test
    void aLateRecordMergesFiredSessionsAndReFiresThem() {
        // gap 3s, lateness 10s. [1000,4000) and [6000,9000) have fired by watermark 11999; a record at 3500 bridges
        // them into [1000,9000), not late (8999 + 10000 > 11999), so the merged session fires at once with 3 records;
        // a record at 100 merges into it too, although its own session [100,3100) would be late. A record at 20000
        // moves the watermark to 19999 >= 8999 + 10000: then a record at 500 is late.
        Both b = agreeing(scenario("session merging with late records", List.of(topic("t", 1,
                times(1000, 6000, 12000, 3500, 100, 20000, 500))), windowJob(session(3000), 0, 10_000)));
        assertThat(b.flink("out")).containsExactly("[1000,4000)#1@3999", "[6000,9000)#1@8999",
                "[1000,9000)#3@8999", "[100,9000)#4@8999", "[12000,15000)#1@14999", "[20000,23000)#1@22999");
        assertThat(b.flink("late")).containsExactly("v=7@500");
    }

    @Test
    void aLateSessionRecordThatMergesWithNothingIsDropped() {
        Both b = agreeing(scenario("late lone session", List.of(topic("t", 1, times(10000, 20000, 1000))),
                windowJob(session(2000), 0, 0)));
        assertThat(b.flink("late")).containsExactly("v=3@1000");
    }

    @Test
    void theFinalWatermarkFiresEveryRemainingWindow() {
        // out-of-orderness larger than the data: no watermark ever fires a window before the end of input
        List<Map<String, Object>> ops = new ArrayList<>(List.of(source("in", "t", 100_000),
                window("tum", "in", tumbling(1000), 60_000, null), window("sli", "in", sliding(2000, 500), 0, null),
                window("ses", "in", session(700), 0, null), sink("tum-out", "tum"), sink("sli-out", "sli"),
                sink("ses-out", "ses")));
        Both b = agreeing(scenario("end of input", List.of(topic("t", 1, times(100, 2500, 900, 5100, 4800))), ops));
        assertThat(b.flink("tum-out")).containsExactly("[0,1000)#2@999", "[2000,3000)#1@2999", "[4000,5000)#1@4999",
                "[5000,6000)#1@5999");
        assertThat(b.flink("ses-out")).containsExactly("[100,800)#1@799", "[900,1600)#1@1599",
                "[2500,3200)#1@3199", "[4800,5800)#2@5799");
    }

    @Test
    void theWatermarkOfOneSourceSubtaskIsTheMinimumOverItsPartitions() {
        // one source subtask reads both partitions; partition 1 lags, so it holds the watermark back: the record at
        // 2000 from partition 1 is not late although partition 0 is at 9000, and [0,5000) fires only when
        // partition 1 passes 4999
        List<Map<String, Object>> records = List.of(rec(0, 0, 1000, "u", 1), rec(1, 0, 1500, "u", 2),
                rec(0, 10, 9000, "u", 3), rec(1, 20, 2000, "u", 4), rec(0, 30, 9500, "u", 5),
                rec(1, 40, 6000, "u", 6), rec(1, 50, 3000, "u", 7), rec(0, 60, 12000, "u", 8),
                rec(1, 70, 13000, "u", 9));
        Map<String, Object> tree = scenario("per-split minimum", List.of(topic("t", 2, records)),
                windowJob(tumbling(5000), 0, 0));
        tree.put("parallelism", 1);
        Both b = agreeing(tree);
        assertThat(b.flink("out")).startsWith("[0,5000)#3@4999");
        assertThat(b.flink("late")).containsExactly("v=7@3000");
    }

    @Test
    void theWatermarkOfAWindowSubtaskIsTheMinimumOverItsInputs() {
        // two source subtasks, one partition each, and three window subtasks each reading both. Disorder stays
        // within the out-of-orderness, so no record is ever late and the result does not depend on how Flink
        // interleaves the two inputs; windows fire only once the slower input has passed them.
        List<Map<String, Object>> records = new ArrayList<>();
        String[] users = {"a", "b", "c", "d", "e"};
        for (int i = 0; i < 40; i++) {
            records.add(rec(0, i, 1000L * i + (i % 3) * 300, users[i % 5], i));
            records.add(rec(1, i, 400L * i + (i % 2) * 200, users[(i + 2) % 5], 100 + i));
        }
        List<Map<String, Object>> ops = List.of(obj("id", "in", "type", "source", "topic", "t", "parallelism", 2,
                        "watermarks", obj("outOfOrderness", 1000, "emit", "per-event")),
                obj("id", "w", "type", "window", "input", "in", "keyBy", "user", "parallelism", 3,
                        "window", tumbling(3000), "allowedLateness", 500, "lateOutput", "late",
                        "aggregates", List.of("count", "sum(value) as total", "distinctCount(value) as d")),
                obj("id", "s", "type", "window", "input", "in", "keyBy", "user", "parallelism", 2,
                        "window", session(700), "aggregates", List.of("count")),
                sink("out", "w"), sideSink("late", "w", "late"), sink("sessions", "s"));
        Both b = agreeing(scenario("min over inputs", List.of(topic("t", 2, records)), ops));
        assertThat(b.flink("out")).isNotEmpty();
        assertThat(b.flink("late")).isEmpty();
    }

    @Test
    void sessionizeFunctionWithDistinctAndLateOutput() {
        List<Map<String, Object>> records = List.of(rec(0, 1000, "alice", 1), rec(10, 2000, "alice", 2),
                rec(20, 1500, "bob", 1), rec(30, 9000, "alice", 1), rec(40, 2500, "alice", 3),
                rec(50, 20000, "bob", 2), rec(60, 1200, "bob", 5), rec(70, 4000, "alice", 4));
        // out-of-orderness 5s: alice's 2500 still merges into [1000,5000); once bob's 20000 moves the watermark to
        // 14999 every open session fires, and later records that touch no open session are late
        List<Map<String, Object>> ops = List.of(source("in", "t", 5000),
                obj("id", "sess", "type", "sessionize", "input", "in", "keyBy", "user", "gap", 3000,
                        "distinct", "value", "lateOutput", "late"),
                sink("out", "sess"), sideSink("late", "sess", "late"));
        Both b = agreeing(scenario("sessionize", List.of(topic("t", 1, records)), ops));
        assertThat(b.flink("late")).containsExactly("v=5@1200", "v=4@4000");
        // alice's and bob's sessions fire on the same watermark: across keys the order is the timer queue's
        assertThat(b.flink("out")).containsExactlyInAnyOrder("[1000,5500)#3@5499", "[9000,12000)#1@11999",
                "[1500,4500)#1@4499", "[20000,23000)#1@22999");
        assertThat(b.flink.get("out")).extracting(r -> ((Row) r.value()).get("distinct_value")).contains(3L);
    }

    @Test
    void filterMapAndTimestampsBeforeTheWindow() {
        List<Map<String, Object>> records = new ArrayList<>();
        for (int i = 0; i < 30; i++) {
            // the record timestamp is meaningless; the event time is in the field "et"
            records.add(obj("at", i, "timestamp", 0, "value", obj("user", i % 3 == 0 ? "x" : "y", "value", i,
                    "et", 500L * i - (i % 4) * 1500)));
        }
        List<Map<String, Object>> ops = List.of(
                obj("id", "in", "type", "source", "topic", "t", "watermarks", "none"),
                obj("id", "big", "type", "filter", "input", "in", "field", "value", "op", ">=", "value", 3),
                obj("id", "shape", "type", "map", "input", "big", "select", List.of("user", "value", "et"),
                        "set", obj("region", "eu", "value2", 1.5)),
                obj("id", "ts", "type", "timestamps", "input", "shape",
                        "watermarks", obj("outOfOrderness", 1000, "timestampField", "et", "emit", "per-event")),
                obj("id", "w", "type", "window", "input", "ts", "keyBy", "user", "window", tumbling(2000),
                        "lateOutput", "late", "aggregates", List.of("count", "sum(value2) as halves",
                                "max(et) as last")),
                sink("out", "w"), sideSink("late", "w", "late"), sink("raw", "shape"));
        Both b = agreeing(scenario("filter, map, timestamps", List.of(topic("t", 1, records)), ops));
        // the sum of doubles stays a Double on both engines
        assertThat(b.flink.get("out")).allSatisfy(r -> assertThat(((Row) r.value()).get("halves"))
                .isInstanceOf(Double.class));
        assertThat(b.flink("late")).isNotEmpty();
    }

    @Test
    void generatedTopicWithParallelWindows() {
        Map<String, Object> generator = obj("count", 300, "interval", "2ms", "keys", List.of("a", "b", "c", "d"),
                "keyField", "user", "startTimestamp", 1000, "step", "10ms", "maxDelay", "400ms",
                "value", obj("min", 1, "max", 9));
        Map<String, Object> tree = scenario("generated", List.of(obj("name", "t", "partitions", 1,
                        "generator", generator)),
                List.of(source("in", "t", 20), obj("id", "w", "type", "window", "input", "in", "keyBy", "user",
                                "parallelism", 4, "window", sliding(200, 50), "allowedLateness", 15,
                                "lateOutput", "late", "aggregates", List.of("count", "sum(value) as total",
                                        "distinctCount(value) as d")),
                        sink("out", "w"), sideSink("late", "w", "late")));
        Both b = agreeing(tree);
        assertThat(b.flink("late")).isNotEmpty();
        assertThat(b.flink("out")).hasSizeGreaterThan(50);
    }
}
