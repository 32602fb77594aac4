package io.streamscope.checkpoint;

import io.streamscope.runtime.StreamElement;
import io.streamscope.trace.TraceEvent;
import io.streamscope.trace.Tracer;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;

/**
 * The JobManager's checkpoint coordinator, on the virtual clock: triggers checkpoints periodically (fixed rate,
 * first one interval after the job starts running), honours the maximum number of concurrent checkpoints and the
 * minimum pause (Flink's CheckpointRequestDecider: requests wait while too many are pending; a periodic request
 * too soon after the last completion is dropped and the timer rescheduled), collects acknowledgements, completes
 * or expires checkpoints, counts consecutive failures against the tolerable number, and notifies the tasks.
 */
public final class CheckpointCoordinator {
    private static final String JOB_MANAGER = "JobManager";
    private static final int MAX_QUEUED_REQUESTS = 1000;

    /** A request to trigger: periodic, manual, or a savepoint (savepoints first, then manual, then by age). */
    private record Request(long seq, boolean periodic, boolean savepoint, boolean stop, boolean drain) {
        Request(long seq, boolean periodic, boolean savepoint) {
            this(seq, periodic, savepoint, false, false);
        }
    }

    private final CheckpointConfig config;
    private final CheckpointGateway job;
    private final Object timerOwner = new Object();
    private final Map<Long, PendingCheckpoint> pending = new LinkedHashMap<>();
    private final Map<Long, CheckpointStats> history = new LinkedHashMap<>();
    private final CompletedCheckpointStore store;
    private final CheckpointStorage storage;
    private final TreeSet<Request> queue = new TreeSet<>(Comparator
            .comparing((Request r) -> !r.savepoint())
            .thenComparing(Request::periodic)
            .thenComparingLong(Request::seq));
    private long nextCheckpointId = 1;
    /** Flink starts counting the minimum pause from the coordinator's creation, the job's start (time 0). */
    private long lastCompletionTime;
    private int consecutiveFailures;
    private boolean schedulerRunning;
    private long requestSeq;

    public CheckpointCoordinator(CheckpointConfig config, CheckpointGateway job) {
        this.config = config;
        this.job = job;
        this.store = new CompletedCheckpointStore(config.retained());
        this.storage = config.directory() == null ? CheckpointStorage.inMemory()
                : CheckpointStorage.directory(java.nio.file.Path.of(config.directory()));
    }

    public CheckpointConfig config() {
        return config;
    }

    private Tracer tracer() {
        return job.tracer();
    }

    private long baseInterval() {
        // Flink never triggers periodically more often than the minimum pause allows
        return Math.max(config.intervalMillis(), config.minPauseMillis());
    }

    // ---------------------------------------------------------------- periodic scheduling

    /**
     * Starts periodic triggering when the job (re)starts running. Flink picks a random initial delay between
     * the minimum pause and the interval; here the first trigger comes one interval after the start, so that
     * runs are easy to follow.
     */
    public void startScheduler(long now) {
        stopScheduler();
        schedulerRunning = true;
        schedulePeriodic(now + baseInterval());
    }

    /** Stops periodic triggering (job finished, failing or restarting) and drops queued periodic requests. */
    public void stopScheduler() {
        schedulerRunning = false;
        job.kernel().cancel(o -> o == timerOwner);
        queue.removeIf(Request::periodic);
    }

    private void schedulePeriodic(long at) {
        job.kernel().schedule(at, timerOwner, now -> {
            if (job.jobFinished()) {
                stopScheduler();
                return;
            }
            schedulePeriodic(at + baseInterval());
            submit(new Request(requestSeq++, true, false), now);
        });
    }

    /** After a request was dropped for the minimum pause: the periodic timer restarts when the pause is over. */
    private void reschedulePeriodic(long at) {
        job.kernel().cancel(o -> o == timerOwner);
        schedulePeriodic(at);
    }

    // ---------------------------------------------------------------- triggering

    /** Triggers a checkpoint now (queued while too many are pending), as Flink's REST trigger does. */
    public void triggerCheckpoint(long now) {
        submit(new Request(requestSeq++, false, false), now);
    }

    /** Triggers a savepoint: an aligned checkpoint that a job can be restored from, also with another parallelism. */
    public void triggerSavepoint(long now) {
        submit(new Request(requestSeq++, false, true), now);
    }

    /**
     * Stop-with-savepoint: a savepoint after whose barrier the sources stop; when it completes the job ends
     * (FINISHED). With {@code drain} the sources first advance event time to the end, firing every window.
     */
    public void stopWithSavepoint(boolean drain, long now) {
        submit(new Request(requestSeq++, false, true, true, drain), now);
    }

    private void submit(Request r, long now) {
        if (queue.size() >= MAX_QUEUED_REQUESTS) {
            skipped(now, "too many queued checkpoint requests");
            return;
        }
        queue.add(r);
        executeQueued(now);
    }

    private void executeQueued(long now) {
        if (queue.isEmpty() || pending.size() >= config.maxConcurrent()) {
            return; // waits until a pending checkpoint completes or fails
        }
        Request first = queue.first();
        if (first.periodic()) {
            long delay = lastCompletionTime + config.minPauseMillis() - now;
            if (delay > 0) {
                queue.pollFirst();
                skipped(now, "minimum pause: the last checkpoint completed at " + lastCompletionTime + " ms and "
                        + config.minPauseMillis() + " ms must pass before the next one");
                if (schedulerRunning) {
                    reschedulePeriodic(now + delay);
                }
                return;
            }
        }
        queue.pollFirst();
        startCheckpoint(first, now);
    }

    private void skipped(long now, String reason) {
        if (tracer().on()) {
            tracer().emit(s -> new TraceEvent.CheckpointSkipped(s, now, JOB_MANAGER, -1, reason));
        }
    }

    private void startCheckpoint(Request r, long now) {
        if (job.jobFinished()) {
            return;
        }
        if (!job.allTasksDeployed()) {
            skipped(now, "not all required tasks are running");
            return;
        }
        List<String> toTrigger = job.tasksToTrigger();
        List<String> toWaitFor = job.tasksToWaitFor();
        if (toTrigger.isEmpty() || toWaitFor.isEmpty()) {
            skipped(now, "no running task to trigger");
            return;
        }
        long id = nextCheckpointId++;
        CheckpointOptions options = r.stop() ? CheckpointOptions.stopWithSavepoint(r.drain())
                : config.options(r.savepoint());
        PendingCheckpoint p = new PendingCheckpoint(id, now, options, toWaitFor);
        pending.put(id, p);
        history.put(id, new CheckpointStats(id, options.savepoint(), options.unaligned(), now, toWaitFor.size()));
        long seq = -1;
        if (tracer().on()) {
            seq = tracer().emit(s -> new TraceEvent.CheckpointTriggered(s, now, JOB_MANAGER, -1, id,
                    options.savepoint(), options.unaligned()));
        }
        job.kernel().schedule(now + config.timeoutMillis(), p, t -> {
            if (pending.get(id) == p) {
                abort(p, "expired: not completed within the checkpoint timeout of " + config.timeoutMillis() + " ms",
                        true, t, -1);
            }
        });
        StreamElement.CheckpointBarrier barrier = new StreamElement.CheckpointBarrier(id, now, options);
        for (String s : toTrigger) {
            job.triggerCheckpoint(s, barrier, seq);
        }
    }

    // ---------------------------------------------------------------- acknowledgements

    /** A subtask's acknowledgement with its state; late ones (for an aborted checkpoint) are dropped. */
    public void acknowledge(TaskStateSnapshot state, SubtaskCheckpointStats stats, long checkpointId, long now) {
        PendingCheckpoint p = pending.get(checkpointId);
        if (p == null || !p.acknowledge(state.subtask(), state)) {
            return;
        }
        history.get(checkpointId).acknowledged(stats);
        long seq = -1;
        if (tracer().on()) {
            int acked = p.acknowledgedTasks().size();
            int needed = p.tasksToWaitFor().size();
            seq = tracer().emit(s -> new TraceEvent.CheckpointAcknowledged(s, now, state.subtask(), -1, checkpointId,
                    stats.stateBytes(), acked, needed));
        }
        if (p.isFullyAcknowledged()) {
            complete(p, now, seq);
        }
    }

    /**
     * A subtask finished after its final checkpoint completed, while newer checkpoints already counted on it: its
     * state will never change again, so they take its final state as its acknowledgement (FLIP-147's finished
     * tasks).
     */
    public void taskFinished(TaskStateSnapshot finalState, long now) {
        for (PendingCheckpoint p : new ArrayList<>(pending.values())) {
            if (p.tasksToWaitFor().contains(finalState.subtask())) {
                acknowledge(finalState, new SubtaskCheckpointStats(finalState.subtask(), now, 0, 0, 0, 0,
                        finalState.stateBytes(), 0, 0, 0, false), p.checkpointId(), now);
            }
        }
        // a subtask whose upstream has now all finished gets no barrier any more: it is triggered directly, as
        // the checkpoint plan would have done had they finished before the trigger
        for (PendingCheckpoint p : new ArrayList<>(pending.values())) {
            StreamElement.CheckpointBarrier barrier = new StreamElement.CheckpointBarrier(p.checkpointId(),
                    p.triggerTime(), p.options());
            for (String s : p.notYetAcknowledged()) {
                if (job.allUpstreamFinished(s)) {
                    job.triggerCheckpoint(s, barrier, -1);
                }
            }
        }
    }

    /**
     * A subtask declined a checkpoint. {@code counts} tells whether the failure counts against the tolerable
     * number (Flink counts failures of the asynchronous part and expirations, not subsumed alignments).
     */
    public void decline(String subtask, long checkpointId, String reason, boolean counts, long now) {
        PendingCheckpoint p = pending.get(checkpointId);
        if (p == null) {
            return;
        }
        long seq = -1;
        if (tracer().on()) {
            seq = tracer().emit(s -> new TraceEvent.CheckpointDeclined(s, now, subtask, -1, checkpointId, reason));
        }
        abort(p, "declined by " + subtask + ": " + reason, counts, now, seq);
    }

    private void complete(PendingCheckpoint p, long now, long cause) {
        pending.remove(p.checkpointId());
        job.kernel().cancel(o -> o == p);
        CompletedCheckpoint cp = p.finalizeCheckpoint(now, job.operators(), store.latest());
        try {
            storage.store(cp);
        } catch (java.io.IOException e) {
            // Flink fails the checkpoint when its metadata cannot be written, and counts it as a failure
            abort(p, "its metadata could not be written to checkpoint storage: " + e, true, now, cause);
            return;
        }
        for (CompletedCheckpoint dropped : store.add(cp)) {
            try {
                storage.discard(dropped);
            } catch (java.io.IOException e) {
                // a subsumed checkpoint that cannot be deleted stays on disk, as in Flink; nothing else changes
            }
        }
        CheckpointStats stats = history.get(p.checkpointId());
        stats.completed(now);
        lastCompletionTime = now;
        consecutiveFailures = 0;
        long seq = -1;
        if (tracer().on()) {
            seq = tracer().emit(s -> new TraceEvent.CheckpointCompleted(s, now, JOB_MANAGER, cause,
                    cp.checkpointId(), cp.savepoint(), now - p.triggerTime(), stats.fullBytes(),
                    stats.checkpointedBytes()));
        }
        // a completed checkpoint subsumes older ones still in progress, as in Flink
        for (PendingCheckpoint older : new ArrayList<>(pending.values())) {
            if (older.checkpointId() < cp.checkpointId()) {
                abort(older, "subsumed by checkpoint " + cp.checkpointId(), false, now, seq);
            }
        }
        job.checkpointCompleted(cp);
        for (String s : p.acknowledgedTasks()) {
            job.notifyCheckpointComplete(s, cp.checkpointId(), seq);
        }
        if (p.options().stop()) {
            stopScheduler(); // the job ends with this savepoint
            return;
        }
        executeQueued(now);
    }

    private void abort(PendingCheckpoint p, String reason, boolean counts, long now, long cause) {
        pending.remove(p.checkpointId());
        job.kernel().cancel(o -> o == p);
        history.get(p.checkpointId()).failed(now, reason);
        if (counts) {
            consecutiveFailures++;
        }
        int failures = consecutiveFailures;
        long seq = -1;
        if (tracer().on()) {
            seq = tracer().emit(s -> new TraceEvent.CheckpointFailed(s, now, JOB_MANAGER, cause, p.checkpointId(),
                    reason, failures));
        }
        for (String s : p.tasksToWaitFor()) {
            job.notifyCheckpointAborted(s, p.checkpointId(), seq);
        }
        if (counts && consecutiveFailures > config.tolerableFailures()) {
            consecutiveFailures = 0;
            job.failJob("Exceeded checkpoint tolerable failure threshold (" + config.tolerableFailures()
                    + "). The latest checkpoint failed: " + reason, seq);
            return;
        }
        executeQueued(now);
    }

    /** Aborts every pending checkpoint because the job fails over; these do not count as checkpoint failures. */
    public void abortPendingCheckpoints(String reason, long now, long cause) {
        for (PendingCheckpoint p : new ArrayList<>(pending.values())) {
            pending.remove(p.checkpointId());
            job.kernel().cancel(o -> o == p);
            history.get(p.checkpointId()).failed(now, reason);
            int failures = consecutiveFailures;
            if (tracer().on()) {
                tracer().emit(s -> new TraceEvent.CheckpointFailed(s, now, JOB_MANAGER, cause, p.checkpointId(),
                        reason, failures));
            }
        }
    }

    // ---------------------------------------------------------------- restore

    /**
     * Registers the checkpoint or savepoint a job was started from: it is the one to fall back to until a newer
     * checkpoint completes, and checkpoint ids continue after it.
     */
    public void restoredFrom(CompletedCheckpoint c) {
        store.add(c); // not written again: it is where the job came from
        nextCheckpointId = Math.max(nextCheckpointId, c.checkpointId() + 1);
    }

    // ---------------------------------------------------------------- reading

    /** The newest completed checkpoint, or null. */
    public CompletedCheckpoint latestCompleted() {
        return store.latest();
    }

    public CompletedCheckpointStore store() {
        return store;
    }

    /** Every triggered checkpoint's statistics, oldest first. */
    public List<CheckpointStats> history() {
        return new ArrayList<>(history.values());
    }

    public CheckpointStats stats(long checkpointId) {
        return history.get(checkpointId);
    }

    public int numPending() {
        return pending.size();
    }

    public int consecutiveFailures() {
        return consecutiveFailures;
    }
}
