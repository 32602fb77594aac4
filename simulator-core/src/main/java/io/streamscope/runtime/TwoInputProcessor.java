package io.streamscope.runtime;

import io.streamscope.time.IndexedCombinedWatermarkStatus;
import io.streamscope.time.StatusWatermarkValve;
import io.streamscope.trace.TraceEvent;

/**
 * The input side of a subtask whose chain starts with a two-input operator (Flink's StreamTwoInputProcessor with
 * one StreamTaskNetworkInput per input). All channels share the subtask's one input gate, so barrier alignment and
 * end of input cover both inputs; each channel belongs to input 0 or 1, and each input has its own
 * StatusWatermarkValve over its channels. What a valve forwards is that input's watermark (processWatermark1/2);
 * the operator's watermark is their combination, the minimum over the active inputs, forwarded only when it
 * advances (IndexedCombinedWatermarkStatus).
 *
 * <p>Which input is read next: as Flink's InputSelection.fairSelectNextIndex, the next input after the one read
 * last that has data, so two inputs with data ready alternate element by element, and input 1 goes first. Within
 * an input, channels are served in the order they became available.
 */
public final class TwoInputProcessor {
    private final Subtask subtask;
    private final TwoInputStreamOperator operator;
    /** Per gate index: the input (0 or 1) and the index among that input's channels. */
    private final int[] inputOf;
    private final int[] indexInInput;
    private final StatusWatermarkValve[] valves = new StatusWatermarkValve[2];
    private final String[] streams;
    private final IndexedCombinedWatermarkStatus combined = new IndexedCombinedWatermarkStatus(2);
    private int lastReadInput = 1;

    TwoInputProcessor(Subtask subtask, TwoInputStreamOperator operator, int[] inputOf,
                      String[] streams) {
        this.subtask = subtask;
        this.operator = operator;
        this.inputOf = inputOf;
        this.streams = streams;
        this.indexInInput = new int[inputOf.length];
        int[] counts = new int[2];
        for (int i = 0; i < inputOf.length; i++) {
            indexInInput[i] = counts[inputOf[i]]++;
        }
        for (int k = 0; k < 2; k++) {
            valves[k] = new StatusWatermarkValve(counts[k]);
        }
    }

    /** The next element: from the input after the one read last, if it has one ready, else from the other. */
    Envelope poll(InputGate gate, long now) {
        for (int k = 1; k <= 2; k++) {
            int input = (lastReadInput + k) % 2;
            Envelope env = gate.pollInput(now, inputOf, input);
            if (env != null) {
                lastReadInput = input;
                return env;
            }
        }
        return null;
    }

    /**
     * Takes a record, watermark or watermark status from gate channel {@code channel} to its input; false for what
     * the subtask handles for both inputs alike (barriers, end of input).
     */
    boolean process(StreamElement el, int channel, long now) throws Exception {
        if (el instanceof StreamElement.Record r) {
            processRecord(r, channel);
        } else if (el instanceof StreamElement.Watermark w) {
            processWatermark(w.timestamp(), channel, now);
        } else if (el instanceof StreamElement.WatermarkStatus st) {
            processWatermarkStatus(st.idle(), channel, now);
        } else {
            return false;
        }
        return true;
    }

    private void processRecord(StreamElement.Record r, int channel) throws Exception {
        if (inputOf[channel] == 0) {
            operator.processElement1(r);
        } else {
            operator.processElement2(r);
        }
    }

    private void processWatermark(long watermark, int channel, long now) {
        int input = inputOf[channel];
        valves[input].inputWatermark(watermark, indexInInput[channel], output(input, now));
    }

    private void processWatermarkStatus(boolean idle, int channel, long now) {
        int input = inputOf[channel];
        valves[input].inputWatermarkStatus(idle, indexInInput[channel], output(input, now));
    }

    private StatusWatermarkValve.Output output(int input, long now) {
        return new StatusWatermarkValve.Output() {
            @Override
            public void emitWatermark(long watermark) {
                if (subtask.runtime().tracer().on()) {
                    long cause = subtask.runtime().tracer().cause();
                    subtask.runtime().tracer().setCause(subtask.runtime().tracer().emit(s ->
                            new TraceEvent.InputWatermarkAdvanced(s, now, subtask.id(), cause, input + 1,
                                    streams[input], watermark)));
                }
                if (combined.updateWatermark(input, watermark)) {
                    forwardCombined(now);
                }
            }

            @Override
            public void emitWatermarkStatus(boolean idle) {
                if (subtask.runtime().tracer().on()) {
                    long cause = subtask.runtime().tracer().cause();
                    subtask.runtime().tracer().emit(s -> new TraceEvent.WatermarkStatusChanged(s, now, subtask.id(),
                            cause, "input " + (input + 1), idle));
                }
                boolean wasIdle = combined.isIdle();
                if (combined.updateStatus(input, idle)) {
                    forwardCombined(now);
                }
                if (wasIdle != combined.isIdle()) {
                    subtask.forwardInputStatus(combined.isIdle(), now);
                }
            }
        };
    }

    private void forwardCombined(long now) {
        subtask.forwardInputWatermark(combined.combinedWatermark(), now);
    }

    /** The watermark each input's valve forwarded last (MIN before any). */
    public long inputWatermark(int input) {
        return combined.inputWatermark(input);
    }

    public boolean inputIdle(int input) {
        return combined.inputIdle(input);
    }

    public String stream(int input) {
        return streams[input];
    }

    /** The input a gate channel belongs to. */
    public int inputOf(int channel) {
        return inputOf[channel];
    }

    /** The watermark, idleness and alignment the channel's valve holds. */
    public long channelWatermark(int channel) {
        return valves[inputOf[channel]].channelWatermark(indexInInput[channel]);
    }

    public boolean channelIdle(int channel) {
        return valves[inputOf[channel]].channelIdle(indexInInput[channel]);
    }

    public boolean channelAligned(int channel) {
        return valves[inputOf[channel]].channelAligned(indexInInput[channel]);
    }
}
