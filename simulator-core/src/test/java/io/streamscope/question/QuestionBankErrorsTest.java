package io.streamscope.question;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.streamscope.lesson.ContentException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Broken question files give precise errors: file, line, what was expected. One test per kind of mistake. */
class QuestionBankErrorsTest {
    @TempDir
    Path dir;

    private static final String GOOD = """
            ---
            id: C9
            level: C
            level-name: Getting Serious
            title: A test question
            source: streamscope
            lesson: c1-watermarks
            rubric:
              - concept: definition
                description: What a watermark is.
                keywords: [watermark, "no more events, ever"]
            follow-ups:
              - "Why: because."
              - What else?
            ---

            ## Question

            "What is a watermark?"

            ## Model answer

            A promise about event time.
            """;

    private Question read(String name, String text) throws Exception {
        Path f = dir.resolve(name);
        Files.writeString(f, text);
        return QuestionBank.read(f);
    }

    private void fails(String text, int line, String problem) {
        Path f = dir.resolve("C9.md");
        assertThatThrownBy(() -> read("C9.md", text)).isInstanceOf(ContentException.class).satisfies(e -> {
            ContentException c = (ContentException) e;
            assertThat(c.file()).isEqualTo(f);
            assertThat(c.line()).isEqualTo(line);
            assertThat(c.problem()).startsWith(problem);
        });
    }

    @Test
    void aWellFormedQuestionReads() throws Exception {
        Question q = read("C9.md", GOOD);
        assertThat(q.id()).isEqualTo("C9");
        assertThat(q.rubric()).singleElement().satisfies(r -> {
            assertThat(r.concept()).isEqualTo("definition");
            assertThat(r.keywords()).containsExactly("watermark", "no more events, ever");
        });
        assertThat(q.followUps()).containsExactly("Why: because.", "What else?");
        assertThat(q.question()).isEqualTo("\"What is a watermark?\"");
        assertThat(q.modelAnswer()).isEqualTo("A promise about event time.");
        assertThat(q.streamscopeNote()).isNull();
        Question withNote = read("C9.md", GOOD + "\n## Streamscope note\n\nOn the engine...\n");
        assertThat(withNote.streamscopeNote()).isEqualTo("On the engine...");
    }

    @Test
    void fileNameMustBeTheId() {
        assertThatThrownBy(() -> read("watermarks.md", GOOD)).isInstanceOf(ContentException.class)
                .hasMessageContaining("watermarks.md:2: the file of question C9 must be named C9.md");
    }

    @Test
    void badId() {
        fails(GOOD.replace("id: C9", "id: G1"), 2, "the id 'G1' must be a level letter A to F");
    }

    @Test
    void levelNotMatchingTheId() {
        fails(GOOD.replace("level: C", "level: D"), 3, "level 'D' does not match the id C9");
    }

    @Test
    void levelNameNotTheSeeds() {
        fails(GOOD.replace("level-name: Getting Serious", "level-name: Serious"), 4, "level C is named 'Getting"
                + " Serious' in the mock interview, found 'Serious'");
    }

    @Test
    void unknownSource() {
        fails(GOOD.replace("source: streamscope", "source: web"), 6, "source must be 'seed' or 'streamscope'");
    }

    @Test
    void unknownFieldInARubricConcept() {
        fails(GOOD.replace("    keywords:", "    keyword:"), 11, "unknown field 'keyword' in a rubric concept (did"
                + " you mean 'keywords'?)");
    }

    @Test
    void aRubricCueThatIsNotANumber() {
        fails(GOOD.replace("    keywords: [watermark, \"no more events, ever\"]\n",
                "    keywords: [watermark, \"no more events, ever\"]\n    cue: first\n"), 12,
                "cue 'first' must be the number (from 1) of a cue in the question's lesson");
    }

    @Test
    void aRubricCueBeyondTheLessonsCues() throws Exception {
        Files.writeString(dir.resolve("C9.md"), GOOD.replace("    keywords: [watermark, \"no more events, ever\"]\n",
                "    keywords: [watermark, \"no more events, ever\"]\n    cue: 11\n"));
        QuestionBank bank = QuestionBank.load(dir);
        assertThat(bank.questions().get(0).rubric().get(0).cue()).isEqualTo(11);
        bank.verifyCues(java.util.Map.of("c1-watermarks", 11));
        assertThatThrownBy(() -> bank.verifyCues(java.util.Map.of("c1-watermarks", 10)))
                .isInstanceOf(ContentException.class)
                .hasMessage(dir.resolve("C9.md") + ":12: the concept 'definition' names cue 11 of the lesson"
                        + " 'c1-watermarks', which has 10 cues");
    }

    @Test
    void rubricConceptWithoutKeywords() {
        fails(GOOD.replace("    keywords: [watermark, \"no more events, ever\"]\n", ""), 9, "missing required"
                + " field 'keywords' in a rubric concept");
    }

    @Test
    void rubricThatIsNotAList() {
        fails(GOOD.replace("rubric:\n", "rubric: watermarks\nrubric2:\n"), 9, "unknown field 'rubric2'");
        fails(GOOD.replace("rubric:\n  - concept: definition\n    description: What a watermark is.\n"
                + "    keywords: [watermark, \"no more events, ever\"]\n", "rubric: watermarks\n"), 8, "field"
                + " 'rubric' in the question's front matter must be a list of a rubric concepts");
    }

    @Test
    void emptyFollowUps() {
        fails(GOOD.replace("follow-ups:\n  - \"Why: because.\"\n  - What else?\n", "follow-ups: []\n"), 12,
                "field 'follow-ups' in the question's front matter is an empty list");
    }

    @Test
    void aFlowListThatIsNotClosed() {
        fails(GOOD.replace("[watermark, \"no more events, ever\"]", "[watermark, progress"), 11, "a list that"
                + " starts with '[' must end with ']' on the same line");
    }

    @Test
    void missingModelAnswer() {
        fails(GOOD.substring(0, GOOD.indexOf("## Model answer")), 0, "missing section '## Model answer'");
    }

    @Test
    void sectionsOutOfOrderOrUnknown() {
        fails(GOOD.replace("## Question", "## Answer"), 17, "unknown section '## Answer'");
        fails(GOOD.replace("## Question\n\n\"What is a watermark?\"\n\n## Model answer\n\nA promise about event"
                + " time.\n", "## Model answer\n\nA.\n\n## Question\n\nQ?\n"), 17, "section '## Model answer' is"
                + " out of place; expected '## Question' here");
    }

    @Test
    void textBeforeTheFirstSection() {
        fails(GOOD.replace("\n## Question", "Some words.\n## Question"), 16, "text before '## Question'");
    }

    @Test
    void anEmptySection() {
        fails(GOOD.replace("A promise about event time.\n", ""), 21, "section '## Model answer' is empty");
    }

    @Test
    void duplicateIdsAndBrokenLinksInABank() throws Exception {
        Files.writeString(dir.resolve("C9.md"), GOOD);
        QuestionBank bank = QuestionBank.load(dir);
        assertThat(bank.questions()).hasSize(1);
        assertThatThrownBy(() -> bank.verifyLinks(List.of("a1-bounded-vs-unbounded")))
                .isInstanceOf(ContentException.class)
                .hasMessage(dir.resolve("C9.md") + ":7: links the lesson 'c1-watermarks', which does not exist;"
                        + " lessons are: a1-bounded-vs-unbounded");
        Files.writeString(dir.resolve("C10.md"), GOOD.replace("id: C9", "id: C10"));
        assertThat(QuestionBank.load(dir).questions()).extracting(Question::id).containsExactly("C9", "C10");
    }
}
