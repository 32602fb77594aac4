package io.streamscope.runtime;

import io.streamscope.graph.ExecutionPlan;
import io.streamscope.graph.JobVertex;
import io.streamscope.trace.TraceEvent;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.PriorityQueue;

/**
 * One parallel instance of an operator chain. It works like Flink's mailbox thread: due mails (timers,
 * periodic watermark ticks) first, then one input element at a time, each costing its operators' virtual
 * processing time; it stops taking input while one of its output buffers is full.
 */
public final class Subtask {
    /** Work for the subtask's mailbox at a processing time. */
    @FunctionalInterface
    public interface Mail {
        void run(long now) throws Exception;
    }

    /** A mail; control mails (checkpoint trigger and notifications) survive the end of input. */
    private record ScheduledMail(long time, long seq, Mail mail, boolean control) {
    }

    /**
     * The subtask's lifecycle as the views show it, with Flink's execution-state names: FAILED when its
     * TaskManager died (until the failover cancels it), CANCELED when a failover stopped it.
     */
    public enum Status { RUNNING, FINISHED, FAILED, CANCELED }

    private final ExecutionPlan.SubtaskRef ref;
    private final JobRuntime rt;
    private final List<JobVertex> operatorsInChain;
    private final List<StreamOperator> operators = new ArrayList<>();
    private final List<OperatorContext> contexts = new ArrayList<>();
    private final List<RecordWriter> writers = new ArrayList<>();
    private final PriorityQueue<ScheduledMail> mails = new PriorityQueue<>(
            java.util.Comparator.comparingLong(ScheduledMail::time).thenComparingLong(ScheduledMail::seq));
    private long mailSeq;
    private InputGate gate;
    private SourceReader source;
    private io.streamscope.time.StatusWatermarkValve valve;
    /** Set when the chain starts with a two-input operator: per-input valves and the combined watermark. */
    private TwoInputProcessor twoInput;
    private Status status = Status.RUNNING;
    private Envelope inProcess;
    private long inProcessDone;
    private long scheduledWake = Long.MAX_VALUE;
    /** {@link #wake} as a kernel action, made once: the subtask asks for a wake-up very often. */
    private final io.streamscope.sim.EngineAction wakeAction = this::wake;
    private Channel backpressuredOn;
    private long recordCostMillis;
    private long recordsProcessed;
    private long currentInputWatermark = Long.MIN_VALUE;
    private final int attempt;
    private final SubtaskCheckpointCoordinator checkpointer = new SubtaskCheckpointCoordinator(this);
    private CheckpointBarrierHandler barrierHandler;
    /** The synchronous part of a snapshot blocks the subtask until this time. */
    private long busyUntil = Long.MIN_VALUE;
    /** All input ended; with checkpointing the subtask waits for a final checkpoint before it finishes. */
    private boolean endOfData;
    private long finalCheckpointId = -1;
    /** The final checkpoint completed; the subtask finishes once downstream has taken all it sent. */
    private boolean finishRequested;
    private long stopSavepointId = -1;

    Subtask(ExecutionPlan.SubtaskRef ref, JobRuntime rt, int attempt) {
        this.ref = ref;
        this.rt = rt;
        this.attempt = attempt;
        this.operatorsInChain = ref.chain().operators();
        for (JobVertex v : operatorsInChain) {
            recordCostMillis += v.costMillis();
        }
    }

    public String id() {
        return ref.id();
    }

    public int index() {
        return ref.index();
    }

    public ExecutionPlan.SubtaskRef ref() {
        return ref;
    }

    JobRuntime runtime() {
        return rt;
    }

    InputGate gate() {
        return gate;
    }

    void setGate(InputGate g) {
        this.gate = g;
        this.valve = new io.streamscope.time.StatusWatermarkValve(g.numChannels());
        if (rt.checkpointConfig().enabled()) {
            this.barrierHandler = new CheckpointBarrierHandler(this, g);
        }
    }

    void setTwoInput(TwoInputProcessor p) {
        this.twoInput = p;
    }

    /** The two inputs of a chain headed by a two-input operator, or null. */
    public TwoInputProcessor twoInput() {
        return twoInput;
    }

    void setSource(SourceReader s) {
        this.source = s;
    }

    void addOperator(StreamOperator op, OperatorContext ctx) {
        operators.add(op);
        contexts.add(ctx);
    }

    void addWriter(RecordWriter w) {
        writers.add(w);
    }

    void open() throws Exception {
        for (int i = 0; i < operators.size(); i++) {
            operators.get(i).open(contexts.get(i));
        }
        if (source != null) {
            source.open();
        }
        requestWake(rt.kernel().now());
    }

    void scheduleMail(long time, Mail mail) {
        scheduleMail(time, mail, false);
    }

    private void scheduleMail(long time, Mail mail, boolean control) {
        if (status != Status.RUNNING) {
            return;
        }
        mails.add(new ScheduledMail(time, mailSeq++, mail, control));
        if (inProcess == null) {
            requestWake(time);
        }
    }

    void requestWake(long time) {
        if (status != Status.RUNNING) {
            return;
        }
        long t = Math.max(time, rt.kernel().now());
        if (t < scheduledWake) {
            scheduledWake = t;
            rt.kernel().schedule(t, this, wakeAction);
        }
    }

    private void wake(long now) {
        if (now == scheduledWake) {
            scheduledWake = Long.MAX_VALUE;
        }
        try {
            run(now);
        } catch (RuntimeException e) {
            throw e;
        } catch (Exception e) {
            throw new IllegalStateException("subtask " + id() + " failed: " + e, e);
        }
    }

    void onInputAvailable(long now) {
        if (inProcess == null && backpressuredOn == null) {
            requestWake(now);
        }
    }

    void onOutputAvailable(long now) {
        if (backpressuredOn != null) {
            requestWake(now);
        }
    }

    private void run(long now) throws Exception {
        if (status != Status.RUNNING) {
            return;
        }
        if (busyUntil > now) {
            requestWake(busyUntil);
            return;
        }
        if (inProcess != null) {
            if (now < inProcessDone) {
                requestWake(inProcessDone);
                return;
            }
            Envelope e = inProcess;
            inProcess = null;
            process(e, now);
        }
        while (status == Status.RUNNING) {
            runDueMails(now);
            if (status != Status.RUNNING) {
                return;
            }
            if (busyUntil > now) {
                requestWake(busyUntil);
                return;
            }
            if (endOfData && source != null) {
                break; // a finished source only waits for its final checkpoint
            }
            Channel full = firstFullOutput();
            if (full != null) {
                startBackpressure(full, now);
                break;
            }
            endBackpressure(now);
            Envelope env;
            if (source != null) {
                env = source.pollNext(now);
            } else if (twoInput != null) {
                env = twoInput.poll(gate, now);
            } else {
                env = gate.poll(now);
            }
            if (env == null) {
                break;
            }
            long cost = env.element instanceof StreamElement.Record
                    ? recordCostMillis + rt.faults().extraCost(id(), now) : 0;
            if (cost > 0) {
                inProcess = env;
                inProcessDone = now + cost;
                requestWake(inProcessDone);
                return;
            }
            process(env, now);
            if (busyUntil > now) {
                requestWake(busyUntil); // a barrier started a synchronous snapshot
                return;
            }
        }
        if (!mails.isEmpty() && status == Status.RUNNING) {
            requestWake(mails.peek().time());
        }
    }

    private void runDueMails(long now) throws Exception {
        while (!mails.isEmpty() && mails.peek().time() <= now && status == Status.RUNNING && busyUntil <= now) {
            rt.tracer().setCause(-1);
            mails.poll().mail().run(now);
        }
    }

    private Channel firstFullOutput() {
        for (RecordWriter w : writers) {
            for (Channel c : w.channels()) {
                if (c.isOutputFull()) {
                    return c;
                }
            }
        }
        return null;
    }

    private void startBackpressure(Channel c, long now) {
        if (backpressuredOn == null) {
            backpressuredOn = c;
            if (rt.tracer().on()) {
                rt.tracer().emit(seq -> new TraceEvent.BackpressureStarted(seq, now, id(), -1, c.id()));
            }
        }
    }

    private void endBackpressure(long now) {
        if (backpressuredOn != null) {
            Channel c = backpressuredOn;
            backpressuredOn = null;
            if (rt.tracer().on()) {
                rt.tracer().emit(seq -> new TraceEvent.BackpressureEnded(seq, now, id(), -1, c.id()));
            }
        }
    }

    private void process(Envelope env, long now) throws Exception {
        rt.tracer().setCause(env.traceSeq);
        StreamElement el = env.element;
        if (source != null) {
            source.emit(env, now);
            recordsProcessed++;
            return;
        }
        int channel = env.channel.gateIndex();
        if (barrierHandler != null && !(el instanceof StreamElement.CheckpointBarrier)) {
            barrierHandler.elementProcessed(el, channel);
        }
        if (twoInput != null && twoInput.process(el, channel, now)) {
            if (el instanceof StreamElement.Record) {
                recordsProcessed++;
            }
            return; // a record, watermark or status of one of the two inputs; barriers and end of input go on
        }
        if (el instanceof StreamElement.Record r) {
            recordsProcessed++;
            operators.get(0).processElement(r);
        } else if (el instanceof StreamElement.CheckpointBarrier b) {
            if (barrierHandler != null) {
                barrierHandler.processBarrier(b, channel, now);
            }
        } else if (el instanceof StreamElement.Watermark w) {
            valve.inputWatermark(w.timestamp(), channel, valveOutput(now));
        } else if (el instanceof StreamElement.WatermarkStatus st) {
            valve.inputWatermarkStatus(st.idle(), channel, valveOutput(now));
        } else if (el instanceof StreamElement.EndOfInput && gate.endChannel(channel)) {
            finish(now);
        }
    }

    private io.streamscope.time.StatusWatermarkValve.Output valveOutput(long now) {
        return new io.streamscope.time.StatusWatermarkValve.Output() {
            @Override
            public void emitWatermark(long watermark) {
                forwardInputWatermark(watermark, now);
            }

            @Override
            public void emitWatermarkStatus(boolean idle) {
                forwardInputStatus(idle, now);
            }
        };
    }

    /** The watermark entering the chain advanced (one input's valve, or two inputs combined): to the head. */
    void forwardInputWatermark(long watermark, long now) {
        advanceInputWatermark(watermark, now);
        try {
            operators.get(0).processWatermark(watermark, contexts.get(0));
        } catch (Exception e) {
            throw new IllegalStateException("subtask " + id() + " failed on watermark: " + e, e);
        }
    }

    /** The chain's input turned idle or active (one input's valve, or two inputs combined): to the head. */
    void forwardInputStatus(boolean idle, long now) {
        if (rt.tracer().on()) {
            long cause = rt.tracer().cause();
            rt.tracer().emit(seq -> new TraceEvent.WatermarkStatusChanged(seq, now, id(), cause, "input", idle));
        }
        try {
            operators.get(0).processWatermarkStatus(idle, contexts.get(0));
        } catch (Exception e) {
            throw new IllegalStateException("subtask " + id() + " failed on status: " + e, e);
        }
    }

    /** Records that the watermark entering this subtask's chain advanced (traced as the cause of its timers). */
    void advanceInputWatermark(long watermark, long now) {
        currentInputWatermark = watermark;
        if (rt.tracer().on()) {
            long cause = rt.tracer().cause();
            long seq = rt.tracer().emit(s -> new TraceEvent.WatermarkAdvanced(s, now, id(), cause, watermark));
            rt.tracer().setCause(seq);
        }
    }

    /**
     * Ends the input: operators see endInput in chain order, then every channel gets end-of-input. Without
     * checkpointing the subtask finishes at once. With checkpointing it first waits for a final checkpoint, as
     * Flink does since 1.15 (FLIP-147), so that what it emitted last is committed by two-phase-commit sinks.
     */
    void finish(long now) throws Exception {
        for (StreamOperator op : operators) {
            op.endInput();
        }
        for (RecordWriter w : writers) {
            w.broadcast(StreamElement.EndOfInput.INSTANCE, now);
        }
        if (rt.checkpointConfig().enabled()) {
            endOfData = true;
            mails.removeIf(m -> !m.control());
            endBackpressure(now);
            if (rt.tracer().on()) {
                long cause = rt.tracer().cause();
                rt.tracer().emit(seq -> new TraceEvent.SubtaskAwaitingFinalCheckpoint(seq, now, id(), cause));
            }
            return; // it waits for the next checkpoint to complete, triggered as any other
        }
        completeFinish(now);
    }

    private void completeFinish(long now) throws Exception {
        status = Status.FINISHED;
        mails.clear();
        endBackpressure(now);
        if (rt.tracer().on()) {
            long cause = rt.tracer().cause();
            rt.tracer().emit(seq -> new TraceEvent.SubtaskFinished(seq, now, id(), cause));
        }
        rt.onSubtaskFinished(this);
    }

    // ---------------------------------------------------------------- checkpoints

    SubtaskCheckpointCoordinator checkpointer() {
        return checkpointer;
    }

    /** The coordinator's trigger (sources, and subtasks whose upstream all finished): a mail in the mailbox. */
    void triggerCheckpoint(StreamElement.CheckpointBarrier barrier, long cause) {
        scheduleMail(rt.kernel().now(), now -> {
            if (barrierHandler != null && barrierHandler.hasSeen(barrier.checkpointId())) {
                return; // it already took part through a barrier
            }
            rt.tracer().setCause(cause);
            if (barrierHandler != null) {
                barrierHandler.triggered(barrier.checkpointId(), now);
            }
            checkpointer.checkpointState(barrier, now - barrier.timestamp(), 0, 0, now);
        }, true);
    }

    /** Checkpoint completed on every task: operators are notified in the mailbox (where 2PC sinks commit). */
    void notifyCheckpointComplete(long checkpointId, long cause) {
        scheduleMail(rt.kernel().now(), now -> {
            rt.tracer().setCause(cause);
            if (rt.tracer().on()) {
                rt.tracer().setCause(rt.tracer().emit(s -> new TraceEvent.CheckpointCompleteNotified(s, now, id(),
                        cause, checkpointId)));
            }
            for (StreamOperator op : operators) {
                op.notifyCheckpointComplete(checkpointId);
            }
            checkpointer.checkpointComplete(checkpointId);
            if (checkpointId == stopSavepointId) {
                completeFinish(now); // stop-with-savepoint: the job ends with its savepoint
                return;
            }
            if (endOfData && finalCheckpointId >= 0 && checkpointId >= finalCheckpointId) {
                finishRequested = true;
                finishIfDrained(now);
            }
        }, true);
    }

    /**
     * Finishes once its final checkpoint completed, every upstream subtask has finished with nothing left in its
     * channel (Flink's EndOfPartition on every input), and downstream has taken everything it sent: as in Flink
     * since FLIP-147, a task never finishes before its inputs, and never leaves records or barriers in a channel.
     */
    void finishIfDrained(long now) throws Exception {
        if (!finishRequested || status != Status.RUNNING) {
            return;
        }
        for (Channel c : inputChannels()) {
            if (c.sender().status() != Status.FINISHED || !c.isEmpty()) {
                return; // called again when the sender finishes, or when the channel is drained
            }
        }
        for (Channel c : outputChannels()) {
            if (!c.isEmpty()) {
                return; // Channel.take calls back when the receiver has taken the last element
            }
        }
        completeFinish(now);
    }

    boolean finishRequested() {
        return finishRequested;
    }

    /** {@link #finishIfDrained} as a kernel action (scheduled when a receiver took the last element). */
    void finishIfDrainedAction(long now) {
        try {
            finishIfDrained(now);
        } catch (RuntimeException e) {
            throw e;
        } catch (Exception e) {
            throw new IllegalStateException("subtask " + id() + " failed: " + e, e);
        }
    }

    /** Checkpoint aborted: an alignment for it lets its channels go; operators are told. */
    void notifyCheckpointAborted(long checkpointId, long cause) {
        scheduleMail(rt.kernel().now(), now -> {
            rt.tracer().setCause(cause);
            if (barrierHandler != null) {
                barrierHandler.abort(checkpointId, now);
            }
            for (StreamOperator op : operators) {
                op.notifyCheckpointAborted(checkpointId);
            }
        }, true);
    }

    /** Tells the coordinator this subtask will not complete a checkpoint. */
    void declineCheckpoint(long checkpointId, String reason, boolean counts, long now) {
        rt.declineCheckpoint(id(), checkpointId, reason, counts, now);
    }

    /**
     * True when this subtask forwards the barrier unaligned: the checkpoint is unaligned, or it is an aligned one
     * whose aligned timeout has already passed (Flink then sends the barrier as unaligned).
     */
    boolean forwardsUnaligned(StreamElement.CheckpointBarrier barrier, long now) {
        io.streamscope.checkpoint.CheckpointOptions o = barrier.options();
        return o.unaligned() || (o.timeoutable() && now >= barrier.timestamp() + o.alignedTimeoutMillis());
    }

    /** What waits in each output buffer, by channel id (what an unaligned barrier overtakes). */
    Map<String, List<StreamElement>> outputBuffers() {
        Map<String, List<StreamElement>> out = new java.util.LinkedHashMap<>();
        for (RecordWriter w : writers) {
            for (Channel c : w.channels()) {
                List<StreamElement> l = new ArrayList<>();
                for (StreamElement e : c.outputBufferContents()) {
                    if (!(e instanceof StreamElement.CheckpointBarrier)) {
                        l.add(e);
                    }
                }
                out.put(c.id(), l);
            }
        }
        return out;
    }

    /**
     * Sends a barrier on every output channel: aligned, behind the data already sent; or unaligned, overtaking it.
     * An aligned barrier that may time out is turned into an unaligned one at its deadline if it still waits in a
     * channel then.
     */
    void forwardBarrier(StreamElement.CheckpointBarrier barrier, boolean unaligned, long now) {
        StreamElement.CheckpointBarrier b = unaligned && !barrier.options().unaligned() ? barrier.toUnaligned()
                : barrier;
        for (RecordWriter w : writers) {
            for (Channel c : w.channels()) {
                if (unaligned) {
                    c.sendPriority(b, now);
                } else {
                    c.send(b, now);
                }
            }
        }
        if (!unaligned && barrier.options().timeoutable() && !writers.isEmpty()) {
            long deadline = barrier.timestamp() + barrier.options().alignedTimeoutMillis();
            rt.kernel().schedule(deadline, this, t -> {
                for (RecordWriter w : writers) {
                    for (Channel c : w.channels()) {
                        c.convertQueuedBarrier(barrier.checkpointId(), t);
                    }
                }
            });
        }
    }

    /** An unaligned barrier arrived ahead of the data: the subtask takes it in its mailbox, even when backpressured. */
    void onPriorityBarrier(Channel c, Envelope env, long now) {
        long cause = env.traceSeq;
        scheduleMail(now, t -> {
            rt.tracer().setCause(cause);
            try {
                if (barrierHandler != null) {
                    barrierHandler.processPriorityBarrier(env, c.gateIndex(), t);
                }
            } finally {
                gate.release(c.gateIndex(), t);
            }
        }, true);
    }

    /** The synchronous part of a snapshot: the subtask takes no input and runs no mail until then. */
    void blockUntil(long time) {
        busyUntil = Math.max(busyUntil, time);
        requestWake(time);
    }

    /**
     * A snapshot was taken; the first one after the end of input is the final checkpoint to wait for, and the
     * savepoint of stop-with-savepoint ends the subtask when it completes.
     */
    void checkpointTaken(StreamElement.CheckpointBarrier barrier) {
        if (endOfData && finalCheckpointId < 0) {
            finalCheckpointId = barrier.checkpointId();
        }
        if (barrier.options().stop()) {
            stopSavepointId = barrier.checkpointId();
        }
    }

    /** An upstream subtask finished: its channels may now count as aligned, and this subtask may finish. */
    void upstreamFinished(long now) throws Exception {
        if (barrierHandler != null && status == Status.RUNNING) {
            barrierHandler.checkComplete(now);
        }
        finishIfDrained(now);
    }

    /** Stops the subtask for a failover: no more mails or processing; its pending kernel actions are dropped. */
    void cancel() {
        status = Status.CANCELED;
        mails.clear();
        inProcess = null;
        backpressuredOn = null;
    }

    /** The subtask's process died with its TaskManager: it stops at once; what its output buffers held is lost. */
    void fail() {
        status = Status.FAILED;
        mails.clear();
        inProcess = null;
        backpressuredOn = null;
        for (RecordWriter w : writers) {
            for (Channel c : w.channels()) {
                c.dropOutputBuffer();
            }
        }
    }

    public int attempt() {
        return attempt;
    }

    /** True once the input ended while the subtask waits for its final checkpoint. */
    public boolean awaitingFinalCheckpoint() {
        return endOfData && status == Status.RUNNING;
    }

    /** The checkpoint whose barriers are being aligned, or -1. */
    public long aligningCheckpoint() {
        return barrierHandler == null ? -1 : barrierHandler.aligningCheckpoint();
    }

    /** Input channels blocked by barrier alignment; their input buffers are the alignment buffer. */
    public List<Channel> blockedChannels() {
        List<Channel> out = new ArrayList<>();
        if (barrierHandler != null) {
            for (int i : barrierHandler.blockedChannels()) {
                out.add(gate.channels().get(i));
            }
        }
        return out;
    }

    /** With the RocksDB backend: the live SST files of each keyed operator of the chain, by operator uid. */
    public Map<String, List<String>> sstFiles() {
        return checkpointer.sstFiles();
    }

    /** Until when the synchronous part of a snapshot blocks the subtask (in the past when it does not). */
    public long busyUntil() {
        return busyUntil;
    }

    public Status status() {
        return status;
    }

    public boolean isBackpressured() {
        return backpressuredOn != null;
    }

    public String backpressuredOn() {
        return backpressuredOn == null ? null : backpressuredOn.id();
    }

    /** The element being processed now (its cost not yet elapsed), or null. */
    public StreamElement inProcess() {
        return inProcess == null ? null : inProcess.element;
    }

    public long inProcessDone() {
        return inProcessDone;
    }

    public long recordsProcessed() {
        return recordsProcessed;
    }

    /** The watermark of this subtask's input: min over active input channels (or the source's own). */
    public long currentInputWatermark() {
        return currentInputWatermark;
    }

    public List<StreamOperator> operators() {
        return Collections.unmodifiableList(operators);
    }

    public List<JobVertex> operatorVertices() {
        return operatorsInChain;
    }

    public io.streamscope.time.StatusWatermarkValve valve() {
        return valve;
    }

    public SourceReader source() {
        return source;
    }

    public List<Channel> inputChannels() {
        return gate == null ? List.of() : gate.channels();
    }

    public List<Channel> outputChannels() {
        List<Channel> out = new ArrayList<>();
        for (RecordWriter w : writers) {
            Collections.addAll(out, w.channels());
        }
        return out;
    }

    public int pendingMails() {
        return mails.size();
    }
}
