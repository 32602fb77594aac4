package io.streamscope.app.engine;

import io.streamscope.text.ProcessingTimeWindows;
import io.streamscope.trace.TraceEvent;
import java.util.List;

/**
 * A whole run of a scenario, recorded once when it is opened: every trace event, and for every kernel step how
 * many trace events existed after it and the virtual time it ran at. Deterministic replay turns a step number
 * back into the engine state, so this is all the app keeps of the past; immutable once built.
 */
public final class Recording {
    private final OpenedScenario scenario;
    private final List<TraceEvent> trace;
    private final int[] traceCountAfterStep;
    private final long[] timeOfStep;
    private final long lastStep;
    private final String endReason;
    private final boolean jobFinished;
    private final ProcessingTimeWindows processingTimeWindows;

    Recording(OpenedScenario scenario, List<TraceEvent> trace, int[] traceCountAfterStep, long[] timeOfStep,
              long lastStep, String endReason, boolean jobFinished) {
        this.scenario = scenario;
        this.trace = trace;
        this.traceCountAfterStep = traceCountAfterStep;
        this.timeOfStep = timeOfStep;
        this.lastStep = lastStep;
        this.endReason = endReason;
        this.jobFinished = jobFinished;
        this.processingTimeWindows = new ProcessingTimeWindows(trace);
    }

    /** Which window firings and clearings of the run belong to processing-time windows (bounds in virtual ms). */
    public ProcessingTimeWindows processingTimeWindows() {
        return processingTimeWindows;
    }

    public OpenedScenario scenario() {
        return scenario;
    }

    /** Every trace event of the run, in order; event i has seq i. */
    public List<TraceEvent> trace() {
        return trace;
    }

    /** The last step of the run: positions go from 0 (deployed, nothing run) to this. */
    public long lastStep() {
        return lastStep;
    }

    /** Why the recording ends: the job finished, the scenario's runUntil, the app's horizon, a cut or a failure. */
    public String endReason() {
        return endReason;
    }

    public boolean jobFinished() {
        return jobFinished;
    }

    /** How many trace events exist once {@code step} kernel steps have run. */
    public int traceCountAt(long step) {
        return traceCountAfterStep[(int) clamp(step)];
    }

    /** The virtual time after {@code step} kernel steps. */
    public long timeAt(long step) {
        return timeOfStep[(int) clamp(step)];
    }

    /** The virtual time at the end of the run. */
    public long endTime() {
        return timeOfStep[(int) lastStep];
    }

    /** The first step after which the event with this seq exists (the step that produced it). */
    public long stepOfEvent(long seq) {
        int lo = 0;
        int hi = (int) lastStep;
        while (lo < hi) {
            int mid = (lo + hi) >>> 1;
            if (traceCountAfterStep[mid] > seq) {
                hi = mid;
            } else {
                lo = mid + 1;
            }
        }
        return lo;
    }

    /** The first step whose time is at or after {@code time} (the last step if none). */
    public long stepAtTime(long time) {
        int lo = 0;
        int hi = (int) lastStep;
        while (lo < hi) {
            int mid = (lo + hi) >>> 1;
            if (timeOfStep[mid] >= time) {
                hi = mid;
            } else {
                lo = mid + 1;
            }
        }
        return lo;
    }

    public long clamp(long step) {
        return Math.max(0, Math.min(lastStep, step));
    }
}
