package io.streamscope.testing;

import io.streamscope.api.functions.Collector;
import io.streamscope.api.functions.KeyedProcessFunction;
import io.streamscope.api.functions.RuntimeContext;
import io.streamscope.api.functions.ValueState;
import io.streamscope.data.Row;

/**
 * Counts records per key in keyed value state "count" and emits {key, count, p, o} for every record, where p and
 * o are the input's partition and offset fields: a stateful function whose output shows exactly which records
 * its state has seen, which is what checkpoint and recovery tests compare.
 */
public final class Counter extends KeyedProcessFunction<Object, Row, Row> {
    private static final long serialVersionUID = 1L;
    private transient ValueState<Long> count;

    @Override
    public void open(RuntimeContext ctx) {
        count = ctx.getState("count");
    }

    @Override
    public void processElement(Row value, Context<Object> ctx, Collector<Row> out) {
        Long c = count.value();
        long next = c == null ? 1 : c + 1;
        count.update(next);
        out.collect(Row.of("key", ctx.getCurrentKey(), "count", next, "p", value.get("p"), "o", value.get("o")));
    }
}
