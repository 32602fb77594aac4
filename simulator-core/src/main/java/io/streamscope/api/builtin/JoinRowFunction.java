package io.streamscope.api.builtin;

import io.streamscope.api.functions.Collector;
import io.streamscope.api.functions.ProcessJoinFunction;
import io.streamscope.data.Row;

/**
 * The join function of scenario interval joins: one row with the left element's fields, then the right one's. A
 * right field whose name the left row already has is skipped when it is the shared key field (both hold the same
 * key), and otherwise renamed to {@code rightPrefix.field}.
 */
public final class JoinRowFunction extends ProcessJoinFunction<Row, Row, Row> {
    private static final long serialVersionUID = 1L;
    private final String sharedKeyField;
    private final String rightPrefix;

    /** {@code sharedKeyField}: the key field both sides have under the same name, or null. */
    public JoinRowFunction(String sharedKeyField, String rightPrefix) {
        this.sharedKeyField = sharedKeyField;
        this.rightPrefix = rightPrefix;
    }

    public String sharedKeyField() {
        return sharedKeyField;
    }

    public String rightPrefix() {
        return rightPrefix;
    }

    @Override
    public void processElement(Row left, Row right, Context ctx, Collector<Row> out) {
        out.collect(merge(left, right, sharedKeyField, rightPrefix));
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
