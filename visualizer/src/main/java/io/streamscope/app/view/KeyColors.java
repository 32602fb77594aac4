package io.streamscope.app.view;

import javafx.scene.paint.Color;

/**
 * The colour of a key: picked from a palette of easily told apart colours by the key's text alone, so a key has
 * the same colour in every view, in every run and after every rewind.
 */
public final class KeyColors {
    // Okabe-Ito-like hues plus a few more, dark enough for white text-free dots on a light background
    private static final Color[] PALETTE = {
        Color.web("#0072B2"), Color.web("#E69F00"), Color.web("#009E73"), Color.web("#CC79A7"),
        Color.web("#D55E00"), Color.web("#56B4E9"), Color.web("#8C6D31"), Color.web("#7B4FB5"),
        Color.web("#2CA02C"), Color.web("#C0392B"), Color.web("#17BECF"), Color.web("#7F7F7F"),
    };
    /** Records whose key is unknown (no keyBy field in them). */
    public static final Color UNKEYED = Color.web("#9E9E9E");

    private KeyColors() {
    }

    public static Color of(String key) {
        if (key == null) {
            return UNKEYED;
        }
        // String.hashCode is specified, so the colour is the same on every JVM
        int h = key.hashCode();
        h ^= h >>> 16;
        return PALETTE[Math.floorMod(h, PALETTE.length)];
    }
}
