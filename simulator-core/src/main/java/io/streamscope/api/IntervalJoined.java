package io.streamscope.api;

import io.streamscope.api.functions.ProcessJoinFunction;
import io.streamscope.graph.JobVertex;
import io.streamscope.graph.OperatorSpec;

/** An interval join with its bounds, finished with process (Flink's KeyedStream.IntervalJoined). */
public final class IntervalJoined<T1, T2, K> {
    private final KeyedStream<T1, K> left;
    private final KeyedStream<T2, K> right;
    private final long lowerBound;
    private final long upperBound;
    private boolean lowerBoundInclusive = true;
    private boolean upperBoundInclusive = true;
    private OutputTag<T1> leftLateDataTag;
    private OutputTag<T2> rightLateDataTag;

    IntervalJoined(KeyedStream<T1, K> left, KeyedStream<T2, K> right, long lowerBound, long upperBound) {
        this.left = left;
        this.right = right;
        this.lowerBound = lowerBound;
        this.upperBound = upperBound;
    }

    /** Excludes the lower bound: right elements at exactly t + lower no longer match. */
    public IntervalJoined<T1, T2, K> lowerBoundExclusive() {
        this.lowerBoundInclusive = false;
        return this;
    }

    /** Excludes the upper bound: right elements at exactly t + upper no longer match. */
    public IntervalJoined<T1, T2, K> upperBoundExclusive() {
        this.upperBoundInclusive = false;
        return this;
    }

    /** Late left elements (timestamp below the join's watermark) go to this side output instead of being dropped. */
    public IntervalJoined<T1, T2, K> sideOutputLeftLateData(OutputTag<T1> tag) {
        this.leftLateDataTag = tag;
        return this;
    }

    /** Late right elements go to this side output instead of being dropped. */
    public IntervalJoined<T1, T2, K> sideOutputRightLateData(OutputTag<T2> tag) {
        this.rightLateDataTag = tag;
        return this;
    }

    public <OUT> SingleOutputStreamOperator<OUT> process(ProcessJoinFunction<T1, T2, OUT> fn) {
        return process(fn, "IntervalJoin");
    }

    /** Adds the join: an operator with two inputs, the left stream on the first, the right on the second. */
    public <OUT> SingleOutputStreamOperator<OUT> process(ProcessJoinFunction<T1, T2, OUT> fn, String name) {
        if (lowerBound > upperBound) {
            // checked on the bounds as given, before exclusiveness moves them (as Flink's operator does)
            throw new IllegalArgumentException("lowerBound <= upperBound must be fulfilled (the lower bound "
                    + lowerBound + " ms is above the upper bound " + upperBound + " ms)");
        }
        StreamExecutionEnvironment env = left.env;
        JobVertex v = env.newVertex(name, new OperatorSpec.IntervalJoin(lowerBound, upperBound, lowerBoundInclusive,
                upperBoundInclusive, leftLateDataTag, rightLateDataTag, fn));
        left.connectTo(v, 0);
        right.connectTo(v, 1);
        return new SingleOutputStreamOperator<>(env, v);
    }
}
