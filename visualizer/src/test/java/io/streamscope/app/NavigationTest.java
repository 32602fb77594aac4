package io.streamscope.app;

import static org.assertj.core.api.Assertions.assertThat;

import io.streamscope.app.engine.Breakpoint;
import io.streamscope.app.engine.Navigator;
import io.streamscope.app.engine.OpenedScenario;
import io.streamscope.app.engine.Progress;
import io.streamscope.app.engine.RecordKeys;
import io.streamscope.app.engine.Recorder;
import io.streamscope.app.engine.Recording;
import io.streamscope.app.engine.RunPlan;
import io.streamscope.app.engine.StopCondition;
import io.streamscope.trace.TraceEvent;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Run-until and breakpoints find the right step; record keys are read from the job's keyBy fields. */
class NavigationTest {
    private final OpenedScenario scenario = OpenedScenario.embeddedDefault();
    private final Recording rec = Recorder.record(RunPlan.of(scenario), new Progress("test"));
    private final Navigator nav = new Navigator(rec);

    @Test
    void runUntilStopsAtTheStepThatProducedTheFirstMatchingEvent() {
        Navigator.Hit hit = nav.next(0, StopCondition.WINDOW_FIRING.test());
        assertThat(hit.event()).isInstanceOf(TraceEvent.WindowFired.class);
        int first = -1;
        for (TraceEvent e : rec.trace()) {
            if (e instanceof TraceEvent.WindowFired) {
                first = (int) e.seq();
                break;
            }
        }
        assertThat(hit.event().seq()).isEqualTo(first);
        // the step produced the event: it exists after the step and not before
        assertThat(rec.traceCountAt(hit.step())).isGreaterThan(first);
        assertThat(rec.traceCountAt(hit.step() - 1)).isLessThanOrEqualTo(first);
        // from the hit, the next one is a later firing
        Navigator.Hit next = nav.next(hit.step(), StopCondition.WINDOW_FIRING.test());
        assertThat(next.event().seq()).isGreaterThan(hit.event().seq());
    }

    @Test
    void theDefaultScenarioHasALateFiringAndALateRecord() {
        Navigator.Hit late = nav.next(0, StopCondition.LATE_RECORD.test());
        assertThat(late).isNotNull();
        assertThat(((TraceEvent.LateRecord) late.event()).key()).contains("bob");
        assertThat(nav.next(0, e -> e instanceof TraceEvent.WindowFired w && w.firing().equals("late"))).isNotNull();
        assertThat(nav.next(late.step(), StopCondition.LATE_RECORD.test())).isNull();
    }

    @Test
    void breakpointsOnAKeyAndOnASubtask() {
        RecordKeys keys = RecordKeys.of(scenario);
        assertThat(keys.keyFields()).containsExactly("user");
        assertThat(keys.keyOfElement("record {\"user\":\"carol\",\"value\":3} @3000")).isEqualTo("carol");
        assertThat(keys.keyOfElement("watermark 1999")).isNull();
        Navigator.Hit carol = nav.nextBreak(0, rec.lastStep(), List.of(Breakpoint.onKey("carol")), keys);
        assertThat(keys.keyOf(carol.event())).isEqualTo("carol");
        Navigator.Hit sub = nav.nextBreak(0, rec.lastStep(), List.of(Breakpoint.onSubtask("per-user[0]")), keys);
        assertThat(sub.event().subtask()).isEqualTo("per-user[0]");
        assertThat(nav.nextBreak(0, 0, List.of(Breakpoint.onSubtask("per-user[0]")), keys)).isNull();
    }

    @Test
    void stepsAndTimesAreIndexed() {
        assertThat(rec.timeAt(0)).isZero();
        assertThat(rec.endTime()).isEqualTo(730);
        long step = rec.stepAtTime(330);
        assertThat(rec.timeAt(step)).isEqualTo(330);
        assertThat(rec.timeAt(step - 1)).isLessThan(330);
        assertThat(rec.clamp(-5)).isZero();
        assertThat(rec.clamp(rec.lastStep() + 9)).isEqualTo(rec.lastStep());
    }
}
