package io.streamscope.app.view;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.data.Offset.offset;

import io.streamscope.app.engine.OpenedScenario;
import io.streamscope.app.engine.Progress;
import io.streamscope.app.engine.RecordKeys;
import io.streamscope.app.engine.Recorder;
import io.streamscope.app.engine.Recording;
import io.streamscope.app.engine.RunPlan;
import io.streamscope.trace.TraceEvent;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The timeline's event-time axis is fitted to what it shows (records, late records, finite watermarks), windows
 * widen it only a little, and processing-time windows stay off it.
 */
class TimelineModelTest {
    private static final long MIN = 60_000;
    private static final long T10 = 36_000_000; // 10:00

    @Test
    void withoutWindowsTheRangeIsTheDataPaddedBySixPercent() {
        double[] r = TimelineModel.eventRange(T10, T10 + 10 * MIN, List.of());
        assertThat(r[0]).isEqualTo(T10 - 0.06 * 10 * MIN, offset(1e-6));
        assertThat(r[1]).isEqualTo(T10 + 10 * MIN + 0.06 * 10 * MIN, offset(1e-6));
    }

    @Test
    void aSessionsGapDoesNotStretchTheAxis() {
        // data 10:00 to 10:10; a session from 10:09 that closes 30 min later, at 10:39
        double[] r = TimelineModel.eventRange(T10, T10 + 10 * MIN, List.of(new long[] {T10 + 9 * MIN,
            T10 + 39 * MIN}));
        // a quarter of the data's span at most: 10:12:30, plus 6% of 12.5 min
        double hi = T10 + 12.5 * MIN;
        assertThat(r[1]).isEqualTo(hi + 0.06 * 12.5 * MIN, offset(1e-6));
        assertThat(r[1]).isLessThan(T10 + 15 * MIN);
    }

    @Test
    void windowsCloseToTheDataAreShownWhole() {
        // sliding windows of 5 min every minute around data from 10:00 to 10:10: [09:56, 10:01) ... [10:10, 10:15)
        double[] r = TimelineModel.eventRange(T10, T10 + 10 * MIN, List.of(new long[] {T10 - 4 * MIN, T10 + MIN},
            new long[] {T10 + 9 * MIN, T10 + 11 * MIN}));
        double lo = T10 - 2.5 * MIN; // the 09:56 start is cut at a quarter of the span below the data
        double hi = T10 + 11 * MIN; // the 10:11 end is within reach: shown whole
        double pad = 0.06 * (hi - lo);
        assertThat(r).containsExactly(new double[] {lo - pad, hi + pad}, offset(1e-6));
    }

    @Test
    void dataOfOneInstantWidenByTheShortestWindow() {
        double[] r = TimelineModel.eventRange(T10 + 30_000, T10 + 30_000, List.of(new long[] {T10, T10 + MIN}));
        double pad = 0.06 * MIN;
        assertThat(r).containsExactly(new double[] {T10 - pad, T10 + MIN + pad}, offset(1e-6));
    }

    @Test
    void overlapCountsWindowsSharingAnInstant() {
        assertThat(TimelineModel.maxOverlap(List.of(new long[] {0, 5}, new long[] {1, 6}, new long[] {2, 7},
            new long[] {3, 8}, new long[] {4, 9}, new long[] {5, 10}))).isEqualTo(5);
        // tumbling windows touch but do not overlap: [0, 5) and [5, 10)
        assertThat(TimelineModel.maxOverlap(List.of(new long[] {0, 5}, new long[] {5, 10}))).isEqualTo(1);
        assertThat(TimelineModel.maxOverlap(List.of())).isZero();
    }

    private static Recording record(String lesson) throws Exception {
        return Recorder.record(RunPlan.of(OpenedScenario.fromFile(Path.of("..", "lessons", lesson, "scenario.json"))),
                new Progress("test"));
    }

    @Test
    void theAxisFollowsTheDataShownSoFar() throws Exception {
        Recording rec = record("e1-pipeline");
        TimelineModel m = new TimelineModel(rec, new RecordKeys(List.of("user")));
        // the first late record (carol's click at 10:01, read at 10 s) is the moment of the lesson's third cue
        int late = 0;
        while (!(rec.trace().get(late) instanceof TraceEvent.LateRecord)) {
            late++;
        }
        double[] atLate = m.eventRange(late + 1);
        // the records read so far lie in 10:00:10 .. 10:10:10; the sessions' 30-min gap must not reach 10:45
        // the first sliding window of 10:00:10 starts at 09:56: within reach of the data, shown whole
        assertThat(atLate[0]).isLessThan(T10 - 4 * MIN).isGreaterThan(T10 - 6 * MIN);
        assertThat(atLate[1]).isLessThan(T10 + 15 * MIN).isGreaterThan(T10 + 10 * MIN);
        // the whole run reads clicks at 10:45 .. 10:48 later: the axis grows to them then
        double[] atEnd = m.eventRange(rec.trace().size());
        assertThat(atEnd[1]).isGreaterThan(T10 + 48 * MIN);
        // before anything is read, the first record's time is shown, not an empty 0 .. 1000
        double[] atStart = m.eventRange(0);
        assertThat(atStart[0]).isLessThan(T10 + 10_000).isGreaterThan(T10 - MIN);
    }

    @Test
    void processingTimeWindowsStayOffTheEventTimeAxis() throws Exception {
        Recording rec = record("a1-latency-floor");
        TimelineModel m = new TimelineModel(rec, new RecordKeys(List.of()));
        assertThat(m.hasProcessingTimeWindows()).isTrue();
        assertThat(m.windows.values()).isNotEmpty().allMatch(w -> w.processingTime);
        double[] r = m.eventRange(rec.trace().size());
        // the orders' event times, 10:00:00.100 .. 10:00:02.300, padded: not the windows' [0, 1000) ms
        assertThat(r[0]).isGreaterThan(T10 - 1000);
        assertThat(r[1]).isLessThan(T10 + 3000);
    }
}
