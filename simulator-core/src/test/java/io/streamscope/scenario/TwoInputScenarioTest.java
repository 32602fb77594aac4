package io.streamscope.scenario;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.streamscope.data.Row;
import io.streamscope.sim.Simulation;
import java.util.List;
import java.util.function.Consumer;
import org.junit.jupiter.api.Test;

/**
 * Unions and interval joins in scenario files: what they build, and one test per mistake, each naming the file,
 * the JSON path and what was expected.
 */
class TwoInputScenarioTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String FILE = "join.json";

    private static final String BASE = """
            {
              "name": "join",
              "topics": [
                { "name": "orders", "records": [
                  { "at": 0, "timestamp": 1000, "value": { "id": "o1", "amount": 5 } },
                  { "at": 10, "timestamp": 2000, "value": { "id": "o2", "amount": 7 } }
                ] },
                { "name": "payments", "records": [
                  { "at": 5, "timestamp": 1500, "value": { "order": "o1", "amount": 5, "method": "card" } },
                  { "at": 20, "timestamp": 9000, "value": { "order": "o2", "amount": 7, "method": "cash" } }
                ] },
                { "name": "more-orders", "records": [
                  { "at": 3, "timestamp": 1200, "value": { "id": "o3", "amount": 1 } }
                ] }
              ],
              "job": { "operators": [
                { "id": "orders", "type": "source", "topic": "orders", "watermarks": { "outOfOrderness": "0ms" } },
                { "id": "more", "type": "source", "topic": "more-orders", "watermarks": { "outOfOrderness": "0ms" } },
                { "id": "payments", "type": "source", "topic": "payments", "watermarks": { "outOfOrderness": "0ms" } },
                { "id": "all-orders", "type": "union", "inputs": ["orders", "more"] },
                { "id": "join", "type": "intervalJoin", "input": "all-orders", "keyBy": "id",
                  "other": "payments", "otherKeyBy": "order", "between": { "lower": "0s", "upper": "5s" } },
                { "id": "out", "type": "sink", "input": "join" }
              ] }
            }
            """;

    private static ObjectNode base() throws Exception {
        return (ObjectNode) JSON.readTree(BASE);
    }

    private static ObjectNode op(ObjectNode root, int i) {
        return (ObjectNode) root.at("/job/operators/" + i);
    }

    private static ScenarioException error(Consumer<ObjectNode> change) throws Exception {
        ObjectNode root = base();
        change.accept(root);
        String json = JSON.writerWithDefaultPrettyPrinter().writeValueAsString(root);
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

    @Test
    void aUnionFeedsAnIntervalJoinWhoseRowsHaveBothSidesFields() throws Exception {
        LoadedScenario sc = ScenarioLoader.load(FILE, BASE);
        Simulation sim = sc.start(null, true);
        sc.run(sim);
        var graph = sim.plan().jobGraph();
        // the union is no operator: the join has three inbound edges, two on its first input
        assertThat(graph.vertices()).extracting(v -> v.name()).doesNotContain("all-orders");
        assertThat(graph.inputs(graph.vertex("join"))).extracting(e -> e.source().name() + "/" + e.input())
                .containsExactly("orders/0", "more/0", "payments/1");
        // o1@1000 + payment@1500 (within [1000, 6000]); o2@2000 + payment@9000 is outside [2000, 7000]; o3 unpaid
        List<Object> rows = sim.sink("out").values();
        assertThat(rows).hasSize(1);
        Row r = (Row) rows.get(0);
        // the right's "amount" and "timestamp" are taken by the left row: renamed with the right input's id
        assertThat(r.fieldNames()).containsExactly("id", "amount", "timestamp", "order", "payments.amount",
                "method", "payments.timestamp");
        assertThat(r.get("payments.amount")).isEqualTo(5L);
        assertThat(sim.sink("out").rows().get(0).timestamp()).isEqualTo(1500L);
    }

    @Test
    void aSharedKeyFieldIsKeptOnce() throws Exception {
        ObjectNode root = base();
        ((ArrayNode) root.at("/topics/1/records")).forEach(rec -> {
            ObjectNode v = (ObjectNode) rec.get("value");
            v.set("id", v.get("order"));
            v.remove("order");
        });
        op(root, 4).remove("otherKeyBy");
        LoadedScenario sc = ScenarioLoader.load(FILE, JSON.writeValueAsString(root));
        Simulation sim = sc.start(null, true);
        sc.run(sim);
        Row r = (Row) sim.sink("out").values().get(0);
        assertThat(r.fieldNames()).containsExactly("id", "amount", "timestamp", "payments.amount", "method",
                "payments.timestamp");
    }

    @Test
    void anUnknownOtherInputIsNamedWithTheDeclaredOnes() throws Exception {
        assertError(error(root -> op(root, 4).put("other", "paymnets")), "$.job.operators[4].other",
                "unknown input \"paymnets\" (did you mean \"payments\"?)");
    }

    @Test
    void anOtherInputDeclaredLaterIsACycleRefused() throws Exception {
        assertError(error(root -> op(root, 4).put("other", "out")), "$.job.operators[4].other",
                "is declared later, at $.job.operators[5]", "rules out cycles");
        assertError(error(root -> op(root, 4).put("other", "join")), "$.job.operators[4].other",
                "an operator cannot read its own output");
    }

    @Test
    void aLowerBoundAboveTheUpperIsRefused() throws Exception {
        assertError(error(root -> ((ObjectNode) op(root, 4).get("between")).put("lower", "6s")),
                "$.job.operators[4].between", "the lower bound (6s) is above the upper bound (5s)",
                "lowerBound <= upperBound");
    }

    @Test
    void keysOfDifferentKindsAreRefused() throws Exception {
        assertError(error(root -> op(root, 4).put("otherKeyBy", "amount")), "$.job.operators[4].otherKeyBy",
                "the join's keys do not match", "\"id\" holds a string", "\"amount\" of \"payments\" holds a number");
    }

    @Test
    void aMissingOtherKeyFieldIsRefused() throws Exception {
        assertError(error(root -> op(root, 4).remove("otherKeyBy")), "$.job.operators[4].keyBy",
                "no field \"id\" in the rows reaching this operator");
    }

    @Test
    void aJoinNeedsAKeyAndAnInterval() throws Exception {
        assertError(error(root -> op(root, 4).remove("keyBy")), "$.job.operators[4]",
                "missing required field \"keyBy\"");
        assertError(error(root -> op(root, 4).remove("between")), "$.job.operators[4]",
                "missing required field \"between\"");
        assertError(error(root -> ((ObjectNode) op(root, 4).get("between")).put("uper", "5s")),
                "$.job.operators[4].between.uper", "did you mean \"upper\"?");
        assertError(error(root -> op(root, 4).put("partitioning", "rebalance")), "$.job.operators[4].partitioning",
                "partitioning is always by key");
    }

    @Test
    void bothSidesLateOutputsNeedTheirOwnNames() throws Exception {
        assertError(error(root -> op(root, 4).put("lateOutput", "late").put("otherLateOutput", "late")),
                "$.job.operators[4].otherLateOutput", "the side output \"late\" is already the left input's",
                "give each side its own name");
    }

    @Test
    void anExclusiveFlagIsABoolean() throws Exception {
        assertError(error(root -> ((ObjectNode) op(root, 4).get("between")).put("lowerExclusive", "yes")),
                "$.job.operators[4].between.lowerExclusive", "expected true or false");
        assertError(error(root -> ((ObjectNode) op(root, 4).get("between")).put("upperExclusive", 1)),
                "$.job.operators[4].between.upperExclusive", "expected true or false");
    }

    @Test
    void unionMistakes() throws Exception {
        assertError(error(root -> ((ArrayNode) op(root, 3).get("inputs")).remove(1)), "$.job.operators[3].inputs",
                "expected at least two operator ids to merge, got 1");
        assertError(error(root -> ((ArrayNode) op(root, 3).get("inputs")).set(1, "orders")),
                "$.job.operators[3].inputs[1]", "\"orders\" is already an input of this union");
        assertError(error(root -> ((ArrayNode) op(root, 3).get("inputs")).set(1, "payments")),
                "$.job.operators[3].inputs[1]", "a union merges streams of one type");
        assertError(error(root -> ((ArrayNode) op(root, 3).get("inputs")).set(1, "nope")),
                "$.job.operators[3].inputs[1]", "unknown input \"nope\"");
        assertError(error(root -> op(root, 3).put("parallelism", 2)), "$.job.operators[3].parallelism",
                "unknown field \"parallelism\" in a union operator");
    }

    @Test
    void theLateOutputsOfBothSidesCanBeRead() throws Exception {
        ObjectNode root = base();
        op(root, 4).put("lateOutput", "late-orders").put("otherLateOutput", "late-payments");
        ArrayNode ops = (ArrayNode) root.at("/job/operators");
        ops.add(JSON.readTree("{\"id\": \"lp\", \"type\": \"sink\", \"input\": \"join\", \"sideOutput\":"
                + " \"late-payments\"}"));
        ScenarioLoader.load(FILE, JSON.writeValueAsString(root));
        op(root, 6).put("sideOutput", "late-paymens");
        ScenarioException e = catchThrowableOfType(ScenarioException.class,
                () -> ScenarioLoader.load(FILE, JSON.writeValueAsString(root)));
        assertError(e, "$.job.operators[6].sideOutput", "has no side output \"late-paymens\"",
                "late-orders, late-payments");
    }
}
