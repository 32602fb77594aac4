package io.streamscope.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The window calculator against outputs derived by hand from Flink's rules: watermark = max_ts - ooo - 1 after
 * every record; a window fires when the watermark reaches end - 1; a record is late only when every window it
 * belongs to has maxTimestamp + allowedLateness <= watermark (equality is late); a record within the allowed
 * lateness re-fires its window at once; sessions merge windows [t, t + gap) that intersect or touch; the end of
 * the input fires everything.
 */
class WindowsCommandTest {
    @TempDir
    Path dir;

    private List<String> windows(List<String> rows, String... options) {
        List<String> lines = new ArrayList<>();
        lines.add("key,timestamp,value");
        lines.addAll(rows);
        Path csv = Cli.write(dir, "events.csv", lines.toArray(new String[0]));
        List<String> args = new ArrayList<>(List.of("windows", "--events", csv.toString()));
        args.addAll(List.of(options));
        Cli.Result r = Cli.run(args.toArray(new String[0]));
        assertThat(r.err()).isEmpty();
        assertThat(r.code()).isZero();
        return r.outLines();
    }

    private static String window(String key, long start, long end, long count, String sum, String firing) {
        return "{\"type\":\"window\",\"key\":\"" + key + "\",\"start\":" + start + ",\"end\":" + end + ",\"count\":"
                + count + ",\"sum\":" + sum + ",\"firing\":\"" + firing + "\"}";
    }

    private static String late(String key, long ts, String value) {
        return "{\"type\":\"late\",\"key\":\"" + key + "\",\"timestamp\":" + ts + ",\"value\":" + value + "}";
    }

    @Test
    void tumblingRecordAfterItsWindowFiredIsLate() {
        // a@6000 moves the watermark to 5999 >= 4999: [0,5000) fires with 1000 and 2000 and is cleaned up at
        // once (no lateness); a@4000 then belongs only to a cleaned-up window: late output
        assertThat(windows(List.of("a,1000,1", "a,2000,2", "a,6000,3", "a,4000,4"), "--window", "tumbling:5s"))
                .containsExactly(
                        window("a", 0, 5000, 2, "3", "on-time"),
                        late("a", 4000, "4"),
                        window("a", 5000, 10000, 1, "3", "on-time"));
    }

    @Test
    void tumblingRecordWithinAllowedLatenessRefiresTheWindow() {
        // cleanup of [0,5000) is at 4999 + 2000 = 6999 > 5999: a@4000 joins the window, which fires again at
        // once with all three records
        assertThat(windows(List.of("a,1000,1", "a,2000,2", "a,6000,3", "a,4000,4"), "--window", "tumbling:5s",
                "--allowed-lateness", "2s"))
                .containsExactly(
                        window("a", 0, 5000, 2, "3", "on-time"),
                        window("a", 0, 5000, 3, "7", "late"),
                        window("a", 5000, 10000, 1, "3", "on-time"));
    }

    @Test
    void watermarkEqualToMaxTimestampPlusLatenessMakesTheRecordLate() {
        // lateness 1s: [0,5000) lives until watermark 4999 + 1000 = 5999; a@6000 gives exactly 5999
        assertThat(windows(List.of("a,1000,1", "a,6000,10", "a,4500,100"), "--window", "tumbling:5s",
                "--allowed-lateness", "1s"))
                .containsExactly(
                        window("a", 0, 5000, 1, "1", "on-time"),
                        late("a", 4500, "100"),
                        window("a", 5000, 10000, 1, "10", "on-time"));
    }

    @Test
    void watermarkOneBelowTheLimitStillAcceptsTheRecord() {
        // a@5999 gives watermark 5998 < 5999: the window is still kept and re-fires with a@4500
        assertThat(windows(List.of("a,1000,1", "a,5999,10", "a,4500,100"), "--window", "tumbling:5s",
                "--allowed-lateness", "1s"))
                .containsExactly(
                        window("a", 0, 5000, 1, "1", "on-time"),
                        window("a", 0, 5000, 2, "101", "late"),
                        window("a", 5000, 10000, 1, "10", "on-time"));
    }

    @Test
    void outOfOrdernessDelaysTheWatermark() {
        // ooo 1s: a@5500 gives watermark 4499, so [0,5000) is still open for a@4000; a@7000 gives 5999
        assertThat(windows(List.of("a,1000,1", "a,5500,2", "a,4000,3", "a,7000,4"), "--window", "tumbling:5s",
                "--out-of-orderness", "1s"))
                .containsExactly(
                        window("a", 0, 5000, 2, "4", "on-time"),
                        window("a", 5000, 10000, 2, "6", "on-time"));
    }

    @Test
    void slidingWindowsStartBeforeZeroAndOverlap() {
        // each record is in two windows of 10s every 5s; 1000 is in [-5000,5000) and [0,10000)
        assertThat(windows(List.of("a,1000,1", "a,6000,2", "a,12000,3"), "--window", "sliding:10s/5s"))
                .containsExactly(
                        window("a", -5000, 5000, 1, "1", "on-time"),
                        window("a", 0, 10000, 2, "3", "on-time"),
                        window("a", 5000, 15000, 2, "5", "on-time"),
                        window("a", 10000, 20000, 1, "3", "on-time"));
    }

    @Test
    void slidingRecordIsLateOnlyWhenAllItsWindowsAre() {
        // watermark 10999 after a@11000 fires [-5000,5000) and [0,10000). a@7000 belongs to [0,10000) (gone)
        // and [5000,15000) (open): it is silently counted in the open one. a@3000 belongs to [-5000,5000) and
        // [0,10000), both gone: late output
        assertThat(windows(List.of("a,1000,1", "a,11000,2", "a,7000,4", "a,3000,8"), "--window", "sliding:10s/5s"))
                .containsExactly(
                        window("a", -5000, 5000, 1, "1", "on-time"),
                        window("a", 0, 10000, 1, "1", "on-time"),
                        late("a", 3000, "8"),
                        window("a", 5000, 15000, 2, "6", "on-time"),
                        window("a", 10000, 20000, 1, "2", "on-time"));
    }

    @Test
    void sessionsMergeWhenWindowsTouchAndFireInTimestampOrder() {
        // a: [1000,4000) + [3000,6000) -> [1000,6000); b: [2000,5000). Watermark 8999 fires b (timer 4999)
        // before a (5999). a@6000's [6000,9000) touches a@9000's [9000,12000): one session [6000,12000)
        assertThat(windows(List.of("a,1000,1", "b,2000,16", "a,3000,2", "a,9000,4", "a,6000,8"),
                "--window", "session:3s"))
                .containsExactly(
                        window("b", 2000, 5000, 1, "16", "on-time"),
                        window("a", 1000, 6000, 2, "3", "on-time"),
                        window("a", 6000, 12000, 2, "12", "on-time"));
    }

    @Test
    void sessionRecordForAClosedSessionIsLate() {
        // watermark 9999 fired and cleaned [1000,4000); a@2000's own window [2000,5000) merges with nothing
        // open and ends before the watermark: late
        assertThat(windows(List.of("a,1000,1", "a,10000,2", "a,2000,4"), "--window", "session:3s"))
                .containsExactly(
                        window("a", 1000, 4000, 1, "1", "on-time"),
                        late("a", 2000, "4"),
                        window("a", 10000, 13000, 1, "2", "on-time"));
    }

    @Test
    void lateSessionRecordBridgingTwoSessionsMergesThemIntoAnOpenWindow() {
        // lateness 5s keeps the fired [1000,4000) until watermark 8999. a@3500's [3500,6500) intersects it and
        // touches [6500,9500): all merge into [1000,9500), whose end is not reached yet, so nothing re-fires
        // until the end of the input
        assertThat(windows(List.of("a,1000,1", "a,6500,2", "a,3500,4"), "--window", "session:3s",
                "--allowed-lateness", "5s"))
                .containsExactly(
                        window("a", 1000, 4000, 1, "1", "on-time"),
                        window("a", 1000, 9500, 3, "7", "on-time"));
    }

    private static final List<String> MANY_KEYS = List.of("a,1000,1", "b,1500,2", "c,2500,3", "a,5200,4", "d,5100,5",
            "b,4000,6", "c,12000,7");

    @Test
    void severalKeysFireInRegistrationOrderForTheSameTimestamp() {
        // watermark 5199 fires [0,5000) for a, b, c (timers at 4999 in the order they were registered);
        // b@4000 comes after it: late. Watermark 11999 fires [5000,10000) for a and d
        assertThat(windows(MANY_KEYS, "--window", "tumbling:5s"))
                .containsExactly(
                        window("a", 0, 5000, 1, "1", "on-time"),
                        window("b", 0, 5000, 1, "2", "on-time"),
                        window("c", 0, 5000, 1, "3", "on-time"),
                        late("b", 4000, "6"),
                        window("a", 5000, 10000, 1, "4", "on-time"),
                        window("d", 5000, 10000, 1, "5", "on-time"),
                        window("c", 10000, 15000, 1, "7", "on-time"));
    }

    @Test
    void parallelismTwoGivesTheSameResultsPerKey() {
        List<String> one = windows(MANY_KEYS, "--window", "tumbling:5s");
        List<String> two = windows(MANY_KEYS, "--window", "tumbling:5s", "--parallelism", "2");
        assertThat(byKey(two)).isEqualTo(byKey(one));
        assertThat(two).containsExactlyInAnyOrderElementsOf(one);
        List<String> slidingOne = windows(MANY_KEYS, "--window", "sliding:10s/5s", "--allowed-lateness", "1s");
        List<String> slidingFour = windows(MANY_KEYS, "--window", "sliding:10s/5s", "--allowed-lateness", "1s",
                "--parallelism", "4");
        assertThat(byKey(slidingFour)).isEqualTo(byKey(slidingOne));
    }

    /** The lines of each key in output order; across keys the order may differ between subtasks. */
    private static Map<String, List<String>> byKey(List<String> lines) {
        Map<String, List<String>> m = new LinkedHashMap<>();
        for (String l : lines) {
            String key = l.replaceAll(".*\"key\":\"([^\"]*)\".*", "$1");
            m.computeIfAbsent(key, k -> new ArrayList<>()).add(l);
        }
        Map<String, List<String>> sorted = new LinkedHashMap<>();
        m.keySet().stream().sorted(Comparator.naturalOrder()).forEach(k -> sorted.put(k, m.get(k)));
        return sorted;
    }

    @Test
    void integersStayIntegersAndDecimalsStayDecimals() {
        assertThat(windows(List.of("a,1000,1.5", "a,2000,2", "b,1000,0.5", "b,1200,0.5", "c,3000,7", "c,3500,-2",
                "a,9000,0", "a,1000,2.25"), "--window", "tumbling:5s"))
                .containsExactly(
                        window("a", 0, 5000, 2, "3.5", "on-time"),
                        window("b", 0, 5000, 2, "1.0", "on-time"),
                        window("c", 0, 5000, 2, "5", "on-time"),
                        late("a", 1000, "2.25"),
                        window("a", 5000, 10000, 1, "0", "on-time"));
    }

    @Test
    void quotedKeysMayHoldCommasAndQuotes() {
        assertThat(windows(List.of("\"x,y\",1000,1", "\"say \"\"hi\"\"\",1000,2"), "--window", "tumbling:1s"))
                .containsExactly(
                        "{\"type\":\"window\",\"key\":\"x,y\",\"start\":1000,\"end\":2000,\"count\":1,\"sum\":1,"
                                + "\"firing\":\"on-time\"}",
                        "{\"type\":\"window\",\"key\":\"say \\\"hi\\\"\",\"start\":1000,\"end\":2000,\"count\":1,"
                                + "\"sum\":2,\"firing\":\"on-time\"}");
    }

    @Test
    void helpIsPrintedOnStdout() {
        Cli.Result r = Cli.run("windows", "--help");
        assertThat(r.code()).isZero();
        assertThat(r.out()).contains("usage: streamscope windows").contains("--allowed-lateness");
        assertThat(r.err()).isEmpty();
    }
}
