package io.streamscope.question;

import java.util.List;

/**
 * One thing a strong answer covers, with words that show it was covered, for a later automatic rubric check.
 *
 * @param concept a short name, such as "bounded-out-of-orderness"
 * @param description what the answer should say, in a sentence
 * @param keywords words or phrases (and synonyms) whose presence suggests the concept was covered
 */
public record RubricConcept(String concept, String description, List<String> keywords) {
    public RubricConcept {
        keywords = List.copyOf(keywords);
    }
}
