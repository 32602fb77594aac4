package io.streamscope.lesson;

import static org.assertj.core.api.Assertions.assertThat;

import io.streamscope.question.QuestionBank;
import io.streamscope.scenario.LoadedScenario;
import io.streamscope.scenario.ScenarioLoader;
import io.streamscope.sim.Simulation;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;

/**
 * The lessons in /lessons: every one loads; every runnable one's scenario runs to its end (or its runUntil) and
 * every cue matches, in order, an event that really happens in the run. Pending lessons are reported as
 * skipped with what they wait for, never passed silently.
 */
class LessonContentTest {
    /** Surefire runs with the module folder as working directory; the content sits next to it. */
    static final Path LESSONS = Path.of("..", "lessons");
    static final Path QUESTIONS = Path.of("..", "question-bank");

    static List<Lesson> lessons() {
        return LessonLoader.loadAll(LESSONS);
    }

    @Test
    void theLessonsTheIssueAsksForAreThere() {
        List<String> ids = lessons().stream().map(Lesson::id).toList();
        assertThat(ids).contains("a1-bounded-vs-unbounded", "a1-latency-floor", "b1-chaining-and-slots",
                "c1-watermarks", "c1-slow-partition", "d1-checkpoints", "e1-pipeline", "e1-rescaling",
                "f1-materialized-tables", "t-idle-partition", "t-more-subtasks-than-partitions",
                "t-all-inputs-idle", "t-two-input-slow-input", "t-alignment-under-backpressure",
                "t-duplicates-at-least-once-sink");
        for (String level : LessonLoader.LEVELS) {
            assertThat(lessons()).as("a lesson for level " + level).anyMatch(l -> level.equals(l.level()));
        }
    }

    @TestFactory
    Stream<DynamicTest> everyRunnableLessonRunsAndEveryCueMatchesARealEvent() {
        return lessons().stream().map(l -> DynamicTest.dynamicTest(l.id(), () -> {
            if (l.isPending()) {
                // reported as skipped with its reason, and printed, so that a pending lesson is never a silent pass
                System.out.println("LessonContentTest: " + l.id() + " is pending (requires "
                        + String.join(", ", l.requires()) + "): its scenario is not run");
                Assumptions.abort("lesson " + l.id() + " is pending: it requires " + String.join(", ", l.requires())
                        + " (" + l.pendingReason() + ")");
            }
            LoadedScenario sc = ScenarioLoader.load(l.scenario());
            Simulation sim = sc.start(null, true);
            sc.run(sim);
            if (sc.runUntil() == null) {
                assertThat(sim.isFinished()).as(l.id() + " runs to its end").isTrue();
            } else {
                assertThat(sim.now()).isEqualTo(sc.runUntil());
            }
            CueMatcher.Result r = CueMatcher.match(l, sim.trace());
            assertThat(r.complete()).as(r.failure()).isTrue();
            assertThat(r.matches()).hasSize(l.cues().size());
        }));
    }

    @Test
    void everyLessonIsLinkedByAQuestion() {
        QuestionBank bank = QuestionBank.load(QUESTIONS);
        for (Lesson l : lessons()) {
            assertThat(bank.linking(l.id())).as("questions linking " + l.id()).isNotEmpty();
        }
    }

    /** "lesson `t-backpressure`" in a lesson or a question must name a lesson that exists. */
    @Test
    void lessonsNamedInTheTextsExist() throws Exception {
        List<String> ids = lessons().stream().map(Lesson::id).toList();
        Pattern ref = Pattern.compile("lessons? `([a-z0-9-]+)`");
        List<Path> files = new ArrayList<>();
        lessons().forEach(l -> files.add(l.file()));
        QuestionBank.load(QUESTIONS).questions().forEach(q -> files.add(q.file()));
        for (Path f : files) {
            Matcher m = ref.matcher(Files.readString(f).replace("\n", " "));
            while (m.find()) {
                assertThat(ids).as(f + " names lesson " + m.group(1)).contains(m.group(1));
            }
        }
    }

    @Test
    void pendingLessonsSayWhatTheyWaitForAndRunnableOnesHaveAScenario() {
        for (Lesson l : lessons()) {
            if (l.isPending()) {
                assertThat(l.pendingReason()).as(l.id()).isNotBlank();
            } else {
                assertThat(l.scenario()).as(l.id()).isRegularFile();
                assertThat(l.cues()).as(l.id()).isNotEmpty();
            }
            assertThat(l.intro()).as(l.id() + " has an introduction").isNotBlank();
        }
    }
}
