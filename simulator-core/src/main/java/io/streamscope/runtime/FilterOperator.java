package io.streamscope.runtime;

import io.streamscope.api.functions.FilterFunction;

/** Forwards the records its predicate accepts. */
final class FilterOperator implements StreamOperator {
    private final FilterFunction<Object> fn;
    private Output out;

    @SuppressWarnings("unchecked")
    FilterOperator(FilterFunction<?> fn) {
        this.fn = (FilterFunction<Object>) fn;
    }

    @Override
    public void open(OperatorContext context) {
        out = context.output();
    }

    @Override
    public void processElement(StreamElement.Record r) throws Exception {
        if (fn.filter(r.value())) {
            out.collect(r);
        }
    }
}
