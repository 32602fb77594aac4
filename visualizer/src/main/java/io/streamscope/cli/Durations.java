package io.streamscope.cli;

/**
 * Parses the durations options take, with the same forms as scenario files ({@code 1500ms}, {@code 30s},
 * {@code 5min}, {@code 1m 30s}), plus a bare number of milliseconds, which is natural on a command line.
 */
final class Durations {
    private Durations() {
    }

    /** Milliseconds of a duration; throws UsageException naming the option, so every option reports alike. */
    static long parse(String option, String text) {
        String s = text.strip();
        if (!s.isEmpty() && s.chars().allMatch(c -> c >= '0' && c <= '9')) {
            try {
                return Long.parseLong(s);
            } catch (NumberFormatException e) {
                throw new UsageException(option + ": '" + text + "' is too large");
            }
        }
        try {
            return io.streamscope.scenario.Durations.parse(s);
        } catch (IllegalArgumentException | ArithmeticException e) {
            throw new UsageException(option + ": '" + text + "' is not a duration: " + e.getMessage());
        }
    }
}
