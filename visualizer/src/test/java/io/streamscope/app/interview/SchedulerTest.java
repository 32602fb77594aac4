package io.streamscope.app.interview;

import static org.assertj.core.api.Assertions.assertThat;

import io.streamscope.question.Question;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The SM-2-like schedule, with every interval and ease computed by hand in the comments. */
class SchedulerTest {
    private static final LocalDate D = LocalDate.of(2026, 11, 27);

    @Test
    void goodAnswersGrowOneDaySixDaysThenTimesEase() {
        QuestionState s = QuestionState.fresh(D);
        s = Scheduler.next(s, Grade.GOOD, D);
        assertThat(s).isEqualTo(new QuestionState(1, 1, 2.5, D.plusDays(1)));
        s = Scheduler.next(s, Grade.GOOD, D.plusDays(1));
        assertThat(s).isEqualTo(new QuestionState(2, 6, 2.5, D.plusDays(7)));
        // 6 × 2.5 = 15
        s = Scheduler.next(s, Grade.GOOD, D.plusDays(7));
        assertThat(s).isEqualTo(new QuestionState(3, 15, 2.5, D.plusDays(22)));
        // hard: 15 × 1.2 = 18, ease 2.5 − 0.15 = 2.35
        s = Scheduler.next(s, Grade.HARD, D.plusDays(22));
        assertThat(s).isEqualTo(new QuestionState(4, 18, 2.35, D.plusDays(40)));
        // 18 × 2.35 = 42.3 → 42
        s = Scheduler.next(s, Grade.GOOD, D.plusDays(40));
        assertThat(s).isEqualTo(new QuestionState(5, 42, 2.35, D.plusDays(82)));
        // again: back to the start, due the same day, ease 2.35 − 0.2 = 2.15
        s = Scheduler.next(s, Grade.AGAIN, D.plusDays(82));
        assertThat(s).isEqualTo(new QuestionState(0, 0, 2.15, D.plusDays(82)));
    }

    @Test
    void easyAnswersWaitLonger() {
        QuestionState s = Scheduler.next(QuestionState.fresh(D), Grade.EASY, D);
        assertThat(s).isEqualTo(new QuestionState(1, 4, 2.65, D.plusDays(4)));
        // good would give 6; × 1.3 = 7.8 → 8; ease 2.65 + 0.15 = 2.8
        s = Scheduler.next(s, Grade.EASY, D);
        assertThat(s).isEqualTo(new QuestionState(2, 8, 2.8, D.plusDays(8)));
        // good would give 8 × 2.8 = 22.4 → 22; × 1.3 = 28.6 → 29; ease 2.95
        s = Scheduler.next(s, Grade.EASY, D);
        assertThat(s).isEqualTo(new QuestionState(3, 29, 2.95, D.plusDays(29)));
    }

    @Test
    void hardOnANewQuestionIsOneDayAndEaseNeverFallsBelowTheFloor() {
        assertThat(Scheduler.next(QuestionState.fresh(D), Grade.HARD, D))
                .isEqualTo(new QuestionState(1, 1, 2.35, D.plusDays(1)));
        // 1.4 − 0.2 = 1.2, held at 1.3
        assertThat(Scheduler.next(new QuestionState(3, 10, 1.4, D), Grade.AGAIN, D))
                .isEqualTo(new QuestionState(0, 0, 1.3, D));
    }

    @Test
    void dueQuestionsComeFirstThenNewOnesThenTheRest() {
        Question a1 = q("A1");
        Question a2 = q("A2");
        Question a3 = q("A3");
        Question a4 = q("A4");
        Map<String, QuestionState> states = Map.of(
                "A1", new QuestionState(2, 6, 2.5, D.plusDays(3)),
                "A2", new QuestionState(1, 1, 2.5, D.minusDays(2)),
                "A4", new QuestionState(1, 1, 2.5, D));
        assertThat(Scheduler.order(List.of(a1, a2, a3, a4), states, D)).containsExactly(a2, a4, a3, a1);
        assertThat(Scheduler.isDue(states.get("A4"), D)).isTrue();
        assertThat(Scheduler.isDue(states.get("A1"), D)).isFalse();
        assertThat(Scheduler.isDue(null, D)).isFalse();
    }

    static Question q(String id) {
        return new Question(id, Path.of(id + ".md"), id.substring(0, 1), "Beginner", "title " + id, "streamscope",
                "a1-latency-floor", List.of(), List.of(), List.of(), "question?", "answer", null);
    }
}
