package io.streamscope.app.view;

import javafx.scene.text.Font;
import javafx.scene.text.FontWeight;
import javafx.scene.text.Text;

/** The few fonts the canvas views draw with, so that all views read alike. */
final class Fonts {
    static final Font TITLE = Font.font("DejaVu Sans", FontWeight.BOLD, 12);
    static final Font BODY = Font.font("DejaVu Sans", 11);
    static final Font SMALL = Font.font("DejaVu Sans", 10);
    static final Font SMALL_BOLD = Font.font("DejaVu Sans", FontWeight.BOLD, 10);
    static final Font MONO = Font.font("DejaVu Sans Mono", 10);

    private Fonts() {
    }

    /** Cuts text to about {@code max} characters with an ellipsis; canvas text does not wrap or clip by itself. */
    static String fit(String s, int max) {
        if (s == null) {
            return "";
        }
        return s.length() <= max ? s : s.substring(0, Math.max(0, max - 1)) + "…";
    }

    /** One text node measures for all canvas views; they draw on the FX thread only. */
    private static final Text MEASURE = new Text();

    /** The width of {@code s} drawn in {@code font}, as the canvas will draw it. */
    static double width(String s, Font font) {
        MEASURE.setFont(font);
        MEASURE.setText(s);
        return MEASURE.getLayoutBounds().getWidth();
    }
}
