package io.streamscope.question;

import java.nio.file.Path;
import java.util.List;

/**
 * An interview question with its model answer, the concepts a strong answer covers, likely follow-ups and the
 * lessons that show it on the engine.
 *
 * @param id such as "C1": the level letter and a number
 * @param file the question's markdown file
 * @param level the level letter, A (Beginner) to F (Final Boss)
 * @param levelName the level's name, as in the mock interview
 * @param title a short title
 * @param source "seed" for the six questions the user supplied (question and answer kept byte for byte), or
 *     "streamscope" for questions written for this project
 * @param lesson the id of the lesson that demonstrates it
 * @param moreLessons further lessons that show parts of it
 * @param rubric the concepts a strong answer covers
 * @param followUps likely follow-up questions
 * @param question the question text (markdown)
 * @param modelAnswer the model answer (markdown)
 * @param streamscopeNote where running the engine shows the model answer's example to be imprecise, what really
 *     happens (markdown); null when there is nothing to add
 */
public record Question(String id, Path file, String level, String levelName, String title, String source,
                       String lesson, List<String> moreLessons, List<RubricConcept> rubric, List<String> followUps,
                       String question, String modelAnswer, String streamscopeNote) {

    /** Source of the six questions supplied by the user. */
    public static final String SEED = "seed";
    /** Source of questions written for Streamscope. */
    public static final String STREAMSCOPE = "streamscope";

    public Question {
        moreLessons = List.copyOf(moreLessons);
        rubric = List.copyOf(rubric);
        followUps = List.copyOf(followUps);
    }

    /** True for the six questions of the user's mock interview. */
    public boolean isSeed() {
        return SEED.equals(source);
    }

    /** The number after the level letter. */
    public int number() {
        return Integer.parseInt(id.substring(1));
    }

    /** The linked lesson first, then the others. */
    public List<String> lessons() {
        List<String> all = new java.util.ArrayList<>();
        all.add(lesson);
        all.addAll(moreLessons);
        return List.copyOf(all);
    }
}
