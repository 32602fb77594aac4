package io.streamscope.flink.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class FlinkMainTest {
    @TempDir
    Path dir;

    private record Result(int code, String out, String err) {
    }

    private static Result cli(String... args) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        int code = FlinkMain.run(args, new PrintStream(out, true, StandardCharsets.UTF_8),
                new PrintStream(err, true, StandardCharsets.UTF_8));
        return new Result(code, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
    }

    /** One key, tumbling 5 s, per-event watermarks: [0,5000) holds 1000 and 2000, [5000,10000) holds 6000. */
    private Path scenario() throws Exception {
        Path f = dir.resolve("s.json");
        Files.writeString(f, """
                {"name": "flink cli", "topics": [{"name": "t", "partitions": 1, "records": [
                  {"timestamp": 1000, "key": "a", "value": 1},
                  {"timestamp": 2000, "key": "a", "value": 2},
                  {"timestamp": 6000, "key": "a", "value": 3}]}],
                 "job": {"operators": [
                  {"id": "src", "type": "source", "topic": "t", "watermarks": {"outOfOrderness": 0, "emit": "per-event"}},
                  {"id": "w", "type": "window", "input": "src", "keyBy": "key",
                   "window": {"kind": "tumbling", "size": "5s"}, "aggregates": ["count", "sum(value) as total"]},
                  {"id": "out", "type": "sink", "input": "w"}]}}
                """);
        return f;
    }

    @Test
    void runPrintsFlinksSinkTable() throws Exception {
        Result r = cli("run", scenario().toString());
        assertThat(r.code()).as(r.err()).isZero();
        assertThat(r.out()).contains("sink \"out\" (2 records)");
        // rows as Flink computed them: [0,5000) count 2 total 3, [5000,10000) count 1 total 3
        assertThat(r.out()).containsPattern("a\\s+0\\s+5000\\s+2\\s+3");
        assertThat(r.out()).containsPattern("a\\s+5000\\s+10000\\s+1\\s+3");
        assertThat(r.out()).doesNotContain("subtask");
    }

    @Test
    void diffAgreesAndExitsZero() throws Exception {
        Result r = cli("diff", scenario().toString());
        assertThat(r.code()).as(r.out() + r.err()).isZero();
    }

    @Test
    void badArgumentsAndScenariosExitTwo() throws Exception {
        assertThat(cli().code()).isEqualTo(2);
        assertThat(cli("explain", "x.json").err()).contains("unknown flink command 'explain'");
        assertThat(cli("run", dir.resolve("missing.json").toString()).err()).contains("no such file");
        assertThat(cli("run", scenario().toString(), "--cluster", "nohostport").err())
                .contains("--cluster needs HOST:PORT");
        Path broken = dir.resolve("broken.json");
        Files.writeString(broken, "{\"name\": 3}");
        Result r = cli("diff", broken.toString());
        assertThat(r.code()).isEqualTo(2);
        assertThat(r.err()).contains("broken.json").contains("$.name");
    }
}
