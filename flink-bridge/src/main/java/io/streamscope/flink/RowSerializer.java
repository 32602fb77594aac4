package io.streamscope.flink;

import io.streamscope.data.Row;
import java.io.IOException;
import org.apache.flink.api.common.typeutils.SimpleTypeSerializerSnapshot;
import org.apache.flink.api.common.typeutils.TypeSerializer;
import org.apache.flink.api.common.typeutils.TypeSerializerSnapshot;
import org.apache.flink.core.memory.DataInputView;
import org.apache.flink.core.memory.DataOutputView;

/** Flink serializer of engine {@link Row}s: field names and tagged values, so Long and Double survive the wire. */
public final class RowSerializer extends TypeSerializer<Row> {
    private static final long serialVersionUID = 1L;
    static final RowSerializer INSTANCE = new RowSerializer();

    @Override
    public boolean isImmutableType() {
        return true;
    }

    @Override
    public TypeSerializer<Row> duplicate() {
        return this;
    }

    @Override
    public Row createInstance() {
        return Row.of();
    }

    @Override
    public Row copy(Row from) {
        return from;
    }

    @Override
    public Row copy(Row from, Row reuse) {
        return from;
    }

    @Override
    public int getLength() {
        return -1;
    }

    @Override
    public void serialize(Row record, DataOutputView target) throws IOException {
        Values.write(record, target);
    }

    @Override
    public Row deserialize(DataInputView source) throws IOException {
        Object v = Values.read(source);
        if (!(v instanceof Row r)) {
            throw new IOException("expected a row, read " + v);
        }
        return r;
    }

    @Override
    public Row deserialize(Row reuse, DataInputView source) throws IOException {
        return deserialize(source);
    }

    @Override
    public void copy(DataInputView source, DataOutputView target) throws IOException {
        serialize(deserialize(source), target);
    }

    @Override
    public boolean equals(Object obj) {
        return obj instanceof RowSerializer;
    }

    @Override
    public int hashCode() {
        return RowSerializer.class.hashCode();
    }

    @Override
    public TypeSerializerSnapshot<Row> snapshotConfiguration() {
        return new Snapshot();
    }

    /** The serializer has no configuration: its snapshot restores the one instance. */
    public static final class Snapshot extends SimpleTypeSerializerSnapshot<Row> {
        public Snapshot() {
            super(() -> INSTANCE);
        }
    }
}
