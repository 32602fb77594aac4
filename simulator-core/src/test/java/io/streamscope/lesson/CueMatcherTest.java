package io.streamscope.lesson;

import static org.assertj.core.api.Assertions.assertThat;

import io.streamscope.trace.TraceEvent;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;

/** How cues match trace events: in order, each after the previous match, with typed conditions. */
class CueMatcherTest {
    private static final Path FILE = Path.of("lessons", "x", "lesson.md");

    private static Cue cue(String spec) {
        Cue c = LessonLoader.cue(FILE, 7, spec);
        return new Cue(c.line(), c.type(), c.conditions(), "narration");
    }

    private static Lesson lesson(Cue... cues) {
        return new Lesson("x", FILE, "t", Lesson.LESSON, "C", "s", List.of(), null, Path.of("scenario.json"), "i",
                List.of(cues), "");
    }

    private static final TraceEvent.WindowFired ALICE_ON_TIME = new TraceEvent.WindowFired(3, 201, "w[0]", 2, "w",
            "\"alice\"", 36_000_000, 36_300_000, "{\"count\":2}", "on-time");
    private static final TraceEvent.WindowFired ALICE_LATE = new TraceEvent.WindowFired(5, 301, "w[0]", 4, "w",
            "\"alice\"", 36_000_000, 36_300_000, "{\"count\":3}", "late");
    private static final TraceEvent.WatermarkAdvanced MAX = new TraceEvent.WatermarkAdvanced(6, 400, "w[0]", -1,
            Long.MAX_VALUE);
    private static final TraceEvent.SinkReceived NO_TS = new TraceEvent.SinkReceived(7, 401, "w[0]", 6, "out",
            "{\"user\":\"alice\"}", null);
    private static final List<TraceEvent> TRACE = List.of(ALICE_ON_TIME, ALICE_LATE, MAX, NO_TS);

    @Test
    void conditionsAreTypedKeysUnquotedAndTimesReadAsClockTimes() {
        assertThat(cue("WindowFired key=\"alice\" start=10:00 end=10:05 firing=on-time").matches(ALICE_ON_TIME))
                .isTrue();
        assertThat(cue("WindowFired key=alice").matches(ALICE_ON_TIME)).isTrue();
        assertThat(cue("WindowFired key=bob").matches(ALICE_ON_TIME)).isFalse();
        assertThat(cue("WindowFired start=36000000 end=5min").matches(ALICE_ON_TIME)).isFalse();
        assertThat(cue("WindowFired result~=\"\\\"count\\\":2\"").matches(ALICE_ON_TIME)).isTrue();
        assertThat(cue("WatermarkAdvanced watermark=MAX").matches(MAX)).isTrue();
        assertThat(cue("SinkReceived timestamp=null").matches(NO_TS)).isTrue();
        assertThat(cue("SinkReceived timestamp=0").matches(NO_TS)).isFalse();
        assertThat(cue("WindowFired").matches(MAX)).as("another type").isFalse();
    }

    @Test
    void eachCueMatchesTheFirstEventAfterThePreviousCuesMatch() {
        // both cues could match the on-time firing's type; the second must come after the first
        CueMatcher.Result r = CueMatcher.match(lesson(cue("WindowFired key=alice"), cue("WindowFired key=alice")),
                TRACE);
        assertThat(r.complete()).isTrue();
        assertThat(r.matches()).containsExactly(ALICE_ON_TIME, ALICE_LATE);
    }

    @Test
    void anUnmatchedCueIsNamedWithFileLineAndTheNearestCandidates() {
        CueMatcher.Result r = CueMatcher.match(lesson(cue("WindowFired firing=late"),
                cue("WindowFired firing=on-time")), TRACE);
        assertThat(r.complete()).isFalse();
        assertThat(r.matches()).containsExactly(ALICE_LATE);
        assertThat(r.failure()).startsWith(FILE + ":7: cue 2 (WindowFired firing=on-time) matches no trace event"
                + " after the previous cue's (seq 5 at 301 ms)")
                .contains("an event matching it happens earlier, so the cues may be out of order")
                .contains("there is no WindowFired event after that point");
        CueMatcher.Result none = CueMatcher.match(lesson(cue("WindowFired key=bob")), TRACE);
        assertThat(none.failure()).contains("the first WindowFired events after that point are: seq 3 at 201 ms:"
                + " WindowFired time=201 subtask=w[0] operator=w key=alice start=36000000 end=36300000");
    }

    @Test
    void incrementalOfferPausesAtEachCue() {
        CueMatcher m = new CueMatcher(List.of(cue("WindowFired firing=late"), cue("WatermarkAdvanced")));
        assertThat(m.offer(ALICE_ON_TIME)).isNull();
        assertThat(m.offer(ALICE_LATE)).isNotNull();
        assertThat(m.next().type()).isEqualTo("WatermarkAdvanced");
        assertThat(m.offer(MAX)).isNotNull();
        assertThat(m.done()).isTrue();
        assertThat(m.offer(NO_TS)).isNull();
    }
}
