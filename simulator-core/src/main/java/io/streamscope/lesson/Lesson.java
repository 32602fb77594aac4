package io.streamscope.lesson;

import java.nio.file.Path;
import java.util.List;

/**
 * A lesson: a scenario and a narration whose cues are tied to trace events of that scenario's run.
 *
 * @param id the folder name, such as "c1-watermarks"
 * @param file the lesson.md file
 * @param title a short title
 * @param kind "lesson" (teaches an interview topic) or "troubleshooting" (a problem Flink users hit)
 * @param level the interview level A–F it belongs to, or null for troubleshooting lessons without one
 * @param summary one or two sentences: what the lesson shows
 * @param requires engine capabilities the lesson needs and the engine does not have yet; empty when runnable
 * @param pendingReason why the lesson is pending (null when runnable)
 * @param scenario the scenario file (it may be absent for a pending lesson)
 * @param intro the markdown before the first cue
 * @param cues the cues in order
 * @param outro the markdown after the last cue's narration (from its first "## " heading)
 * @param keyCue the number (from 1) of the cue at the lesson's key moment, from its {@code key-cue:} field, or
 *     null for the last cue
 */
public record Lesson(String id, Path file, String title, String kind, String level, String summary,
                     List<String> requires, String pendingReason, Path scenario, String intro, List<Cue> cues,
                     String outro, Integer keyCue) {

    /** Kind of a lesson that teaches an interview topic. */
    public static final String LESSON = "lesson";
    /** Kind of a lesson that steps through a problem Flink users hit. */
    public static final String TROUBLESHOOTING = "troubleshooting";

    public Lesson {
        requires = List.copyOf(requires);
        cues = List.copyOf(cues);
    }

    /** A lesson whose key moment is its last cue. */
    public Lesson(String id, Path file, String title, String kind, String level, String summary,
                  List<String> requires, String pendingReason, Path scenario, String intro, List<Cue> cues,
                  String outro) {
        this(id, file, title, kind, level, summary, requires, pendingReason, scenario, intro, cues, outro, null);
    }

    /** The index (from 0) of the cue at the lesson's key moment: its {@code key-cue}, else the last; -1 if none. */
    public int keyCueIndex() {
        return keyCue != null ? keyCue - 1 : cues.size() - 1;
    }

    /** True when the lesson needs an engine capability that is not there yet: its scenario is not run. */
    public boolean isPending() {
        return !requires.isEmpty();
    }

    /** The folder holding lesson.md and the scenario. */
    public Path dir() {
        return file.getParent();
    }
}
