package io.streamscope.checkpoint;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import io.streamscope.api.StreamExecutionEnvironment;
import io.streamscope.api.functions.FieldKeySelector;
import io.streamscope.connectors.CollectingSink;
import io.streamscope.connectors.PartitionedLog;
import io.streamscope.connectors.SinkTable;
import io.streamscope.data.Row;
import io.streamscope.runtime.EngineConfig;
import io.streamscope.sim.Simulation;
import io.streamscope.testing.CheckpointTraces;
import io.streamscope.testing.Counter;
import io.streamscope.time.WatermarkStrategy;
import io.streamscope.trace.TraceEvent;
import io.streamscope.trace.TraceJson;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Checkpoint storage on disk, laid out as Flink lays it out (a {@code chk-<id>} folder with a {@code _metadata} file
 * per checkpoint, subsumed ones deleted, savepoints kept), and restoring a later run from it as Flink's {@code -s}
 * does; unreadable checkpoints give clear errors, and a directory of checkpoints falls back to the previous one.
 */
class CheckpointStorageTest {
    @TempDir
    Path tmp;

    static PartitionedLog log() {
        return SavepointRescaleTest.log(40);
    }

    static StreamExecutionEnvironment env(PartitionedLog log, CheckpointConfig config) {
        StreamExecutionEnvironment env = StreamExecutionEnvironment.create().setParallelism(2)
                .setCheckpointConfig(config);
        env.<Row>fromSource(log, WatermarkStrategy.forMonotonousTimestamps(), "src")
                .keyBy(new FieldKeySelector("key"))
                .process(new Counter(), "count")
                .sinkTo(new CollectingSink("out"));
        return env;
    }

    static Map<Object, Long> finalCounts(SinkTable t) {
        Map<Object, Long> out = new TreeMap<>();
        for (SinkTable.Row r : t.rows()) {
            Row row = (Row) r.value();
            out.put(row.get("key"), row.getLong("count"));
        }
        return out;
    }

    @Test
    void completedCheckpointsAreWrittenAndSubsumedOnesDeleted() throws Exception {
        Path dir = tmp.resolve("checkpoints");
        Simulation sim = Simulation.of(env(log(), CheckpointConfig.every(50).withDirectory(dir)),
                EngineConfig.defaults());
        sim.runUntilTime(180);
        sim.triggerSavepoint();
        sim.runUntilTime(240);
        long latest = sim.latestCompletedCheckpoint().checkpointId();
        // one retained checkpoint (Flink's default): only the newest chk folder is left, and the savepoint
        try (var s = Files.list(dir)) {
            List<String> names = s.map(p -> p.getFileName().toString()).sorted().toList();
            assertThat(names).contains("chk-" + latest).anyMatch(n -> n.startsWith("savepoint-"))
                    .filteredOn(n -> n.startsWith("chk-")).hasSize(1);
        }
        assertThat(dir.resolve("chk-" + latest).resolve(CheckpointFiles.METADATA)).isRegularFile();
        CompletedCheckpoint read = CheckpointFiles.read(dir.resolve("chk-" + latest));
        CompletedCheckpoint mem = sim.latestCompletedCheckpoint();
        assertThat(read.checkpointId()).isEqualTo(mem.checkpointId());
        assertThat(read.sizeBytes()).isEqualTo(mem.sizeBytes());
        assertThat(read.operators().keySet()).isEqualTo(mem.operators().keySet());
        for (String uid : mem.operators().keySet()) {
            assertThat(read.operators().get(uid).subtaskStates().keySet())
                    .isEqualTo(mem.operators().get(uid).subtaskStates().keySet());
        }
    }

    @Test
    void aRunRestoredFromTheFileBehavesExactlyAsOneRestoredFromMemory() throws Exception {
        Path dir = tmp.resolve("checkpoints");
        Simulation first = Simulation.of(env(log(), CheckpointConfig.every(50).withDirectory(dir)),
                EngineConfig.defaults());
        first.runUntilTime(160);
        CheckpointFiles.Loaded loaded = CheckpointFiles.load(dir);
        assertThat(loaded.checkpoint().checkpointId()).isEqualTo(first.latestCompletedCheckpoint().checkpointId());
        assertThat(loaded.skipped()).isEmpty();
        Simulation fromFile = Simulation.of(env(log(), CheckpointConfig.every(50)), EngineConfig.defaults(),
                loaded.checkpoint());
        fromFile.runToEnd();
        Simulation fromMemory = Simulation.of(env(log(), CheckpointConfig.every(50)), EngineConfig.defaults(),
                first.latestCompletedCheckpoint());
        fromMemory.runToEnd();
        assertThat(TraceJson.write(fromFile.trace())).isEqualTo(TraceJson.write(fromMemory.trace()));
        // the first run stopped at 160 (as if killed); the second continued from its checkpoint: counts are exact
        Simulation clean = Simulation.of(env(log(), CheckpointConfig.every(50)), EngineConfig.defaults());
        clean.runToEnd();
        assertThat(finalCounts(fromFile.sink("out"))).isEqualTo(finalCounts(clean.sink("out")));
        assertThat(CheckpointTraces.of(fromFile.trace(), TraceEvent.JobRestarted.class).get(0).checkpointId())
                .isEqualTo(loaded.checkpoint().checkpointId());
    }

    @Test
    void unreadableCheckpointsGetClearErrorsAndADirectoryFallsBackToThePreviousOne() throws Exception {
        Path dir = tmp.resolve("checkpoints");
        Simulation sim = Simulation.of(env(log(), CheckpointConfig.every(50).withDirectory(dir).withRetained(3)),
                EngineConfig.defaults());
        sim.runUntilTime(170);
        long newest = sim.latestCompletedCheckpoint().checkpointId();
        Path newestFolder = dir.resolve("chk-" + newest);
        Files.writeString(newestFolder.resolve(CheckpointFiles.METADATA), "{ not json");
        CheckpointStorageException corrupt = catchThrowableOfType(CheckpointStorageException.class,
                () -> CheckpointFiles.read(newestFolder));
        assertThat(corrupt.getMessage()).contains("chk-" + newest).contains("corrupt checkpoint metadata");
        CheckpointFiles.Loaded fallback = CheckpointFiles.load(dir);
        assertThat(fallback.checkpoint().checkpointId()).isEqualTo(newest - 1);
        assertThat(fallback.skipped()).hasSize(1).allMatch(m -> m.contains("chk-" + newest));

        Path cutOff = dir.resolve("chk-" + (newest + 1));
        Files.createDirectories(cutOff);
        assertThat(catchThrowableOfType(CheckpointStorageException.class, () -> CheckpointFiles.load(cutOff))
                .getMessage()).contains("chk-" + (newest + 1)).contains("no _metadata file");
        assertThat(catchThrowableOfType(CheckpointStorageException.class, () -> CheckpointFiles.read(cutOff))
                .getMessage()).contains("no _metadata file");
        assertThat(catchThrowableOfType(CheckpointStorageException.class,
                () -> CheckpointFiles.load(tmp.resolve("nowhere"))).getMessage())
                .contains("no such checkpoint directory");
        Path empty = Files.createDirectories(tmp.resolve("empty"));
        assertThat(catchThrowableOfType(CheckpointStorageException.class, () -> CheckpointFiles.load(empty))
                .getMessage()).contains("holds no checkpoint");
        Path other = Files.createDirectories(tmp.resolve("other").resolve("chk-1"));
        Files.writeString(other.resolve(CheckpointFiles.METADATA), "{\"format\": \"flink\"}");
        assertThat(catchThrowableOfType(CheckpointStorageException.class, () -> CheckpointFiles.load(other))
                .getMessage()).contains("not a Streamscope checkpoint");
    }

    @Test
    void aCheckpointWhoseMetadataCannotBeWrittenFails() throws Exception {
        Path notADir = Files.writeString(tmp.resolve("file"), "x");
        Simulation sim = Simulation.of(env(log(), CheckpointConfig.every(50).withDirectory(notADir)
                .withTolerableFailures(5)), EngineConfig.defaults());
        sim.runUntilTime(120);
        List<TraceEvent.CheckpointFailed> failed = CheckpointTraces.of(sim.trace(), TraceEvent.CheckpointFailed.class);
        assertThat(failed).isNotEmpty();
        assertThat(failed.get(0).reason()).contains("could not be written to checkpoint storage");
        assertThat(failed.get(0).consecutiveFailures()).isEqualTo(1);
        assertThat(sim.latestCompletedCheckpoint()).isNull();
    }
}
