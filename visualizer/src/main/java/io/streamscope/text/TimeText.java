package io.streamscope.text;

import io.streamscope.trace.TraceEvent;
import java.time.LocalTime;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Event times as people read them: plain milliseconds for small values, a clock time for timestamps of a day
 * (scenarios write "10:02"), MIN and MAX for Flink's sentinel watermarks. The desktop app and the command line's
 * log both write event time this way, so a lesson's narration, the app and the terminal name the same instants.
 */
public final class TimeText {
    private static final long HOUR = 3_600_000L;
    private static final long DAY = 86_400_000L;
    private static final Pattern NUMBER = Pattern.compile("-?\\d{7,}");

    private TimeText() {
    }

    public static String of(long ts) {
        if (ts == Long.MAX_VALUE) {
            return "MAX";
        }
        if (ts == Long.MIN_VALUE) {
            return "MIN";
        }
        if (ts >= HOUR && ts < DAY) {
            LocalTime t = LocalTime.ofNanoOfDay(ts * 1_000_000L);
            if (t.getNano() != 0) {
                return String.format("%02d:%02d:%02d.%03d", t.getHour(), t.getMinute(), t.getSecond(),
                        t.getNano() / 1_000_000);
            }
            return t.getSecond() == 0 ? String.format("%02d:%02d", t.getHour(), t.getMinute())
                    : String.format("%02d:%02d:%02d", t.getHour(), t.getMinute(), t.getSecond());
        }
        return Long.toString(ts);
    }

    private static final Pattern WINDOW = Pattern.compile("\\[(-?\\d{7,}), (-?\\d{7,})\\)");
    private static final Pattern WATERMARK = Pattern.compile(
            "(watermark |advanced to |event-time timer (?:registered for )?|timestamp |\\} @|maxTimestamp=)(\\d{7,})");

    /**
     * A trace event in the trace list's words ({@link EventText}) with its event times written as clock times:
     * what the status line, the trace list, the lesson player and the command line's log show.
     */
    public static String describe(TraceEvent e, boolean verbose) {
        return readableSentence(EventText.describe(e, verbose));
    }

    /**
     * As {@link #describe(TraceEvent, boolean)}, but a processing-time window's firing or clearing keeps its
     * bounds in virtual milliseconds, which after an hour of run time would otherwise read as clock times; null
     * when the event is not shown at this verbosity.
     */
    public static String describe(TraceEvent e, boolean verbose, ProcessingTimeWindows processingTime) {
        String text = EventText.describe(e, verbose);
        return text == null || processingTime.contains(e) ? text : readableSentence(text);
    }

    /**
     * Rewrites window bounds, watermarks, event-time timer times and timestamps of a trace sentence as clock times
     * when they are a day's timestamps; record contents (JSON) stay as they are. A processing-time timer's time and
     * window are virtual milliseconds since the start and stay numbers.
     */
    public static String readableSentence(String text) {
        if (text == null) {
            return "";
        }
        if (text.contains("processing-time timer")) {
            return text;
        }
        Matcher m = WINDOW.matcher(text);
        StringBuilder sb = new StringBuilder();
        while (m.find()) {
            m.appendReplacement(sb, Matcher.quoteReplacement("[" + of(Long.parseLong(m.group(1))) + ", "
                    + of(Long.parseLong(m.group(2))) + ")"));
        }
        m.appendTail(sb);
        Matcher w = WATERMARK.matcher(sb.toString());
        StringBuilder out = new StringBuilder();
        while (w.find()) {
            w.appendReplacement(out, Matcher.quoteReplacement(w.group(1) + of(Long.parseLong(w.group(2)))));
        }
        w.appendTail(out);
        return out.toString();
    }

    /** Rewrites the clock-sized numbers in a text (such as a window "[36060000, 36360000)") as clock times. */
    public static String readable(String text) {
        if (text == null) {
            return "";
        }
        Matcher m = NUMBER.matcher(text);
        StringBuilder sb = new StringBuilder();
        while (m.find()) {
            long v = Long.parseLong(m.group());
            m.appendReplacement(sb, v >= HOUR && v < DAY ? of(v) : m.group());
        }
        m.appendTail(sb);
        return sb.toString();
    }
}
