package io.streamscope.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assumptions.assumeThat;

import io.streamscope.scenario.LoadedScenario;
import io.streamscope.scenario.ScenarioLoader;
import io.streamscope.sim.Simulation;
import io.streamscope.trace.TraceEvent;
import io.streamscope.trace.TraceJson;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code streamscope run} on scenario files written here (so the test does not depend on examples/). */
class RunCommandTest {
    @TempDir
    Path dir;

    /** One partition, per-event watermarks, 5s tumbling windows with 2s lateness and a late-data sink. */
    private static final String TUMBLING = """
            {
              "name": "cli test",
              "description": "a late firing and a late record",
              "seed": 1,
              "topics": [ { "name": "clicks", "partitions": 1, "records": [
                { "at": "0ms",   "timestamp": 1000, "value": { "user": "alice", "value": 1 } },
                { "at": "100ms", "timestamp": 3000, "value": { "user": "alice", "value": 2 } },
                { "at": "200ms", "timestamp": 7000, "value": { "user": "alice", "value": 3 } },
                { "at": "300ms", "timestamp": 4000, "value": { "user": "alice", "value": 4 } },
                { "at": "400ms", "timestamp": 9000, "value": { "user": "alice", "value": 5 } },
                { "at": "500ms", "timestamp": 2000, "value": { "user": "alice", "value": 6 } }
              ] } ],
              "job": { "operators": [
                { "id": "clicks", "type": "source", "topic": "clicks",
                  "watermarks": { "outOfOrderness": "1s", "emit": "per-event" } },
                { "id": "per-user", "type": "window", "input": "clicks", "keyBy": "user",
                  "window": { "kind": "tumbling", "size": "5s" }, "allowedLateness": "2s", "lateOutput": "late",
                  "aggregates": ["count", "sum(value) as total"] },
                { "id": "totals", "type": "sink", "input": "per-user" },
                { "id": "late-clicks", "type": "sink", "input": "per-user", "sideOutput": "late" }
              ] }
            }
            """;

    private Path scenario(String name, String json) throws Exception {
        Path p = dir.resolve(name);
        Files.writeString(p, json);
        return p;
    }

    @Test
    void printsTheLogAndTheSinkTables() throws Exception {
        Path f = scenario("tumbling.json", TUMBLING);
        Cli.Result r = Cli.run("run", f.toString());
        assertThat(r.code()).isZero();
        assertThat(r.err()).isEmpty();
        assertThat(r.outLines()).contains(
                "scenario \"cli test\"",
                "    201 ms  per-user[0]  window [0, 5000) key \"alice\" fired on-time: {\"count\":2,\"total\":3}",
                "    301 ms  per-user[0]  window [0, 5000) key \"alice\" fired late: {\"count\":3,\"total\":7}",
                "    401 ms  per-user[0]  window [0, 5000) key \"alice\" cleared",
                "sink \"totals\" (3 records)",
                "  time  subtask      user   start    end  count  total",
                "   201  per-user[0]  alice      0   5000      2      3",
                "   301  per-user[0]  alice      0   5000      3      7",
                "   501  per-user[0]  alice   5000  10000      2      8",
                "sink \"late-clicks\" (1 record)",
                "   501  per-user[0]  alice      6       2000");
        assertThat(r.out()).contains("late record {\"user\":\"alice\",\"value\":6,\"timestamp\":2000} key \"alice\""
                + " (timestamp 2000, watermark 7999) -> side output \"late\"");
        assertThat(r.out()).contains("stopped at 501 ms: job finished");
        // channel traffic only with --verbose
        assertThat(r.out()).doesNotContain("sent on");
        assertThat(Cli.run("run", f.toString(), "--verbose").out()).contains("sent on clicks[0]->per-user[0]");
    }

    @Test
    void untilStopsEarly() throws Exception {
        Path f = scenario("tumbling.json", TUMBLING);
        Cli.Result r = Cli.run("run", f.toString(), "--until", "250ms");
        assertThat(r.code()).isZero();
        assertThat(r.out()).contains("stopped at 250 ms: job still running")
                .doesNotContain("fired late");
        assertThat(r.outLines()).contains("sink \"totals\" (1 record)", "sink \"late-clicks\" (0 records)");
    }

    @Test
    void traceFileReadsBackEqualToTheRun() throws Exception {
        Path f = scenario("tumbling.json", TUMBLING);
        Path trace = dir.resolve("trace.json");
        Cli.Result r = Cli.run("run", f.toString(), "--trace", trace.toString(), "--seed", "5");
        assertThat(r.code()).isZero();
        assertThat(r.out()).contains("seed 5, run until the end");
        List<TraceEvent> read = TraceJson.read(trace);
        LoadedScenario s = ScenarioLoader.load(f);
        Simulation sim = s.start(5L, true);
        sim.runToEnd();
        assertThat(read).isNotEmpty().isEqualTo(sim.trace());
        assertThat(r.err()).contains("trace: " + read.size() + " events written to " + trace);
    }

    @Test
    void unboundedJobWithoutUntilIsAnError() throws Exception {
        Path f = scenario("unbounded.json", TUMBLING.replace("\"partitions\": 1,", "\"partitions\": 1, \"bounded\":"
                + " false,"));
        Cli.Result r = Cli.run("run", f.toString());
        assertThat(r.code()).isEqualTo(2);
        assertThat(r.out()).isEmpty();
        assertThat(r.err()).isEqualTo("error: " + f + ": the job reads unbounded sources and never ends by itself;"
                + " give --until TIME (e.g. --until 30s) or set runUntil in the scenario\n");
        Cli.Result until = Cli.run("run", f.toString(), "--until", "1s");
        assertThat(until.code()).isZero();
        assertThat(until.out()).contains("stopped at 1000 ms: job still running");
    }

    @Test
    void scenarioErrorsNameFileAndJsonPath() throws Exception {
        Path f = scenario("bad.json", TUMBLING.replace("\"size\": \"5s\"", "\"size\": \"5 parsecs\""));
        Cli.Result r = Cli.run("run", f.toString());
        assertThat(r.code()).isEqualTo(2);
        assertThat(r.out()).isEmpty();
        assertThat(r.err()).startsWith("error: " + f + ": at $.job.operators[1].window.size: ");
    }

    @Test
    void missingScenarioFileAndBadOptions() {
        Cli.Result r = Cli.run("run", dir.resolve("none.json").toString());
        assertThat(r.code()).isEqualTo(2);
        assertThat(r.err()).isEqualTo("error: " + dir.resolve("none.json") + ": no such file\n");
        Cli.Result noFile = Cli.run("run");
        assertThat(noFile.code()).isEqualTo(2);
        assertThat(noFile.err()).startsWith("error: run needs a scenario file");
        Cli.Result badUntil = Cli.run("run", "x.json", "--until", "soon");
        assertThat(badUntil.code()).isEqualTo(2);
        assertThat(badUntil.err()).startsWith("error: --until: 'soon' is not a duration");
    }

    @Test
    void runsTheShippedExampleIfPresent() {
        Path example = Path.of("..", "examples", "tumbling-late-record.json");
        assumeThat(Files.isRegularFile(example)).isTrue();
        Cli.Result r = Cli.run("run", example.toString());
        assertThat(r.code()).isZero();
        assertThat(r.out()).contains("fired on-time").contains("sink \"");
    }

    @Test
    void helpForEveryCommand() {
        for (String cmd : List.of("run", "windows", "bench")) {
            Cli.Result r = Cli.run(cmd, "--help");
            assertThat(r.code()).isZero();
            assertThat(r.out()).startsWith("usage: streamscope " + cmd);
        }
        Cli.Result top = Cli.run("--help");
        assertThat(top.code()).isZero();
        assertThat(top.out()).contains("run", "windows", "bench");
        Cli.Result none = Cli.run();
        assertThat(none.code()).isEqualTo(2);
        assertThat(none.err()).startsWith("usage: streamscope COMMAND");
    }
}
