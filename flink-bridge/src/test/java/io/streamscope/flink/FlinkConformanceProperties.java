package io.streamscope.flink;

import io.streamscope.data.Row;
import io.streamscope.scenario.LoadedScenario;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.math.BigInteger;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.EdgeCasesMode;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.RandomDistribution;
import net.jqwik.api.lifecycle.AfterContainer;
import net.jqwik.api.statistics.Statistics;

/**
 * Random scenarios on both engines, zero differences allowed. Each try is a batch of scenarios run as one Flink
 * job (each scenario with its own operators), which keeps the suite within the CI budget; a failing batch is
 * shrunk by jqwik, which first drops scenarios and then simplifies the one left. Every failing scenario is written
 * as a scenario file that {@code ./streamscope run} can replay (the latest, most shrunk one last), and the
 * failure message names it.
 */
class FlinkConformanceProperties {
    /** Scenarios per Flink job. */
    static final int BATCH = Integer.getInteger("conformance.batch", 50);
    /** Batches per run: TRIES x BATCH random scenarios. */
    static final int TRIES = 11;

    private static final AtomicInteger SCENARIOS = new AtomicInteger();
    private static final AtomicInteger WITH_LATE_RECORDS = new AtomicInteger();
    private static final AtomicInteger WITH_LATE_FIRINGS = new AtomicInteger();
    private static final AtomicLong FLINK_MILLIS = new AtomicLong();
    private static final AtomicInteger FAILURES = new AtomicInteger();

    @Property(tries = TRIES, edgeCases = EdgeCasesMode.NONE)
    void bothEnginesAgreeOnRandomScenarios(@ForAll("batches") List<RandomScenario> batch) {
        List<Map<String, Object>> trees = new ArrayList<>();
        List<EngineRun> ours = new ArrayList<>();
        for (int i = 0; i < batch.size(); i++) {
            Map<String, Object> tree = batch.get(i).tree("random-" + i);
            trees.add(tree);
            LoadedScenario s = Sc.load(tree);
            ours.add(EngineRun.of(s));
        }
        long t0 = System.nanoTime();
        List<Map<String, List<SinkRecord>>> flink = FlinkRunner.embedded().run(ours, "conformance batch");
        FLINK_MILLIS.addAndGet((System.nanoTime() - t0) / 1_000_000);
        StringBuilder failures = new StringBuilder();
        int failed = 0;
        for (int i = 0; i < batch.size(); i++) {
            DiffReport d = Differ.compare(ours.get(i), flink.get(i));
            count(batch.get(i), ours.get(i));
            if (!d.agrees()) {
                failed++;
                Path file = write(trees.get(i));
                failures.append(d.render()).append("  scenario file: ").append(file)
                        .append(" (replay on our engine with ./streamscope run ").append(file).append(")\n")
                        .append(Sc.json(trees.get(i))).append('\n');
            }
        }
        if (failures.length() > 0) {
            throw new AssertionError("the engines disagree on " + failed + " of " + batch.size()
                    + " random scenario(s):\n" + failures);
        }
    }

    private static void count(RandomScenario s, EngineRun ours) {
        SCENARIOS.incrementAndGet();
        boolean late = !ours.sinks().get("late").isEmpty();
        Set<String> fired = new HashSet<>();
        boolean refired = false;
        for (SinkRecord r : ours.sinks().get("out")) {
            Row row = (Row) r.value();
            refired |= !fired.add(row.get("user") + "@" + row.get("start") + "," + row.get("end"));
        }
        if (late) {
            WITH_LATE_RECORDS.incrementAndGet();
        }
        if (refired) {
            WITH_LATE_FIRINGS.incrementAndGet();
        }
        Statistics.label("mode").collect(s.parallel() ? "parallel" : "sequential");
        Statistics.label("window").collect(s.window() == RandomScenario.TUMBLING ? "tumbling"
                : s.window() == RandomScenario.SLIDING ? "sliding" : "session");
        Statistics.label("late records").collect(late);
        Statistics.label("late firings").collect(refired);
    }

    private static Path write(Map<String, Object> tree) {
        Path dir = Path.of(System.getProperty("conformance.dir", "target/flink-conformance"));
        try {
            Files.createDirectories(dir);
            Path file = dir.resolve("failing-" + FAILURES.incrementAndGet() + ".json").toAbsolutePath();
            Files.writeString(file, Sc.json(tree));
            Files.writeString(dir.resolve("failing-latest.json"), Sc.json(tree));
            return file;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Provide
    Arbitrary<List<RandomScenario>> batches() {
        // always full batches when generating (so a run checks TRIES x BATCH scenarios); shrinking still drops
        // scenarios down to the failing one
        return RandomScenario.arbitrary().list().ofMinSize(1).ofMaxSize(BATCH).withSizeDistribution(ALWAYS_MAX);
    }

    static final RandomDistribution ALWAYS_MAX = new RandomDistribution() {
        @Override
        public RandomNumericGenerator createGenerator(int genSize, BigInteger min, BigInteger max, BigInteger center) {
            return random -> max;
        }

        @Override
        public String toString() {
            return "always the maximum";
        }
    };

    @AfterContainer
    static void report() {
        System.out.printf("Flink conformance: %d random scenarios on both engines, %d with late records, %d with late"
                        + " firings; Flink jobs took %.1f s%n", SCENARIOS.get(), WITH_LATE_RECORDS.get(),
                WITH_LATE_FIRINGS.get(), FLINK_MILLIS.get() / 1000.0);
    }
}
