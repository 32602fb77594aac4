package io.streamscope.flink;

import io.streamscope.calc.WindowCalculator;
import io.streamscope.data.Row;
import io.streamscope.scenario.LoadedScenario;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;

/**
 * The window calculator on Apache Flink ({@code streamscope windows --engine flink}): runs the calculator's job
 * (built by {@link WindowCalculator#scenario}) on Flink and returns its output in the calculator's line format.
 *
 * <p>Flink keeps no trace, so two things are read from where each result was emitted (an {@link Emission}):
 * <ul>
 *   <li>the firing label: a window result is {@code late} when a record caused it, i.e. when the window's
 *       {@code end - 1} was already at or below the watermark its subtask had passed on (a record within the
 *       allowed lateness re-firing the window, or completing a window whose end the watermark had passed);
 *       otherwise the watermark fired it and it is {@code on-time}. This is the engine's rule too, so a window
 *       that a late record creates or merges into existence is {@code late} on both;</li>
 *   <li>the order: each window subtask's lines in the order it emitted them (so every key's lines are in Flink's
 *       order); the subtasks' lines merged by the watermark in force, within one watermark what records caused
 *       before what the watermark then fired, and ties by subtask index. With parallelism 1 that is exactly the
 *       order Flink emitted everything in.</li>
 * </ul>
 */
public final class FlinkWindowCalculator {
    private FlinkWindowCalculator() {
    }

    /** Runs the calculator's job on Flink (the embedded MiniCluster, or a cluster's HOST:PORT); returns its lines. */
    public static List<String> run(LoadedScenario calculator, Optional<String> cluster) {
        List<Emission> emitted = new ArrayList<>(FlinkBridge.runEmissions(calculator, cluster));
        emitted.sort(Comparator.comparingLong(Emission::watermark)
                .thenComparingInt(e -> causedByRecord(e) ? 0 : 1)
                .thenComparingInt(Emission::subtask)
                .thenComparingLong(Emission::seq));
        List<String> lines = new ArrayList<>();
        for (Emission e : emitted) {
            Row row = (Row) e.value();
            if (e.sink().equals(WindowCalculator.WINDOWS_SINK)) {
                lines.add(WindowCalculator.windowLine(row, causedByRecord(e) ? WindowCalculator.LATE
                        : WindowCalculator.ON_TIME));
            } else {
                lines.add(WindowCalculator.lateLine(row));
            }
        }
        return lines;
    }

    /** A late record, or a window whose end the watermark had already passed when it fired. */
    private static boolean causedByRecord(Emission e) {
        return !e.sink().equals(WindowCalculator.WINDOWS_SINK)
                || ((Row) e.value()).getLong("end") - 1 <= e.watermark();
    }
}
