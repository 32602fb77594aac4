package io.streamscope.runtime;

import io.streamscope.api.functions.KeySelector;
import io.streamscope.graph.Partitioner;
import io.streamscope.state.KeyGroupRangeAssignment;
import java.util.List;

/**
 * Writes one operator output to the channels of one job edge, choosing channels as the edge's partitioner
 * says; watermarks, status and end-of-input go to every channel.
 */
final class RecordWriter {
    private final Channel[] channels;
    private final Partitioner partitioner;
    private final int downstreamMaxParallelism;
    private int nextRebalance;

    RecordWriter(List<Channel> channels, Partitioner partitioner, int downstreamMaxParallelism, int rebalanceStart) {
        this.channels = channels.toArray(new Channel[0]);
        this.partitioner = partitioner;
        this.downstreamMaxParallelism = downstreamMaxParallelism;
        this.nextRebalance = rebalanceStart;
    }

    @SuppressWarnings({"unchecked", "rawtypes"})
    void emit(StreamElement.Record record, long now) throws Exception {
        if (partitioner instanceof Partitioner.Forward) {
            channels[0].send(record, now);
        } else if (partitioner instanceof Partitioner.Rebalance) {
            nextRebalance = (nextRebalance + 1) % channels.length;
            channels[nextRebalance].send(record, now);
        } else if (partitioner instanceof Partitioner.Broadcast) {
            for (Channel c : channels) {
                c.send(record, now);
            }
        } else if (partitioner instanceof Partitioner.KeyGroup kg) {
            Object key = ((KeySelector) kg.keySelector()).getKey(record.value());
            int target = KeyGroupRangeAssignment.assignKeyToParallelOperator(key, downstreamMaxParallelism,
                    channels.length);
            channels[target].send(record, now);
        }
    }

    void broadcast(StreamElement element, long now) {
        for (Channel c : channels) {
            c.send(element, now);
        }
    }

    Channel[] channels() {
        return channels;
    }
}
