package io.streamscope.question;

import java.util.List;

/**
 * One thing a strong answer covers, with words that show it was covered, for a later automatic rubric check.
 *
 * @param concept a short name, such as "bounded-out-of-orderness"
 * @param description what the answer should say, in a sentence
 * @param keywords words or phrases (and synonyms) whose presence suggests the concept was covered
 * @param cue the number (from 1) of the cue of the question's lesson that shows the concept, or null when no
 *     cue shows it
 */
public record RubricConcept(String concept, String description, List<String> keywords, Integer cue) {
    public RubricConcept {
        keywords = List.copyOf(keywords);
        if (cue != null && cue < 1) {
            throw new IllegalArgumentException("cue numbers start at 1, found " + cue);
        }
    }

    /** A concept no cue shows. */
    public RubricConcept(String concept, String description, List<String> keywords) {
        this(concept, description, keywords, null);
    }
}
