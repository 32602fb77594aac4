package io.streamscope.flink;

import static io.streamscope.flink.Sc.obj;
import static io.streamscope.flink.Sc.scenario;
import static io.streamscope.flink.Sc.sink;
import static io.streamscope.flink.Sc.source;
import static io.streamscope.flink.Sc.times;
import static io.streamscope.flink.Sc.topic;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.streamscope.api.StreamExecutionEnvironment;
import io.streamscope.api.functions.FieldKeySelector;
import io.streamscope.connectors.CollectingSink;
import io.streamscope.connectors.PartitionedLog;
import io.streamscope.data.Row;
import io.streamscope.runtime.EngineConfig;
import io.streamscope.scenario.LoadedScenario;
import io.streamscope.time.WatermarkStrategy;
import io.streamscope.window.TumblingEventTimeWindows;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.apache.flink.core.memory.DataInputDeserializer;
import org.apache.flink.core.memory.DataOutputSerializer;
import org.junit.jupiter.api.Test;

/** The bridge's entry points, its refusals, its remote path and its serializers. */
class BridgeTest {

    private static Map<String, Object> tumblingJob(String name) {
        return scenario(name, List.of(topic("t", 1, times(1000, 2000, 7000, 1500, 12000))),
                List.of(source("in", "t", 0), Sc.window("w", "in", Sc.tumbling(5000), 0, "late"), sink("out", "w"),
                        Sc.sideSink("late", "w", "late")));
    }

    @Test
    void runReturnsEachSinksRows() {
        Map<String, List<Row>> out = FlinkBridge.run(Sc.load(tumblingJob("run")), Optional.empty());
        assertThat(out.keySet()).containsExactly("out", "late");
        assertThat(out.get("out")).extracting(r -> r.get("count")).containsExactly(2L, 1L, 1L);
        assertThat(out.get("late")).extracting(r -> r.get("timestamp")).containsExactly(1500L);
    }

    @Test
    void theRemotePathShipsTheCodeAndRunsTheSameJob() {
        // the embedded MiniCluster's REST endpoint stands in for a remote cluster: the job goes through the
        // remote environment with the bridge's and the engine's classes packed into jars
        String address = FlinkRunner.embedded().address();
        Map<String, List<Row>> remote = FlinkBridge.run(Sc.load(tumblingJob("remote")), Optional.of(address));
        Map<String, List<Row>> local = FlinkBridge.run(Sc.load(tumblingJob("local")), Optional.empty());
        assertThat(remote).isEqualTo(local);
    }

    @Test
    void diffReportsNothingWhenTheEnginesAgreeAndRendersDifferences() {
        DiffReport ok = FlinkBridge.diff(Sc.load(tumblingJob("agree")));
        assertThat(ok.agrees()).isTrue();
        assertThat(ok.render()).isEqualTo("scenario \"agree\": the engines agree (2 sinks, 4 records)\n");

        DiffReport.GroupDiff g = new DiffReport.GroupDiff("key \"u\"", 1,
                List.of(new SinkRecord(Row.of("n", 1L), 5L), new SinkRecord(Row.of("n", 2L), 6L)),
                List.of(new SinkRecord(Row.of("n", 1L), 5L), new SinkRecord(Row.of("n", 2.0), 6L)));
        DiffReport bad = new DiffReport("x", List.of(new DiffReport.SinkDiff("out", "per key \"u\", in order",
                List.of(g))), List.of(), 1, 2);
        assertThat(bad.agrees()).isFalse();
        assertThat(bad.render()).contains("first difference at #1", "{\"n\":2} @6", "{\"n\":2.0} @6");
    }

    @Test
    void manyScenariosShareOneFlinkJob() {
        List<LoadedScenario> all = new ArrayList<>();
        for (int i = 0; i < 5; i++) {
            all.add(Sc.load(tumblingJob("batch-" + i)));
        }
        List<DiffReport> reports = FlinkBridge.diffAll(all, Optional.empty());
        assertThat(reports).hasSize(5).allSatisfy(r -> assertThat(r.agrees()).as(r.render()).isTrue());
        assertThat(reports).extracting(DiffReport::scenario).containsExactly("batch-0", "batch-1", "batch-2",
                "batch-3", "batch-4");
    }

    @Test
    void periodicWatermarksAreRunButFlaggedAsNotComparable() {
        Map<String, Object> tree = tumblingJob("periodic");
        @SuppressWarnings("unchecked")
        Map<String, Object> src = ((List<Map<String, Object>>) ((Map<String, Object>) tree.get("job"))
                .get("operators")).get(0);
        src.put("watermarks", obj("outOfOrderness", 0));
        DiffReport report = FlinkBridge.diff(Sc.load(tree));
        assertThat(report.notes()).singleElement().asString().contains("periodically", "wall clock");
    }

    private static LoadedScenario javaJob(java.util.function.Consumer<StreamExecutionEnvironment> build) {
        StreamExecutionEnvironment env = StreamExecutionEnvironment.create();
        build.accept(env);
        return new LoadedScenario("java job", "", env, EngineConfig.defaults(), null);
    }

    private static PartitionedLog log(boolean bounded) {
        PartitionedLog log = new PartitionedLog("t", 1, bounded);
        log.append(0, null, Row.of("user", "a", "value", 1L), 1000, 0);
        return log;
    }

    @Test
    void javaFunctionsAreRefusedNamingTheOperator() {
        LoadedScenario lambdaMap = javaJob(env -> env.<Row>fromSource(log(true),
                        WatermarkStrategy.forMonotonousTimestamps(), "src")
                .map(r -> r.with("x", 1L), "enrich").sinkTo(new CollectingSink("out")));
        assertThatThrownBy(() -> FlinkBridge.checkTranslatable(lambdaMap))
                .isInstanceOf(UntranslatableException.class)
                .hasMessageContaining("operator 'enrich'").hasMessageContaining("lambda");
        assertThatThrownBy(() -> FlinkBridge.diff(lambdaMap)).isInstanceOf(UntranslatableException.class);

        LoadedScenario lambdaKey = javaJob(env -> env.<Row>fromSource(log(true),
                        WatermarkStrategy.forMonotonousTimestamps(), "src")
                .keyBy(r -> r.get("user")).window(TumblingEventTimeWindows.of(Duration.ofSeconds(1)))
                .aggregate(new io.streamscope.api.builtin.StatsAggregate(List.of(
                        io.streamscope.api.builtin.AggSpec.parse("count"))), new io.streamscope.api.builtin
                        .WindowRowFunction("user"), "counts").sinkTo(new CollectingSink("out")));
        assertThatThrownBy(() -> FlinkBridge.checkTranslatable(lambdaKey))
                .hasMessageContaining("operator 'counts'").hasMessageContaining("KeySelector");

        LoadedScenario fieldKey = javaJob(env -> env.<Row>fromSource(log(true),
                        WatermarkStrategy.forMonotonousTimestamps(), "src")
                .keyBy(new FieldKeySelector("user")).process(new io.streamscope.api.functions
                        .KeyedProcessFunction<Object, Row, Row>() {
                    @Override
                    public void processElement(Row value, Context<Object> ctx,
                                               io.streamscope.api.functions.Collector<Row> out) {
                        out.collect(value);
                    }
                }, "custom").sinkTo(new CollectingSink("out")));
        assertThatThrownBy(() -> FlinkBridge.checkTranslatable(fieldKey))
                .hasMessageContaining("operator 'custom'").hasMessageContaining("SessionizeFunction");
    }

    @Test
    void aCountPerKeyStepIsRefusedNamingTheStep() {
        Map<String, Object> tree = scenario("count per key", List.of(topic("t", 1, times(1000, 2000))),
                List.of(source("in", "t", 0), obj("id", "counts", "type", "countPerKey", "input", "in", "keyBy", "user",
                        "stateTtl", obj("ttl", "10s")), sink("out", "counts")));
        assertThatThrownBy(() -> FlinkBridge.checkTranslatable(Sc.load(tree)))
                .isInstanceOf(UntranslatableException.class)
                .hasMessageStartingWith("operator 'counts'").hasMessageContaining("countPerKey step")
                .hasMessageNotContaining("Java code");
    }

    @Test
    @SuppressWarnings("unchecked")
    void processingTimeWindowsAndUnboundedTopicsAreRefused() {
        Map<String, Object> tree = tumblingJob("processing time");
        List<Map<String, Object>> ops = new ArrayList<>((List<Map<String, Object>>) ((Map<String, Object>)
                tree.get("job")).get("operators"));
        ((Map<String, Object>) tree.get("job")).put("operators", ops);
        Map<String, Object> w = ops.get(1);
        w.put("window", obj("kind", "tumbling", "size", 5000, "time", "processing"));
        w.remove("lateOutput");
        ops.remove(3);
        assertThatThrownBy(() -> FlinkBridge.diff(Sc.load(tree)))
                .isInstanceOf(UntranslatableException.class)
                .hasMessageContaining("operator 'w'").hasMessageContaining("processing time");

        LoadedScenario unbounded = javaJob(env -> env.<Row>fromSource(log(false),
                WatermarkStrategy.forMonotonousTimestamps(), "src").sinkTo(new CollectingSink("out")));
        assertThatThrownBy(() -> FlinkBridge.diff(unbounded))
                .isInstanceOf(UntranslatableException.class)
                .hasMessageContaining("operator 'src'").hasMessageContaining("unbounded");
    }

    @Test
    void rowsAndValuesSurviveTheWireWithTheirTypes() throws Exception {
        Row row = Row.of("l", 3L, "d", 3.0, "s", "text", "b", true, "n", null, "big", 1e300, "neg", -7L);
        DataOutputSerializer out = new DataOutputSerializer(64);
        RowSerializer.INSTANCE.serialize(row, out);
        Row back = RowSerializer.INSTANCE.deserialize(new DataInputDeserializer(out.getCopyOfBuffer()));
        assertThat(back).isEqualTo(row);
        assertThat(back.get("l")).isInstanceOf(Long.class);
        assertThat(back.get("d")).isInstanceOf(Double.class);

        List<Object> acc = new ArrayList<>(List.of(1L, 2.5, new LinkedHashSet<>(List.of("a", 1L)), row));
        DataOutputSerializer out2 = new DataOutputSerializer(64);
        ValueSerializer.INSTANCE.serialize(acc, out2);
        Object back2 = ValueSerializer.INSTANCE.deserialize(new DataInputDeserializer(out2.getCopyOfBuffer()));
        assertThat(back2).isEqualTo(acc);
        Object copy = ValueSerializer.INSTANCE.copy(acc);
        assertThat(copy).isEqualTo(acc).isNotSameAs(acc);
        assertThatThrownBy(() -> ValueSerializer.INSTANCE.serialize(new Object(), new DataOutputSerializer(8)))
                .hasMessageContaining("cannot serialize");
    }
}
