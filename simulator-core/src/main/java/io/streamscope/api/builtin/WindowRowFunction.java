package io.streamscope.api.builtin;

import io.streamscope.api.functions.Collector;
import io.streamscope.api.functions.ProcessWindowFunction;
import io.streamscope.data.Row;
import java.util.ArrayList;
import java.util.List;

/** Prefixes an aggregate result with the key and the window bounds: {key, start, end, ...aggregates}. */
public record WindowRowFunction(String keyField) implements ProcessWindowFunction<Row, Row, Object> {
    @Override
    public void process(Object key, WindowContext context, Iterable<Row> elements, Collector<Row> out) {
        for (Row r : elements) {
            List<Object> pairs = new ArrayList<>(List.of(keyField, key, "start", context.window().start(), "end",
                    context.window().end()));
            for (String f : r.fieldNames()) {
                pairs.add(f);
                pairs.add(r.get(f));
            }
            out.collect(Row.of(pairs.toArray()));
        }
    }
}
