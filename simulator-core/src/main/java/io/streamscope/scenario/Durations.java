package io.streamscope.scenario;

import java.math.BigDecimal;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Parses the durations and clock times of scenario files into milliseconds.
 *
 * <p>A duration is one or more {@code <number><unit>} parts, such as {@code "5s"}, {@code "200ms"},
 * {@code "1.5s"} or {@code "1h30min"}. Units: {@code ms}, {@code s}, {@code m} or {@code min} (both minutes:
 * "m" never means milliseconds here), {@code h}, {@code d}, and their long forms ({@code seconds},
 * {@code minutes}...). A clock time is {@code HH:mm}, {@code HH:mm:ss} or {@code HH:mm:ss.SSS}, read as the
 * milliseconds since midnight, so that "10:02" can stand for an event time in the examples of a lesson.
 */
public final class Durations {
    /** The expected-text every duration error starts with, so that all of them read the same. */
    public static final String EXPECTED = "expected a duration such as \"5s\", \"200ms\", \"30min\" or a number of"
            + " milliseconds";

    private static final Pattern PART = Pattern.compile("(\\d+(?:\\.\\d+)?)\\s*([A-Za-z]+)");
    private static final Pattern CLOCK = Pattern.compile("(\\d{1,2}):(\\d{2})(?::(\\d{2})(?:\\.(\\d{1,3}))?)?");

    private Durations() {
    }

    /**
     * Parses a duration string; throws IllegalArgumentException whose message says what was expected and
     * what was given. Negative durations are refused: no field of a scenario takes one.
     */
    public static long parse(String text) {
        String s = text.strip();
        if (s.isEmpty()) {
            throw new IllegalArgumentException(EXPECTED + ", got an empty string");
        }
        if (s.chars().allMatch(c -> c >= '0' && c <= '9')) {
            // a bare number in a string is refused so that every string duration shows its unit
            throw new IllegalArgumentException(EXPECTED + ", got \"" + text + "\" (a string needs a unit, as in \""
                    + s + "ms\"; or write the number " + s + " without quotes)");
        }
        if (s.startsWith("-")) {
            throw new IllegalArgumentException(EXPECTED + ", got \"" + text + "\" (durations cannot be negative)");
        }
        BigDecimal total = BigDecimal.ZERO;
        int pos = 0;
        while (pos < s.length()) {
            while (pos < s.length() && s.charAt(pos) == ' ') {
                pos++;
            }
            Matcher m = PART.matcher(s);
            m.region(pos, s.length());
            if (!m.lookingAt()) {
                throw new IllegalArgumentException(EXPECTED + ", got \"" + text + "\"");
            }
            long unit = unitMillis(m.group(2));
            if (unit < 0) {
                throw new IllegalArgumentException(EXPECTED + ", got \"" + text + "\" (unknown unit \"" + m.group(2)
                        + "\"; units are ms, s, m or min, h, d)");
            }
            total = total.add(new BigDecimal(m.group(1)).multiply(BigDecimal.valueOf(unit)));
            pos = m.end();
        }
        if (total.stripTrailingZeros().scale() > 0) {
            throw new IllegalArgumentException(EXPECTED + ", got \"" + text + "\" (not a whole number of"
                    + " milliseconds)");
        }
        try {
            return total.longValueExact();
        } catch (ArithmeticException e) {
            throw new IllegalArgumentException(EXPECTED + ", got \"" + text + "\" (too large)");
        }
    }

    /** Milliseconds of one unit, or -1 for a word that is not a unit. */
    private static long unitMillis(String unit) {
        // units are case-sensitive: "M" or "MS" are more likely mistakes than intent
        switch (unit) {
            case "ms": case "milli": case "millis": case "millisecond": case "milliseconds":
                return 1;
            case "s": case "sec": case "secs": case "second": case "seconds":
                return 1_000;
            case "m": case "min": case "mins": case "minute": case "minutes":
                return 60_000;
            case "h": case "hour": case "hours":
                return 3_600_000;
            case "d": case "day": case "days":
                return 86_400_000;
            default:
                return -1;
        }
    }

    /** True when the text looks like a clock time ("10:02"), which {@link #parseClock} then reads. */
    public static boolean isClock(String text) {
        return text.strip().indexOf(':') >= 0;
    }

    /** Parses "HH:mm", "HH:mm:ss" or "HH:mm:ss.SSS" into milliseconds since midnight. */
    public static long parseClock(String text) {
        Matcher m = CLOCK.matcher(text.strip());
        String expected = "expected a clock time such as \"10:02\", \"10:02:30\" or \"10:02:30.250\", got \"" + text
                + "\"";
        if (!m.matches()) {
            throw new IllegalArgumentException(expected);
        }
        int h = Integer.parseInt(m.group(1));
        int min = Integer.parseInt(m.group(2));
        int sec = m.group(3) == null ? 0 : Integer.parseInt(m.group(3));
        int ms = 0;
        if (m.group(4) != null) {
            // ".25" is a quarter second, as a decimal fraction reads
            String frac = (m.group(4) + "00").substring(0, 3);
            ms = Integer.parseInt(frac);
        }
        if (h > 23 || min > 59 || sec > 59) {
            throw new IllegalArgumentException(expected + " (hours 0-23, minutes and seconds 0-59)");
        }
        return ((h * 60L + min) * 60L + sec) * 1000L + ms;
    }

    /** The shortest exact form of a duration, as "1h30min", "5s", "1500ms" or "0ms". */
    public static String format(long millis) {
        if (millis == 0) {
            return "0ms";
        }
        StringBuilder sb = new StringBuilder();
        long rest = millis;
        if (rest < 0) {
            sb.append('-');
            rest = -rest;
        }
        long[] units = {86_400_000, 3_600_000, 60_000, 1_000, 1};
        String[] names = {"d", "h", "min", "s", "ms"};
        for (int i = 0; i < units.length; i++) {
            long n = rest / units[i];
            if (n > 0) {
                sb.append(n).append(names[i]);
                rest -= n * units[i];
            }
        }
        return sb.toString();
    }
}
