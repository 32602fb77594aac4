package io.streamscope.flink.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code streamscope windows --engine flink} (the launcher starts FlinkMain with the command word): Flink's answer
 * for hand-derived CSV cases equals the engine's per key, line for line, and both equal what Flink's rules give
 * by hand; mistakes are reported exactly as the app's command line reports them.
 */
class WindowsOnFlinkTest {
    @TempDir
    Path dir;

    private record Result(int code, String out, String err) {
        List<String> lines() {
            return out.isEmpty() ? List.of() : Arrays.asList(out.split("\n"));
        }
    }

    private static Result cli(List<String> args) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        int code = FlinkMain.run(args.toArray(new String[0]), new PrintStream(out, true, StandardCharsets.UTF_8),
                new PrintStream(err, true, StandardCharsets.UTF_8));
        return new Result(code, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
    }

    private Path csv(String... rows) throws Exception {
        Path f = dir.resolve("events.csv");
        Files.writeString(f, "key,timestamp,value\n" + String.join("\n", rows) + "\n");
        return f;
    }

    private static Result windows(Path csv, String engine, String... options) {
        List<String> args = new ArrayList<>(List.of("windows", "--events", csv.toString()));
        args.addAll(List.of(options));
        args.addAll(List.of("--engine", engine));
        return cli(args);
    }

    /** Runs on both engines; checks that both succeed and agree per key; returns Flink's lines. */
    private List<String> bothAgree(Path csv, String... options) {
        Result sim = windows(csv, "sim", options);
        Result flink = windows(csv, "flink", options);
        assertThat(sim.code()).as(sim.err()).isZero();
        assertThat(flink.code()).as(flink.err()).isZero();
        assertThat(flink.err()).isEmpty();
        assertThat(byKey(flink.lines())).isEqualTo(byKey(sim.lines()));
        assertThat(flink.lines()).containsExactlyInAnyOrderElementsOf(sim.lines());
        return flink.lines();
    }

    /** Each key's lines in output order: the order both engines fix (across keys it is the timer queue's). */
    private static Map<String, List<String>> byKey(List<String> lines) {
        Map<String, List<String>> m = new TreeMap<>();
        for (String l : lines) {
            m.computeIfAbsent(l.replaceAll(".*\"key\":\"([^\"]*)\".*", "$1"), k -> new ArrayList<>()).add(l);
        }
        return m;
    }

    private static String window(String key, long start, long end, long count, String sum, String firing) {
        return "{\"type\":\"window\",\"key\":\"" + key + "\",\"start\":" + start + ",\"end\":" + end + ",\"count\":"
                + count + ",\"sum\":" + sum + ",\"firing\":\"" + firing + "\"}";
    }

    private static String late(String key, long ts, String value) {
        return "{\"type\":\"late\",\"key\":\"" + key + "\",\"timestamp\":" + ts + ",\"value\":" + value + "}";
    }

    @Test
    void tumblingWithALateFiringAFirstFiringByARecordAndALateRecord() throws Exception {
        // lateness 2s. a@6000 -> watermark 5999 fires [0,5000) of a (1000, 2000) and b (2500); their state lives
        // until 4999 + 2000 = 6999. a@4000 joins a's fired window: a late firing with all three records.
        // c@1000 opens c's [0,5000), whose end the watermark has passed: it fires at once, a late firing too.
        // a@9500 -> 9499 cleans the [0,5000) windows up (no output); a@3000 then finds only a cleaned-up window:
        // late output. b@12000 -> 11999 fires a's [5000,10000); the end of the input fires b's [10000,15000).
        Path csv = csv("a,1000,1", "a,2000,2", "b,2500,10", "a,6000,3", "a,4000,4", "c,1000,7", "a,9500,5",
                "a,3000,6", "b,12000,1.5");
        List<String> flink = bothAgree(csv, "--window", "tumbling:5s", "--allowed-lateness", "2s");
        assertThat(byKey(flink)).isEqualTo(byKey(List.of(
                window("a", 0, 5000, 2, "3", "on-time"),
                window("b", 0, 5000, 1, "10", "on-time"),
                window("a", 0, 5000, 3, "7", "late"),
                window("c", 0, 5000, 1, "7", "late"),
                late("a", 3000, "6"),
                window("a", 5000, 10000, 2, "8", "on-time"),
                window("b", 10000, 15000, 1, "1.5", "on-time"))));
    }

    @Test
    void slidingRecordIsLateOnlyWhenAllItsWindowsAre() throws Exception {
        // a@11000 -> 10999 fires a's [-5000,5000) and [0,10000) and b's two windows holding 2000. a@7000 is in
        // [0,10000) (gone) and [5000,15000) (open): counted there, no late line. a@3000's windows are both gone:
        // late output. b@16000 -> 15999 fires a's [5000,15000) (11000, 7000); the end fires the rest.
        Path csv = csv("a,1000,1", "b,2000,2", "a,11000,2", "a,7000,4", "a,3000,8", "b,16000,1");
        List<String> flink = bothAgree(csv, "--window", "sliding:10s/5s");
        assertThat(byKey(flink)).isEqualTo(byKey(List.of(
                window("a", -5000, 5000, 1, "1", "on-time"),
                window("b", -5000, 5000, 1, "2", "on-time"),
                window("a", 0, 10000, 1, "1", "on-time"),
                window("b", 0, 10000, 1, "2", "on-time"),
                late("a", 3000, "8"),
                window("a", 5000, 15000, 2, "6", "on-time"),
                window("a", 10000, 20000, 1, "2", "on-time"),
                window("b", 10000, 20000, 1, "1", "on-time"),
                window("b", 15000, 25000, 1, "1", "on-time"))));
    }

    @Test
    void sessionsMergeAndALateRecordBridgingTwoFiredSessionsRefiresTheMergedOne() throws Exception {
        // gap 3s, lateness 20s. a@5000 -> 4999 fires a's [1000,4000) and b's [2000,5000); a@20000 -> 19999 fires
        // a's [5000,8000). a@3500's [3500,6500) bridges a's two fired sessions (kept until 3999 + 20000 and
        // 7999 + 20000): they merge into [1000,8000), past the watermark, which fires at once, late. b@21000's
        // [21000,24000) touches nothing; b@24000 touches it: one session [21000,27000) at the end, with a's
        // [20000,23000).
        Path csv = csv("a,1000,1", "b,2000,16", "a,5000,2", "a,20000,4", "a,3500,8", "b,21000,1", "b,24000,2");
        List<String> flink = bothAgree(csv, "--window", "session:3s", "--allowed-lateness", "20s");
        assertThat(byKey(flink)).isEqualTo(byKey(List.of(
                window("a", 1000, 4000, 1, "1", "on-time"),
                window("b", 2000, 5000, 1, "16", "on-time"),
                window("a", 5000, 8000, 1, "2", "on-time"),
                window("a", 1000, 8000, 3, "11", "late"),
                window("a", 20000, 23000, 1, "4", "on-time"),
                window("b", 21000, 27000, 2, "3", "on-time"))));
    }

    @Test
    void parallelWindowSubtasksGiveEveryKeyTheSameLines() throws Exception {
        Path csv = csv("a,1000,1", "b,1500,2", "c,2500,3", "a,5200,4", "d,5100,5", "b,4000,6", "c,12000,7",
                "e,3000,1", "f,14000,2", "a,9000,3");
        List<String> flink = bothAgree(csv, "--window", "tumbling:5s", "--allowed-lateness", "1s",
                "--parallelism", "3");
        assertThat(flink).contains(window("b", 0, 5000, 2, "8", "late"), late("e", 3000, "1"));
    }

    @Test
    void withParallelismOneFlinksOrderIsTheOrderItEmittedIn() throws Exception {
        // one key: the whole output is fixed, records' effects before the watermark's within one step
        Path csv = csv("a,1000,1", "a,6000,2", "a,4000,4", "a,2000,8", "a,12000,16");
        assertThat(windows(csv, "flink", "--window", "tumbling:5s", "--allowed-lateness", "2s").lines())
                .containsExactly(
                        window("a", 0, 5000, 1, "1", "on-time"),
                        window("a", 0, 5000, 2, "5", "late"),
                        window("a", 0, 5000, 3, "13", "late"),
                        window("a", 5000, 10000, 1, "2", "on-time"),
                        window("a", 10000, 15000, 1, "16", "on-time"));
    }

    /** Exit code 2, nothing on stdout, and exactly the app's message (WindowsInputErrorTest pins the same). */
    private void failsAlike(String stderr, List<String> args) {
        for (String engine : List.of("flink", "sim")) {
            List<String> withEngine = new ArrayList<>(args);
            withEngine.addAll(List.of("--engine", engine));
            Result r = cli(withEngine);
            assertThat(r.code()).as(engine).isEqualTo(2);
            assertThat(r.out()).as(engine).isEmpty();
            assertThat(r.err()).as(engine).isEqualTo(stderr);
        }
    }

    @Test
    void mistakesAreReportedAsTheAppReportsThem() throws Exception {
        String file = dir.resolve("events.csv").toString();
        csv("a,1000,1", "a,10.5,2");
        failsAlike("error: " + file + ":3: the timestamp '10.5' is not an integer (epoch milliseconds)\n",
                List.of("windows", "--events", file, "--window", "tumbling:5s"));
        Files.writeString(dir.resolve("events.csv"), "key,ts,value\na,1000,1\n");
        failsAlike("error: " + file + ":1: the header must be exactly key,timestamp,value, found 'key,ts,value'\n",
                List.of("windows", "--events", file, "--window", "tumbling:5s"));
        csv("a,1000,1", "a,9000,1", "a,20000,x");
        failsAlike("error: " + file + ":4: the value 'x' is not a number\n",
                List.of("windows", "--events", file, "--window", "tumbling:5s"));
        Files.writeString(dir.resolve("events.csv"), "");
        failsAlike("error: " + file + ":1: the file is empty; expected the header key,timestamp,value\n",
                List.of("windows", "--events", file, "--window", "tumbling:5s"));
        String missing = dir.resolve("nope.csv").toString();
        failsAlike("error: " + missing + ": no such file\n",
                List.of("windows", "--events", missing, "--window", "session:1s"));
        String seeHelp = "(see: streamscope windows --help)\n";
        failsAlike("error: --window: 'hopping:5s' is not a window; expected tumbling:SIZE, sliding:SIZE/SLIDE or"
                + " session:GAP (e.g. tumbling:5s, sliding:10s/5s, session:3s)\n" + seeHelp,
                List.of("windows", "--events", file, "--window", "hopping:5s"));
        failsAlike("error: --parallelism: 0 is out of range; expected 1 to 128\n" + seeHelp,
                List.of("windows", "--events", file, "--window", "tumbling:5s", "--parallelism", "0"));
        failsAlike("error: windows needs --events FILE.csv\n" + seeHelp, List.of("windows", "--window", "tumbling:5s"));
        failsAlike("error: windows: unknown option '--lateness'\n" + seeHelp,
                List.of("windows", "--events", file, "--window", "tumbling:5s", "--lateness", "1s"));
    }

    @Test
    void engineNamesAndFlinksSlotLimit() throws Exception {
        Path csv = csv("a,1000,1");
        Result bad = windows(csv, "spark", "--window", "tumbling:5s");
        assertThat(bad.code()).isEqualTo(2);
        assertThat(bad.err()).isEqualTo("error: --engine: 'spark' is not an engine; expected sim or flink\n"
                + "(see: streamscope windows --help)\n");
        Result wide = windows(csv, "flink", "--window", "tumbling:5s", "--parallelism", "64");
        assertThat(wide.code()).isEqualTo(2);
        assertThat(wide.out()).isEmpty();
        assertThat(wide.err()).startsWith("error: --parallelism: 64 is more than the 32 slots of the embedded"
                + " Flink cluster");
        Result help = cli(List.of("windows", "--help", "--engine", "flink"));
        assertThat(help.code()).isZero();
        assertThat(help.out()).contains("usage: streamscope windows").contains("--engine");
    }

    @Test
    void benchNeedsVsFlinkHere() {
        Result r = cli(List.of("bench", "--events", "1000"));
        assertThat(r.code()).isEqualTo(2);
        assertThat(r.err()).startsWith("error: bench: the Flink bridge runs bench --vs-flink only");
    }

    @Test
    void benchVsFlinkRunsTheSameJobOnBothAndPrintsTheRatio() {
        Result r = cli(List.of("bench", "--vs-flink", "--events", "20000", "--keys", "50"));
        assertThat(r.code()).as(r.err()).isZero();
        assertThat(r.out()).containsPattern("streamscope +20,000 events .* events/s")
                .containsPattern("flink +20,000 events .* events/s")
                .contains("ratio       streamscope does")
                // nothing is late on either side, so both jobs' sinks receive as many rows
                .doesNotContain("warning");
    }
}
