package io.streamscope.app.interview;

import static org.assertj.core.api.Assertions.assertThat;

import io.streamscope.question.RubricConcept;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The rubric check: whole words and phrases, any case, any keyword of a concept; expectations worked by hand. */
class RubricCheckerTest {

    @Test
    void keywordsMatchAsWholeWordsIgnoringCase() {
        assertThat(RubricChecker.mentions("the min over inputs", "min")).isTrue();
        assertThat(RubricChecker.mentions("the minute hand", "min")).isFalse();
        assertThat(RubricChecker.mentions("take the min.", "min")).isTrue();
        assertThat(RubricChecker.mentions("ending", "end")).isFalse();
        assertThat(RubricChecker.mentions("sub_task", "task")).isFalse();
        assertThat(RubricChecker.mentions("watermarks", "watermark")).isFalse();
    }

    @Test
    void symbolsHaveNoWordEdgesAndPhrasesSpanLineBreaks() {
        assertThat(RubricChecker.mentions("ts ≤ w", "≤")).isTrue();
        assertThat(RubricChecker.mentions("a<=b", "<=")).isTrue();
        assertThat(RubricChecker.mentions("every timestamp <= w is seen", "timestamp <= w")).isTrue();
        assertThat(RubricChecker.mentions("the window\n   end", "window end")).isTrue();
        // a hyphen is not a space: "side-output" is another spelling, which a rubric lists if it wants it
        assertThat(RubricChecker.mentions("a side-output", "side output")).isFalse();
    }

    @Test
    void aConceptIsCoveredByItsFirstKeywordFound() {
        List<RubricConcept> rubric = List.of(
                new RubricConcept("firing", "fires at the end", List.of("window end", "maxTimestamp", "fires")),
                new RubricConcept("lateness", "late data", List.of("allowed lateness", "late")),
                new RubricConcept("idleness", "idle inputs", List.of("idle", "withIdleness")));
        RubricChecker.Result r = RubricChecker.check("The window FIRES at maxTimestamp; LATE records are dropped.",
                rubric);
        assertThat(r.covered()).isEqualTo(2);
        assertThat(r.total()).isEqualTo(3);
        // keywords are tried in rubric order: "window end" is absent, "maxTimestamp" is the first found
        assertThat(r.concepts().get(0).matched()).isEqualTo("maxTimestamp");
        assertThat(r.concepts().get(1).matched()).isEqualTo("late");
        assertThat(r.missed()).extracting(c -> c.concept().concept()).containsExactly("idleness");
        assertThat(r.concepts().get(2).matched()).isNull();
    }

    @Test
    void anEmptyAnswerCoversNothing() {
        RubricChecker.Result r = RubricChecker.check("", List.of(new RubricConcept("a", "b", List.of("x"))));
        assertThat(r.covered()).isZero();
        assertThat(r.missed()).hasSize(1);
    }
}
