package io.streamscope.flink;

import java.io.IOException;
import org.apache.flink.api.common.typeutils.SimpleTypeSerializerSnapshot;
import org.apache.flink.api.common.typeutils.TypeSerializer;
import org.apache.flink.api.common.typeutils.TypeSerializerSnapshot;
import org.apache.flink.core.memory.DataInputView;
import org.apache.flink.core.memory.DataOutputView;

/** Flink serializer of any engine value (scalar, row, list, set): keys, accumulators and function state. */
public final class ValueSerializer extends TypeSerializer<Object> {
    private static final long serialVersionUID = 1L;
    static final ValueSerializer INSTANCE = new ValueSerializer();

    @Override
    public boolean isImmutableType() {
        // lists and sets in state are mutable
        return false;
    }

    @Override
    public TypeSerializer<Object> duplicate() {
        return this;
    }

    @Override
    public Object createInstance() {
        return null;
    }

    @Override
    public Object copy(Object from) {
        return Values.copy(from);
    }

    @Override
    public Object copy(Object from, Object reuse) {
        return Values.copy(from);
    }

    @Override
    public int getLength() {
        return -1;
    }

    @Override
    public void serialize(Object record, DataOutputView target) throws IOException {
        Values.write(record, target);
    }

    @Override
    public Object deserialize(DataInputView source) throws IOException {
        return Values.read(source);
    }

    @Override
    public Object deserialize(Object reuse, DataInputView source) throws IOException {
        return Values.read(source);
    }

    @Override
    public void copy(DataInputView source, DataOutputView target) throws IOException {
        Values.write(Values.read(source), target);
    }

    @Override
    public boolean equals(Object obj) {
        return obj instanceof ValueSerializer;
    }

    @Override
    public int hashCode() {
        return ValueSerializer.class.hashCode();
    }

    @Override
    public TypeSerializerSnapshot<Object> snapshotConfiguration() {
        return new Snapshot();
    }

    /** The serializer has no configuration: its snapshot restores the one instance. */
    public static final class Snapshot extends SimpleTypeSerializerSnapshot<Object> {
        public Snapshot() {
            super(() -> INSTANCE);
        }
    }
}
