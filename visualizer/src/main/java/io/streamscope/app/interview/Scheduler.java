package io.streamscope.app.interview;

import io.streamscope.question.Question;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;

/**
 * SM-2-like spaced repetition: the next interval of a question from its self-grade, and the order to ask
 * questions in (due ones first). Kept free of the UI and of files so the arithmetic can be tested by hand.
 */
public final class Scheduler {
    /** The ease a question starts with, and the lowest it can fall to (SM-2's values). */
    public static final double START_EASE = 2.5;
    public static final double MIN_EASE = 1.3;

    private Scheduler() {
    }

    /**
     * The state after answering with {@code grade} on {@code today}.
     * <ul>
     * <li>again: back to the start (repetitions 0), due today, ease −0.20;</li>
     * <li>hard: interval ×1.2 (at least 1 day), ease −0.15;</li>
     * <li>good: 1 day, then 6 days, then interval × ease;</li>
     * <li>easy: as good, ×1.3, ease +0.15 (the first easy answer waits 4 days).</li>
     * </ul>
     * Intervals are whole days, rounded half up.
     */
    public static QuestionState next(QuestionState s, Grade grade, LocalDate today) {
        double ease = s.ease();
        int reps = s.repetitions();
        int interval;
        switch (grade) {
            case AGAIN:
                ease = Math.max(MIN_EASE, ease - 0.20);
                return new QuestionState(0, 0, round2(ease), today);
            case HARD:
                ease = Math.max(MIN_EASE, ease - 0.15);
                interval = reps == 0 ? 1 : Math.max(1, (int) Math.round(s.intervalDays() * 1.2));
                break;
            case GOOD:
                interval = goodInterval(s);
                break;
            case EASY:
                interval = reps == 0 ? 4 : (int) Math.round(goodInterval(s) * 1.3);
                ease = ease + 0.15;
                break;
            default:
                throw new IllegalArgumentException(String.valueOf(grade));
        }
        return new QuestionState(reps + 1, interval, round2(ease), today.plusDays(interval));
    }

    private static int goodInterval(QuestionState s) {
        if (s.repetitions() == 0) {
            return 1;
        }
        if (s.repetitions() == 1) {
            return 6;
        }
        return Math.max(1, (int) Math.round(s.intervalDays() * s.ease()));
    }

    /** Ease is kept to two decimals so that progress.json stays readable and repeated sums do not drift. */
    private static double round2(double x) {
        return Math.round(x * 100) / 100.0;
    }

    /**
     * The order to ask {@code questions}: first the due ones (due on or before today, the most overdue first),
     * then the ones never answered (in the given order), then the rest by due date.
     */
    public static List<Question> order(List<Question> questions, Map<String, QuestionState> states, LocalDate today) {
        List<Question> due = new ArrayList<>();
        List<Question> fresh = new ArrayList<>();
        List<Question> later = new ArrayList<>();
        for (Question q : questions) {
            QuestionState s = states.get(q.id());
            if (s == null) {
                fresh.add(q);
            } else if (!s.due().isAfter(today)) {
                due.add(q);
            } else {
                later.add(q);
            }
        }
        Comparator<Question> byDue = Comparator.comparing(q -> states.get(q.id()).due());
        due.sort(byDue);
        later.sort(byDue);
        List<Question> all = new ArrayList<>(due);
        all.addAll(fresh);
        all.addAll(later);
        return all;
    }

    /** True when the question has been answered and its due date has come. */
    public static boolean isDue(QuestionState s, LocalDate today) {
        return s != null && !s.due().isAfter(today);
    }
}
