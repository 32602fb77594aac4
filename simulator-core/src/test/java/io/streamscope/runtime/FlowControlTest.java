package io.streamscope.runtime;

import static org.assertj.core.api.Assertions.assertThat;

import io.streamscope.api.StreamExecutionEnvironment;
import io.streamscope.connectors.CollectingSink;
import io.streamscope.connectors.PartitionedLog;
import io.streamscope.connectors.SinkTable;
import io.streamscope.data.Row;
import io.streamscope.sim.Simulation;
import io.streamscope.time.WatermarkStrategy;
import io.streamscope.trace.TraceEvent;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

/**
 * Credit-based flow control as in Flink's network stack: a sender may put a buffer on the wire only against a
 * credit (a free buffer at the receiver); without credits its output buffer fills and the task stops taking
 * input (backpressure). Channels are FIFO and lose nothing. Rebalance is Flink's RebalancePartitioner:
 * round-robin from a random start channel.
 */
class FlowControlTest {
    private static final int N = 200;

    private static PartitionedLog burst() {
        PartitionedLog log = new PartitionedLog("events", 1, true);
        for (int i = 0; i < N; i++) {
            log.append(0, "k", Row.of("n", (long) i), i, 0); // all visible at t=0: the source runs flat out
        }
        return log;
    }

    private static Simulation slowJob(int mapParallelism, EngineConfig config) {
        StreamExecutionEnvironment env = StreamExecutionEnvironment.create();
        env.<Row>fromSource(burst(), WatermarkStrategy.forMonotonousTimestamps(), "src")
                .rebalance()
                .map(r -> r, "slow").setParallelism(mapParallelism).setProcessingCost(Duration.ofMillis(10))
                .sinkTo(new CollectingSink("out")).setParallelism(mapParallelism);
        return Simulation.of(env, config);
    }

    @Test
    void slowDownstreamBackpressuresTheSourceWithinCredits() {
        EngineConfig config = EngineConfig.defaults().withBuffers(2, 2);
        Simulation sim = slowJob(2, config);
        List<Channel> channels = sim.runtime().channels();
        assertThat(channels).hasSize(2);
        int steps = 0;
        while (sim.step()) {
            steps++;
            for (Channel c : channels) {
                // credits = capacity - (in flight + in the input buffer); never negative
                assertThat(c.credits()).isGreaterThanOrEqualTo(0);
                assertThat(c.wireContents().size() + c.inputBufferContents().size())
                        .isLessThanOrEqualTo(config.inputBufferCapacity());
                assertThat(c.credits()).isEqualTo(config.inputBufferCapacity() - c.wireContents().size()
                        - c.inputBufferContents().size());
            }
        }
        assertThat(steps).isGreaterThan(N);
        assertThat(sim.isFinished()).isTrue();

        List<TraceEvent> bp = new ArrayList<>();
        for (TraceEvent e : sim.trace()) {
            if (e instanceof TraceEvent.BackpressureStarted || e instanceof TraceEvent.BackpressureEnded) {
                bp.add(e);
            }
        }
        assertThat(bp).isNotEmpty();
        assertThat(bp).allSatisfy(e -> assertThat(e.subtask()).isEqualTo("src[0]"));
        // they alternate Started, Ended, Started, ... and every episode ended by the end of the run
        for (int i = 0; i < bp.size(); i++) {
            assertThat(bp.get(i)).isInstanceOf(i % 2 == 0 ? TraceEvent.BackpressureStarted.class
                    : TraceEvent.BackpressureEnded.class);
        }
        assertThat(bp.size() % 2).isZero();
        // 200 records at 10 ms on 2 subtasks take about a second: the source was held back, not done at t=0
        long lastRead = 0;
        for (TraceEvent e : sim.trace()) {
            if (e instanceof TraceEvent.RecordRead r) {
                lastRead = Math.max(lastRead, r.time());
            }
        }
        assertThat(lastRead).isGreaterThan(800);
    }

    @Test
    void channelsAreFifoAndLoseNothing() {
        Simulation sim = slowJob(3, EngineConfig.defaults().withBuffers(2, 1).withLatency(3, 5).withSeed(7));
        sim.runToEnd();
        Map<String, List<String>> sent = new HashMap<>();
        Map<String, List<String>> delivered = new HashMap<>();
        for (TraceEvent e : sim.trace()) {
            if (e instanceof TraceEvent.ElementSent s) {
                sent.computeIfAbsent(s.channel(), k -> new ArrayList<>()).add(s.element());
            } else if (e instanceof TraceEvent.ElementDelivered d) {
                delivered.computeIfAbsent(d.channel(), k -> new ArrayList<>()).add(d.element());
            }
        }
        assertThat(sent.keySet()).hasSize(3);
        for (String ch : sent.keySet()) {
            // every element sent arrived, in the order sent, despite the latency jitter
            assertThat(delivered.get(ch)).as(ch).isEqualTo(sent.get(ch));
        }
        // every record reached the sink exactly once, and each subtask saw its records in source order
        Set<Long> seen = new HashSet<>();
        Map<String, Long> lastPerSubtask = new HashMap<>();
        for (SinkTable.Row r : sim.sink("out").rows()) {
            long n = ((Row) r.value()).getLong("n");
            assertThat(seen.add(n)).isTrue();
            Long prev = lastPerSubtask.put(r.subtask(), n);
            if (prev != null) {
                assertThat(n).isGreaterThan(prev);
            }
        }
        assertThat(seen).hasSize(N);
    }

    @Test
    void rebalanceIsRoundRobin() {
        Simulation sim = slowJob(3, EngineConfig.defaults().withSeed(3));
        sim.runToEnd();
        List<String> order = new ArrayList<>();
        for (TraceEvent e : sim.trace()) {
            if (e instanceof TraceEvent.ElementSent s && s.element().startsWith("record")) {
                order.add(s.channel());
            }
        }
        assertThat(order).hasSize(N);
        // each record goes to the channel after the previous one's: c, c+1, c+2, c, ...
        for (int i = 3; i < order.size(); i++) {
            assertThat(order.get(i)).isEqualTo(order.get(i - 3));
        }
        assertThat(new HashSet<>(order.subList(0, 3))).hasSize(3);
        Map<String, Integer> counts = new HashMap<>();
        for (String c : order) {
            counts.merge(c, 1, Integer::sum);
        }
        assertThat(counts.values()).allSatisfy(n -> assertThat(n).isBetween(66, 67));
    }
}
