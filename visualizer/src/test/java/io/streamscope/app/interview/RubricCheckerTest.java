package io.streamscope.app.interview;

import static org.assertj.core.api.Assertions.assertThat;

import io.streamscope.question.RubricConcept;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The rubric check, one rule at a time, on hand-written answers: whole words in any case, word forms, spellings
 * with a space, a hyphen or nothing, negations right before a keyword, literal symbols. Every expectation is
 * worked by hand from the rule it tests.
 */
class RubricCheckerTest {

    /** Checks one answer against a one-concept rubric with these keywords; returns that concept's result. */
    private static RubricChecker.ConceptResult one(String answer, String... keywords) {
        return RubricChecker.check(answer, List.of(new RubricConcept("c", "d", List.of(keywords)))).concepts().get(0);
    }

    private static boolean covers(String answer, String... keywords) {
        return one(answer, keywords).covered();
    }

    @Test
    void keywordsMatchWholeWordsIgnoringCase() {
        assertThat(covers("the MIN over inputs", "min")).isTrue();
        assertThat(covers("take the min.", "min")).isTrue();
        // a keyword never matches inside a longer word that is not one of its forms
        assertThat(covers("the minute hand", "min")).isFalse();
        assertThat(covers("sub_task", "task")).isFalse();
        assertThat(covers("the latency", "late")).isFalse();
        assertThat(covers("a timer", "time")).isFalse();
    }

    @Test
    void shortKeywordWordsMatchOnlyAsWritten() {
        // "min" has 3 letters: "mins" (minutes) and "mining" must not count as the minimum
        assertThat(covers("a bound of 2 mins", "min")).isFalse();
        assertThat(covers("data mining", "min")).isFalse();
        assertThat(covers("ending", "end")).isFalse();
    }

    @Test
    void pluralsAndVerbFormsMatchTheirBase() {
        assertThat(one("Watermarks flow downstream", "watermark").phrase()).isEqualTo("Watermarks");
        assertThat(one("incremental checkpointing", "checkpoint").phrase()).isEqualTo("checkpointing");
        assertThat(one("the barriers are aligned", "alignment").phrase()).isEqualTo("aligned");
        assertThat(covers("it fired twice", "fires")).isTrue();
        assertThat(covers("firing on time", "fires")).isTrue();
        assertThat(covers("records are dropped", "drop")).isTrue();
        assertThat(covers("offsets committed", "commit")).isTrue();
        assertThat(covers("two policies", "policy")).isTrue();
        assertThat(covers("the TTL is applied", "apply")).isTrue();
        assertThat(covers("it batches records", "batch")).isTrue();
        assertThat(covers("the source idles", "idle")).isTrue();
        // the other way round: the rubric writes the inflected form, the answer the base
        assertThat(covers("the checkpoint completes", "checkpointing")).isTrue();
        assertThat(covers("align the barriers", "alignment")).isTrue();
        // a plural inside a phrase
        assertThat(one("both windows fired at 5 s", "window fires").phrase()).isEqualTo("windows fired");
    }

    @Test
    void hyphenSpaceAndRunTogetherSpellingsAreOne() {
        assertThat(covers("by key group", "key group")).isTrue();
        assertThat(covers("by key-group", "key group")).isTrue();
        assertThat(covers("by keygroup", "key group")).isTrue();
        assertThat(one("the key-groups move", "key group").phrase()).isEqualTo("key-groups");
        assertThat(covers("at least once", "at-least-once")).isTrue();
        assertThat(one("an at-least-once sink", "at least once").phrase()).isEqualTo("at-least-once");
        assertThat(covers("a side-output", "side output")).isTrue();
        assertThat(covers("back pressure", "backpressure")).isTrue();
        assertThat(one("use with idleness", "withIdleness").phrase()).isEqualTo("with idleness");
        assertThat(covers("for bounded out of orderness", "forBoundedOutOfOrderness")).isTrue();
        // a phrase still spans line breaks, but not punctuation: "window. End" is two sentences
        assertThat(covers("the window\n   end", "window end")).isTrue();
        assertThat(covers("the window. End of story", "window end")).isFalse();
        assertThat(covers("key, group", "key group")).isFalse();
    }

    @Test
    void aNegationRightBeforeTheKeywordDoesNotCount() {
        RubricChecker.ConceptResult r = one("This job has no watermarks.", "watermark");
        assertThat(r.covered()).isFalse();
        assertThat(r.negated()).isEqualTo("no watermarks");
        assertThat(one("It runs without checkpoints", "checkpoint").negated()).isEqualTo("without checkpoints");
        assertThat(one("the sink is not exactly-once", "exactly-once").negated()).isEqualTo("not exactly-once");
        assertThat(covers("without any checkpoints", "checkpoint")).isFalse();
        assertThat(covers("the sink isn't exactly-once", "exactly once")).isFalse();
        assertThat(covers("it cannot fire", "fires")).isFalse();
        assertThat(covers("no late records", "late")).isFalse();
    }

    @Test
    void onlyARealNegationRightBeforeTheKeywordCounts() {
        // the negator belongs to another clause: a comma or a full stop stands between
        assertThat(covers("No, watermarks are timestamps", "watermark")).isTrue();
        assertThat(covers("not really. Watermarks advance", "watermark")).isTrue();
        // "not only" does not deny what follows it
        assertThat(covers("not only watermarks but timers", "watermark")).isTrue();
        // a negation further back is not read: the checker does not parse sentences
        assertThat(covers("it does not use watermarks", "watermark")).isTrue();
        // one plain mention anywhere is enough, and it is the one reported
        RubricChecker.ConceptResult r = one("Without watermarks nothing fires; with watermarks it does.", "watermark");
        assertThat(r.covered()).isTrue();
        assertThat(r.phrase()).isEqualTo("watermarks");
        assertThat(r.negated()).isNull();
        // a keyword that itself starts with a negator is matched as a whole
        assertThat(covers("there are no more events below W", "no more events")).isTrue();
    }

    @Test
    void symbolKeywordsMatchLiterally() {
        assertThat(covers("ts ≤ w", "≤")).isTrue();
        assertThat(covers("a<=b", "<=")).isTrue();
        assertThat(one("every Timestamp <= W is seen", "timestamp <= W").phrase()).isEqualTo("Timestamp <= W");
        assertThat(covers("set pipeline.max-parallelism to 128", "pipeline.max-parallelism")).isTrue();
        assertThat(covers("set max parallelism to 128", "pipeline.max-parallelism")).isFalse();
        assertThat(covers("async I/O", "I/O")).isTrue();
        assertThat(covers("it is not I/O bound", "I/O")).isFalse();
    }

    @Test
    void aConceptIsCoveredByItsFirstKeywordFoundWithTheAnswersWords() {
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
        assertThat(r.concepts().get(0).phrase()).isEqualTo("maxTimestamp");
        assertThat(r.concepts().get(1).matched()).isEqualTo("late");
        assertThat(r.concepts().get(1).phrase()).isEqualTo("LATE");
        assertThat(r.missed()).extracting(c -> c.concept().concept()).containsExactly("idleness");
        assertThat(r.concepts().get(2).matched()).isNull();
        assertThat(r.concepts().get(2).phrase()).isNull();
        assertThat(r.concepts().get(2).negated()).isNull();
    }

    @Test
    void anEmptyAnswerCoversNothing() {
        RubricChecker.Result r = RubricChecker.check("", List.of(new RubricConcept("a", "b", List.of("x"))));
        assertThat(r.covered()).isZero();
        assertThat(r.missed()).hasSize(1);
        assertThat(RubricChecker.check(null, List.of(new RubricConcept("a", "b", List.of("x")))).covered()).isZero();
    }

    @Test
    void theLiteralMatchKeepsItsWordEdges() {
        assertThat(RubricChecker.mentions("the minute hand", "min")).isFalse();
        assertThat(RubricChecker.mentions("watermarks", "watermark")).isFalse();
        assertThat(RubricChecker.mentions("every timestamp <= w is seen", "timestamp <= w")).isTrue();
    }

    @Test
    void wordFormsAreNarrow() {
        assertThat(RubricChecker.sameWord("needs", "need")).isTrue();
        assertThat(RubricChecker.sameWord("processes", "process")).isTrue();
        assertThat(RubricChecker.sameWord("class", "clas")).isFalse();
        assertThat(RubricChecker.sameWord("timing", "timer")).isFalse();
        assertThat(RubricChecker.sameWord("stateful", "state")).isFalse();
        assertThat(RubricChecker.bases("dropped")).contains("drop");
    }
}
