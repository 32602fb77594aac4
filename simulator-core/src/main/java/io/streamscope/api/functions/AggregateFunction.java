package io.streamscope.api.functions;

import java.io.Serializable;

/** Incremental aggregation: a window keeps one accumulator instead of its records (Flink's AggregateFunction). */
public interface AggregateFunction<IN, ACC, OUT> extends Serializable {
    ACC createAccumulator();

    ACC add(IN value, ACC accumulator);

    OUT getResult(ACC accumulator);

    /** Merges two accumulators, used when session windows merge. */
    ACC merge(ACC a, ACC b);
}
