package io.streamscope.checkpoint;

import static org.assertj.core.api.Assertions.assertThat;

import io.streamscope.data.Row;
import io.streamscope.sim.Simulation;
import io.streamscope.state.RocksDbModel;
import io.streamscope.testing.CheckpointTraces;
import io.streamscope.trace.TraceEvent;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;

/**
 * The embedded RocksDB model and incremental checkpoints (Flink's RocksIncrementalSnapshotStrategy): a flush writes
 * what changed since the last one into a new immutable SST file; a checkpoint uploads only files no completed
 * checkpoint holds yet and shares the rest; four level-0 files are compacted into one that keeps only the newest
 * version of each key group. Full size counts every live file; checkpointed size what was uploaded.
 */
class RocksDbIncrementalTest {
    static TreeMap<Integer, byte[]> groups(Object... groupAndSize) {
        TreeMap<Integer, byte[]> out = new TreeMap<>();
        for (int i = 0; i < groupAndSize.length; i += 2) {
            out.put((Integer) groupAndSize[i], new byte[(Integer) groupAndSize[i + 1]]);
        }
        return out;
    }

    static TreeMap<Integer, byte[]> changed(TreeMap<Integer, byte[]> base, int group, int size, int fill) {
        TreeMap<Integer, byte[]> out = new TreeMap<>(base);
        byte[] b = new byte[size];
        java.util.Arrays.fill(b, (byte) fill);
        out.put(group, b);
        return out;
    }

    @Test
    void aFlushWritesOnlyWhatChangedAndACompletedCheckpointsFilesAreShared() {
        RocksDbModel db = new RocksDbModel();
        TreeMap<Integer, byte[]> s1 = groups(1, 100, 2, 200);
        RocksDbModel.Snapshot c1 = db.snapshot(1, s1);
        // the first checkpoint uploads everything: one new file of 300 bytes
        assertThat(c1).isEqualTo(new RocksDbModel.Snapshot(300, 300, 300, 1, 0, false));
        db.checkpointComplete(1);
        TreeMap<Integer, byte[]> s2 = changed(s1, 2, 50, 7);
        RocksDbModel.Snapshot c2 = db.snapshot(2, s2);
        // group 2 changed: a new 50-byte file; the first file is shared; the old version of group 2 still counts
        assertThat(c2).isEqualTo(new RocksDbModel.Snapshot(350, 50, 50, 1, 1, false));
        // checkpoint 2 never completes: checkpoint 3 uploads its file again, plus what changed since
        TreeMap<Integer, byte[]> s3 = changed(s2, 3, 10, 1);
        RocksDbModel.Snapshot c3 = db.snapshot(3, s3);
        assertThat(c3).isEqualTo(new RocksDbModel.Snapshot(360, 60, 10, 2, 1, false));
        db.checkpointComplete(3);
        // nothing changed: no new file, nothing to upload
        assertThat(db.snapshot(4, s3)).isEqualTo(new RocksDbModel.Snapshot(360, 0, 0, 0, 3, false));
    }

    @Test
    void fourFilesAreCompactedIntoOneWithTheNewestVersionsOnly() {
        RocksDbModel db = new RocksDbModel();
        TreeMap<Integer, byte[]> s = groups(1, 100, 2, 100);
        db.snapshot(1, s);
        db.checkpointComplete(1);
        s = changed(s, 1, 100, 2);
        db.snapshot(2, s);
        db.checkpointComplete(2);
        s = changed(s, 1, 100, 3);
        db.snapshot(3, s);
        db.checkpointComplete(3);
        TreeMap<Integer, byte[]> last = new TreeMap<>(s);
        last.remove(2); // group 2 cleared: a tombstone, then gone after the compaction
        RocksDbModel.Snapshot c4 = db.snapshot(4, last);
        // the fourth file triggers the compaction: one file with group 1's newest 100 bytes, uploaded anew
        assertThat(c4).isEqualTo(new RocksDbModel.Snapshot(100, 100, 0, 1, 0, true));
        assertThat(db.describeFiles()).hasSize(1);
    }

    @Test
    void incrementalCheckpointsOfARunningJobUploadLessThanTheirFullSize() {
        Simulation sim = AlignedCheckpointTest.job(AlignedCheckpointTest.log(40, 40),
                CheckpointConfig.every(50).withBackend(CheckpointConfig.StateBackendKind.ROCKSDB_INCREMENTAL));
        sim.runToEnd();
        List<TraceEvent.CheckpointSnapshotTaken> atCounter = CheckpointTraces.of(sim.trace(),
                TraceEvent.CheckpointSnapshotTaken.class).stream().filter(s -> s.subtask().equals("count[0]"))
                .toList();
        assertThat(atCounter.get(0).checkpointedBytes()).isEqualTo(atCounter.get(0).stateBytes());
        assertThat(atCounter).anyMatch(s -> s.checkpointedBytes() < s.stateBytes() && s.detail().contains("shared"));
        assertThat(sim.view().checkpoints()).anyMatch(c -> c.status().equals("COMPLETED")
                && c.checkpointedBytes() < c.fullBytes());
        // the results do not depend on the backend
        Simulation heap = AlignedCheckpointTest.job(AlignedCheckpointTest.log(40, 40), CheckpointConfig.every(50));
        heap.runToEnd();
        assertThat(values(sim)).isEqualTo(values(heap));
    }

    @Test
    void aJobRestoredFromAnIncrementalCheckpointSharesTheRestoredFiles() {
        Simulation first = AlignedCheckpointTest.job(AlignedCheckpointTest.log(40, 40),
                CheckpointConfig.every(50).withBackend(CheckpointConfig.StateBackendKind.ROCKSDB_INCREMENTAL));
        first.runUntilTime(260);
        CompletedCheckpoint cp = first.latestCompletedCheckpoint();
        Simulation second = Simulation.of(rebuilt(), io.streamscope.runtime.EngineConfig.defaults(), cp);
        second.runToEnd();
        TraceEvent.CheckpointSnapshotTaken firstAfter = CheckpointTraces.of(second.trace(),
                TraceEvent.CheckpointSnapshotTaken.class).stream().filter(s -> s.subtask().equals("count[0]"))
                .findFirst().orElseThrow();
        assertThat(firstAfter.detail()).contains("shared");
        assertThat(firstAfter.checkpointedBytes()).isLessThan(firstAfter.stateBytes());
        assertThat(second.view().subtask("count[0]").sstFiles()).isNotEmpty();
    }

    /** The job of {@link AlignedCheckpointTest#job}, declared again for a second run. */
    private static io.streamscope.api.StreamExecutionEnvironment rebuilt() {
        io.streamscope.api.StreamExecutionEnvironment env = io.streamscope.api.StreamExecutionEnvironment.create()
                .setParallelism(2).setCheckpointConfig(CheckpointConfig.every(50)
                        .withBackend(CheckpointConfig.StateBackendKind.ROCKSDB_INCREMENTAL));
        env.<Row>fromSource(AlignedCheckpointTest.log(40, 40), io.streamscope.time.WatermarkStrategy
                        .forMonotonousTimestamps(), "src")
                .keyBy(new io.streamscope.api.functions.FieldKeySelector("key"))
                .process(new io.streamscope.testing.Counter(), "count").setParallelism(1)
                .setProcessingCost(java.time.Duration.ofMillis(5))
                .sinkTo(new io.streamscope.connectors.CollectingSink("out")).setParallelism(1);
        return env;
    }

    private static Map<Object, Long> values(Simulation sim) {
        Map<Object, Long> out = new TreeMap<>();
        for (var r : sim.sink("out").rows()) {
            Row row = (Row) r.value();
            out.merge(row.get("key"), 1L, Long::sum);
        }
        return out;
    }
}
