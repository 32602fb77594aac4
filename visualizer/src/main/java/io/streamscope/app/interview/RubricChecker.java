package io.streamscope.app.interview;

import io.streamscope.question.RubricConcept;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * Checks a typed answer against a question's rubric: a concept counts as covered when the answer mentions any of
 * its keywords and that mention is not negated right before it. Ignoring case, a keyword made of words matches
 * whole words of the answer ("min" does not hit "minute"), in their common inflected forms ("watermarks",
 * "checkpointing", "aligned" hit "watermark", "checkpoint", "alignment"), written with a space, a hyphen or
 * nothing between its words ("key group", "key-group", "keygroup"). A keyword with other symbols ("≤",
 * "timestamp &lt;= W", "I/O") matches literally. Every hit names the words of the answer that matched, so the
 * result can be explained.
 */
public final class RubricChecker {
    /** Words that, right before a mention, say the answer denies it ("no watermarks", "not exactly-once"). */
    private static final Set<String> NEGATORS = Set.of("no", "not", "without", "never", "cannot");
    /** Words allowed between a negator and the mention it negates ("without any checkpoints"). */
    private static final Set<String> FILLERS = Set.of("a", "an", "the", "any");
    /** Keyword words shorter than this match only as written: "min" must not take "mins" or "mining". */
    private static final int MIN_INFLECTED_WORD = 4;
    /** A base left after taking a suffix off is at least this long ("need" does not become "ne"). */
    private static final int MIN_BASE = 3;

    private RubricChecker() {
    }

    /**
     * One rubric concept and what the answer said about it.
     *
     * @param matched the keyword (as the rubric writes it) that the answer covered, or null
     * @param phrase the words of the answer, as typed, that matched {@code matched}, or null
     * @param negated when the concept is missed but a keyword was mentioned only in a negation, that negation as
     *     typed ("no watermarks"); else null
     */
    public record ConceptResult(RubricConcept concept, boolean covered, String matched, String phrase,
                                String negated) {
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

    /** Checks {@code answer} against every concept of {@code rubric}; keywords are tried in rubric order. */
    public static Result check(String answer, List<RubricConcept> rubric) {
        Answer a = new Answer(answer == null ? "" : answer);
        List<ConceptResult> out = new ArrayList<>();
        for (RubricConcept c : rubric) {
            String keyword = null;
            String phrase = null;
            String negated = null;
            for (String k : c.keywords()) {
                Hit hit = a.find(k);
                if (hit != null && hit.negator() < 0) {
                    keyword = k;
                    phrase = a.text(hit.from(), hit.to());
                    break;
                }
                if (hit != null && negated == null) {
                    negated = a.text(hit.negator(), hit.to());
                }
            }
            out.add(new ConceptResult(c, keyword != null, keyword, phrase, keyword != null ? null : negated));
        }
        return new Result(out);
    }

    /**
     * True when {@code keyword} occurs in {@code text} (both lower case) not glued to a letter or digit on a
     * side where the keyword itself starts or ends with one. A keyword like "≤" or "&lt;=" has no word edge to
     * respect, so it matches anywhere. Whitespace inside a phrase matches any run of whitespace, since answers
     * wrap lines. This is the literal match, used for keywords with symbols other than hyphens.
     */
    static boolean mentions(String text, String keyword) {
        return literal(text.replaceAll("\\s", " "), keyword, 0) != null;
    }

    /**
     * The first literal occurrence of {@code keyword} in {@code text} at or after {@code from}, as {start, end}
     * in {@code text}, or null. {@code text} keeps its length: only the case is ignored.
     */
    private static int[] literal(String text, String keyword, int from) {
        String k = keyword.trim().toLowerCase(Locale.ROOT);
        if (k.isEmpty()) {
            return null;
        }
        String[] parts = k.split("\\s+");
        StringBuilder re = new StringBuilder();
        for (int i = 0; i < parts.length; i++) {
            if (i > 0) {
                re.append("\\s+");
            }
            re.append(java.util.regex.Pattern.quote(parts[i]));
        }
        boolean wordStart = isWord(k.codePointAt(0));
        boolean wordEnd = isWord(k.codePointBefore(k.length()));
        java.util.regex.Matcher m = java.util.regex.Pattern.compile(re.toString())
                .matcher(text.toLowerCase(Locale.ROOT));
        int at = from;
        while (at <= text.length() && m.find(at)) {
            int i = m.start();
            int end = m.end();
            boolean startOk = !wordStart || i == 0 || !isWord(text.codePointBefore(i));
            boolean endOk = !wordEnd || end == text.length() || !isWord(text.codePointAt(end));
            if (startOk && endOk) {
                return new int[] {i, end};
            }
            at = i + 1;
        }
        return null;
    }

    private static boolean isWord(int cp) {
        return Character.isLetterOrDigit(cp) || cp == '_';
    }

    /** True for a keyword made only of words, spaces and hyphens: it gets the word-form and spelling rules. */
    static boolean isPlain(String keyword) {
        for (int i = 0; i < keyword.length(); i++) {
            char ch = keyword.charAt(i);
            if (!isWord(ch) && !Character.isWhitespace(ch) && !isHyphen(ch)) {
                return false;
            }
        }
        return !keyword.isBlank();
    }

    private static boolean isHyphen(char ch) {
        return ch == '-' || ch == '‐' || ch == '‑' || ch == '–';
    }

    /**
     * True when two words (lower case) are forms of one word: equal, or sharing a base once a plural ("-s",
     * "-es", "-ies"), "-ing", "-ed" or "-ment" ending is taken off. {@code keywordWord} is the rubric's: below
     * {@link #MIN_INFLECTED_WORD} letters it must be equal.
     */
    static boolean sameWord(String answerWord, String keywordWord) {
        if (answerWord.equals(keywordWord)) {
            return true;
        }
        if (keywordWord.length() < MIN_INFLECTED_WORD) {
            return false;
        }
        Set<String> a = bases(answerWord);
        for (String b : bases(keywordWord)) {
            if (a.contains(b)) {
                return true;
            }
        }
        return false;
    }

    /** The word and the bases its endings could come from: "dropped" gives dropp, drop, droppe. */
    static Set<String> bases(String w) {
        Set<String> out = new LinkedHashSet<>();
        out.add(w);
        List<String> inflection = new ArrayList<>();
        if (w.endsWith("ies")) {
            add(inflection, w.substring(0, w.length() - 3), "y");
        } else if (w.endsWith("es")) {
            add(inflection, w.substring(0, w.length() - 2), "");
            add(inflection, w.substring(0, w.length() - 1), "");
        } else if (w.endsWith("s") && !w.endsWith("ss")) {
            add(inflection, w.substring(0, w.length() - 1), "");
        } else if (w.endsWith("ing")) {
            verbStem(inflection, w.substring(0, w.length() - 3));
        } else if (w.endsWith("ied")) {
            add(inflection, w.substring(0, w.length() - 3), "y");
        } else if (w.endsWith("ed")) {
            verbStem(inflection, w.substring(0, w.length() - 2));
        }
        out.addAll(inflection);
        // "alignments" -> "alignment" -> "align": a -ment noun shares its base with the verb's forms
        for (String s : new ArrayList<>(out)) {
            if (s.endsWith("ment")) {
                add(out, s.substring(0, s.length() - 4), "");
            }
        }
        return out;
    }

    /** The bases of a verb stem left by -ing or -ed: itself, with a silent e ("fir" -> fire), undoubled ("dropp"). */
    private static void verbStem(List<String> into, String stem) {
        if (stem.length() < MIN_BASE) {
            return;
        }
        into.add(stem);
        into.add(stem + "e");
        int n = stem.length();
        if (n > MIN_BASE && stem.charAt(n - 1) == stem.charAt(n - 2) && "aeiou".indexOf(stem.charAt(n - 1)) < 0) {
            into.add(stem.substring(0, n - 1));
        }
    }

    private static void add(java.util.Collection<String> into, String base, String suffix) {
        if (base.length() >= MIN_BASE) {
            into.add(base + suffix);
        }
    }

    /**
     * A keyword's occurrence: the answer's characters {@code from} to {@code to}, and where the negator before it
     * starts (-1 when it is not negated).
     */
    private record Hit(int from, int to, int negator) {
    }

    /** A word of the answer, lower case, with where it is in the answer. */
    private record Word(String text, int start, int end) {
    }

    /** The answer cut into words, and the separators between them. */
    private static final class Answer {
        private final String text;
        private final List<Word> words = new ArrayList<>();

        Answer(String text) {
            this.text = text;
            int i = 0;
            while (i < text.length()) {
                int cp = text.codePointAt(i);
                if (!isWord(cp)) {
                    i += Character.charCount(cp);
                    continue;
                }
                int start = i;
                while (i < text.length() && isWord(text.codePointAt(i))) {
                    i += Character.charCount(text.codePointAt(i));
                }
                words.add(new Word(text.substring(start, i).toLowerCase(Locale.ROOT), start, i));
            }
        }

        String text(int from, int to) {
            return text.substring(from, to).replaceAll("\\s+", " ");
        }

        /** The first occurrence of the keyword that is not negated, else the first (negated) one, else null. */
        Hit find(String keyword) {
            List<Hit> hits = isPlain(keyword) ? wordHits(keyword) : literalHits(keyword);
            Hit firstNegated = null;
            for (Hit h : hits) {
                if (h.negator() < 0) {
                    return h;
                }
                if (firstNegated == null) {
                    firstNegated = h;
                }
            }
            return firstNegated;
        }

        private List<Hit> literalHits(String keyword) {
            List<Hit> out = new ArrayList<>();
            String flat = text.replaceAll("\\s", " ");
            int from = 0;
            int[] at;
            while ((at = literal(flat, keyword, from)) != null) {
                out.add(new Hit(at[0], at[1], negatorBefore(at[0])));
                from = at[0] + 1;
            }
            return out;
        }

        /**
         * Every span of answer words joined by spaces or a hyphen that spells the keyword: word by word in their
         * forms, or with the words run together ("keygroup", "key-groups" for "key group"; "with idleness" for
         * "withIdleness").
         */
        private List<Hit> wordHits(String keyword) {
            String[] k = keyword.trim().toLowerCase(Locale.ROOT).split("[\\s\\-‐‑–]+");
            List<String> parts = new ArrayList<>();
            for (String p : k) {
                if (!p.isEmpty()) {
                    parts.add(p);
                }
            }
            String joined = String.join("", parts);
            List<Hit> out = new ArrayList<>();
            for (int i = 0; i < words.size(); i++) {
                int letters = 0;
                // a span longer than the keyword's letters (and an ending) cannot spell it
                for (int j = i; j < words.size() && letters <= joined.length() + 3; j++) {
                    if (j > i && !joins(words.get(j - 1), words.get(j))) {
                        break;
                    }
                    letters += words.get(j).text().length();
                    int len = j - i + 1;
                    boolean match;
                    if (len == parts.size()) {
                        match = true;
                        for (int t = 0; t < len; t++) {
                            if (!sameWord(words.get(i + t).text(), parts.get(t))) {
                                match = false;
                                break;
                            }
                        }
                    } else {
                        StringBuilder run = new StringBuilder();
                        for (int t = i; t <= j; t++) {
                            run.append(words.get(t).text());
                        }
                        match = sameWord(run.toString(), joined);
                    }
                    if (match) {
                        int start = words.get(i).start();
                        out.add(new Hit(start, words.get(j).end(), negatorBefore(start)));
                        break;
                    }
                }
            }
            return out;
        }

        /** True when only whitespace and at most one hyphen stand between two words: one phrase, one clause. */
        private boolean joins(Word a, Word b) {
            String gap = text.substring(a.end(), b.start());
            int hyphens = 0;
            for (int i = 0; i < gap.length(); i++) {
                char ch = gap.charAt(i);
                if (isHyphen(ch)) {
                    hyphens++;
                } else if (!Character.isWhitespace(ch)) {
                    return false;
                }
            }
            return hyphens <= 1 && !gap.isEmpty();
        }

        /** True when only whitespace stands between two words. */
        private boolean spaced(Word a, Word b) {
            return text.substring(a.end(), b.start()).isBlank();
        }

        /**
         * Where the negation of the mention starting at {@code pos} starts, or -1: a negator right before it in
         * the same clause (only spaces between), possibly with one article or "any" between ("no watermarks",
         * "without any checkpoints", "isn't exactly-once").
         */
        private int negatorBefore(int pos) {
            int w = -1;
            for (int i = 0; i < words.size() && words.get(i).end() <= pos; i++) {
                w = i;
            }
            if (w < 0 || !text.substring(words.get(w).end(), pos).isBlank() || words.get(w).end() == pos) {
                return -1;
            }
            if (FILLERS.contains(words.get(w).text()) && w > 0 && spaced(words.get(w - 1), words.get(w))) {
                w--;
            }
            Word n = words.get(w);
            if (NEGATORS.contains(n.text())) {
                return n.start();
            }
            // "isn't", "doesn’t": the t after an apostrophe
            if (n.text().equals("t") && w > 0 && n.start() > 0 && "'’".indexOf(text.charAt(n.start() - 1)) >= 0
                    && words.get(w - 1).end() == n.start() - 1) {
                return words.get(w - 1).start();
            }
            return -1;
        }
    }
}
