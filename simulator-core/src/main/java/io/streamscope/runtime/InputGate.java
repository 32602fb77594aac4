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
    private int endedCount;
    private final Subtask owner;

    InputGate(Subtask owner, int numChannels) {
        this.owner = owner;
        this.queued = new boolean[numChannels];
        this.ended = new boolean[numChannels];
    }

    void addChannel(Channel c) {
        channels.add(c);
    }

    void notifyAvailable(Channel c, long now) {
        if (!queued[c.gateIndex()]) {
            queued[c.gateIndex()] = true;
            available.add(c);
        }
        owner.onInputAvailable(now);
    }

    Envelope poll(long now) {
        Channel c = available.poll();
        if (c == null) {
            return null;
        }
        Envelope env = c.take(now);
        if (c.hasInput()) {
            available.add(c);
        } else {
            queued[c.gateIndex()] = false;
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
