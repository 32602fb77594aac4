package io.streamscope.scenario;

/** "Did you mean ...?" for names, shared by the scenario reader and the SQL planner so both suggest alike. */
public final class Suggestions {
    private Suggestions() {
    }

    /** The candidate closest to {@code word} (case-insensitively, a swap of two letters is one edit), or null. */
    public static String suggest(String word, Iterable<String> candidates) {
        return Doc.suggest(word, candidates);
    }
}
