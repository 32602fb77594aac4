package io.streamscope.text;

import io.streamscope.runtime.Times;
import io.streamscope.trace.TraceEvent;

/**
 * The readable sentence for a trace event, shared by the command line's log and the desktop app's trace list, so
 * both say the same thing the same way. Channel traffic, emitted records and timer registrations are detail that
 * only the verbose form shows.
 */
public final class EventText {
    private EventText() {
    }

    /** True for the detail events only the verbose form shows: channel traffic, emitted records, timer registrations. */
    public static boolean isDetail(TraceEvent e) {
        return e instanceof TraceEvent.ElementSent || e instanceof TraceEvent.ElementDelivered
                || e instanceof TraceEvent.TimerRegistered || e instanceof TraceEvent.RecordEmitted
                || e instanceof TraceEvent.CheckpointSkipped || e instanceof TraceEvent.CheckpointBarrierReceived
                || e instanceof TraceEvent.CheckpointAcknowledged || e instanceof TraceEvent.CheckpointCompleteNotified
                || e instanceof TraceEvent.CheckpointInFlightPersisted;
    }

    /** What happened, or null when the event is detail and {@code verbose} is false. */
    public static String describe(TraceEvent e, boolean verbose) {
        if (!verbose && isDetail(e)) {
            return null;
        }
        if (e instanceof TraceEvent.RecordRead r) {
            return "read " + r.topic() + "-" + r.partition() + " offset " + r.offset() + ": " + r.record()
                    + " (timestamp " + r.timestamp() + ")";
        } else if (e instanceof TraceEvent.ElementSent s) {
            return verbose ? "sent on " + s.channel() + ": " + s.element() : null;
        } else if (e instanceof TraceEvent.ElementDelivered d) {
            return verbose ? "delivered on " + d.channel() + ": " + d.element() : null;
        } else if (e instanceof TraceEvent.WatermarkGenerated g) {
            return "split " + g.split() + " generated watermark " + Times.watermark(g.watermark());
        } else if (e instanceof TraceEvent.WatermarkAdvanced a) {
            return "watermark advanced to " + Times.watermark(a.watermark());
        } else if (e instanceof TraceEvent.InputWatermarkAdvanced a) {
            return "input " + a.input() + " (" + a.stream() + ") watermark advanced to " + Times.watermark(a.watermark());
        } else if (e instanceof TraceEvent.JoinMatched j) {
            return op(e, j.operator()) + "joined key " + j.key() + ": " + j.left() + " (timestamp "
                    + j.leftTimestamp() + ") with " + j.right() + " (timestamp " + j.rightTimestamp()
                    + "), emitted with timestamp " + j.timestamp();
        } else if (e instanceof TraceEvent.JoinStateCleared c) {
            return op(e, c.operator()) + c.side() + " state of key " + c.key() + " at timestamp " + c.timestamp()
                    + " cleared (" + c.elements() + (c.elements() == 1 ? " element)" : " elements)");
        } else if (e instanceof TraceEvent.WatermarkStatusChanged c) {
            return c.input() + " became " + (c.idle() ? "idle" : "active");
        } else if (e instanceof TraceEvent.StateExpired x) {
            String what = "state \"" + x.state() + "\" of key " + x.key()
                    + (x.mapKey() == null ? "" : " entry " + x.mapKey()) + " = " + x.value() + " (last access "
                    + x.lastAccess() + " ms) expired at " + x.expiredAt() + " ms";
            return op(e, x.operator()) + what + (x.cleanup().equals("full-snapshot")
                    ? ": left out of the full snapshot (the live entry stays until it is read or cleaned)"
                    : x.cleanup().equals("read") ? ": removed when read" : ": removed by incremental cleanup");
        } else if (e instanceof TraceEvent.TimerRegistered t) {
            return verbose ? op(e, t.operator()) + t.domain() + " timer registered for " + t.timestamp() + " key "
                    + t.key() + namespace(t.namespace()) : null;
        } else if (e instanceof TraceEvent.TimerFired t) {
            return op(e, t.operator()) + t.domain() + " timer " + t.timestamp() + " fired for key " + t.key()
                    + namespace(t.namespace());
        } else if (e instanceof TraceEvent.WindowFired w) {
            return op(e, w.operator()) + "window [" + w.start() + ", " + w.end() + ") key " + w.key() + " fired "
                    + w.firing() + ": " + w.result();
        } else if (e instanceof TraceEvent.WindowCleared c) {
            return op(e, c.operator()) + "window [" + c.start() + ", " + c.end() + ") key " + c.key() + " cleared";
        } else if (e instanceof TraceEvent.LateRecord l) {
            return op(e, l.operator()) + "late record " + l.record() + " key " + l.key() + " (timestamp "
                    + l.timestamp() + ", watermark " + Times.watermark(l.watermark()) + ") "
                    + (l.sideOutput() == null ? "dropped (no late-data side output)"
                    : "-> side output \"" + l.sideOutput() + "\"");
        } else if (e instanceof TraceEvent.RecordEmitted r) {
            return verbose ? op(e, r.operator()) + "emitted " + r.record()
                    + (r.outputTag() == null ? "" : " to side output \"" + r.outputTag() + "\"") : null;
        } else if (e instanceof TraceEvent.SinkReceived s) {
            return "sink \"" + s.sink() + "\" received " + s.record();
        } else if (e instanceof TraceEvent.BackpressureStarted b) {
            return "backpressured: output buffer of " + b.channel() + " is full";
        } else if (e instanceof TraceEvent.BackpressureEnded b) {
            return "backpressure ended: " + b.channel() + " has room again";
        } else if (e instanceof TraceEvent.SubtaskFinished) {
            return "finished";
        }
        String checkpoint = checkpoints(e, verbose);
        if (checkpoint != null) {
            return checkpoint;
        }
        String recovery = recovery(e);
        if (recovery != null) {
            return recovery;
        }
        // an event type without its own sentence (checkpoints, failures...): its name in words and its fields
        return generic(e);
    }

    /** Sentences for checkpoint events; null for other events (or detail when not verbose). */
    private static String checkpoints(TraceEvent e, boolean verbose) {
        if (e instanceof TraceEvent.CheckpointTriggered t) {
            return (t.savepoint() ? "savepoint " : "checkpoint ") + t.checkpointId() + " triggered"
                    + (t.unaligned() ? " (unaligned)" : "");
        } else if (e instanceof TraceEvent.CheckpointSkipped k) {
            return verbose ? "checkpoint not triggered: " + k.reason() : null;
        } else if (e instanceof TraceEvent.CheckpointBarrierReceived b) {
            return verbose ? "barrier " + b.checkpointId() + " received on " + b.channel() + " (" + b.received()
                    + " of " + b.needed() + ")" : null;
        } else if (e instanceof TraceEvent.CheckpointAligned a) {
            return "aligned barriers of checkpoint " + a.checkpointId() + " in " + a.alignmentMillis() + " ms ("
                    + a.processedDuringAlignment() + " elements processed meanwhile)";
        } else if (e instanceof TraceEvent.CheckpointSnapshotTaken t) {
            return "snapshot for checkpoint " + t.checkpointId() + ": " + bytes(t.stateBytes()) + " of state"
                    + (t.checkpointedBytes() != t.stateBytes() ? ", " + bytes(t.checkpointedBytes()) + " uploaded" : "")
                    + ", sync " + t.syncMillis() + " ms, async " + t.asyncMillis() + " ms"
                    + (t.unaligned() ? ", unaligned, " + t.persistedInFlight() + " in-flight elements persisted" : "")
                    + (t.detail() == null || t.detail().isEmpty() ? "" : " [" + t.detail() + "]");
        } else if (e instanceof TraceEvent.CheckpointInFlightPersisted p) {
            return verbose ? "checkpoint " + p.checkpointId() + " persisted " + p.elements() + " in-flight elements ("
                    + bytes(p.bytes()) + ")" : null;
        } else if (e instanceof TraceEvent.CheckpointAcknowledged a) {
            return verbose ? "acknowledged checkpoint " + a.checkpointId() + " (" + a.acknowledged() + " of "
                    + a.needed() + ")" : null;
        } else if (e instanceof TraceEvent.CheckpointDeclined d) {
            return "declined checkpoint " + d.checkpointId() + ": " + d.reason();
        } else if (e instanceof TraceEvent.CheckpointCompleted c) {
            return (c.savepoint() ? "savepoint " : "checkpoint ") + c.checkpointId() + " completed in "
                    + c.durationMillis() + " ms: " + bytes(c.fullBytes()) + " full, " + bytes(c.checkpointedBytes())
                    + " checkpointed";
        } else if (e instanceof TraceEvent.CheckpointFailed f) {
            return "checkpoint " + f.checkpointId() + " failed: " + f.reason() + " (" + f.consecutiveFailures()
                    + " in a row)";
        } else if (e instanceof TraceEvent.CheckpointCompleteNotified n) {
            return verbose ? "notified: checkpoint " + n.checkpointId() + " complete" : null;
        } else if (e instanceof TraceEvent.SubtaskAwaitingFinalCheckpoint) {
            return "input ended; waiting for the final checkpoint before finishing";
        }
        return null;
    }

    /** Sentences for faults, failover, recovery and sink transactions; null for other events. */
    private static String recovery(TraceEvent e) {
        if (e instanceof TraceEvent.FaultInjected f) {
            return "fault injected: " + f.kind() + " " + f.target()
                    + (f.detail() == null || f.detail().isEmpty() ? "" : " (" + f.detail() + ")");
        } else if (e instanceof TraceEvent.TaskFailed t) {
            return "FAILED: " + t.reason();
        } else if (e instanceof TraceEvent.JobFailover f) {
            return "failover (" + f.strategy() + "): restarting " + f.subtasks().size() + " subtask(s) in "
                    + f.restartDelayMillis() + " ms, attempt " + f.restartAttempt();
        } else if (e instanceof TraceEvent.RecoveryFailed r) {
            return "recovery failed: " + r.reason();
        } else if (e instanceof TraceEvent.JobRestarted r) {
            return "job restarted " + (r.checkpointId() < 0 ? "from the beginning (no completed checkpoint)"
                    : "from checkpoint " + r.checkpointId()) + ": " + String.join(", ", r.subtasks());
        } else if (e instanceof TraceEvent.SubtaskRestored r) {
            return "restored from checkpoint " + r.checkpointId() + ": " + bytes(r.stateBytes()) + " of state"
                    + (r.detail() == null || r.detail().isEmpty() ? "" : " [" + r.detail() + "]");
        } else if (e instanceof TraceEvent.JobFailed f) {
            return "JOB FAILED: " + f.reason();
        } else if (e instanceof TraceEvent.TransactionPreCommitted t) {
            return "sink \"" + t.sink() + "\" pre-committed " + t.transaction() + " (" + t.records()
                    + " records) for checkpoint " + t.checkpointId();
        } else if (e instanceof TraceEvent.TransactionCommitted t) {
            return "sink \"" + t.sink() + "\" committed " + t.transaction() + ": " + t.records()
                    + " records now visible (waited up to " + t.maxDelayMillis() + " ms)";
        } else if (e instanceof TraceEvent.TransactionAborted t) {
            return "sink \"" + t.sink() + "\" aborted " + t.transaction() + " (" + t.records() + " records dropped)";
        } else if (e instanceof TraceEvent.DuplicateWritten d) {
            return "sink \"" + d.sink() + "\" wrote a DUPLICATE: " + d.record();
        }
        return null;
    }

    private static String bytes(long n) {
        return n < 1024 ? n + " B" : String.format(java.util.Locale.ROOT, "%.1f KiB", n / 1024.0);
    }

    /** {@code CheckpointTriggered[seq=.., time=.., subtask=.., cause=.., checkpointId=6]} as "checkpoint triggered:
     * checkpointId=6". */
    static String generic(TraceEvent e) {
        String name = e.getClass().getSimpleName().replaceAll("([a-z])([A-Z])", "$1 $2").toLowerCase();
        String s = e.toString();
        int open = s.indexOf('[');
        String fields = open >= 0 && s.endsWith("]") ? s.substring(open + 1, s.length() - 1) : "";
        fields = fields.replaceFirst("^seq=-?\\d+, time=-?\\d+, subtask=[^,]*, cause=-?\\d+(, )?", "");
        return fields.isEmpty() ? name : name + ": " + fields;
    }

    /** Names the operator when it is not the head of the subtask's chain (chained operators share a subtask). */
    private static String op(TraceEvent e, String operator) {
        if (operator == null || e.subtask().startsWith(operator + "[")) {
            return "";
        }
        return operator + ": ";
    }

    private static String namespace(String ns) {
        if (ns == null || ns.isEmpty() || ns.equals("VoidNamespace")) {
            return "";
        }
        if (ns.startsWith("CLEANUP_")) {
            // an interval join's cleanup timers: CLEANUP_LEFT or CLEANUP_RIGHT
            return " (" + ns.substring(8).toLowerCase() + " side cleanup)";
        }
        return " window " + ns;
    }
}
