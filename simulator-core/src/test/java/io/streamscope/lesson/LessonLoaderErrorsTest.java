package io.streamscope.lesson;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Broken lesson files give precise errors: the file, the line, and what was expected. One test per mistake. */
class LessonLoaderErrorsTest {
    @TempDir
    Path root;

    private static final String HEADER = """
            ---
            id: demo
            title: A demo
            kind: lesson
            level: C
            summary: Shows a window firing.
            ---
            """;
    private static final String BODY = """
            # Demo

            Intro.

            <!-- cue: WindowFired operator=w key="alice" firing=on-time -->
            The window fires.
            """;

    /** Writes lessons/demo/lesson.md (and an empty scenario.json) and loads it. */
    private Lesson load(String text) throws Exception {
        Path dir = root.resolve("demo");
        Files.createDirectories(dir);
        Files.writeString(dir.resolve("lesson.md"), text);
        Files.writeString(dir.resolve("scenario.json"), "{}");
        return LessonLoader.load(dir);
    }

    private void fails(String text, int line, String problem) {
        Path file = root.resolve("demo").resolve("lesson.md");
        assertThatThrownBy(() -> load(text)).isInstanceOf(ContentException.class)
                .satisfies(e -> {
                    ContentException c = (ContentException) e;
                    assertThat(c.file()).isEqualTo(file);
                    assertThat(c.line()).isEqualTo(line);
                    assertThat(c.problem()).startsWith(problem);
                    assertThat(c.getMessage()).isEqualTo(file + (line > 0 ? ":" + line : "") + ": " + c.problem());
                });
    }

    @Test
    void aWellFormedLessonLoads() throws Exception {
        Lesson l = load(HEADER + BODY + "\n## Afterwards\n\nOutro.\n");
        assertThat(l.id()).isEqualTo("demo");
        assertThat(l.intro()).isEqualTo("# Demo\n\nIntro.");
        assertThat(l.cues()).hasSize(1);
        assertThat(l.cues().get(0).line()).isEqualTo(12);
        assertThat(l.cues().get(0).narration()).isEqualTo("The window fires.");
        assertThat(l.outro()).isEqualTo("## Afterwards\n\nOutro.");
        assertThat(l.isPending()).isFalse();
    }

    @Test
    void aKeyCueNamesOneOfTheCues() throws Exception {
        assertThat(load(HEADER + BODY).keyCueIndex()).isZero();
        assertThat(load(HEADER.replace("summary:", "key-cue: 1\nsummary:") + BODY).keyCue()).isEqualTo(1);
        fails(HEADER.replace("summary:", "key-cue: 2\nsummary:") + BODY, 6,
                "key-cue 2 names no cue: the lesson has 1 cue");
        fails(HEADER.replace("summary:", "key-cue: last\nsummary:") + BODY, 6,
                "key-cue 'last' must be the number (from 1) of one of the lesson's cues");
    }

    @Test
    void missingFrontMatter() {
        fails("# Demo\n", 1, "expected the front matter to open with a line '---'");
    }

    @Test
    void unclosedFrontMatter() {
        fails("---\nid: demo\n", 1, "the front matter opened on line 1 is not closed by a line '---'");
    }

    @Test
    void unknownHeaderFieldSuggestsTheIntendedOne() {
        fails(HEADER.replace("summary:", "sumary:"), 6, "unknown field 'sumary' in the lesson's front matter (did"
                + " you mean 'summary'?)");
    }

    @Test
    void missingRequiredHeaderField() {
        fails(HEADER.replace("title: A demo\n", ""), 2, "missing required field 'title' in the lesson's front"
                + " matter");
    }

    @Test
    void headerLineThatIsNotAField() {
        fails(HEADER.replace("kind: lesson", "kind lesson"), 4, "expected a field 'name: value'");
    }

    @Test
    void fieldGivenTwice() {
        fails(HEADER.replace("kind: lesson", "kind: lesson\nkind: lesson"), 5, "field 'kind' is given twice (first"
                + " on line 4)");
    }

    @Test
    void tabInTheHeader() {
        fails(HEADER.replace("kind: lesson", "kind:\tlesson"), 4, "a tab character");
    }

    @Test
    void unclosedQuoteInTheHeader() {
        fails(HEADER.replace("title: A demo", "title: \"A demo"), 3, "a quoted text is not closed");
    }

    @Test
    void idDiffersFromTheFolder() {
        fails(HEADER.replace("id: demo", "id: other"), 2, "the id 'other' differs from the folder name 'demo'");
    }

    @Test
    void unknownKindAndLevel() {
        fails(HEADER.replace("kind: lesson", "kind: tutorial"), 4, "kind must be 'lesson' or 'troubleshooting'");
        fails(HEADER.replace("level: C", "level: G"), 5, "level must be one of A, B, C, D, E, F");
    }

    @Test
    void requiresWithoutPendingAndAnUnknownCapability() {
        fails(HEADER.replace("level: C", "level: C\nrequires: [checkpoints]"), 6, "a lesson with 'requires' is"
                + " pending: add a field 'pending'");
        fails(HEADER.replace("level: C", "level: C\nrequires: [checkpoint]\npending: waits"), 6, "unknown"
                + " capability 'checkpoint' in 'requires' (did you mean 'checkpoints'?)");
    }

    @Test
    void aRunnableLessonWithoutItsScenario() throws Exception {
        Path dir = root.resolve("demo");
        Files.createDirectories(dir);
        Files.writeString(dir.resolve("lesson.md"), HEADER + BODY);
        assertThatThrownBy(() -> LessonLoader.load(dir)).isInstanceOf(ContentException.class)
                .hasMessageContaining("lesson.md:2: the scenario scenario.json is missing next to lesson.md");
    }

    @Test
    void aPendingLessonNeedsNoScenarioNorCues() throws Exception {
        Path dir = root.resolve("demo");
        Files.createDirectories(dir);
        Files.writeString(dir.resolve("lesson.md"), HEADER.replace("level: C", "level: C\nrequires: [checkpoints]\n"
                + "pending: the engine has no checkpoints yet") + "# Demo\n\nText only.\n");
        Lesson l = LessonLoader.load(dir);
        assertThat(l.isPending()).isTrue();
        assertThat(l.requires()).containsExactly("checkpoints");
        assertThat(l.cues()).isEmpty();
    }

    @Test
    void aRunnableLessonWithoutCues() {
        fails(HEADER + "# Demo\n\nNo cues.\n", 0, "a runnable lesson needs at least one cue");
    }

    @Test
    void malformedCueComment() {
        fails(HEADER + BODY.replace("<!-- cue: WindowFired", "<!-- cue WindowFired"), 12, "a cue must be one line"
                + " of the form '<!-- cue: EventType name=value ... -->'");
    }

    @Test
    void unknownEventTypeSuggestsTheIntendedOne() {
        fails(HEADER + BODY.replace("cue: WindowFired", "cue: WindowFire"), 12, "unknown trace event type"
                + " 'WindowFire' (did you mean 'WindowFired'?); expected one of RecordRead, ElementSent");
    }

    @Test
    void unknownFieldOfTheEventType() {
        fails(HEADER + BODY.replace("firing=on-time", "firng=on-time"), 12, "WindowFired has no field 'firng' (did"
                + " you mean 'firing'?); its fields are seq, time, subtask, cause, operator, key, start, end, result,"
                + " firing");
    }

    @Test
    void aNumberFieldWithText() {
        fails(HEADER + BODY.replace("firing=on-time", "start=soon"), 12, "WindowFired.start is a number of"
                + " milliseconds: expected a whole number, a clock time such as 10:04:59.999");
        fails(HEADER + BODY.replace("firing=on-time", "start~=10"), 12, "'~=' (contains) applies to texts;"
                + " WindowFired.start is a number");
    }

    @Test
    void aBooleanFieldWithText() {
        fails(HEADER + BODY.replace("WindowFired operator=w key=\"alice\" firing=on-time",
                "WatermarkStatusChanged idle=yes"), 12, "WatermarkStatusChanged.idle is true or false, found 'yes'");
    }

    @Test
    void conditionWithoutValueOrRepeated() {
        fails(HEADER + BODY.replace("firing=on-time", "firing="), 12, "'firing' has no value");
        fails(HEADER + BODY.replace("firing=on-time", "key=bob"), 12, "the cue tests 'key' twice");
        fails(HEADER + BODY.replace("firing=on-time", "on-time"), 12, "expected name=value or name~=value");
    }

    @Test
    void unclosedQuoteInACue() {
        fails(HEADER + BODY.replace("key=\"alice\"", "key=\"alice"), 12, "a quoted value in the cue is not closed");
    }

    @Test
    void aCueWithoutNarration() {
        fails(HEADER + BODY.replace("The window fires.\n", "") + "<!-- cue: WindowCleared -->\nCleared.\n", 12,
                "the cue has no narration");
    }

    @Test
    void aSectionHeadingBetweenCues() {
        fails(HEADER + BODY + "\n## Middle\n\n<!-- cue: WindowCleared -->\nCleared.\n", 15, "a '## ' heading"
                + " between two cues would cut the narration");
    }

    @Test
    void cuesInsideCodeBlocksAreText() throws Exception {
        Lesson l = load(HEADER + BODY + "\n## Format\n\n```\n<!-- cue: Nonsense -->\n```\n");
        assertThat(l.cues()).hasSize(1);
        assertThat(l.outro()).contains("<!-- cue: Nonsense -->");
    }

    @Test
    void anUnclosedCodeBlock() {
        fails(HEADER + BODY + "\n```\ncode\n", 16, "a fenced code block is not closed");
    }

    @Test
    void carriageReturns() {
        fails((HEADER + BODY).replace("\n", "\r\n"), 1, "a carriage return (CR); content files use LF line ends");
    }

    @Test
    void aLessonFolderWithoutLessonMd() throws Exception {
        Files.createDirectories(root.resolve("empty"));
        assertThatThrownBy(() -> LessonLoader.loadAll(root)).isInstanceOf(ContentException.class)
                .hasMessage(root.resolve("empty") + ": a lesson folder needs a lesson.md (and, unless the lesson is"
                        + " pending, a scenario.json)");
    }
}
