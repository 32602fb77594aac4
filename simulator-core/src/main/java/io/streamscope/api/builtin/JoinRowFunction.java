package io.streamscope.api.builtin;

import io.streamscope.api.functions.Collector;
import io.streamscope.api.functions.ProcessJoinFunction;
import io.streamscope.data.Row;

/**
 * The join function of scenario interval joins: one row with the left element's fields, then the right one's. A
 * right field whose name the left row already has is skipped when it is the shared key field (both hold the same
 * key), and otherwise renamed to {@code rightPrefix.field}.
 */
public record JoinRowFunction(String sharedKeyField, String rightPrefix) implements java.io.Serializable {
    /** The function itself (a record cannot extend the abstract ProcessJoinFunction). */
    public ProcessJoinFunction<Row, Row, Row> function() {
        String key = sharedKeyField;
        String prefix = rightPrefix;
        return new ProcessJoinFunction<>() {
            private static final long serialVersionUID = 1L;

            @Override
            public void processElement(Row left, Row right, Context ctx, Collector<Row> out) {
                out.collect(merge(left, right, key, prefix));
            }
        };
    }

    /** The merged row. */
    public static Row merge(Row left, Row right, String sharedKeyField, String rightPrefix) {
        Row out = left;
        for (String f : right.fieldNames()) {
            if (left.has(f)) {
                if (f.equals(sharedKeyField)) {
                    continue;
                }
                out = out.with(rightPrefix + "." + f, right.get(f));
            } else {
                out = out.with(f, right.get(f));
            }
        }
        return out;
    }
}
