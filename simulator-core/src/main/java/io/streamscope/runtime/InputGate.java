package io.streamscope.runtime;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/**
 * A subtask's input channels. Like Flink's SingleInputGate it serves channels in the order data became
 * available, and puts a channel back at the end of the queue while it still has data: round-robin, fair.
 */
public final class InputGate {
    private final List<Channel> channels = new ArrayList<>();
    private final ArrayDeque<Channel> available = new ArrayDeque<>();
    private final boolean[] queued;
    private final boolean[] ended;
    /** Channels held back by barrier alignment: their data stays queued until the checkpoint is aligned. */
    private final boolean[] blocked;
    /** Channels whose unaligned barrier waits to be taken: nothing behind it may be read before it. */
    private final boolean[] held;
    private int endedCount;
    private final Subtask owner;

    InputGate(Subtask owner, int numChannels) {
        this.owner = owner;
        this.queued = new boolean[numChannels];
        this.ended = new boolean[numChannels];
        this.blocked = new boolean[numChannels];
        this.held = new boolean[numChannels];
    }

    void addChannel(Channel c) {
        channels.add(c);
    }

    void notifyAvailable(Channel c, long now) {
        if (blocked[c.gateIndex()] || held[c.gateIndex()]) {
            return; // queued again when alignment releases it
        }
        if (!queued[c.gateIndex()]) {
            queued[c.gateIndex()] = true;
            available.add(c);
        }
        owner.onInputAvailable(now);
    }

    Envelope poll(long now) {
        while (true) {
            Channel c = available.poll();
            if (c == null) {
                return null;
            }
            Envelope env = takeFrom(c, now);
            if (env != null) {
                return env;
            }
        }
    }

    /**
     * Like {@link #poll}, but only from the channels of one input of a two-input subtask ({@code inputOf} gives the
     * input of each gate index): the first of them in availability order.
     */
    Envelope pollInput(long now, int[] inputOf, int input) {
        java.util.Iterator<Channel> it = available.iterator();
        while (it.hasNext()) {
            Channel c = it.next();
            int i = c.gateIndex();
            if (inputOf[i] != input) {
                continue;
            }
            it.remove();
            Envelope env = takeFrom(c, now);
            if (env != null) {
                return env;
            }
        }
        return null;
    }

    /**
     * The next element of a channel just taken off the queue, which goes back at the end while it has more; null,
     * and the channel no longer queued, when it is blocked by alignment or emptied by a barrier that was taken out
     * to overtake as unaligned.
     */
    private Envelope takeFrom(Channel c, long now) {
        int i = c.gateIndex();
        if (blocked[i] || held[i] || !c.hasInput()) {
            queued[i] = false;
            return null;
        }
        Envelope env = c.take(now);
        if (c.hasInput()) {
            available.add(c);
        } else {
            queued[i] = false;
        }
        return env;
    }

    /** Marks a channel's end of input; true when every channel has ended. */
    boolean endChannel(int index) {
        if (!ended[index]) {
            ended[index] = true;
            endedCount++;
        }
        return endedCount == channels.size();
    }

    /** Stops taking elements from a channel (it delivered the barrier of the checkpoint being aligned). */
    void block(int index) {
        blocked[index] = true;
    }

    /** Takes elements from the channel again, starting with what queued up meanwhile. */
    void unblock(int index, long now) {
        if (!blocked[index]) {
            return;
        }
        blocked[index] = false;
        Channel c = channels.get(index);
        if (c.hasInput()) {
            notifyAvailable(c, now);
        }
    }

    /** An unaligned barrier of this channel waits to be taken: the channel is read again only after it. */
    void hold(int index) {
        held[index] = true;
    }

    void release(int index, long now) {
        if (!held[index]) {
            return;
        }
        held[index] = false;
        Channel c = channels.get(index);
        if (c.hasInput()) {
            notifyAvailable(c, now);
        }
    }

    public boolean isBlocked(int index) {
        return blocked[index];
    }

    public boolean isEnded(int index) {
        return ended[index];
    }

    public boolean hasAvailable() {
        return !available.isEmpty();
    }

    public List<Channel> channels() {
        return Collections.unmodifiableList(channels);
    }

    public int numChannels() {
        return channels.size();
    }
}
