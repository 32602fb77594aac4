package io.streamscope.scenario;

import static org.assertj.core.api.Assertions.assertThat;

import io.streamscope.api.builtin.SessionizeFunction;
import io.streamscope.api.functions.FieldKeySelector;
import io.streamscope.connectors.LogRecord;
import io.streamscope.connectors.PartitionedLog;
import io.streamscope.data.Row;
import io.streamscope.graph.ExecutionPlan;
import io.streamscope.graph.JobEdge;
import io.streamscope.graph.JobGraph;
import io.streamscope.graph.JobVertex;
import io.streamscope.graph.OperatorSpec;
import io.streamscope.graph.Partitioner;
import io.streamscope.runtime.EngineConfig;
import io.streamscope.sim.Simulation;
import io.streamscope.time.WatermarkStrategy;
import io.streamscope.window.WindowAssigner;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/** A scenario file becomes the job it describes: operators, parallelism, partitioners, chaining, settings. */
class ScenarioRoundTripTest {
    private static final String JOB = """
            {
              "name": "round trip",
              "description": "every kind of operator",
              "seed": 99,
              "runUntil": "1min",
              "engine": { "channelLatency": "2ms", "latencyJitter": "1ms", "inputBuffers": 3, "outputBuffers": 5,
                          "autoWatermarkInterval": "100ms", "chaining": true },
              "cluster": { "taskManagers": 2, "slotsPerTaskManager": 2 },
              "parallelism": 2,
              "maxParallelism": 64,
              "topics": [
                { "name": "events", "partitions": 2, "bounded": false, "records": [
                  { "partition": 1, "timestamp": "10:02", "key": "alice",
                    "value": { "user": "alice", "page": "/home", "value": 3 } },
                  { "partition": 1, "at": "2s", "timestamp": 1000, "key": "bob",
                    "value": { "user": "bob", "page": "/x", "value": -5 } },
                  { "partition": 0, "at": 250, "value": { "user": "carol", "page": "/", "value": 1.5,
                    "timestamp": 7 } }
                ] }
              ],
              "job": { "operators": [
                { "id": "src", "name": "Kafka: events", "type": "source", "topic": "events",
                  "watermarks": "none" },
                { "id": "ts", "type": "timestamps", "input": "src",
                  "watermarks": { "outOfOrderness": "2s", "timestampField": "timestamp", "idleness": "5s",
                                  "emit": "per-event" } },
                { "id": "f", "type": "filter", "input": "ts", "partitioning": "rebalance",
                  "field": "value", "op": ">", "value": 0 },
                { "id": "m", "type": "map", "input": "f", "chaining": false,
                  "select": ["user", "page", "value"], "set": { "region": "eu" } },
                { "id": "w", "type": "window", "input": "m", "keyBy": "user", "parallelism": 3,
                  "maxParallelism": 16, "cost": "2ms",
                  "window": { "kind": "sliding", "size": "10s", "slide": "5s", "offset": "1s" },
                  "allowedLateness": "1s", "lateOutput": "late",
                  "aggregates": ["count", "max(value) as top", "distinctCount(page)"] },
                { "id": "sess", "type": "sessionize", "input": "m", "keyBy": "user", "gap": "30min",
                  "distinct": "page", "lateOutput": "late-sessions" },
                { "id": "out", "type": "sink", "input": "w", "parallelism": 1 },
                { "id": "lateOut", "type": "sink", "input": "w", "sideOutput": "late", "partitioning": "broadcast" },
                { "id": "sessOut", "type": "sink", "input": "sess", "keyBy": "user" }
              ] }
            }
            """;

    private static Partitioner partitionerInto(JobGraph g, String target) {
        List<JobEdge> in = g.inputs(g.vertex(target));
        assertThat(in).hasSize(1);
        return in.get(0).partitioner();
    }

    @Test
    void theGraphHasTheDeclaredOperatorsParallelismAndPartitioners() throws Exception {
        LoadedScenario sc = ScenarioLoader.load("round-trip.json", JOB);
        JobGraph g = sc.env().getJobGraph();
        assertThat(g.vertices()).extracting(JobVertex::name)
                .containsExactly("src", "ts", "f", "m", "w", "sess", "out", "lateOut", "sessOut");
        assertThat(g.vertices()).extracting(JobVertex::parallelism).containsExactly(2, 2, 2, 2, 3, 2, 1, 2, 2);
        assertThat(g.vertex("w").maxParallelism()).isEqualTo(16);
        assertThat(g.vertex("f").maxParallelism()).isEqualTo(64);
        assertThat(g.vertex("w").costMillis()).isEqualTo(2);
        assertThat(g.vertex("m").chainingAllowed()).isFalse();
        assertThat(g.vertex("f").chainingAllowed()).isTrue();

        assertThat(partitionerInto(g, "ts")).isInstanceOf(Partitioner.Forward.class);
        assertThat(partitionerInto(g, "f")).isInstanceOf(Partitioner.Rebalance.class);
        assertThat(partitionerInto(g, "m")).isInstanceOf(Partitioner.Forward.class);
        assertThat(partitionerInto(g, "w")).isInstanceOf(Partitioner.KeyGroup.class);
        assertThat(((Partitioner.KeyGroup) partitionerInto(g, "w")).keySelector())
                .isEqualTo(new FieldKeySelector("user"));
        assertThat(partitionerInto(g, "out")).as("parallelism 3 -> 1 defaults to rebalance")
                .isInstanceOf(Partitioner.Rebalance.class);
        assertThat(partitionerInto(g, "lateOut")).isInstanceOf(Partitioner.Broadcast.class);
        assertThat(g.inputs(g.vertex("lateOut")).get(0).outputTag()).isEqualTo("late");
        assertThat(g.inputs(g.vertex("out")).get(0).outputTag()).isNull();
        assertThat(partitionerInto(g, "sessOut")).isInstanceOf(Partitioner.KeyGroup.class);

        OperatorSpec.Window w = (OperatorSpec.Window) g.vertex("w").spec();
        assertThat(w.assigner()).isEqualTo(new WindowAssigner.Sliding(10_000, 5_000, 1_000, true));
        assertThat(w.allowedLatenessMillis()).isEqualTo(1000);
        assertThat(w.lateDataTag().id()).isEqualTo("late");
        SessionizeFunction sess = (SessionizeFunction) ((OperatorSpec.KeyedProcess) g.vertex("sess").spec())
                .function();
        assertThat(sess.gapMillis()).isEqualTo(30 * 60_000);
        assertThat(sess.distinctField()).isEqualTo("page");
        assertThat(sess.lateTag().id()).isEqualTo("late-sessions");

        OperatorSpec.Source src = (OperatorSpec.Source) g.vertex("src").spec();
        assertThat(src.watermarkStrategy()).isEqualTo(WatermarkStrategy.noWatermarks());
        assertThat(((OperatorSpec.TimestampsAndWatermarks) g.vertex("ts").spec()).watermarkStrategy())
                .isEqualTo(WatermarkStrategy.forBoundedOutOfOrderness(java.time.Duration.ofSeconds(2))
                        .withTimestampField("timestamp").withIdleness(java.time.Duration.ofSeconds(5))
                        .withEmission(WatermarkStrategy.Emission.PER_EVENT));
        assertThat(((OperatorSpec.Filter) g.vertex("f").spec()).function()).isEqualTo(new FieldFilter("value", ">",
                0L));
    }

    @Test
    void chainsFollowForwardEdgesOfEqualParallelism() throws Exception {
        LoadedScenario sc = ScenarioLoader.load("round-trip.json", JOB);
        ExecutionPlan plan = new ExecutionPlan(sc.env().getJobGraph(), sc.config().cluster(),
                sc.config().chainingEnabled());
        // src -> ts is forward with equal parallelism: one chain; f after a rebalance; m refuses chaining;
        // w and sess are keyed; sinks: out (3 -> 1, rebalance), lateOut (broadcast), sessOut (keyBy)
        assertThat(plan.chains()).extracting(ExecutionPlan.Chain::name)
                .containsExactly("src -> ts", "f", "m", "w", "sess", "out", "lateOut", "sessOut");
        assertThat(plan.slots()).hasSize(3);
        assertThat(plan.subtasks()).extracting(ExecutionPlan.SubtaskRef::id).contains("w[0]", "w[2]", "out[0]");
    }

    @Test
    void chainingOffForTheWholeJob() throws Exception {
        LoadedScenario sc = ScenarioLoader.load("round-trip.json", JOB.replace("\"chaining\": true", "\"chaining\":"
                + " false"));
        assertThat(sc.config().chainingEnabled()).isFalse();
        Simulation sim = sc.start(null, false);
        assertThat(sim.plan().chains()).hasSize(9);
    }

    @Test
    void settingsReachTheEngineConfig() throws Exception {
        LoadedScenario sc = ScenarioLoader.load("round-trip.json", JOB);
        EngineConfig c = sc.config();
        assertThat(c.seed()).isEqualTo(99);
        assertThat(c.channelLatencyMillis()).isEqualTo(2);
        assertThat(c.latencyJitterMillis()).isEqualTo(1);
        assertThat(c.inputBufferCapacity()).isEqualTo(3);
        assertThat(c.outputBufferCapacity()).isEqualTo(5);
        assertThat(c.autoWatermarkIntervalMillis()).isEqualTo(100);
        assertThat(c.cluster().taskManagers()).isEqualTo(2);
        assertThat(c.cluster().slotsPerTaskManager()).isEqualTo(2);
        assertThat(sc.runUntil()).isEqualTo(60_000L);
        assertThat(sc.name()).isEqualTo("round trip");
        assertThat(sc.description()).isEqualTo("every kind of operator");
        assertThat(sc.operatorNames()).containsEntry("src", "Kafka: events").containsEntry("w", "w");
        assertThat(sc.operatorNames().keySet()).containsExactly("src", "ts", "f", "m", "w", "sess", "out", "lateOut",
                "sessOut");
    }

    @Test
    void recordsBecomeRowsWithTheirTimestamp() throws Exception {
        LoadedScenario sc = ScenarioLoader.load("round-trip.json", JOB);
        PartitionedLog log = ((OperatorSpec.Source) sc.env().getJobGraph().vertex("src").spec()).log();
        assertThat(log.isBounded()).isFalse();
        List<LogRecord> p1 = log.partition(1).records();
        long tenOhTwo = (10 * 60 + 2) * 60_000L;
        // an object value keeps its field order; the record's timestamp is appended as a field
        assertThat(p1.get(0)).isEqualTo(new LogRecord(0, "alice",
                Row.of("user", "alice", "page", "/home", "value", 3L, "timestamp", tenOhTwo), tenOhTwo, 0));
        // "at" defaults to the previous record's in the partition (here 0); "2s" is 2000 ms
        assertThat(p1.get(1).appendTime()).isEqualTo(2000);
        // without a record timestamp, the value's own timestamp field is the record's
        assertThat(log.partition(0).records()).containsExactly(new LogRecord(0, null,
                Row.of("user", "carol", "page", "/", "value", 1.5, "timestamp", 7L), 7, 250));
    }

    @Test
    void aScalarValueBecomesKeyTimestampValue() throws Exception {
        LoadedScenario sc = ScenarioLoader.load("scalar.json", """
                { "name": "scalars",
                  "topics": [ { "name": "t", "records": [
                    { "at": "1s", "timestamp": 1000, "key": "bob", "value": 5 },
                    { "timestamp": "00:00:02", "value": "x" } ] } ],
                  "job": { "operators": [
                    { "id": "s", "type": "source", "topic": "t", "watermarks": "none" },
                    { "id": "o", "type": "sink", "input": "s" } ] } }
                """);
        PartitionedLog log = ((OperatorSpec.Source) sc.env().getJobGraph().vertex("s").spec()).log();
        assertThat(log.partition(0).records()).containsExactly(
                new LogRecord(0, "bob", Row.of("key", "bob", "timestamp", 1000L, "value", 5L), 1000, 1000),
                new LogRecord(1, null, Row.of("timestamp", 2000L, "value", "x"), 2000, 1000));
    }

    @Test
    void theRoundTripJobRuns() throws Exception {
        LoadedScenario sc = ScenarioLoader.load("round-trip.json", JOB);
        Simulation sim = sc.start(null, true);
        sc.run(sim);
        assertThat(sim.now()).isEqualTo(60_000);
        assertThat(sim.sinks()).containsOnlyKeys("out", "lateOut", "sessOut");
        // nothing is finished in an unbounded job, but the filter (value > 0) let alice and carol through
        assertThat(sim.trace()).filteredOn(e -> e instanceof io.streamscope.trace.TraceEvent.RecordRead).hasSize(3);
    }

    @Test
    void anUnboundedJobWithoutRunUntilIsNotRunForever() throws Exception {
        LoadedScenario sc = ScenarioLoader.load("round-trip.json", JOB.replace("\"runUntil\": \"1min\",", ""));
        assertThat(sc.runUntil()).isNull();
        Simulation sim = sc.start(null, false);
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> sc.run(sim))
                .isInstanceOf(IllegalStateException.class).hasMessageContaining("never ends by itself");
    }

    @Test
    void aSeedGivenAtStartReplacesTheFilesSeed() throws Exception {
        LoadedScenario sc = ScenarioLoader.load("round-trip.json", JOB);
        assertThat(sc.start(null, false).runtime().config().seed()).isEqualTo(99);
        assertThat(sc.start(5L, false).runtime().config().seed()).isEqualTo(5);
    }

    @Test
    void generatedRecordsFollowTheGeneratorsRules() {
        GeneratedRecords g = new GeneratedRecords("user", List.of("a", "b", "c"), 10, 100, 5_000, 1_000, 300, 1, 6);
        SplittableRandom random = new SplittableRandom(42);
        for (long o = 0; o < 200; o++) {
            LogRecord r = g.generate(1, o, random);
            Row row = (Row) r.value();
            assertThat(r.offset()).isEqualTo(o);
            assertThat(r.appendTime()).isEqualTo(100 + o * 10);
            assertThat(r.timestamp()).isBetween(5_000 + o * 1_000 - 300, 5_000 + o * 1_000);
            assertThat(row.fieldNames()).containsExactly("user", "timestamp", "value");
            assertThat(row.get("user")).isIn("a", "b", "c").isEqualTo(r.key());
            assertThat(row.getLong("timestamp")).isEqualTo(r.timestamp());
            assertThat(row.getLong("value")).isBetween(1L, 6L);
        }
        // the same seed draws the same records
        SplittableRandom a = new SplittableRandom(7);
        SplittableRandom b = new SplittableRandom(7);
        for (long o = 0; o < 20; o++) {
            assertThat(g.generate(0, o, a)).isEqualTo(g.generate(0, o, b));
        }
    }

    @Test
    void aGeneratedTopicIsBoundedByItsCount() throws Exception {
        LoadedScenario sc = ScenarioLoader.load("gen.json", """
                { "name": "gen",
                  "topics": [ { "name": "t", "partitions": 3,
                    "generator": { "count": 5, "interval": "10ms", "keys": ["k"] } } ],
                  "job": { "operators": [
                    { "id": "s", "type": "source", "topic": "t", "watermarks": { "emit": "per-event" } },
                    { "id": "o", "type": "sink", "input": "s" } ] } }
                """);
        Simulation sim = sc.start(null, false);
        sc.run(sim);
        assertThat(sim.isFinished()).isTrue();
        assertThat(sim.sink("o").values()).hasSize(15)
                .allSatisfy(v -> assertThat(((Row) v).fieldNames()).containsExactly("key", "timestamp", "value"));
    }
}
