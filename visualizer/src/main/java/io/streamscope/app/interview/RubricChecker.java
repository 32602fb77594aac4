package io.streamscope.app.interview;

import io.streamscope.question.RubricConcept;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Checks a typed answer against a question's rubric: a concept counts as covered when the answer mentions any of
 * its keywords, ignoring case, as a whole word or phrase (so "min" does not hit "minute").
 */
public final class RubricChecker {
    private RubricChecker() {
    }

    /** One rubric concept and whether the answer covers it; {@code matched} is the keyword found, or null. */
    public record ConceptResult(RubricConcept concept, boolean covered, String matched) {
    }

    /** The outcome of a check, concept by concept in rubric order. */
    public record Result(List<ConceptResult> concepts) {
        public Result {
            concepts = List.copyOf(concepts);
        }

        public int covered() {
            int n = 0;
            for (ConceptResult c : concepts) {
                if (c.covered()) {
                    n++;
                }
            }
            return n;
        }

        public int total() {
            return concepts.size();
        }

        public List<ConceptResult> missed() {
            List<ConceptResult> m = new ArrayList<>();
            for (ConceptResult c : concepts) {
                if (!c.covered()) {
                    m.add(c);
                }
            }
            return m;
        }
    }

    public static Result check(String answer, List<RubricConcept> rubric) {
        String text = answer == null ? "" : answer.toLowerCase(Locale.ROOT);
        List<ConceptResult> out = new ArrayList<>();
        for (RubricConcept c : rubric) {
            String hit = null;
            for (String k : c.keywords()) {
                if (mentions(text, k.toLowerCase(Locale.ROOT))) {
                    hit = k;
                    break;
                }
            }
            out.add(new ConceptResult(c, hit != null, hit));
        }
        return new Result(out);
    }

    /**
     * True when {@code keyword} occurs in {@code text} (both lower case) not glued to a letter or digit on a
     * side where the keyword itself starts or ends with one. A keyword like "≤" or "<=" has no word edge to
     * respect, so it matches anywhere. Whitespace inside a phrase matches any run of whitespace, since answers
     * wrap lines.
     */
    static boolean mentions(String text, String keyword) {
        String k = keyword.trim().replaceAll("\\s+", " ");
        if (k.isEmpty()) {
            return false;
        }
        String t = text.replaceAll("\\s+", " ");
        boolean wordStart = isWord(k.codePointAt(0));
        boolean wordEnd = isWord(k.codePointBefore(k.length()));
        int from = 0;
        while (true) {
            int i = t.indexOf(k, from);
            if (i < 0) {
                return false;
            }
            int end = i + k.length();
            boolean startOk = !wordStart || i == 0 || !isWord(t.codePointBefore(i));
            boolean endOk = !wordEnd || end == t.length() || !isWord(t.codePointAt(end));
            if (startOk && endOk) {
                return true;
            }
            from = i + 1;
        }
    }

    private static boolean isWord(int cp) {
        return Character.isLetterOrDigit(cp) || cp == '_';
    }
}
