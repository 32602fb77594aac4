package io.streamscope.flink;

import static io.streamscope.flink.Sc.obj;
import static io.streamscope.flink.Sc.rec;
import static io.streamscope.flink.Sc.scenario;
import static io.streamscope.flink.Sc.sink;
import static io.streamscope.flink.Sc.source;
import static io.streamscope.flink.Sc.topic;
import static io.streamscope.flink.Sc.tumbling;
import static io.streamscope.flink.Sc.window;
import static org.assertj.core.api.Assertions.assertThat;

import io.streamscope.data.Row;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * Unions and interval joins on both engines. Flink reads the inputs of a union or a join in the order they arrive
 * from separate source tasks, so these cases keep every element on time (out-of-orderness far above the spread of
 * event times): then the result is the same set of records whatever the interleaving, and the differ compares them
 * as sets. Flink's own output is also checked against the hand-derived pairs, so no case passes by testing nothing.
 */
class TwoInputConformanceTest {
    static final long OOO = 100_000;

    static Map<String, Object> join(String lower, String upper, boolean lowerExclusive, boolean upperExclusive) {
        return obj("id", "join", "type", "intervalJoin", "input", "orders", "keyBy", "user", "other", "payments",
                "between", obj("lower", lower, "upper", upper, "lowerExclusive", lowerExclusive,
                        "upperExclusive", upperExclusive));
    }

    static Map<String, Object> joinScenario(String name, Map<String, Object> joinOp) {
        List<Map<String, Object>> orders = List.of(rec(0, 1000, "u", 1), rec(10, 5100, "v", 2));
        List<Map<String, Object>> payments = List.of(rec(5, 799, "u", 10), rec(15, 800, "u", 11),
                rec(20, 1100, "u", 12), rec(25, 1300, "u", 13), rec(30, 1301, "u", 14), rec(35, 5000, "v", 20));
        return scenario(name, List.of(topic("o", 1, orders), topic("p", 1, payments)),
                List.of(source("orders", "o", OOO), source("payments", "p", OOO), joinOp, sink("out", "join")));
    }

    /** Flink's pairs as "left+right@timestamp", sorted. */
    static List<String> pairs(List<SinkRecord> records) {
        List<String> out = new ArrayList<>();
        for (SinkRecord r : records) {
            Row row = (Row) r.value();
            out.add(row.get("value") + "+" + row.get("payments.value") + "@" + r.timestamp());
        }
        out.sort(null);
        return out;
    }

    @Test
    void anIntervalJoinMatchesTheSamePairsWithInclusiveBounds() {
        // left u@1000 with [800, 1300]: 800, 1100, 1300 (not 799, 1301); left v@5100 with right v@5000 (in [4900,
        // 5400]), matched when the later of the two arrives; a pair's timestamp is the larger one
        ConformanceTest.Both b = ConformanceTest.agreeing(joinScenario("interval join, inclusive",
                join("-200ms", "300ms", false, false)));
        assertThat(pairs(b.flink().get("out"))).containsExactly("1+11@1000", "1+12@1100", "1+13@1300", "2+20@5100");
        assertThat(b.diff().notes()).anyMatch(n -> n.contains("'join' reads 2 streams"));
    }

    @Test
    void exclusiveBoundsAgreeToo() {
        ConformanceTest.Both b = ConformanceTest.agreeing(joinScenario("interval join, exclusive",
                join("-200ms", "300ms", true, true)));
        assertThat(pairs(b.flink().get("out"))).containsExactly("1+12@1100", "2+20@5100");
    }

    @Test
    @SuppressWarnings("unchecked")
    void theLessonsJoinMadeBoundedAgreesWithFlink() throws Exception {
        // lesson t-two-input-slow-input with bounded topics and per-event watermarks: both topics are in event-time
        // order, so however Flink interleaves the two sources no element is late and no order is cleaned up before
        // its payment arrives. Orders o1..o9 each have a payment 1 to 4 minutes later; o10..o13 none, and the
        // payments of o-8, o-3 and o0 no order
        Map<String, Object> tree = new com.fasterxml.jackson.databind.ObjectMapper().readValue(
                java.nio.file.Path.of("..", "lessons", "t-two-input-slow-input", "scenario.json").toFile(), Map.class);
        for (Object t : (List<Object>) tree.get("topics")) {
            ((Map<String, Object>) t).put("bounded", true);
        }
        for (Object o : (List<Object>) ((Map<String, Object>) tree.get("job")).get("operators")) {
            Map<String, Object> op = (Map<String, Object>) o;
            if (op.get("watermarks") instanceof Map) {
                ((Map<String, Object>) op.get("watermarks")).put("emit", "per-event");
            }
        }
        ConformanceTest.Both b = ConformanceTest.agreeing(tree);
        List<String> ids = new ArrayList<>();
        for (SinkRecord r : b.flink().get("paid-orders")) {
            Row row = (Row) r.value();
            ids.add(row.get("order_id") + "/" + row.get("method"));
        }
        ids.sort(null);
        assertThat(ids).containsExactly("o1/card", "o2/paypal", "o3/card", "o4/card", "o5/paypal", "o6/card",
                "o7/card", "o8/paypal", "o9/card");
    }

    /** A join function of Java code has no counterpart the bridge could ship: refused, naming the operator. */
    static final class CustomJoin extends io.streamscope.api.functions.ProcessJoinFunction<Row, Row, Row> {
        private static final long serialVersionUID = 1L;

        @Override
        public void processElement(Row left, Row right, Context ctx,
                                   io.streamscope.api.functions.Collector<Row> out) {
            out.collect(left);
        }
    }

    @Test
    void aJoinWithJavaCodeIsRefused() {
        var env = io.streamscope.api.StreamExecutionEnvironment.create();
        var strategy = io.streamscope.time.WatermarkStrategy.forMonotonousTimestamps();
        var key = new io.streamscope.api.functions.FieldKeySelector("user");
        var l = env.<Row>fromSource(new io.streamscope.connectors.PartitionedLog("o", 1, true), strategy, "o")
                .keyBy(key);
        var r = env.<Row>fromSource(new io.streamscope.connectors.PartitionedLog("p", 1, true), strategy, "p")
                .keyBy(key);
        l.intervalJoin(r).between(java.time.Duration.ZERO, java.time.Duration.ofSeconds(1))
                .process(new CustomJoin(), "custom-join")
                .sinkTo(new io.streamscope.connectors.CollectingSink("out"));
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> JobTranslator.check(env.getJobGraph()))
                .isInstanceOf(UntranslatableException.class)
                .hasMessageStartingWith("operator 'custom-join'")
                .hasMessageContaining("only the built-in JoinRowFunction of scenario files translates");
    }

    /** The right input keyed by Java code: refused by the check every keyed edge gets. */
    @Test
    void aJoinWhoseSecondKeyIsJavaCodeIsRefused() {
        var env = io.streamscope.api.StreamExecutionEnvironment.create();
        var strategy = io.streamscope.time.WatermarkStrategy.forMonotonousTimestamps();
        var l = env.<Row>fromSource(new io.streamscope.connectors.PartitionedLog("o", 1, true), strategy, "o")
                .keyBy(new io.streamscope.api.functions.FieldKeySelector("user"));
        var r = env.<Row>fromSource(new io.streamscope.connectors.PartitionedLog("p", 1, true), strategy, "p")
                .keyBy((io.streamscope.api.functions.KeySelector<Row, Object>) row -> row.get("user"));
        l.intervalJoin(r).between(java.time.Duration.ZERO, java.time.Duration.ofSeconds(1))
                .process(new io.streamscope.api.builtin.JoinRowFunction(null, "p"), "lambda-key-join")
                .sinkTo(new io.streamscope.connectors.CollectingSink("out"));
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> JobTranslator.check(env.getJobGraph()))
                .isInstanceOf(UntranslatableException.class)
                .hasMessageStartingWith("operator 'lambda-key-join'")
                .hasMessageContaining("its keyBy uses a Java KeySelector (a lambda)");
    }

    @Test
    void aUnionPartitionedTwoWaysIsRefused() {
        var env = io.streamscope.api.StreamExecutionEnvironment.create();
        var strategy = io.streamscope.time.WatermarkStrategy.forMonotonousTimestamps();
        var a = env.<Row>fromSource(new io.streamscope.connectors.PartitionedLog("a", 1, true), strategy, "a");
        var b = env.<Row>fromSource(new io.streamscope.connectors.PartitionedLog("b", 1, true), strategy, "b");
        a.union(b.rebalance()).map(new io.streamscope.scenario.FieldMap(null, java.util.Map.of()), "both")
                .sinkTo(new io.streamscope.connectors.CollectingSink("out"));
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> JobTranslator.check(env.getJobGraph()))
                .isInstanceOf(UntranslatableException.class)
                .hasMessageStartingWith("operator 'both'")
                .hasMessageContaining("the streams of its union are partitioned differently")
                .hasMessageContaining("from 'a'").hasMessageContaining("REBALANCE from 'b'");
    }

    @Test
    void aUnionFeedsOneWindowWithTheMinimumOfBothWatermarks() {
        // two topics read by two sources, merged and counted per user in 5 s windows; everything on time
        List<Map<String, Object>> a = List.of(rec(0, 1000, "u", 1), rec(10, 6000, "u", 2), rec(20, 2000, "w", 3));
        List<Map<String, Object>> c = List.of(rec(5, 1500, "u", 4), rec(15, 7000, "w", 5));
        ConformanceTest.Both b = ConformanceTest.agreeing(scenario("union into a window",
                List.of(topic("a", 1, a), topic("c", 1, c)),
                List.of(source("sa", "a", OOO), source("sc", "c", OOO),
                        obj("id", "both", "type", "union", "inputs", List.of("sa", "sc")),
                        window("w", "both", tumbling(5000), 0, null), sink("out", "w"))));
        List<String> flink = new ArrayList<>(b.flink("out"));
        flink.sort(null);
        // u: [0,5000) holds 1 and 4, [5000,10000) holds 2; w: [0,5000) holds 3, [5000,10000) holds 5
        assertThat(flink).containsExactly("[0,5000)#1@4999", "[0,5000)#2@4999", "[5000,10000)#1@9999",
                "[5000,10000)#1@9999");
    }
}
