package io.streamscope.lesson;

import io.streamscope.trace.TraceEvent;
import java.util.ArrayList;
import java.util.List;

/**
 * Ties a lesson's cues to a trace: each cue, in order, to the first matching event after the previous cue's
 * match. Used whole on a finished trace ({@link #match}) or fed event by event while a run goes on
 * ({@link #offer}), which is how a player pauses at the right moment.
 */
public final class CueMatcher {
    private final List<Cue> cues;
    private final List<TraceEvent> matches = new ArrayList<>();

    public CueMatcher(List<Cue> cues) {
        this.cues = List.copyOf(cues);
    }

    /** The cue waiting for its event, or null when every cue has matched. */
    public Cue next() {
        return matches.size() < cues.size() ? cues.get(matches.size()) : null;
    }

    /**
     * Offers the next event of the trace (events must come in trace order); returns the cue it matched, or null.
     * An event matches at most one cue: a cue's event comes strictly after the previous cue's.
     */
    public Cue offer(TraceEvent event) {
        Cue c = next();
        if (c != null && c.matches(event)) {
            matches.add(event);
            return c;
        }
        return null;
    }

    /** True when every cue has matched. */
    public boolean done() {
        return matches.size() == cues.size();
    }

    /** The matched events so far, one per matched cue, in cue order. */
    public List<TraceEvent> matches() {
        return List.copyOf(matches);
    }

    /**
     * The outcome of matching a whole trace.
     *
     * @param matches the event of each matched cue, in cue order
     * @param unmatched the first cue without an event, or null when all matched
     * @param failure a message naming the unmatched cue (file and line), where the search started and the
     *     nearest candidates; null when all matched
     */
    public record Result(List<TraceEvent> matches, Cue unmatched, String failure) {
        /** True when every cue found its event. */
        public boolean complete() {
            return unmatched == null;
        }
    }

    /** Matches a lesson's cues against a finished trace. */
    public static Result match(Lesson lesson, List<TraceEvent> trace) {
        CueMatcher m = new CueMatcher(lesson.cues());
        for (TraceEvent e : trace) {
            m.offer(e);
            if (m.done()) {
                break;
            }
        }
        if (m.done()) {
            return new Result(m.matches(), null, null);
        }
        Cue c = m.next();
        int index = m.matches().size();
        TraceEvent prev = index == 0 ? null : m.matches().get(index - 1);
        long after = prev == null ? -1 : prev.seq();
        List<String> near = new ArrayList<>();
        for (TraceEvent e : trace) {
            if (e.seq() > after && e.getClass().getSimpleName().equals(c.type()) && near.size() < 3) {
                near.add("seq " + e.seq() + " at " + e.time() + " ms: " + Cue.describe(e));
            }
        }
        boolean later = false;
        for (TraceEvent e : trace) {
            if (e.seq() <= after && c.matches(e)) {
                later = true;
                break;
            }
        }
        StringBuilder sb = new StringBuilder();
        sb.append(lesson.file()).append(':').append(c.line()).append(": cue ").append(index + 1).append(" (")
                .append(c.pattern()).append(") matches no trace event ")
                .append(prev == null ? "of the run" : "after the previous cue's (seq " + prev.seq() + " at "
                        + prev.time() + " ms)")
                .append(" among ").append(trace.size()).append(" events");
        if (later) {
            sb.append("; an event matching it happens earlier, so the cues may be out of order");
        }
        sb.append(near.isEmpty() ? "; there is no " + c.type() + " event after that point"
                : "; the first " + c.type() + " events after that point are: " + String.join(" | ", near));
        return new Result(m.matches(), c, sb.toString());
    }
}
