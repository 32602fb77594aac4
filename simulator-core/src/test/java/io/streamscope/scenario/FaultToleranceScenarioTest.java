package io.streamscope.scenario;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.streamscope.checkpoint.CheckpointConfig;
import io.streamscope.connectors.DeliveryGuarantee;
import io.streamscope.failover.FailoverStrategy;
import io.streamscope.failover.Fault;
import io.streamscope.failover.RestartStrategy;
import io.streamscope.sim.Simulation;
import java.util.List;
import java.util.function.Consumer;
import org.junit.jupiter.api.Test;

/**
 * The fault-tolerance fields of the scenario format: {@code checkpointing}, {@code restartStrategy},
 * {@code failoverStrategy}, {@code faults} and a sink's {@code semantics}; what they set, their defaults (Flink's),
 * and their errors (file, JSON path, what was expected).
 */
class FaultToleranceScenarioTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String FILE = "ft.json";
    private static final String BASE = """
            {
              "name": "base",
              "parallelism": 2,
              "checkpointing": { "interval": "1s" },
              "topics": [ { "name": "events", "partitions": 2, "records": [
                  { "partition": 0, "at": 0, "timestamp": 1000, "value": { "user": "a", "value": 1 } },
                  { "partition": 1, "at": 0, "timestamp": 1500, "value": { "user": "b", "value": 3 } } ] } ],
              "job": { "operators": [
                { "id": "src", "type": "source", "topic": "events", "watermarks": { "outOfOrderness": "1s" } },
                { "id": "w", "type": "window", "input": "src", "keyBy": "user",
                  "window": { "kind": "tumbling", "size": "5s" }, "aggregates": ["count"] },
                { "id": "out", "type": "sink", "input": "w", "semantics": "exactly-once" }
              ] }
            }
            """;

    private static LoadedScenario load(Consumer<ObjectNode> change) throws Exception {
        ObjectNode root = (ObjectNode) JSON.readTree(BASE);
        change.accept(root);
        return ScenarioLoader.load(FILE, JSON.writeValueAsString(root));
    }

    private static ScenarioException error(Consumer<ObjectNode> change) throws Exception {
        ObjectNode root = (ObjectNode) JSON.readTree(BASE);
        change.accept(root);
        String json = JSON.writeValueAsString(root);
        ScenarioException e = catchThrowableOfType(ScenarioException.class, () -> ScenarioLoader.load(FILE, json));
        assertThat(e).as("loading should fail").isNotNull();
        assertThat(e.getMessage()).isEqualTo(FILE + ": at " + e.jsonPath() + ": " + e.problem());
        return e;
    }

    private static void assertError(ScenarioException e, String path, String... texts) {
        assertThat(e.jsonPath()).as(e.getMessage()).isEqualTo(path);
        for (String t : texts) {
            assertThat(e.problem()).as(e.getMessage()).contains(t);
        }
    }

    private static ObjectNode obj(String json) {
        try {
            return (ObjectNode) JSON.readTree(json);
        } catch (Exception e) {
            throw new IllegalArgumentException(e);
        }
    }

    @Test
    void checkpointingDefaultsAreFlinks() throws Exception {
        LoadedScenario sc = load(r -> { });
        CheckpointConfig c = sc.env().getCheckpointConfig();
        assertThat(c.intervalMillis()).isEqualTo(1000);
        assertThat(c.timeoutMillis()).isEqualTo(600_000);
        assertThat(c.minPauseMillis()).isZero();
        assertThat(c.maxConcurrent()).isEqualTo(1);
        assertThat(c.tolerableFailures()).isZero();
        assertThat(c.unaligned()).isFalse();
        assertThat(sc.env().getRestartStrategy()).isNull(); // Flink's default applies: exponential delay
        assertThat(sc.env().getFailoverStrategy()).isEqualTo(FailoverStrategy.REGION);
        assertThat(sc.faults()).isEmpty();
        LoadedScenario off = load(r -> {
            r.remove("checkpointing");
            ((ObjectNode) r.at("/job/operators/2")).remove("semantics");
        });
        assertThat(off.env().getCheckpointConfig().enabled()).isFalse();
    }

    @Test
    void everyFieldIsRead() throws Exception {
        LoadedScenario sc = load(r -> {
            r.set("checkpointing", obj("{\"interval\": \"500ms\", \"mode\": \"unaligned\", \"timeout\": \"2s\","
                    + " \"minPause\": \"100ms\", \"maxConcurrent\": 2, \"tolerableFailures\": 3,"
                    + " \"alignedTimeout\": \"50ms\", \"retained\": 2, \"stateBackend\": \"rocksdb\"}"));
            r.set("restartStrategy", obj("{\"type\": \"fixed-delay\", \"attempts\": 3, \"delay\": \"2s\"}"));
            r.put("failoverStrategy", "full");
            r.set("faults", JSON.valueToTree(List.of(
                    java.util.Map.of("at", "5s", "kind", "fail-subtask", "subtask", "w[1]"),
                    java.util.Map.of("at", 6000, "kind", "kill-taskmanager", "taskManager", "tm-1",
                            "detectAfter", "50ms", "downFor", "1s"),
                    java.util.Map.of("at", "7s", "kind", "slow-subtask", "subtask", "src[0]", "cost", "20ms",
                            "for", "1s"),
                    java.util.Map.of("at", "8s", "kind", "fail-checkpoint-storage", "for", "3s"),
                    java.util.Map.of("at", "9s", "kind", "checkpoint-timeout"))));
        });
        CheckpointConfig c = sc.env().getCheckpointConfig();
        assertThat(c).isEqualTo(CheckpointConfig.every(500).withUnaligned(true, 50).withTimeout(2000)
                .withMinPause(100).withMaxConcurrent(2).withTolerableFailures(3).withRetained(2)
                .withBackend(CheckpointConfig.StateBackendKind.ROCKSDB_INCREMENTAL));
        assertThat(sc.env().getRestartStrategy()).isEqualTo(new RestartStrategy.FixedDelay(3, 2000));
        assertThat(sc.env().getFailoverStrategy()).isEqualTo(FailoverStrategy.FULL);
        assertThat(sc.faults()).containsExactly(new Fault.FailSubtask(5000, "w[1]"),
                new Fault.KillTaskManager(6000, "tm-1", 50, 1000), new Fault.SlowSubtask(7000, "src[0]", 20, 1000),
                new Fault.FailCheckpointStorage(8000, 3000), new Fault.CheckpointTimeout(9000, null));
        LoadedScenario exp = load(r -> r.set("restartStrategy", obj("{\"type\": \"exponential-delay\","
                + " \"initialBackoff\": \"100ms\", \"maxBackoff\": \"2s\", \"backoffMultiplier\": 2,"
                + " \"jitterFactor\": 0, \"resetBackoffThreshold\": \"10min\", \"attempts\": 5}")));
        assertThat(exp.env().getRestartStrategy()).isEqualTo(new RestartStrategy.ExponentialDelay(100, 2000, 2.0,
                600_000, 0, 5));
    }

    @Test
    void theSinkSemanticsPickTheDeliveryGuaranteeAndTheFaultPlanRuns() throws Exception {
        LoadedScenario sc = load(r -> r.set("faults", JSON.valueToTree(List.of(
                java.util.Map.of("at", "500ms", "kind", "fail-subtask", "subtask", "w[0]")))));
        Simulation sim = sc.start(null, true);
        assertThat(sim.sink("out").guarantee()).isEqualTo(DeliveryGuarantee.EXACTLY_ONCE);
        sc.run(sim);
        assertThat(sim.isFinished()).isTrue();
        assertThat(sim.view().job().restarts()).isEqualTo(1);
        assertThat(sim.sink("out").committedRows()).hasSize(2);
    }

    @Test
    void errorsNameThePathAndWhatWasExpected() throws Exception {
        assertError(error(r -> r.set("checkpointing", obj("{}"))), "$.checkpointing",
                "missing required field \"interval\"");
        assertError(error(r -> r.set("checkpointing", obj("{\"interval\": \"0s\"}"))), "$.checkpointing.interval",
                "expected a positive duration");
        assertError(error(r -> r.set("checkpointing", obj("{\"interval\": \"1s\", \"intervall\": 3}"))),
                "$.checkpointing.intervall", "unknown field \"intervall\" in the checkpointing settings",
                "allowed fields: interval, mode, timeout, minPause, maxConcurrent, tolerableFailures,"
                        + " alignedTimeout, retained, stateBackend");
        assertError(error(r -> r.set("checkpointing", obj("{\"interval\": \"1s\", \"stateBackend\": \"rocks\"}"))),
                "$.checkpointing.stateBackend", "expected \"hashmap\"", "or \"rocksdb\"", "got \"rocks\"");
        assertError(error(r -> r.set("checkpointing", obj("{\"interval\": \"1s\", \"mode\": \"exactly\"}"))),
                "$.checkpointing.mode", "expected \"aligned\" or \"unaligned\", got \"exactly\"");
        assertError(error(r -> r.set("checkpointing", obj("{\"interval\": \"1s\", \"alignedTimeout\": \"1s\"}"))),
                "$.checkpointing.alignedTimeout", "needs \"mode\": \"unaligned\"");
        assertError(error(r -> r.set("checkpointing", obj("{\"interval\": \"1s\", \"maxConcurrent\": 0}"))),
                "$.checkpointing.maxConcurrent", "expected a number of concurrent checkpoints of at least 1, got 0");
        assertError(error(r -> r.set("restartStrategy", obj("{\"type\": \"fixed-dealy\"}"))),
                "$.restartStrategy.type", "unknown restart strategy \"fixed-dealy\" (did you mean \"fixed-delay\"?)");
        assertError(error(r -> r.set("restartStrategy", obj("{\"type\": \"none\", \"attempts\": 2}"))),
                "$.restartStrategy.attempts", "unknown field \"attempts\" in the none restart strategy");
        assertError(error(r -> r.set("restartStrategy", obj("{\"type\": \"exponential-delay\","
                        + " \"jitterFactor\": 2}"))), "$.restartStrategy.jitterFactor",
                "expected a jitter factor from 0 to 1, got 2");
        assertError(error(r -> r.put("failoverStrategy", "pipelined")), "$.failoverStrategy",
                "expected \"region\" or \"full\", got \"pipelined\"");
        assertError(error(r -> r.set("faults", JSON.valueToTree(List.of(java.util.Map.of("at", "1s",
                        "kind", "fail-task", "subtask", "w[0]"))))), "$.faults[0].kind",
                "unknown fault kind \"fail-task\"", "expected one of fail-subtask, kill-taskmanager, slow-subtask,"
                        + " fail-checkpoint-storage, checkpoint-timeout");
        assertError(error(r -> r.set("faults", JSON.valueToTree(List.of(java.util.Map.of("at", "1s",
                        "kind", "fail-subtask", "subtask", "w[2]"))))), "$.faults[0].subtask",
                "no subtask \"w[2]\"", "the job has src[0], src[1], w[0], w[1]");
        assertError(error(r -> r.set("faults", JSON.valueToTree(List.of(java.util.Map.of("at", "1s",
                        "kind", "fail-subtask"))))), "$.faults[0]", "missing required field \"subtask\"");
        assertError(error(r -> r.set("faults", JSON.valueToTree(List.of(java.util.Map.of("kind",
                        "fail-subtask", "subtask", "w[0]"))))), "$.faults[0]", "missing required field \"at\"");
        assertError(error(r -> r.set("faults", JSON.valueToTree(List.of(java.util.Map.of("at", "1s",
                        "kind", "kill-taskmanager", "taskManager", "tm-3"))))), "$.faults[0].taskManager",
                "no TaskManager \"tm-3\"; the cluster has tm-1");
        assertError(error(r -> {
            r.remove("checkpointing");
            ((ObjectNode) r.at("/job/operators/2")).remove("semantics");
            r.set("faults", JSON.valueToTree(List.of(java.util.Map.of("at", "1s", "kind",
                    "fail-checkpoint-storage"))));
        }), "$.faults[0].kind", "checkpointing is off");
        assertError(error(r -> ((ObjectNode) r.at("/job/operators/2")).put("semantics", "exactly_once")),
                "$.job.operators[2].semantics", "expected one of none, at-least-once, exactly-once, got"
                        + " \"exactly_once\"");
        assertError(error(r -> r.remove("checkpointing")), "$.job.operators[2].semantics",
                "an exactly-once sink commits its transactions when checkpoints complete, so it needs checkpointing");
    }
}
