package io.streamscope.scenario;

import static org.assertj.core.api.Assertions.assertThat;

import io.streamscope.connectors.SinkTable;
import io.streamscope.data.Row;
import io.streamscope.sim.Simulation;
import io.streamscope.testing.CheckpointTraces;
import io.streamscope.trace.TraceEvent;
import io.streamscope.view.EngineView;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The checkpoint and recovery examples in /examples show what they were written to show. Expected values are
 * reasoned from Flink's rules (noted at each); a run of the same scenario without its faults is the failure-free
 * reference the delivery guarantees are defined against.
 */
class CheckpointExamplesTest {
    static Simulation run(String file) throws ScenarioException {
        LoadedScenario sc = ScenarioLoader.load(ExampleScenariosTest.EXAMPLES.resolve(file));
        Simulation sim = sc.start(null, true);
        sc.run(sim);
        return sim;
    }

    /** The same scenario with its fault plan left out. */
    static Simulation runWithoutFaults(String file) throws ScenarioException {
        LoadedScenario sc = ScenarioLoader.load(ExampleScenariosTest.EXAMPLES.resolve(file));
        Simulation sim = Simulation.of(sc.env(), sc.config());
        sim.runToEnd();
        return sim;
    }

    static Map<Row, Integer> multiset(List<SinkTable.Row> rows) {
        Map<Row, Integer> out = new HashMap<>();
        for (SinkTable.Row r : rows) {
            out.merge((Row) r.value(), 1, Integer::sum);
        }
        return out;
    }

    static List<Row> values(List<SinkTable.Row> rows) {
        List<Row> out = new ArrayList<>();
        for (SinkTable.Row r : rows) {
            out.add((Row) r.value());
        }
        return out;
    }

    /*
     * Checkpoint 1 is triggered at 500. The quiet partition's source has nothing queued, so its barrier reaches
     * the window subtask first and blocks that channel; the bursting source's barrier sits behind the burst,
     * which the window works through at 20 ms a record, so the alignment takes time.
     * Results by hand: partition 0 has ann, bob, cid in turn at 0..290; partition 1 has record i at 100 i with
     * user (i + 1) % 3: bob, cid, ann, ... So [0, 1s) counts ann 10 + 3, bob 10 + 4, cid 10 + 3, and [1s, 2s)
     * (i = 10..15: cid, ann, bob, cid, ann, bob) counts 2 each.
     */
    @Test
    void checkpointAligned() throws Exception {
        Simulation sim = run("checkpoint-aligned.json");
        assertThat(sim.isFinished()).isTrue();
        List<TraceEvent> trace = sim.trace();
        assertThat(CheckpointTraces.of(trace, TraceEvent.CheckpointTriggered.class).get(0).time()).isEqualTo(500);
        String quietSource = null;
        for (EngineView.SubtaskView s : sim.view().subtasks()) {
            for (EngineView.SplitView split : s.splits()) {
                if (split.split().equals("clicks-1")) {
                    quietSource = s.id();
                }
            }
        }
        TraceEvent.CheckpointBarrierReceived first = CheckpointTraces.of(trace,
                TraceEvent.CheckpointBarrierReceived.class).get(0);
        assertThat(first.checkpointId()).isEqualTo(1);
        assertThat(first.subtask()).isEqualTo("per-user[0]");
        assertThat(first.channel()).startsWith(quietSource + "->");
        TraceEvent.CheckpointAligned aligned = CheckpointTraces.of(trace, TraceEvent.CheckpointAligned.class).get(0);
        assertThat(aligned.checkpointId()).isEqualTo(1);
        assertThat(aligned.alignmentMillis()).isPositive();
        assertThat(CheckpointTraces.of(trace, TraceEvent.CheckpointFailed.class)).isEmpty();
        assertThat(CheckpointTraces.of(trace, TraceEvent.CheckpointCompleted.class)).hasSize(
                CheckpointTraces.of(trace, TraceEvent.CheckpointTriggered.class).size());
        assertThat(values(sim.sink("totals").rows())).containsExactlyInAnyOrder(
                Row.of("user", "ann", "start", 0L, "end", 1000L, "count", 13L, "clicks", 13L),
                Row.of("user", "bob", "start", 0L, "end", 1000L, "count", 14L, "clicks", 14L),
                Row.of("user", "cid", "start", 0L, "end", 1000L, "count", 13L, "clicks", 13L),
                Row.of("user", "ann", "start", 1000L, "end", 2000L, "count", 2L, "clicks", 2L),
                Row.of("user", "bob", "start", 1000L, "end", 2000L, "count", 2L, "clicks", 2L),
                Row.of("user", "cid", "start", 1000L, "end", 2000L, "count", 2L, "clicks", 2L));
    }

    /*
     * Checkpoint 2 is triggered at 2000: each source's due mail runs before it reads the record appended at 2000,
     * so it holds offset 40 in both partitions. The failure at 2500 restarts the job at 3000 from checkpoint 2.
     * The periodic watermark reaches 1999 only at the 2200 tick, after checkpoint 2 was taken, so the [1s, 2s)
     * windows fire after it and again after the replay: those are the duplicates.
     */
    @Test
    void failureRecovery() throws Exception {
        Simulation sim = run("failure-recovery.json");
        Simulation clean = runWithoutFaults("failure-recovery.json");
        assertThat(sim.isFinished()).isTrue();
        TraceEvent.JobFailover failover = CheckpointTraces.of(sim.trace(), TraceEvent.JobFailover.class).get(0);
        assertThat(failover.time()).isEqualTo(2500);
        assertThat(failover.subtasks()).containsExactly("readings[0]", "windows[0]");
        TraceEvent.JobRestarted restarted = CheckpointTraces.of(sim.trace(), TraceEvent.JobRestarted.class).get(0);
        assertThat(restarted.time()).isEqualTo(3000);
        assertThat(restarted.checkpointId()).isEqualTo(2);
        assertThat(CheckpointTraces.of(sim.trace(), TraceEvent.SubtaskRestored.class))
                .filteredOn(r -> r.subtask().equals("readings[0]"))
                .extracting(TraceEvent.SubtaskRestored::detail).containsExactly("readings-0@40, readings-1@40");

        SinkTable results = sim.sink("results");
        long secondWindows = clean.sink("results").rows().stream()
                .filter(r -> ((Row) r.value()).getLong("start") == 1000).count();
        assertThat(secondWindows).isPositive();
        assertThat(results.duplicates()).isEqualTo(secondWindows);
        // exactly-once state: without the duplicates, the output is the failure-free one
        assertThat(results.rows().size() - results.duplicates()).isEqualTo(clean.sink("results").rows().size());
        assertThat(multiset(results.rows()).keySet()).isEqualTo(multiset(clean.sink("results").rows()).keySet());
    }

    /*
     * tm-2 holds slot 1: readings[1] and windows[1] (with its chained sinks). It dies at 2500, the JobManager notices
     * at 2700 and restarts the whole job (one region) at 3000 from checkpoint 2. The read_committed view of
     * 'committed' equals the failure-free output; 'fast' shows the replayed windows twice.
     */
    @Test
    void exactlyOnceVersusAtLeastOnce() throws Exception {
        Simulation sim = run("exactly-once-vs-at-least-once.json");
        Simulation clean = runWithoutFaults("exactly-once-vs-at-least-once.json");
        assertThat(sim.isFinished()).isTrue();
        assertThat(CheckpointTraces.of(sim.trace(), TraceEvent.TaskFailed.class))
                .extracting(TraceEvent::subtask).containsExactly("readings[1]", "windows[1]");
        assertThat(CheckpointTraces.of(sim.trace(), TraceEvent.TaskFailed.class)).allMatch(f -> f.time() == 2700);
        TraceEvent.JobRestarted restarted = CheckpointTraces.of(sim.trace(), TraceEvent.JobRestarted.class).get(0);
        assertThat(restarted.time()).isEqualTo(3000);
        assertThat(restarted.checkpointId()).isEqualTo(2);

        SinkTable committed = sim.sink("committed");
        assertThat(multiset(committed.committedRows())).isEqualTo(multiset(clean.sink("committed").committedRows()));
        assertThat(committed.duplicates()).isZero();
        assertThat(committed.transactions()).anyMatch(t -> t.status().equals("ABORTED") && t.records() > 0);
        // each result became visible at the completion of the checkpoint after it was written
        assertThat(committed.maxVisibilityDelay()).isPositive();

        SinkTable fast = sim.sink("fast");
        assertThat(fast.duplicates()).isPositive();
        assertThat(fast.rows().size() - fast.duplicates()).isEqualTo(clean.sink("fast").rows().size());
        assertThat(fast.maxVisibilityDelay()).isZero();
    }
}
