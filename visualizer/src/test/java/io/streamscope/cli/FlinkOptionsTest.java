package io.streamscope.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The options that need Apache Flink, which this module never has on its class path: run from here they say to
 * use the launcher (which starts the Flink bridge), and --engine sim is today's calculator.
 */
class FlinkOptionsTest {
    @TempDir
    Path dir;

    @Test
    void windowsOnFlinkPointsAtTheLauncher() {
        Path csv = Cli.write(dir, "in.csv", "key,timestamp,value", "a,1000,1");
        Cli.Result r = Cli.run("windows", "--events", csv.toString(), "--window", "tumbling:5s", "--engine", "flink");
        assertThat(r.code()).isEqualTo(2);
        assertThat(r.out()).isEmpty();
        assertThat(r.err()).startsWith("error: windows --engine flink runs on Apache Flink, which is not on this"
                + " program's class path; run it through the launcher");
    }

    @Test
    void engineSimIsTheDefault() {
        Path csv = Cli.write(dir, "in.csv", "key,timestamp,value", "a,1000,1");
        Cli.Result sim = Cli.run("windows", "--events", csv.toString(), "--window", "tumbling:5s", "--engine=sim");
        Cli.Result dflt = Cli.run("windows", "--events", csv.toString(), "--window", "tumbling:5s");
        assertThat(sim.code()).isZero();
        assertThat(sim.out()).isEqualTo(dflt.out()).contains("\"firing\":\"on-time\"");
        Cli.Result bad = Cli.run("windows", "--events", csv.toString(), "--window", "tumbling:5s", "--engine", "x");
        assertThat(bad.code()).isEqualTo(2);
        assertThat(bad.err()).startsWith("error: --engine: 'x' is not an engine; expected sim or flink");
    }

    @Test
    void benchVsFlinkPointsAtTheLauncher() {
        Cli.Result r = Cli.run("bench", "--vs-flink");
        assertThat(r.code()).isEqualTo(2);
        assertThat(r.out()).isEmpty();
        assertThat(r.err()).startsWith("error: bench --vs-flink runs Apache Flink");
        assertThat(Cli.run("bench", "--help").out()).contains("--vs-flink");
    }
}
