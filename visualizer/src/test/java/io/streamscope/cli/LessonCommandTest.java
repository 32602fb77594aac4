package io.streamscope.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assumptions.assumeThat;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code streamscope lesson}: listing and playing lessons written here, plus the shipped ones when present. */
class LessonCommandTest {
    @TempDir
    Path dir;

    private static final String SCENARIO = """
            {
              "name": "lesson test",
              "seed": 1,
              "topics": [ { "name": "clicks", "records": [
                { "at": "0ms",   "timestamp": 1000, "value": { "user": "alice" } },
                { "at": "100ms", "timestamp": 7000, "value": { "user": "alice" } }
              ] } ],
              "job": { "operators": [
                { "id": "clicks", "type": "source", "topic": "clicks",
                  "watermarks": { "outOfOrderness": "1s", "emit": "per-event" } },
                { "id": "per-user", "type": "window", "input": "clicks", "keyBy": "user",
                  "window": { "kind": "tumbling", "size": "5s" }, "aggregates": ["count"] },
                { "id": "out", "type": "sink", "input": "per-user" }
              ] }
            }
            """;

    private static final String LESSON = """
            ---
            id: demo
            title: A window fires
            kind: lesson
            level: C
            summary: The watermark passes the window's end.
            ---
            # Demo

            The introduction.

            <!-- cue: WatermarkAdvanced subtask=per-user[0] watermark=5999 -->
            The watermark is now 5999.

            <!-- cue: WindowFired operator=per-user key="alice" start=0 end=5000 -->
            The window [0, 5s) fires with one click.

            ## Afterwards

            The outro.
            """;

    private Path lessons(String lesson) throws Exception {
        Path d = dir.resolve("lessons").resolve("demo");
        Files.createDirectories(d);
        Files.writeString(d.resolve("scenario.json"), SCENARIO);
        Files.writeString(d.resolve("lesson.md"), lesson);
        return dir.resolve("lessons");
    }

    @Test
    void listsTheLessons() throws Exception {
        Path root = lessons(LESSON);
        Path pending = root.resolve("later");
        Files.createDirectories(pending);
        Files.writeString(pending.resolve("lesson.md"), LESSON.replace("id: demo", "id: later")
                .replace("kind: lesson", "kind: troubleshooting\nrequires: [checkpoints]\npending: needs checkpoints"));
        Cli.Result r = Cli.run("lesson", "--dir", root.toString());
        assertThat(r.code()).isZero();
        assertThat(r.err()).isEmpty();
        assertThat(r.outLines()).contains("  C  demo   A window fires",
                "  C  later  A window fires  [pending: needs checkpoints]");
    }

    @Test
    void playsALessonWithEachCueAtItsEvent() throws Exception {
        Path root = lessons(LESSON);
        Cli.Result r = Cli.run("lesson", "demo", "--dir", root.toString());
        assertThat(r.code()).isZero();
        assertThat(r.err()).isEmpty();
        assertThat(r.outLines()).containsSubsequence(
                "lesson demo: A window fires",
                "  The introduction.",
                "placement (slot: subtasks sharing it):",
                "  tm-1/slot-0: clicks[0], per-user[0]",
                "[1/2] 101 ms  per-user[0]  watermark advanced to 5999",
                "  The watermark is now 5999.",
                "[2/2] 101 ms  per-user[0]  window [0, 5000) key \"alice\" fired on-time: {\"count\":1}",
                "  The window [0, 5s) fires with one click.",
                "  ## Afterwards",
                "  The outro.",
                "sink \"out\" (2 records)");
        // the full log only with --log
        assertThat(r.out()).doesNotContain("read clicks-0 offset 0");
        assertThat(Cli.run("lesson", "demo", "--dir", root.toString(), "--log").out())
                .contains("read clicks-0 offset 0");
    }

    @Test
    void aCueThatMatchesNothingFailsWithItsFileAndLine() throws Exception {
        Path root = lessons(LESSON.replace("key=\"alice\"", "key=\"bob\""));
        Cli.Result r = Cli.run("lesson", "demo", "--dir", root.toString());
        assertThat(r.code()).isEqualTo(1);
        assertThat(r.err()).startsWith("error: " + root.resolve("demo").resolve("lesson.md") + ":15: cue 2"
                + " (WindowFired operator=per-user key=bob start=0 end=5000) matches no trace event");
    }

    @Test
    void aBrokenLessonFileIsAUsageError() throws Exception {
        Path root = lessons(LESSON.replace("cue: WindowFired", "cue: WindowFire"));
        Cli.Result r = Cli.run("lesson", "--dir", root.toString());
        assertThat(r.code()).isEqualTo(2);
        assertThat(r.err()).startsWith("error: " + root.resolve("demo").resolve("lesson.md") + ":15: unknown trace"
                + " event type 'WindowFire' (did you mean 'WindowFired'?)");
    }

    @Test
    void unknownLessonAndMissingFolder() throws Exception {
        Path root = lessons(LESSON);
        Cli.Result r = Cli.run("lesson", "nope", "--dir", root.toString());
        assertThat(r.code()).isEqualTo(2);
        assertThat(r.err()).isEqualTo("error: no lesson 'nope'; lessons are: demo\n");
        Cli.Result none = Cli.run("lesson", "--dir", dir.resolve("absent").toString());
        assertThat(none.code()).isEqualTo(2);
        assertThat(none.err()).contains("no such folder");
    }

    @Test
    void aPendingLessonPrintsItsTextWithoutARun() throws Exception {
        Path root = dir.resolve("lessons");
        Path d = root.resolve("later");
        Files.createDirectories(d);
        Files.writeString(d.resolve("lesson.md"), """
                ---
                id: later
                title: Checkpoints
                kind: lesson
                level: D
                summary: Barriers.
                requires: [checkpoints]
                pending: the engine has no checkpoints yet
                ---
                # Checkpoints

                Barriers flow with the records.
                """);
        Cli.Result r = Cli.run("lesson", "later", "--dir", root.toString());
        assertThat(r.code()).isZero();
        assertThat(r.out()).contains("Barriers flow with the records.")
                .contains("[pending] this lesson's scenario needs engine features that are not built yet"
                        + " (checkpoints):")
                .doesNotContain("placement");
    }

    @Test
    void playsTheShippedWatermarkLessonIfPresent() {
        Path shipped = Path.of("..", "lessons");
        assumeThat(Files.isDirectory(shipped.resolve("c1-watermarks"))).isTrue();
        Cli.Result r = Cli.run("lesson", "c1-watermarks", "--dir", shipped.toString());
        assertThat(r.code()).as(r.err()).isZero();
        // log lines write event time as the narration does: 36000000 ms = 10:00, 36300000 ms = 10:05,
        // 36299999 ms = 10:04:59.999, 36059999 ms = 10:00:59.999; the sink table keeps the records' fields
        assertThat(r.out()).contains("window [10:00, 10:05) key \"alice\" fired on-time",
                        "event-time timer 10:04:59.999 fired for key \"alice\"",
                        "watermark advanced to 10:00:59.999")
                .doesNotContain("window [36000000, 36300000)")
                .containsPattern("alice +36000000 +36300000");
        Cli.Result raw = Cli.run("lesson", "c1-watermarks", "--dir", shipped.toString(), "--epoch-ms", "--log");
        assertThat(raw.code()).as(raw.err()).isZero();
        assertThat(raw.out()).contains("window [36000000, 36300000) key \"alice\" fired on-time",
                "event-time timer 36299999 fired for key \"alice\"", "watermark advanced to 36059999",
                "(timestamp 36030000)").doesNotContain("watermark advanced to 10:00:59.999");
        Cli.Result list = Cli.run("lesson", "--dir", shipped.toString());
        // every shipped lesson runs now (the last pending one, on two-input operators, has its scenario)
        assertThat(list.out()).contains("c1-watermarks", "t-two-input-slow-input").doesNotContain("[pending");
    }

    @Test
    void help() {
        Cli.Result r = Cli.run("lesson", "--help");
        assertThat(r.code()).isZero();
        assertThat(r.out()).startsWith("usage: streamscope lesson");
        assertThat(Cli.run("--help").out()).contains("lesson");
    }
}
