package io.streamscope.app.dictation;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;

/**
 * Word pronunciations for the decoder: CMU's US-English dictionary from sphinx4-data, plus the Flink words it
 * lacks ({@code flink-words.dict} next to this class: timestamp, subtask, savepoint, backpressure, ...), written
 * by hand in the same phone set. A word with several pronunciations keeps them all ({@code word(2)}).
 */
public final class PronouncingDictionary {
    /** Where sphinx4-data keeps CMU's dictionary. */
    static final String CMU_DICT = "/edu/cmu/sphinx/models/en-us/cmudict-en-us.dict";
    static final String FLINK_WORDS = "flink-words.dict";

    private final Map<String, List<String>> pronunciations;

    private PronouncingDictionary(Map<String, List<String>> pronunciations) {
        this.pronunciations = pronunciations;
    }

    /** CMU's dictionary with the Flink words added (a Flink word's own pronunciation comes first). */
    public static PronouncingDictionary load() throws IOException {
        Map<String, List<String>> p = new HashMap<>(150_000);
        read(resource(PronouncingDictionary.class, FLINK_WORDS), FLINK_WORDS, p);
        read(resource(PronouncingDictionary.class, CMU_DICT), CMU_DICT, p);
        return new PronouncingDictionary(p);
    }

    /** The Flink words alone (tests check that each of them is pronounceable with the acoustic model's phones). */
    static Map<String, List<String>> flinkWords() throws IOException {
        Map<String, List<String>> p = new HashMap<>();
        read(resource(PronouncingDictionary.class, FLINK_WORDS), FLINK_WORDS, p);
        return p;
    }

    private static InputStream resource(Class<?> c, String name) throws IOException {
        InputStream in = c.getResourceAsStream(name);
        if (in == null) {
            throw new IOException("missing resource " + name + " (sphinx4-data must be on the class path)");
        }
        return in;
    }

    private static void read(InputStream in, String name, Map<String, List<String>> into) throws IOException {
        try (BufferedReader r = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8))) {
            String line;
            int n = 0;
            while ((line = r.readLine()) != null) {
                n++;
                String t = line.strip();
                if (t.isEmpty() || t.startsWith("#")) {
                    continue;
                }
                int sp = t.indexOf(' ');
                if (sp <= 0) {
                    throw new IOException(name + ":" + n + ": expected a word and its phones, got '" + t + "'");
                }
                String word = t.substring(0, sp);
                int variant = word.indexOf('(');
                if (variant > 0) {
                    word = word.substring(0, variant);
                }
                String phones = t.substring(sp + 1).strip();
                List<String> list = into.computeIfAbsent(word, k -> new ArrayList<>(1));
                if (!list.contains(phones)) {
                    list.add(phones);
                }
            }
        }
    }

    /** Whether the decoder can pronounce {@code word} (lower case). */
    public boolean contains(String word) {
        return pronunciations.containsKey(word);
    }

    /** The dictionary restricted to {@code words}, in Sphinx's text format, sorted. */
    public String subset(Collection<String> words) {
        StringBuilder out = new StringBuilder();
        for (String w : new TreeSet<>(words)) {
            List<String> ps = pronunciations.get(w);
            if (ps == null) {
                continue;
            }
            for (int i = 0; i < ps.size(); i++) {
                out.append(w).append(i == 0 ? "" : "(" + (i + 1) + ")").append(' ').append(ps.get(i)).append('\n');
            }
        }
        return out.toString();
    }
}
