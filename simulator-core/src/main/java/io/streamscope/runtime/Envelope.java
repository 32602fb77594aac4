package io.streamscope.runtime;

/** An element travelling on one channel, with its arrival time and the trace event that last touched it. */
final class Envelope {
    final StreamElement element;
    final Channel channel;
    long arrival;
    long traceSeq = -1;
    /** For a record being read by a source: the index of its split in the reader. */
    int split = -1;

    Envelope(StreamElement element, Channel channel) {
        this.element = element;
        this.channel = channel;
    }
}
