package io.streamscope.app;

import static org.assertj.core.api.Assertions.assertThat;

import io.streamscope.app.engine.OpenedScenario;
import io.streamscope.app.engine.Progress;
import io.streamscope.app.engine.Recorder;
import io.streamscope.app.engine.Recording;
import io.streamscope.app.engine.RunPlan;
import io.streamscope.sim.Simulation;
import io.streamscope.view.EngineView;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * The replay the app's step back and scrubber rest on: a simulation with the trace off passes through exactly
 * the states of the recorded run (same views, step for step), and a recording indexes steps, times and events.
 */
class ReplayTest {

    static List<OpenedScenario> examples() throws Exception {
        List<OpenedScenario> out = new ArrayList<>();
        out.add(OpenedScenario.embeddedDefault());
        try (Stream<Path> files = Files.list(Path.of("..", "examples"))) {
            for (Path p : files.filter(f -> f.toString().endsWith(".json")).sorted().toList()) {
                out.add(OpenedScenario.fromFile(p));
            }
        }
        return out;
    }

    @Test
    void traceOffReplayPassesThroughTheRecordedStates() throws Exception {
        for (OpenedScenario s : examples()) {
            Recording rec = Recorder.record(RunPlan.of(s), new Progress("test"));
            Simulation on = s.scenario().start(null, true);
            Simulation off = s.scenario().start(null, false);
            // every step of a lesson-sized run; about 300 steps spread over a big one, to keep the test short
            long every = Math.max(1, rec.lastStep() / 300);
            for (long step = 0; step <= rec.lastStep(); step++) {
                if (step % every == 0 || step == rec.lastStep()) {
                    assertThat(withoutTraceSize(off.view())).as("%s step %d", s.displayName(), step)
                            .isEqualTo(withoutTraceSize(on.view()));
                    assertThat(on.trace().size()).isEqualTo(rec.traceCountAt(step));
                    assertThat(on.now()).isEqualTo(rec.timeAt(step));
                }
                if (step < rec.lastStep()) {
                    on.step();
                    off.step();
                }
            }
        }
    }

    @Test
    void recordingFindsTheStepOfAnEvent() throws Exception {
        Recording rec = Recorder.record(RunPlan.of(OpenedScenario.embeddedDefault()), new Progress("test"));
        assertThat(rec.lastStep()).isPositive();
        assertThat(rec.jobFinished()).isTrue();
        for (int seq = 0; seq < rec.trace().size(); seq++) {
            long step = rec.stepOfEvent(seq);
            assertThat(rec.traceCountAt(step)).isGreaterThan(seq);
            if (step > 0) {
                assertThat(rec.traceCountAt(step - 1)).isLessThanOrEqualTo(seq);
            }
        }
    }

    /** The view's text without its trace size, which is 0 with the trace off; robust to fields added later. */
    private static String withoutTraceSize(EngineView v) {
        return v.toString().replaceFirst("traceSize=\\d+", "traceSize=?");
    }
}
