package io.streamscope.runtime;

/** An element travelling on one channel, with its arrival time and the trace event that last touched it. */
final class Envelope {
    final StreamElement element;
    final Channel channel;
    long arrival;
    long traceSeq = -1;
    /** For a record being read by a source: the index of its split in the reader. */
    int split = -1;
    /** Position in its channel, in send order: tells what was sent before a barrier. */
    long seq;
    /**
     * For an unaligned barrier: the position of the first element that was in the sender's output buffer when it
     * overtook it (the sender persisted those; the receiver persists what was sent before).
     */
    long outputStart;
    /** For a barrier converted to unaligned after its aligned timeout: the elements it overtook, oldest first. */
    java.util.List<StreamElement> overtaken;

    Envelope(StreamElement element, Channel channel) {
        this.element = element;
        this.channel = channel;
    }
}
