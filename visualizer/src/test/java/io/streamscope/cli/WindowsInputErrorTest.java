package io.streamscope.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Every malformed input and bad option: exit code 2, one precise message on stderr, nothing on stdout. */
class WindowsInputErrorTest {
    @TempDir
    Path dir;

    private Cli.Result runCsv(String... lines) {
        Path csv = Cli.write(dir, "in.csv", lines);
        return Cli.run("windows", "--events", csv.toString(), "--window", "tumbling:5s");
    }

    private static void assertFails(Cli.Result r, String message) {
        assertThat(r.code()).isEqualTo(2);
        assertThat(r.out()).isEmpty();
        assertThat(r.err().lines().findFirst()).hasValue("error: " + message);
        assertThat(r.err().lines().count()).isLessThanOrEqualTo(2);
    }

    private static void assertInputError(Cli.Result r, String message) {
        assertThat(r.code()).isEqualTo(2);
        assertThat(r.out()).isEmpty();
        assertThat(r.err()).isEqualTo("error: " + message + "\n");
    }

    private String file() {
        return dir.resolve("in.csv").toString();
    }

    @Test
    void wrongHeader() {
        assertInputError(runCsv("key,ts,value", "a,1000,1"),
                file() + ":1: the header must be exactly key,timestamp,value, found 'key,ts,value'");
    }

    @Test
    void wrongColumnCount() {
        assertInputError(runCsv("key,timestamp,value", "a,1000,1", "a,2000"),
                file() + ":3: expected 3 columns (key,timestamp,value), found 2");
    }

    @Test
    void tooManyColumns() {
        assertInputError(runCsv("key,timestamp,value", "a,1000,1,x"),
                file() + ":2: expected 3 columns (key,timestamp,value), found 4");
    }

    @Test
    void nonIntegerTimestamp() {
        assertInputError(runCsv("key,timestamp,value", "a,1000,1", "a,10.5,2"),
                file() + ":3: the timestamp '10.5' is not an integer (epoch milliseconds)");
    }

    @Test
    void negativeTimestamp() {
        assertInputError(runCsv("key,timestamp,value", "a,-5,1"),
                file() + ":2: the timestamp -5 is out of range; expected 0 to 9007199254740992");
    }

    @Test
    void nonNumericValue() {
        assertInputError(runCsv("key,timestamp,value", "a,1000,abc"), file() + ":2: the value 'abc' is not a number");
    }

    @Test
    void emptyKey() {
        assertInputError(runCsv("key,timestamp,value", "a,1000,1", ",2000,2"), file() + ":3: the key is empty");
    }

    @Test
    void emptyFile() {
        assertInputError(runCsv(), file() + ":1: the file is empty; expected the header key,timestamp,value");
    }

    @Test
    void headerWithoutEvents() {
        assertInputError(runCsv("key,timestamp,value"), file() + ":2: no events after the header");
    }

    @Test
    void unclosedQuote() {
        assertInputError(runCsv("key,timestamp,value", "\"a,1000,1"), file() + ":2: a quoted field is not closed");
    }

    @Test
    void aMistakeOnTheLastLineLeavesNoPartialOutput() {
        // the first 3 records alone would fire a window; the whole file is checked before anything runs
        assertInputError(runCsv("key,timestamp,value", "a,1000,1", "a,9000,1", "a,20000,x"),
                file() + ":4: the value 'x' is not a number");
    }

    @Test
    void missingFile() {
        Cli.Result r = Cli.run("windows", "--events", dir.resolve("nope.csv").toString(), "--window", "session:1s");
        assertInputError(r, dir.resolve("nope.csv") + ": no such file");
    }

    @Test
    void badWindowSpec() {
        Cli.write(dir, "in.csv", "key,timestamp,value", "a,1,1");
        Cli.Result r = Cli.run("windows", "--events", file(), "--window", "hopping:5s");
        assertFails(r, "--window: 'hopping:5s' is not a window; expected tumbling:SIZE, sliding:SIZE/SLIDE or"
                + " session:GAP (e.g. tumbling:5s, sliding:10s/5s, session:3s)");
        assertFails(Cli.run("windows", "--events", file(), "--window", "sliding:5s"),
                "--window: 'sliding:5s' is not a window; expected tumbling:SIZE, sliding:SIZE/SLIDE or"
                        + " session:GAP (e.g. tumbling:5s, sliding:10s/5s, session:3s)");
        assertFails(Cli.run("windows", "--events", file(), "--window", "tumbling:0s"),
                "--window: the size must be positive, got 0s");
    }

    @Test
    void badDurationAndParallelism() {
        Cli.write(dir, "in.csv", "key,timestamp,value", "a,1,1");
        assertFails(Cli.run("windows", "--events", file(), "--window", "tumbling:5s", "--out-of-orderness", "-1s"),
                "--out-of-orderness: '-1s' is not a duration: expected a duration such as \"5s\", \"200ms\","
                        + " \"30min\" or a number of milliseconds, got \"-1s\" (durations cannot be negative)");
        assertFails(Cli.run("windows", "--events", file(), "--window", "tumbling:5s", "--allowed-lateness", "2x"),
                "--allowed-lateness: '2x' is not a duration: expected a duration such as \"5s\", \"200ms\","
                        + " \"30min\" or a number of milliseconds, got \"2x\" (unknown unit \"x\"; units are ms, s,"
                        + " m or min, h, d)");
        assertFails(Cli.run("windows", "--events", file(), "--window", "tumbling:5s", "--parallelism", "0"),
                "--parallelism: 0 is out of range; expected 1 to 128");
        assertFails(Cli.run("windows", "--events", file(), "--window", "tumbling:5s", "--parallelism", "two"),
                "--parallelism: 'two' is not a whole number");
    }

    @Test
    void missingAndUnknownOptions() {
        assertFails(Cli.run("windows", "--window", "tumbling:5s"), "windows needs --events FILE.csv");
        assertFails(Cli.run("windows", "--events", "x.csv"),
                "windows needs --window tumbling:SIZE, sliding:SIZE/SLIDE or session:GAP");
        assertFails(Cli.run("windows", "--events", "x.csv", "--window", "tumbling:5s", "--lateness", "1s"),
                "windows: unknown option '--lateness'");
        assertFails(Cli.run("windows", "--events"), "--events needs a value");
    }

    @Test
    void unknownCommand() {
        Cli.Result r = Cli.run("frobnicate");
        assertThat(r.code()).isEqualTo(2);
        assertThat(r.out()).isEmpty();
        assertThat(r.err()).startsWith("error: unknown command 'frobnicate'");
    }
}
