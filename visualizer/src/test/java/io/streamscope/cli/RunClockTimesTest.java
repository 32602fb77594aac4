package io.streamscope.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code streamscope run} writes event times as clock times, as the app does, and as epoch milliseconds with
 * {@code --epoch-ms}; processing time and record contents stay numbers. The expected clock times are derived by
 * hand from the epoch values: 36000000 ms = 10 h = 10:00.
 */
class RunClockTimesTest {
    @TempDir
    Path dir;

    /**
     * Records at 10:00:30 (36030000), 10:01:05 (36065000) and a late one at 10:00:10 (36010000); per-event
     * watermarks with 1 s of out-of-orderness, 1-minute event-time windows. The second record brings the watermark
     * to 36065000 - 1000 - 1 = 36063999 = 10:01:03.999, past the first window's end 10:01 (timer 36059999 =
     * 10:00:59.999), so the third record is late.
     */
    private static final String EVENT_TIME = """
            {
              "name": "clock times",
              "seed": 1,
              "topics": [ { "name": "clicks", "partitions": 1, "records": [
                { "at": "0ms",   "timestamp": 36030000, "value": { "user": "alice" } },
                { "at": "100ms", "timestamp": 36065000, "value": { "user": "alice" } },
                { "at": "200ms", "timestamp": 36010000, "value": { "user": "alice" } }
              ] } ],
              "job": { "operators": [
                { "id": "clicks", "type": "source", "topic": "clicks",
                  "watermarks": { "outOfOrderness": "1s", "emit": "per-event" } },
                { "id": "per-user", "type": "window", "input": "clicks", "keyBy": "user",
                  "window": { "kind": "tumbling", "size": "1m" }, "lateOutput": "late", "aggregates": ["count"] },
                { "id": "counts", "type": "sink", "input": "per-user" },
                { "id": "late", "type": "sink", "input": "per-user", "sideOutput": "late" }
              ] }
            }
            """;

    /** One record past the first hour of the virtual clock, counted in 1-second processing-time windows. */
    private static final String PROCESSING_TIME = """
            {
              "name": "processing time",
              "seed": 1,
              "topics": [ { "name": "clicks", "partitions": 1, "bounded": false, "records": [
                { "at": "3600500ms", "timestamp": 36030000, "value": { "user": "alice" } }
              ] } ],
              "job": { "operators": [
                { "id": "clicks", "type": "source", "topic": "clicks", "watermarks": "none" },
                { "id": "per-second", "type": "window", "input": "clicks", "keyBy": "user",
                  "window": { "kind": "tumbling", "size": "1s", "time": "processing" }, "aggregates": ["count"] },
                { "id": "counts", "type": "sink", "input": "per-second" }
              ] }
            }
            """;

    private Path scenario(String json) throws Exception {
        Path p = dir.resolve("scenario.json");
        Files.writeString(p, json);
        return p;
    }

    @Test
    void eventTimesAreClockTimesAndRecordsStayAsTheyAre() throws Exception {
        Cli.Result r = Cli.run("run", scenario(EVENT_TIME).toString());
        assertThat(r.code()).as(r.err()).isZero();
        assertThat(r.out()).contains(
                "read clicks-0 offset 0: {\"user\":\"alice\",\"timestamp\":36030000} (timestamp 10:00:30)",
                "watermark advanced to 10:01:03.999",
                "event-time timer 10:00:59.999 fired for key \"alice\" window [10:00, 10:01)",
                "window [10:00, 10:01) key \"alice\" fired on-time: {\"count\":1}",
                "late record {\"user\":\"alice\",\"timestamp\":36010000} key \"alice\" (timestamp 10:00:10,"
                        + " watermark 10:01:03.999) -> side output \"late\"",
                "window [10:01, 10:02) key \"alice\" fired on-time: {\"count\":1}",
                "watermark advanced to MAX");
        assertThat(r.out()).doesNotContain("36063999", "36059999", "[36000000");
        // the processing-time column and the sink tables' fields stay numbers
        assertThat(r.outLines()).anyMatch(l -> l.matches(" +101 ms  per-user\\[0] +window \\[10:00, 10:01\\).*"));
        assertThat(r.out()).containsPattern("alice +36000000 +36060000 +1");
        // --verbose adds the timer registrations, with the same clock times
        assertThat(Cli.run("run", scenario(EVENT_TIME).toString(), "--verbose").out())
                .contains("event-time timer registered for 10:00:59.999 key \"alice\" window [10:00, 10:01)");
    }

    @Test
    void epochMsKeepsTheRawNumbers() throws Exception {
        Cli.Result r = Cli.run("run", scenario(EVENT_TIME).toString(), "--epoch-ms");
        assertThat(r.code()).as(r.err()).isZero();
        assertThat(r.out()).contains(
                "read clicks-0 offset 0: {\"user\":\"alice\",\"timestamp\":36030000} (timestamp 36030000)",
                "watermark advanced to 36063999",
                "event-time timer 36059999 fired for key \"alice\" window [36000000, 36060000)",
                "window [36000000, 36060000) key \"alice\" fired on-time: {\"count\":1}",
                "(timestamp 36010000, watermark 36063999)");
        assertThat(r.out()).doesNotContain("10:00", "10:01");
        assertThat(Cli.run("run", "--help").out()).contains("--epoch-ms");
    }

    @Test
    void aMisspeltOrValuedEpochMsFlagIsAClearUsageErrorInEachCommandThatTakesIt() throws Exception {
        String file = scenario(EVENT_TIME).toString();
        for (String[] args : new String[][] {
            {"run", file, "--epoch-m"}, {"lesson", "c1-watermarks", "--epoch-m"}, {"sql", file, "--epoch-m"}}) {
            Cli.Result r = Cli.run(args);
            assertThat(r.code()).as(String.join(" ", args)).isEqualTo(2);
            assertThat(r.out()).isEmpty();
            assertThat(r.err()).startsWith("error: " + args[0] + ": unknown option '--epoch-m'");
        }
        for (String command : new String[] {"run", "lesson", "sql"}) {
            Cli.Result r = Cli.run(command, command.equals("lesson") ? "c1-watermarks" : file, "--epoch-ms=yes");
            assertThat(r.code()).as(command).isEqualTo(2);
            assertThat(r.err()).as(command).startsWith("error: --epoch-ms takes no value");
        }
    }

    @Test
    void processingTimeTimersAndWindowsStayInMilliseconds() throws Exception {
        // the record arrives at 3600500 ms (past an hour of virtual time): its window is [3600000, 3601000) of
        // processing time, and its timer at the window's end minus 1 ms, 3600999, is no clock time of a day
        Cli.Result r = Cli.run("run", scenario(PROCESSING_TIME).toString(), "--until", "3602s");
        assertThat(r.code()).as(r.err()).isZero();
        assertThat(r.out()).contains(
                "processing-time timer 3600999 fired for key \"alice\" window [3600000, 3601000)",
                "window [3600000, 3601000) key \"alice\" fired on-time: {\"count\":1}",
                "window [3600000, 3601000) key \"alice\" cleared",
                // the record's own timestamp is event time
                "(timestamp 10:00:30)");
        assertThat(r.out()).doesNotContain("01:00");
    }
}
