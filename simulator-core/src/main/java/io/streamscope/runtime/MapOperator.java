package io.streamscope.runtime;

import io.streamscope.api.functions.MapFunction;

/** Applies a map function; the record keeps its timestamp. */
final class MapOperator implements StreamOperator {
    private final MapFunction<Object, Object> fn;
    private Output out;

    @SuppressWarnings("unchecked")
    MapOperator(MapFunction<?, ?> fn) {
        this.fn = (MapFunction<Object, Object>) fn;
    }

    @Override
    public void open(OperatorContext context) {
        out = context.output();
    }

    @Override
    public void processElement(StreamElement.Record r) throws Exception {
        out.collect(new StreamElement.Record(fn.map(r.value()), r.timestamp(), r.hasTimestamp()));
    }
}
