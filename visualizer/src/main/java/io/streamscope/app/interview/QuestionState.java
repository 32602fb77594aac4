package io.streamscope.app.interview;

import java.time.LocalDate;

/**
 * Where a question stands in the repetition schedule.
 *
 * @param repetitions answers in a row not graded "again"
 * @param intervalDays the last interval given, in days
 * @param ease the factor a "good" answer multiplies the interval by
 * @param due the day the question should be asked again
 */
public record QuestionState(int repetitions, int intervalDays, double ease, LocalDate due) {
    /** A question never answered. */
    public static QuestionState fresh(LocalDate today) {
        return new QuestionState(0, 0, Scheduler.START_EASE, today);
    }
}
