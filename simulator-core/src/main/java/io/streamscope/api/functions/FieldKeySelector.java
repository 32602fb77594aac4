package io.streamscope.api.functions;

import io.streamscope.data.Row;

/** keyBy on a named field of a {@link Row}; declarative, so other engines can translate it. */
public record FieldKeySelector(String field) implements KeySelector<Row, Object> {
    public FieldKeySelector {
        // interned (also when a copy is deserialized for a subtask), so Row lookups match by reference first
        field = field.intern();
    }

    @Override
    public Object getKey(Row value) {
        return value.require(field);
    }
}
