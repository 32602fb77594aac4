package io.streamscope.flink;

import static org.assertj.core.api.Assertions.assertThat;

import io.streamscope.scenario.LoadedScenario;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.EdgeCasesMode;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.lifecycle.AfterContainer;

/**
 * Random interval joins (some reading a union) on both engines, in batches of one Flink job each: both engines must
 * produce exactly the pairs of the interval definition (see {@link RandomJoin} for why the interleaving of the
 * inputs cannot matter), so the engine, Flink and the definition are checked against each other.
 */
class FlinkJoinConformanceProperties {
    static final int BATCH = 20;
    static final int TRIES = 4;
    private static final AtomicInteger SCENARIOS = new AtomicInteger();
    private static final AtomicInteger PAIRS = new AtomicInteger();
    private static final AtomicLong FLINK_MILLIS = new AtomicLong();

    @Property(tries = TRIES, edgeCases = EdgeCasesMode.NONE)
    void bothEnginesJoinExactlyTheIntervalDefinition(@ForAll("batches") List<RandomJoin> batch) {
        List<Map<String, Object>> trees = new ArrayList<>();
        List<EngineRun> ours = new ArrayList<>();
        for (int i = 0; i < batch.size(); i++) {
            Map<String, Object> tree = batch.get(i).tree("random-join-" + i);
            trees.add(tree);
            LoadedScenario s = Sc.load(tree);
            ours.add(EngineRun.of(s));
        }
        long t0 = System.nanoTime();
        List<Map<String, List<SinkRecord>>> flink = FlinkRunner.embedded().run(ours, "join conformance batch");
        FLINK_MILLIS.addAndGet((System.nanoTime() - t0) / 1_000_000);
        for (int i = 0; i < batch.size(); i++) {
            List<String> expected = batch.get(i).expected();
            String json = Sc.json(trees.get(i));
            assertThat(RandomJoin.pairs(ours.get(i).sinks().get("out"))).as("our engine\n" + json)
                    .isEqualTo(expected);
            assertThat(RandomJoin.pairs(flink.get(i).get("out"))).as("Flink\n" + json).isEqualTo(expected);
            DiffReport d = Differ.compare(ours.get(i), flink.get(i));
            assertThat(d.agrees()).as(d.render() + json).isTrue();
            SCENARIOS.incrementAndGet();
            PAIRS.addAndGet(expected.size());
        }
    }

    @Provide
    Arbitrary<List<RandomJoin>> batches() {
        // full batches when generating; shrinking still drops scenarios down to a failing one
        return RandomJoin.arbitrary().list().ofMinSize(1).ofMaxSize(BATCH)
                .withSizeDistribution(FlinkConformanceProperties.ALWAYS_MAX);
    }

    @AfterContainer
    static void report() {
        System.out.printf("Flink join conformance: %d random interval joins on both engines, %d pairs; Flink jobs"
                + " took %.1f s%n", SCENARIOS.get(), PAIRS.get(), FLINK_MILLIS.get() / 1000.0);
    }
}
