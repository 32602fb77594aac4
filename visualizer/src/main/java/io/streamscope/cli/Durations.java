package io.streamscope.cli;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Parses the durations the options take: {@code 1500ms}, {@code 30s}, {@code 5m}, {@code 2h}. */
final class Durations {
    private static final Pattern FORM = Pattern.compile("(\\d+)(ms|s|m|min|h|d)?");

    private Durations() {
    }

    /**
     * Milliseconds of a duration; a bare number is milliseconds. Throws UsageException naming the option, so
     * that every option reports a bad value the same way.
     */
    static long parse(String option, String text) {
        Matcher m = FORM.matcher(text.trim());
        if (!m.matches()) {
            throw new UsageException(option + ": '" + text + "' is not a duration; use a whole number with a unit:"
                    + " ms, s, m, h or d (e.g. 1500ms, 30s, 5m)");
        }
        long unit = unitMillis(m.group(2));
        try {
            return Math.multiplyExact(Long.parseLong(m.group(1)), unit);
        } catch (ArithmeticException | NumberFormatException e) {
            throw new UsageException(option + ": '" + text + "' is too large");
        }
    }

    private static long unitMillis(String unit) {
        if (unit == null || unit.equals("ms")) {
            return 1;
        }
        switch (unit) {
            case "s":
                return 1_000;
            case "m":
            case "min":
                return 60_000;
            case "h":
                return 3_600_000;
            default:
                return 86_400_000;
        }
    }
}
