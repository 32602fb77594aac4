package io.streamscope.checkpoint;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A checkpoint (or savepoint) every task acknowledged: the consistent state a job restores from.
 *
 * @param checkpointId its id; ids grow by one per triggered checkpoint
 * @param savepoint true for a savepoint
 * @param triggerTime virtual time of the trigger
 * @param completionTime virtual time of completion
 * @param operators the state of every operator, by uid, in job order
 * @param channelState unaligned checkpoints: in-flight elements per channel id, in order
 */
public record CompletedCheckpoint(long checkpointId, boolean savepoint, long triggerTime, long completionTime,
                                  Map<String, OperatorState> operators, Map<String, List<byte[]>> channelState) {
    public CompletedCheckpoint {
        operators = Collections.unmodifiableMap(new LinkedHashMap<>(operators));
        channelState = Collections.unmodifiableMap(new LinkedHashMap<>(channelState));
    }

    /** Bytes of operator state plus persisted in-flight data. */
    public long sizeBytes() {
        long n = 0;
        for (OperatorState s : operators.values()) {
            n += s.sizeBytes();
        }
        for (List<byte[]> l : channelState.values()) {
            for (byte[] b : l) {
                n += b.length;
            }
        }
        return n;
    }

    /** "checkpoint 3" or "savepoint 3", for messages. */
    public String describe() {
        return (savepoint ? "savepoint " : "checkpoint ") + checkpointId;
    }
}
