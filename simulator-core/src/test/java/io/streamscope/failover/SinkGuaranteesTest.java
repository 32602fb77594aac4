package io.streamscope.failover;

import static org.assertj.core.api.Assertions.assertThat;

import io.streamscope.api.SingleOutputStreamOperator;
import io.streamscope.api.StreamExecutionEnvironment;
import io.streamscope.checkpoint.CheckpointConfig;
import io.streamscope.checkpoint.SnapshotCosts;
import io.streamscope.connectors.CollectingSink;
import io.streamscope.connectors.DeliveryGuarantee;
import io.streamscope.connectors.PartitionedLog;
import io.streamscope.connectors.SinkTable;
import io.streamscope.data.Row;
import io.streamscope.runtime.EngineConfig;
import io.streamscope.sim.Simulation;
import io.streamscope.testing.CheckpointTraces;
import io.streamscope.time.WatermarkStrategy;
import io.streamscope.trace.TraceEvent;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * What a reader of a sink's output sees after a failure. The job reads one partition (a record every 10 ms, record
 * i at t = 10 i) and writes each record to an at-least-once and an exactly-once sink; checkpoints every 100 ms take
 * no time. At t = 100 the source's due mail (the trigger) runs before it reads record 10, so checkpoint 1 holds
 * offset 10. A failure at 155, after records 0..15 were written, restarts the job at once from checkpoint 1.
 */
class SinkGuaranteesTest {
    static final SnapshotCosts INSTANT = new SnapshotCosts(0, 1L << 40, 0, 1L << 40);

    static Simulation job(int records, List<Fault> faults) {
        PartitionedLog log = new PartitionedLog("events", 1, true);
        for (int i = 0; i < records; i++) {
            log.append(0, null, Row.of("n", (long) i), i, 10L * i);
        }
        StreamExecutionEnvironment env = StreamExecutionEnvironment.create()
                .setCheckpointConfig(CheckpointConfig.every(100).withCosts(INSTANT))
                .setRestartStrategy(new RestartStrategy.FixedDelay(1, 0));
        SingleOutputStreamOperator<Row> src = env.fromSource(log, WatermarkStrategy.forMonotonousTimestamps(),
                "src");
        src.sinkTo(new CollectingSink("atLeast", DeliveryGuarantee.AT_LEAST_ONCE));
        src.sinkTo(new CollectingSink("exactly", DeliveryGuarantee.EXACTLY_ONCE));
        Simulation sim = Simulation.of(env, EngineConfig.defaults());
        sim.scheduleFaults(faults);
        return sim;
    }

    static List<Long> ns(List<SinkTable.Row> rows) {
        return rows.stream().map(r -> ((Row) r.value()).getLong("n")).toList();
    }

    @Test
    void theAtLeastOnceSinkWritesTheReplayedRecordsAgainAndCountsThem() {
        Simulation sim = job(30, List.of(new Fault.FailSubtask(155, "src[0]")));
        sim.runToEnd();
        SinkTable t = sim.sink("atLeast");
        // records 10..15 were written before the failure and again by the replay from offset 10
        assertThat(t.duplicates()).isEqualTo(6);
        assertThat(t.rows()).hasSize(36);
        assertThat(ns(t.rows()).subList(0, 22)).containsExactly(0L, 1L, 2L, 3L, 4L, 5L, 6L, 7L, 8L, 9L, 10L, 11L,
                12L, 13L, 14L, 15L, 10L, 11L, 12L, 13L, 14L, 15L);
        assertThat(CheckpointTraces.of(sim.trace(), TraceEvent.DuplicateWritten.class)).hasSize(6)
                .allMatch(d -> d.sink().equals("atLeast") && d.time() == 155);
    }

    @Test
    void theExactlyOnceSinksReadCommittedViewNeverShowsADuplicateOrALoss() {
        Simulation sim = job(30, List.of(new Fault.FailSubtask(155, "src[0]")));
        sim.runToEnd();
        SinkTable t = sim.sink("exactly");
        assertThat(ns(t.committedRows())).containsExactlyElementsOf(
                java.util.stream.LongStream.range(0, 30).boxed().toList());
        // a read_uncommitted reader saw 10..15 twice: once in the aborted transaction
        assertThat(t.rows()).hasSize(36);
        List<TraceEvent.TransactionAborted> aborted = CheckpointTraces.of(sim.trace(),
                TraceEvent.TransactionAborted.class);
        assertThat(aborted).hasSize(1);
        assertThat(aborted.get(0).records()).isEqualTo(6);
        assertThat(aborted.get(0).time()).isEqualTo(155);
        assertThat(t.duplicates()).isZero();
    }

    @Test
    void exactlyOnceOutputBecomesVisibleOnlyWhenItsCheckpointCompletes() {
        Simulation sim = job(30, List.of());
        sim.runUntilTime(150);
        SinkTable t = sim.sink("exactly");
        // checkpoint 1 completed at 100 with records 0..9; 10..15 wait in an open transaction
        assertThat(ns(t.committedRows())).containsExactly(0L, 1L, 2L, 3L, 4L, 5L, 6L, 7L, 8L, 9L);
        assertThat(t.rows()).hasSize(16);
        assertThat(ns(sim.sink("atLeast").committedRows())).hasSize(16);
        sim.runToEnd();
        for (TraceEvent.TransactionCommitted c : CheckpointTraces.of(sim.trace(),
                TraceEvent.TransactionCommitted.class)) {
            assertThat(CheckpointTraces.of(sim.trace(), TraceEvent.CheckpointCompleteNotified.class))
                    .anyMatch(n -> n.checkpointId() == c.checkpointId() && n.time() == c.time()
                            && n.subtask().equals(c.subtask()));
        }
        // record 0 was written at 0 and committed with checkpoint 1 at 100: it waited longest
        assertThat(t.visibilityDelays().get(0)).isEqualTo(100);
        assertThat(t.maxVisibilityDelay()).isEqualTo(100);
        assertThat(sim.sink("atLeast").maxVisibilityDelay()).isZero();
        assertThat(sim.view().sinks()).anySatisfy(v -> {
            assertThat(v.name()).isEqualTo("exactly");
            assertThat(v.guarantee()).isEqualTo("exactly-once");
            assertThat(v.committed()).hasSize(30);
            assertThat(v.transactions()).allMatch(x -> x.status().equals("COMMITTED"));
        });
    }
}
