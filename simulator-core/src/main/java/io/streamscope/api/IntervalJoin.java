package io.streamscope.api;

import java.time.Duration;

/** Two keyed streams to be joined by time interval, waiting for their bounds (Flink's KeyedStream.IntervalJoin). */
public final class IntervalJoin<T1, T2, K> {
    private final KeyedStream<T1, K> left;
    private final KeyedStream<T2, K> right;

    IntervalJoin(KeyedStream<T1, K> left, KeyedStream<T2, K> right) {
        this.left = left;
        this.right = right;
    }

    /**
     * Joins each left element at time t with the right elements in [t + lower, t + upper], both bounds inclusive
     * unless {@link IntervalJoined#lowerBoundExclusive()} or {@link IntervalJoined#upperBoundExclusive()} is called.
     */
    public IntervalJoined<T1, T2, K> between(Duration lowerBound, Duration upperBound) {
        if (lowerBound == null || upperBound == null) {
            throw new NullPointerException("an interval join needs a lower and an upper bound");
        }
        return new IntervalJoined<>(left, right, lowerBound.toMillis(), upperBound.toMillis());
    }
}
