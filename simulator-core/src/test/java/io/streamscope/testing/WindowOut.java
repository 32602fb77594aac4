package io.streamscope.testing;

import io.streamscope.api.functions.Collector;
import io.streamscope.api.functions.ProcessWindowFunction;
import io.streamscope.data.Row;
import java.util.ArrayList;
import java.util.List;

/**
 * A full-window function for tests: emits {key, start, end, count, sum, values, wm}, where values lists the
 * window's "value" fields in the order the window received them and wm is the watermark at firing time.
 */
public final class WindowOut implements ProcessWindowFunction<Row, Row, Object> {
    private static final long serialVersionUID = 1L;

    @Override
    public void process(Object key, WindowContext ctx, Iterable<Row> elements, Collector<Row> out) {
        List<Long> values = new ArrayList<>();
        long sum = 0;
        for (Row r : elements) {
            values.add(r.getLong("value"));
            sum += r.getLong("value");
        }
        out.collect(Row.of("key", key, "start", ctx.window().start(), "end", ctx.window().end(), "count",
                (long) values.size(), "sum", sum, "values", values, "wm", ctx.currentWatermark()));
    }

    /** The expected output row, without the watermark column. */
    public static Row row(String key, long start, long end, List<Long> values) {
        long sum = 0;
        for (long v : values) {
            sum += v;
        }
        return Row.of("key", key, "start", start, "end", end, "count", (long) values.size(), "sum", sum,
                "values", values);
    }

    /** An output row without its watermark column, for comparing with {@link #row}. */
    public static Row strip(Object value) {
        Row r = (Row) value;
        return r.select(List.of("key", "start", "end", "count", "sum", "values"));
    }
}
