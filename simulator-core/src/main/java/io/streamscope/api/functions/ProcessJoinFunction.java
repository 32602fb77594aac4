package io.streamscope.api.functions;

import io.streamscope.api.OutputTag;

/**
 * Called for every pair an interval join matches (Flink's ProcessJoinFunction): the left element, the right one,
 * their timestamps and the pair's, which is the larger of the two.
 */
public abstract class ProcessJoinFunction<IN1, IN2, OUT> implements java.io.Serializable {
    private static final long serialVersionUID = 1L;

    /** Called once per subtask before any element. */
    public void open(RuntimeContext runtimeContext) throws Exception {
    }

    public abstract void processElement(IN1 left, IN2 right, Context ctx, Collector<OUT> out) throws Exception;

    /** What the function sees for one joined pair. */
    public interface Context {
        long getLeftTimestamp();

        long getRightTimestamp();

        /** The timestamp the output gets: max(left, right). */
        long getTimestamp();

        <X> void output(OutputTag<X> tag, X value);
    }
}
