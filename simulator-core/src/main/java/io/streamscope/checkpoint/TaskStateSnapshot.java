package io.streamscope.checkpoint;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * What one subtask acknowledges for a checkpoint: the state of each operator of its chain (by operator uid, in
 * chain order) and, for unaligned checkpoints, the in-flight elements it persisted per channel.
 *
 * @param subtask the subtask id, such as {@code w[1]}
 * @param subtaskIndex its index within its task
 * @param operators the state of each operator of the chain, by uid
 * @param inputChannelState serialized elements in flight on each input channel, in order, by channel id
 * @param outputChannelState serialized elements waiting in each output buffer, in order, by channel id
 */
public record TaskStateSnapshot(String subtask, int subtaskIndex, Map<String, OperatorSubtaskState> operators,
                                Map<String, List<byte[]>> inputChannelState,
                                Map<String, List<byte[]>> outputChannelState) {

    public TaskStateSnapshot {
        operators = Collections.unmodifiableMap(new LinkedHashMap<>(operators));
        inputChannelState = Collections.unmodifiableMap(new LinkedHashMap<>(inputChannelState));
        outputChannelState = Collections.unmodifiableMap(new LinkedHashMap<>(outputChannelState));
    }

    /** Bytes of operator state. */
    public long stateBytes() {
        long n = 0;
        for (OperatorSubtaskState s : operators.values()) {
            n += s.sizeBytes();
        }
        return n;
    }

    /** Bytes of persisted in-flight data (unaligned checkpoints). */
    public long inFlightBytes() {
        return bytes(inputChannelState) + bytes(outputChannelState);
    }

    /** Number of persisted in-flight elements. */
    public int inFlightElements() {
        int n = 0;
        for (List<byte[]> l : inputChannelState.values()) {
            n += l.size();
        }
        for (List<byte[]> l : outputChannelState.values()) {
            n += l.size();
        }
        return n;
    }

    private static long bytes(Map<String, List<byte[]>> m) {
        long n = 0;
        for (List<byte[]> l : m.values()) {
            for (byte[] b : l) {
                n += b.length;
            }
        }
        return n;
    }
}
