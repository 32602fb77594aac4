package io.streamscope.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code streamscope run --checkpoint-dir / --restore-from}, the way Flink's checkpoint storage and -s work. */
class RunCheckpointOptionsTest {
    @TempDir
    Path dir;

    /**
     * One key, counted per 1 s tumbling window, checkpoints every 500 ms, records visible every 100 ms up to
     * 2.9 s: checkpoints complete while the job runs, and a restore from the last one must not read its
     * records again (the source resumes after the checkpointed offset).
     */
    private Path scenario(boolean checkpointing) throws Exception {
        StringBuilder records = new StringBuilder();
        for (int i = 0; i < 30; i++) {
            records.append(i == 0 ? "" : ",").append("{\"at\": ").append(i * 100).append(", \"timestamp\": ")
                    .append(i * 100).append(", \"key\": \"k\", \"value\": 1}");
        }
        Path f = dir.resolve(checkpointing ? "ck.json" : "plain.json");
        Files.writeString(f, "{\"name\": \"ck\", " + (checkpointing ? "\"checkpointing\": {\"interval\": \"500ms\"}, " : "")
                + "\"topics\": [{\"name\": \"t\", \"partitions\": 1, \"records\": [" + records + "]}],"
                + " \"job\": {\"operators\": ["
                + "{\"id\": \"src\", \"type\": \"source\", \"topic\": \"t\","
                + " \"watermarks\": {\"outOfOrderness\": 0, \"emit\": \"per-event\"}},"
                + "{\"id\": \"w\", \"type\": \"window\", \"input\": \"src\", \"keyBy\": \"key\","
                + " \"window\": {\"kind\": \"tumbling\", \"size\": \"1s\"}, \"aggregates\": [\"count\"]},"
                + "{\"id\": \"out\", \"type\": \"sink\", \"input\": \"w\"}]}}");
        return f;
    }

    @Test
    void checkpointsAreWrittenAndARestoreResumesAfterTheirOffsets() throws Exception {
        Path ck = dir.resolve("checkpoints");
        Cli.Result first = Cli.run("run", scenario(true).toString(), "--checkpoint-dir", ck.toString());
        assertThat(first.code()).as(first.err()).isZero();
        assertThat(first.out()).contains("checkpoint 1 completed");
        try (var folders = Files.list(ck)) {
            Path chk = folders.filter(p -> p.getFileName().toString().startsWith("chk-")).findFirst().orElseThrow();
            assertThat(chk.resolve("_metadata")).isRegularFile();
        }
        Cli.Result restored = Cli.run("run", scenario(true).toString(), "--restore-from", ck.toString());
        assertThat(restored.code()).as(restored.err()).isZero();
        assertThat(restored.out()).contains("restoring from").contains("job restarted from checkpoint");
        // every record was read before the last checkpoint of the first run, so the restored run reads none
        assertThat(restored.out()).doesNotContain(" read t-0 offset");
    }

    @Test
    void mistakesAreUsageErrors() throws Exception {
        Cli.Result missing = Cli.run("run", scenario(true).toString(), "--restore-from",
                dir.resolve("nothing").toString());
        assertThat(missing.code()).isEqualTo(Main.USAGE);
        assertThat(missing.err()).contains("--restore-from").contains("nothing");
        assertThat(missing.out()).isEmpty();

        Cli.Result off = Cli.run("run", scenario(false).toString(), "--checkpoint-dir", dir.resolve("x").toString());
        assertThat(off.code()).isEqualTo(Main.USAGE);
        assertThat(off.err()).contains("does not enable checkpointing");

        Path broken = dir.resolve("broken");
        Files.createDirectories(broken.resolve("chk-1"));
        Files.writeString(broken.resolve("chk-1").resolve("_metadata"), "{ not json");
        Cli.Result corrupt = Cli.run("run", scenario(true).toString(), "--restore-from", broken.toString());
        assertThat(corrupt.code()).isEqualTo(Main.USAGE);
        assertThat(corrupt.err()).contains("_metadata");
    }
}
