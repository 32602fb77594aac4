package io.streamscope.app.view;

import io.streamscope.text.TimeText;

/**
 * What a stream element is, read from its text in the view or trace ({@code record ...}, {@code watermark 4999},
 * {@code status idle}, {@code end-of-input}); each kind has its own glyph. Barriers are recognised by name so
 * that they are drawn as bars as soon as the engine sends them.
 */
public enum ElementKind {
    RECORD, WATERMARK, STATUS, END_OF_INPUT, BARRIER, OTHER;

    public static ElementKind of(String element) {
        if (element == null) {
            return OTHER;
        }
        if (element.startsWith("record")) {
            return RECORD;
        }
        if (element.startsWith("watermark")) {
            return WATERMARK;
        }
        if (element.startsWith("status")) {
            return STATUS;
        }
        if (element.startsWith("end-of-input")) {
            return END_OF_INPUT;
        }
        if (element.toLowerCase(java.util.Locale.ROOT).contains("barrier")) {
            return BARRIER;
        }
        return OTHER;
    }

    /** The short label drawn next to a control element: {@code W 4999}, {@code W 10:01:09.999}, {@code W MAX}, {@code idle}, {@code end}, {@code CP 3}. */
    public static String label(String element) {
        switch (of(element)) {
            case WATERMARK:
                return "W " + watermarkText(element.substring("watermark".length()).trim());
            case STATUS:
                return element.substring("status".length()).trim();
            case END_OF_INPUT:
                return "end";
            case BARRIER:
                return barrierLabel(element);
            default:
                return "";
        }
    }

    /** A watermark's value as the rest of the app writes event time ({@link TimeText}); MIN and MAX as words. */
    private static String watermarkText(String value) {
        try {
            return TimeText.of(Long.parseLong(value));
        } catch (NumberFormatException e) {
            return value;
        }
    }

    private static String barrierLabel(String element) {
        java.util.regex.Matcher m = java.util.regex.Pattern.compile("(\\d+)").matcher(element);
        return m.find() ? "CP " + m.group(1) : "barrier";
    }
}
