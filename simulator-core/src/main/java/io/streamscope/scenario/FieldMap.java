package io.streamscope.scenario;

import io.streamscope.api.functions.MapFunction;
import io.streamscope.data.Row;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The map of scenario files: keeps only the {@code select}ed fields (all of them when select is null), then
 * sets each field of {@code set} to its constant. Declarative, so that other engines can translate it.
 */
public record FieldMap(List<String> select, Map<String, Object> set) implements MapFunction<Row, Row> {
    private static final long serialVersionUID = 1L;

    public FieldMap {
        select = select == null ? null : List.copyOf(select);
        // insertion order is the order fields are appended in, so it must survive the copy
        set = set == null ? Map.of() : Collections.unmodifiableMap(new LinkedHashMap<>(set));
    }

    @Override
    public Row map(Row row) {
        Row out = select == null ? row : row.select(select);
        for (Map.Entry<String, Object> e : set.entrySet()) {
            out = out.with(e.getKey(), e.getValue());
        }
        return out;
    }

    /** The fields of the output, given those of the input (null when unknown). */
    List<String> outputFields(List<String> input) {
        List<String> out;
        if (select != null) {
            out = new ArrayList<>(select);
        } else if (input != null) {
            out = new ArrayList<>(input);
        } else {
            return null;
        }
        for (String f : set.keySet()) {
            if (!out.contains(f)) {
                out.add(f);
            }
        }
        return out;
    }
}
