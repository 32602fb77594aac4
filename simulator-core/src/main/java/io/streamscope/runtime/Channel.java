package io.streamscope.runtime;

import io.streamscope.trace.TraceEvent;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;

/**
 * A network channel from a sending subtask's result subpartition to one input channel of a receiving subtask,
 * with credit-based flow control: the sender may put an element on the wire only while the receiver has a free
 * buffer (credit). When credits run out the output buffer fills, and a full output buffer stops the sender from
 * taking input: backpressure, emerging rather than scripted.
 */
public final class Channel {
    private final String id;
    private final Subtask sender;
    private final Subtask receiver;
    private final int gateIndex;
    private final JobRuntime rt;
    private final ArrayDeque<Envelope> outputBuffer = new ArrayDeque<>();
    private final ArrayDeque<Envelope> wire = new ArrayDeque<>();
    private final ArrayDeque<Envelope> inputBuffer = new ArrayDeque<>();
    private final ArrayDeque<Envelope> priority = new ArrayDeque<>();
    private long lastArrival;
    private boolean arrivalScheduled;
    private long nextSeq;
    /** {@link #arrive} as a kernel action, made once: one is scheduled for nearly every batch on the wire. */
    private final io.streamscope.sim.EngineAction arriveAction = this::arrive;

    Channel(String id, Subtask sender, Subtask receiver, int gateIndex, JobRuntime rt) {
        this.id = id;
        this.sender = sender;
        this.receiver = receiver;
        this.gateIndex = gateIndex;
        this.rt = rt;
    }

    public String id() {
        return id;
    }

    public Subtask sender() {
        return sender;
    }

    public Subtask receiver() {
        return receiver;
    }

    public int gateIndex() {
        return gateIndex;
    }

    /** True when the output buffer is at capacity: the sender must not take more input. */
    boolean isOutputFull() {
        return outputBuffer.size() >= rt.config().outputBufferCapacity();
    }

    /** Credits the receiver has granted and not yet used. */
    public int credits() {
        return rt.config().inputBufferCapacity() - wire.size() - inputBuffer.size();
    }

    void send(StreamElement element, long now) {
        Envelope env = new Envelope(element, this);
        env.seq = nextSeq++;
        if (rt.tracer().on()) {
            long cause = rt.tracer().cause();
            env.traceSeq = rt.tracer().emit(seq -> new TraceEvent.ElementSent(seq, now, sender.id(), cause, id,
                    element.describe()));
        }
        outputBuffer.add(env);
        pump(now);
    }

    /** Moves elements from the output buffer onto the wire while credits last. */
    private void pump(long now) {
        boolean wasFull = isOutputFull();
        int capacity = rt.config().inputBufferCapacity();
        while (!outputBuffer.isEmpty() && wire.size() + inputBuffer.size() < capacity) {
            Envelope env = outputBuffer.poll();
            long jitter = rt.config().latencyJitterMillis();
            long latency = rt.config().channelLatencyMillis() + (jitter > 0 ? rt.random().nextLong(jitter + 1) : 0);
            env.arrival = Math.max(now + latency, lastArrival);
            lastArrival = env.arrival;
            wire.add(env);
            if (!arrivalScheduled) {
                arrivalScheduled = true;
                rt.kernel().schedule(env.arrival, this, arriveAction);
            }
        }
        if (wasFull && !isOutputFull()) {
            sender.onOutputAvailable(now);
        }
    }

    private void arrive(long now) {
        arrivalScheduled = false;
        boolean had = !inputBuffer.isEmpty();
        while (!wire.isEmpty() && wire.peek().arrival <= now) {
            Envelope env = wire.poll();
            if (rt.tracer().on()) {
                long cause = env.traceSeq;
                env.traceSeq = rt.tracer().emit(seq -> new TraceEvent.ElementDelivered(seq, now, receiver.id(), cause,
                        id, env.element.describe()));
            }
            inputBuffer.add(env);
        }
        if (!wire.isEmpty()) {
            arrivalScheduled = true;
            rt.kernel().schedule(wire.peek().arrival, this, arriveAction);
        }
        if (!had && !inputBuffer.isEmpty()) {
            receiver.gate().notifyAvailable(this, now);
        }
    }

    boolean hasInput() {
        return !inputBuffer.isEmpty();
    }

    /** Takes the next element from the input buffer; the freed buffer goes back to the sender as a credit. */
    Envelope take(long now) {
        Envelope env = inputBuffer.poll();
        pump(now);
        if (sender.finishRequested() && isEmpty()) {
            rt.kernel().schedule(now, sender, sender::finishIfDrainedAction);
        }
        if (sender.status() == Subtask.Status.FINISHED && isEmpty() && receiver.finishRequested()) {
            rt.kernel().schedule(now, receiver, receiver::finishIfDrainedAction);
        }
        return env;
    }

    // ---------------------------------------------------------------- unaligned checkpoints

    /**
     * Sends an unaligned barrier: it needs no credit and overtakes everything queued in the channel, arriving
     * after the channel latency. Returns what waited in the output buffer, which the sender persists.
     */
    List<StreamElement> sendPriority(StreamElement.CheckpointBarrier barrier, long now) {
        Envelope env = new Envelope(barrier, this);
        env.seq = nextSeq++;
        env.outputStart = outputBuffer.isEmpty() ? env.seq : outputBuffer.peek().seq;
        List<StreamElement> persisted = new ArrayList<>();
        for (Envelope e : outputBuffer) {
            if (!(e.element instanceof StreamElement.CheckpointBarrier)) {
                persisted.add(e.element);
            }
        }
        deliverPriority(env, now, now + rt.config().channelLatencyMillis());
        return persisted;
    }

    private void deliverPriority(Envelope env, long now, long arrival) {
        if (rt.tracer().on()) {
            long cause = rt.tracer().cause();
            env.traceSeq = rt.tracer().emit(seq -> new TraceEvent.ElementSent(seq, now, sender.id(), cause, id,
                    env.element.describe()));
        }
        env.arrival = arrival;
        priority.add(env);
        rt.kernel().schedule(arrival, this, t -> {
            priority.remove(env);
            receiver.gate().hold(gateIndex);
            if (rt.tracer().on()) {
                long cause = env.traceSeq;
                env.traceSeq = rt.tracer().emit(seq -> new TraceEvent.ElementDelivered(seq, t, receiver.id(), cause,
                        id, env.element.describe()));
            }
            receiver.onPriorityBarrier(this, env, t);
        });
    }

    /**
     * The aligned timeout of a checkpoint passed while its barrier still waits in this channel: the barrier is
     * taken out and sent ahead as an unaligned one, carrying the elements it overtook. False if the receiver
     * already took it.
     */
    boolean convertQueuedBarrier(long checkpointId, long now) {
        List<Envelope> ahead = new ArrayList<>();
        Envelope found = null;
        for (ArrayDeque<Envelope> q : List.of(inputBuffer, wire, outputBuffer)) {
            for (Envelope e : q) {
                if (e.element instanceof StreamElement.CheckpointBarrier b && b.checkpointId() == checkpointId) {
                    found = e;
                    break;
                }
                ahead.add(e);
            }
            if (found != null) {
                q.remove(found);
                break;
            }
        }
        if (found == null) {
            return false;
        }
        StreamElement.CheckpointBarrier b = (StreamElement.CheckpointBarrier) found.element;
        Envelope env = new Envelope(b.toUnaligned(), this);
        env.seq = found.seq;
        env.overtaken = new ArrayList<>();
        for (Envelope e : ahead) {
            if (!(e.element instanceof StreamElement.CheckpointBarrier)) {
                env.overtaken.add(e.element);
            }
        }
        pump(now);
        // the barrier was already on its way or at the receiver: what followed it must not be read before it
        receiver.gate().hold(gateIndex);
        deliverPriority(env, now, now);
        return true;
    }

    /** Elements sent before position {@code limit} that the receiver has not taken yet, oldest first. */
    List<StreamElement> unprocessedBefore(long limit) {
        List<StreamElement> out = new ArrayList<>();
        for (ArrayDeque<Envelope> q : List.of(inputBuffer, wire, outputBuffer)) {
            for (Envelope e : q) {
                if (e.seq < limit && !(e.element instanceof StreamElement.CheckpointBarrier)) {
                    out.add(e.element);
                }
            }
        }
        return out;
    }

    /** Restores in-flight data of an unaligned checkpoint: it goes out first, ahead of anything new. */
    void restoreInFlight(List<StreamElement> elements, long now) {
        for (StreamElement e : elements) {
            Envelope env = new Envelope(e, this);
            env.seq = nextSeq++;
            outputBuffer.add(env);
        }
        pump(now);
    }

    /** Unaligned barriers overtaking on the wire. */
    public List<StreamElement> priorityContents() {
        return contents(priority);
    }

    /** Arrival times of the unaligned barriers on the wire, aligned with {@link #priorityContents()}. */
    public List<Long> priorityArrivals() {
        List<Long> out = new ArrayList<>(priority.size());
        for (Envelope e : priority) {
            out.add(e.arrival);
        }
        return out;
    }

    /** Elements in the sender's output buffer, oldest first. */
    public List<StreamElement> outputBufferContents() {
        return contents(outputBuffer);
    }

    /** Elements in flight, oldest first. */
    public List<StreamElement> wireContents() {
        return contents(wire);
    }

    /** Arrival times of the elements in flight, aligned with {@link #wireContents()}. */
    public List<Long> wireArrivals() {
        List<Long> out = new ArrayList<>(wire.size());
        for (Envelope e : wire) {
            out.add(e.arrival);
        }
        return out;
    }

    /** Elements waiting in the receiver's input buffer, oldest first. */
    public List<StreamElement> inputBufferContents() {
        return contents(inputBuffer);
    }

    private static List<StreamElement> contents(ArrayDeque<Envelope> q) {
        List<StreamElement> out = new ArrayList<>(q.size());
        for (Envelope e : q) {
            out.add(e.element);
        }
        return out;
    }

    /** Drops everything in the channel: a failover discards in-flight data (its kernel actions are cancelled too). */
    void clear() {
        priority.clear();
        outputBuffer.clear();
        wire.clear();
        inputBuffer.clear();
        arrivalScheduled = false;
    }

    /** The sender's process died: what waited in its output buffer is gone. */
    void dropOutputBuffer() {
        outputBuffer.clear();
    }

    public boolean isEmpty() {
        return outputBuffer.isEmpty() && wire.isEmpty() && inputBuffer.isEmpty() && priority.isEmpty();
    }
}
