package io.streamscope.app.dictation;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.function.Predicate;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Turns the texts of the question bank and the lessons (markdown) into the word sequences that a spoken answer
 * is made of: lower case, code identifiers split where the case changes ({@code forBoundedOutOfOrderness} is
 * said "for bounded out of orderness"), one sequence per sentence. A word the recogniser cannot pronounce (not
 * in its dictionary, or a number) ends the sequence, so no word pair is learnt across it.
 */
public final class CorpusText {
    private static final Pattern LINK = Pattern.compile("\\[([^\\]]*)\\]\\([^)]*\\)");
    private static final Pattern URL = Pattern.compile("https?://\\S+");
    private static final Pattern CAMEL = Pattern.compile("(?<=[a-z])(?=[A-Z])|(?<=[A-Z])(?=[A-Z][a-z])");
    /** A run of letters with inner apostrophes (flink's, don't), or one character that is none of those. */
    private static final Pattern TOKEN = Pattern.compile("[A-Za-z]+(?:'[A-Za-z]+)*|\\S");
    private static final String SENTENCE_END = ".!?;:\n";

    private CorpusText() {
    }

    /** The sentences of {@code text} as lists of lower-case words that {@code known} accepts. */
    public static List<List<String>> sentences(String text, Predicate<String> known) {
        String t = text.replace('\u2019', '\'').replace('\u2018', '\'');
        t = LINK.matcher(t).replaceAll("$1");
        t = URL.matcher(t).replaceAll(" . ");
        // a blank line or a line break ends a sentence in markdown lists and tables; a hyphen joins spoken words
        t = t.replace('-', ' ').replace('_', ' ').replace('/', ' ');
        List<List<String>> out = new ArrayList<>();
        List<String> current = new ArrayList<>();
        Matcher m = TOKEN.matcher(t);
        int last = 0;
        while (m.find()) {
            if (t.substring(last, m.start()).indexOf('\n') >= 0) {
                flush(out, current);
            }
            last = m.end();
            String tok = m.group();
            if (!Character.isLetter(tok.charAt(0))) {
                if (SENTENCE_END.indexOf(tok.charAt(0)) >= 0 || Character.isDigit(tok.charAt(0))) {
                    flush(out, current);
                }
                continue;
            }
            for (String part : CAMEL.split(tok)) {
                String w = part.toLowerCase(Locale.ROOT);
                if (known.test(w)) {
                    current.add(w);
                } else {
                    flush(out, current);
                }
            }
        }
        flush(out, current);
        return out;
    }

    private static void flush(List<List<String>> out, List<String> current) {
        if (!current.isEmpty()) {
            out.add(List.copyOf(current));
            current.clear();
        }
    }
}
