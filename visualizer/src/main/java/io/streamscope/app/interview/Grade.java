package io.streamscope.app.interview;

import java.util.Locale;

/** The user's own grade of an answer after seeing the model answer, as in spaced-repetition flash cards. */
public enum Grade {
    AGAIN, HARD, GOOD, EASY;

    /** The lower-case name written in progress.json. */
    public String key() {
        return name().toLowerCase(Locale.ROOT);
    }

    public static Grade of(String key) {
        return valueOf(key.toUpperCase(Locale.ROOT));
    }
}
