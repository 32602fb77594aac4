package io.streamscope.view;

import java.util.List;

/**
 * An immutable picture of the whole engine after a step: the only thing views read. Everything is plain
 * data (strings and numbers), listed in a deterministic order.
 */
public record EngineView(long time, long step, long traceSize, boolean finished, List<TaskManagerView> taskManagers,
                         List<SubtaskView> subtasks, List<ChannelView> channels, List<SinkView> sinks) {

    /** A TaskManager and its slots. */
    public record TaskManagerView(String id, List<SlotView> slots) {
    }

    /** A slot and the subtasks sharing it. */
    public record SlotView(String id, List<String> subtasks) {
    }

    /**
     * One subtask: its chain, status, the element in process, its watermark, its input channels and source
     * splits with their watermarks, keyed state and pending timers of its operators.
     */
    public record SubtaskView(String id, String task, int index, String slot, String status, boolean backpressured,
                              String backpressuredOn, String inProcess, long inProcessDone, long watermark,
                              long recordsProcessed, List<InputView> inputs, List<SplitView> splits,
                              List<StateView> state, List<TimerView> timers) {
    }

    /** The watermark and status the subtask's valve holds for one input channel. */
    public record InputView(String channel, long watermark, boolean idle, boolean aligned) {
    }

    /** A partition read by a source subtask: next offset, its own watermark, idleness, generator state. */
    public record SplitView(String split, long nextOffset, long watermark, boolean idle, String generator) {
    }

    /** One entry of keyed state. */
    public record StateView(String operator, String key, int keyGroup, String name, String value) {
    }

    /** One pending timer. */
    public record TimerView(String operator, String key, long timestamp, String domain, String namespace) {
    }

    /** A channel's contents, oldest first, in each of its three places, and its free credits. */
    public record ChannelView(String id, String from, String to, List<String> outputBuffer, List<String> inFlight,
                              List<Long> inFlightArrivals, List<String> inputBuffer, int credits) {
    }

    /** A sink's table. */
    public record SinkView(String name, List<String> records) {
    }

    public SubtaskView subtask(String id) {
        for (SubtaskView s : subtasks) {
            if (s.id().equals(id)) {
                return s;
            }
        }
        throw new IllegalArgumentException("no subtask " + id);
    }

    public ChannelView channel(String id) {
        for (ChannelView c : channels) {
            if (c.id().equals(id)) {
                return c;
            }
        }
        throw new IllegalArgumentException("no channel " + id);
    }
}
