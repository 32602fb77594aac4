package io.streamscope.graph;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.streamscope.api.DataStream;
import io.streamscope.api.StreamExecutionEnvironment;
import io.streamscope.api.functions.FieldKeySelector;
import io.streamscope.connectors.CollectingSink;
import io.streamscope.connectors.PartitionedLog;
import io.streamscope.data.Row;
import io.streamscope.runtime.EngineConfig;
import io.streamscope.sim.Simulation;
import io.streamscope.time.WatermarkStrategy;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;

/**
 * The physical plan as Flink's StreamingJobGraphGenerator and scheduler build it: operator chains (forward edge,
 * equal parallelism, chaining allowed on both sides), task names joined with " -> ", slot sharing (slots needed
 * = highest parallelism, subtask i of every task in slot i), channels per partitioner, and Kafka-style split
 * assignment.
 */
class ExecutionPlanTest {

    private static PartitionedLog log(String topic, int partitions) {
        return new PartitionedLog(topic, partitions, true);
    }

    private static DataStream<Row> source(StreamExecutionEnvironment env) {
        return env.fromSource(log("events", 1), WatermarkStrategy.forMonotonousTimestamps(), "src");
    }

    private static List<String> taskNames(StreamExecutionEnvironment env) {
        return taskNames(env, true);
    }

    private static List<String> taskNames(StreamExecutionEnvironment env, boolean chaining) {
        ExecutionPlan plan = new ExecutionPlan(env.getJobGraph(), new ClusterSpec(1, 8),
                chaining && env.isChainingEnabled());
        List<String> names = new ArrayList<>();
        for (ExecutionPlan.Chain c : plan.chains()) {
            names.add(c.name());
        }
        return names;
    }

    @Test
    void forwardEdgesOfEqualParallelismChain() {
        StreamExecutionEnvironment env = StreamExecutionEnvironment.create().setParallelism(2);
        source(env).map(r -> r, "m").filter(r -> true, "f").sinkTo(new CollectingSink("out"), "sink");
        assertThat(taskNames(env)).containsExactly("src -> m -> f -> sink");
    }

    @Test
    void keyByRebalanceAndParallelismChangesBreakChains() {
        StreamExecutionEnvironment env = StreamExecutionEnvironment.create().setParallelism(2);
        source(env).map(r -> r, "m")
                .keyBy(new FieldKeySelector("key")).process(new NoOp(), "p")
                .rebalance().map(r -> r, "m2")
                .map(r -> r, "m3").setParallelism(3) // default partitioner for a parallelism change: rebalance
                .sinkTo(new CollectingSink("out"), "sink").setParallelism(3);
        assertThat(taskNames(env)).containsExactly("src -> m", "p", "m2", "m3 -> sink");
        JobGraph g = env.getJobGraph();
        assertThat(g.inputs(g.vertex("m3")).get(0).partitioner()).isInstanceOf(Partitioner.Rebalance.class);
        assertThat(g.inputs(g.vertex("p")).get(0).partitioner().flinkName()).isEqualTo("HASH");
    }

    @Test
    void disableChainingIsolatesAnOperatorAndTheEnvSwitchIsolatesAll() {
        StreamExecutionEnvironment env = StreamExecutionEnvironment.create();
        source(env).map(r -> r, "a").map(r -> r, "b").disableChaining().map(r -> r, "c")
                .sinkTo(new CollectingSink("out"), "sink");
        assertThat(taskNames(env)).containsExactly("src -> a", "b", "c -> sink");

        StreamExecutionEnvironment off = StreamExecutionEnvironment.create().disableOperatorChaining();
        source(off).map(r -> r, "a").sinkTo(new CollectingSink("out"), "sink");
        assertThat(taskNames(off)).containsExactly("src", "a", "sink");
        // EngineConfig.withChaining(false) does the same for a run
        StreamExecutionEnvironment on = StreamExecutionEnvironment.create();
        source(on).map(r -> r, "a").sinkTo(new CollectingSink("out"), "sink");
        Simulation sim = Simulation.of(on, EngineConfig.defaults().withChaining(false));
        assertThat(sim.plan().chains()).hasSize(3);
    }

    @Test
    void forwardWithDifferentParallelismIsRejectedWithFlinksMessage() {
        StreamExecutionEnvironment env = StreamExecutionEnvironment.create().setParallelism(2);
        source(env).map(r -> r, "map-a").forward().map(r -> r, "map-b").setParallelism(1);
        // Flink's StreamGraph.addEdgeInternal message
        assertThatThrownBy(env::getJobGraph)
                .hasMessageContaining("Forward partitioning does not allow change of parallelism.")
                .hasMessageContaining("Upstream operation: map-a parallelism: 2")
                .hasMessageContaining("downstream operation: map-b parallelism: 1")
                .hasMessageContaining("You must use another partitioning strategy, such as broadcast, rebalance,"
                        + " shuffle or global.");
    }

    @Test
    void slotSharingNeedsTheHighestParallelismAndPutsSubtaskIInSlotI() {
        StreamExecutionEnvironment env = StreamExecutionEnvironment.create().setParallelism(2);
        source(env).keyBy(new FieldKeySelector("key")).process(new NoOp(), "p").setParallelism(3)
                .sinkTo(new CollectingSink("out"), "sink").setParallelism(1);
        ExecutionPlan plan = new ExecutionPlan(env.getJobGraph(), new ClusterSpec(2, 2), true);
        assertThat(plan.slots()).hasSize(3);
        assertThat(plan.slots().get(0).id()).isEqualTo("tm-1/slot-0");
        assertThat(plan.slots().get(1).id()).isEqualTo("tm-1/slot-1");
        assertThat(plan.slots().get(2).id()).isEqualTo("tm-2/slot-0");
        List<List<String>> contents = new ArrayList<>();
        for (ExecutionPlan.Slot s : plan.slots()) {
            List<String> ids = new ArrayList<>();
            s.subtasks().forEach(r -> ids.add(r.id()));
            contents.add(ids);
        }
        assertThat(contents).containsExactly(
                List.of("src[0]", "p[0]", "sink[0]"), List.of("src[1]", "p[1]"), List.of("p[2]"));
        for (ExecutionPlan.SubtaskRef r : plan.subtasks()) {
            assertThat(plan.slotOf(r).subtasks()).contains(r);
        }
        // 3 slots needed, 2 available: Flink fails to acquire the resources
        assertThatThrownBy(() -> new ExecutionPlan(env.getJobGraph(), new ClusterSpec(1, 2), true))
                .hasMessageContaining("Could not acquire the minimum required resources")
                .hasMessageContaining("needs 3 slots");
    }

    @Test
    void channelsPerPartitioner() {
        StreamExecutionEnvironment env = StreamExecutionEnvironment.create().setParallelism(2);
        DataStream<Row> s = source(env);
        s.map(r -> r, "fwd").disableChaining();                 // forward, p 2 -> 2: 1:1
        s.keyBy(new FieldKeySelector("key")).sinkTo(new CollectingSink("h"), "hash").setParallelism(3);
        s.rebalance().sinkTo(new CollectingSink("r"), "rebal").setParallelism(3);
        s.broadcast().sinkTo(new CollectingSink("b"), "bcast").setParallelism(3);
        ExecutionPlan plan = new ExecutionPlan(env.getJobGraph(), new ClusterSpec(1, 4), true);
        Map<String, List<String>> byReceiverTask = new TreeMap<>();
        for (ExecutionPlan.ChannelRef c : plan.channels()) {
            byReceiverTask.computeIfAbsent(c.receiver().chain().head().name(), k -> new ArrayList<>())
                    .add(c.sender().id() + "->" + c.receiver().id());
        }
        assertThat(byReceiverTask.get("fwd")).containsExactlyInAnyOrder("src[0]->fwd[0]", "src[1]->fwd[1]");
        for (String all : List.of("hash", "rebal", "bcast")) {
            assertThat(byReceiverTask.get(all)).as(all).hasSize(6); // 2 senders x 3 receivers
        }
        // gate indices number a receiver's input channels 0..n-1
        for (ExecutionPlan.ChannelRef c : plan.channels()) {
            if (c.receiver().id().equals("hash[2]")) {
                assertThat(c.gateIndex()).isEqualTo(c.sender().index());
            }
        }
    }

    @Test
    void kafkaSplitOwnerStartsAtATopicDependentReaderAndGoesRoundRobin() {
        // KafkaSourceEnumerator.getSplitOwner: start = ((topic.hashCode() * 31) & 0x7FFFFFFF) % numReaders,
        // owner = (start + partition) % numReaders. "events".hashCode() = -1291329255, * 31 & 0x7FFFFFFF =
        // 770982407: start 2 for 3 readers, 3 for 4 readers. "clicks": 860524917, start 1 for 2 readers.
        PartitionedLog events = log("events", 6);
        List<Integer> owners = new ArrayList<>();
        for (int p = 0; p < 6; p++) {
            owners.add(events.splitOwner(p, 3));
        }
        assertThat(owners).containsExactly(2, 0, 1, 2, 0, 1);
        assertThat(events.splitOwner(0, 4)).isEqualTo(3);
        assertThat(events.splitOwner(1, 4)).isEqualTo(0);
        PartitionedLog clicks = log("clicks", 4);
        assertThat(List.of(clicks.splitOwner(0, 2), clicks.splitOwner(1, 2), clicks.splitOwner(2, 2),
                clicks.splitOwner(3, 2))).containsExactly(1, 0, 1, 0);

        // in a running job, source subtask i reads exactly the partitions it owns
        StreamExecutionEnvironment env = StreamExecutionEnvironment.create().setParallelism(3);
        env.fromSource(events, WatermarkStrategy.forBoundedOutOfOrderness(Duration.ZERO), "src");
        Simulation sim = Simulation.of(env, EngineConfig.defaults());
        assertThat(sim.runtime().subtask("src[0]").source().assignedPartitions()).containsExactly(1, 4);
        assertThat(sim.runtime().subtask("src[1]").source().assignedPartitions()).containsExactly(2, 5);
        assertThat(sim.runtime().subtask("src[2]").source().assignedPartitions()).containsExactly(0, 3);
    }

    /** A keyed process function that forwards records. */
    static final class NoOp extends io.streamscope.api.functions.KeyedProcessFunction<Object, Row, Row> {
        private static final long serialVersionUID = 1L;

        @Override
        public void processElement(Row value, Context<Object> ctx, io.streamscope.api.functions.Collector<Row> out) {
            out.collect(value);
        }
    }
}
