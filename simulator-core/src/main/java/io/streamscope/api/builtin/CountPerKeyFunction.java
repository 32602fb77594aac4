package io.streamscope.api.builtin;

import io.streamscope.api.functions.Collector;
import io.streamscope.api.functions.KeyedProcessFunction;
import io.streamscope.api.functions.RuntimeContext;
import io.streamscope.api.functions.ValueState;
import io.streamscope.api.state.StateTtlConfig;
import io.streamscope.api.state.ValueStateDescriptor;
import io.streamscope.data.Row;

/**
 * A running count per key in a value state named "count", with no timers: each record emits {key, count}. With a
 * state TTL the count of a key idle for longer than the TTL (in processing time) expires, and the key's next
 * record starts again from 1, the risk a TTL brings for keys that come back.
 */
public final class CountPerKeyFunction extends KeyedProcessFunction<Object, Row, Row> {
    private static final long serialVersionUID = 1L;
    /** The name of the state holding each key's count. */
    public static final String STATE = "count";
    private final String keyField;
    private final StateTtlConfig ttl;
    private transient ValueState<Long> count;

    /** Counts per {@code keyField}; {@code ttl} may be null for a count that never expires. */
    public CountPerKeyFunction(String keyField, StateTtlConfig ttl) {
        this.keyField = keyField;
        this.ttl = ttl;
    }

    /** The TTL of the count, or null. */
    public StateTtlConfig ttl() {
        return ttl;
    }

    @Override
    public void open(RuntimeContext runtimeContext) {
        ValueStateDescriptor<Long> d = new ValueStateDescriptor<>(STATE);
        if (ttl != null) {
            d.enableTimeToLive(ttl);
        }
        count = runtimeContext.getState(d);
    }

    @Override
    public void processElement(Row value, Context<Object> ctx, Collector<Row> out) {
        Long c = count.value();
        long next = c == null ? 1 : c + 1;
        count.update(next);
        out.collect(Row.of(keyField, ctx.getCurrentKey(), "count", next));
    }
}
