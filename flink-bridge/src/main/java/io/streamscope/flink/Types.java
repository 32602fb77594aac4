package io.streamscope.flink;

import io.streamscope.data.Row;
import java.util.List;
import org.apache.flink.api.common.serialization.SerializerConfig;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.api.common.typeutils.TypeSerializer;

/** Flink type information for engine rows and values, backed by the bridge's own serializers (no Kryo). */
public final class Types {
    /** Engine rows: the element type of every translated stream. */
    public static final TypeInformation<Row> ROW = new Info<>(Row.class, "StreamscopeRow", true);
    /** Any engine value used as a key (a Row field's value). */
    public static final TypeInformation<Object> KEY = new Info<>(Object.class, "StreamscopeKey", false);
    /** Accumulators and state made of lists and sets of values. */
    @SuppressWarnings({"unchecked", "rawtypes"})
    static final TypeInformation<List<Object>> LIST = new Info(List.class, "StreamscopeList", false);

    private Types() {
    }

    /** One TypeInformation class for all three: they differ only in the class they declare. */
    private static final class Info<T> extends TypeInformation<T> {
        private static final long serialVersionUID = 1L;
        private final Class<T> type;
        private final String name;
        private final boolean rows;

        Info(Class<T> type, String name, boolean rows) {
            this.type = type;
            this.name = name;
            this.rows = rows;
        }

        @Override
        public boolean isBasicType() {
            return false;
        }

        @Override
        public boolean isTupleType() {
            return false;
        }

        @Override
        public int getArity() {
            return 1;
        }

        @Override
        public int getTotalFields() {
            return 1;
        }

        @Override
        public Class<T> getTypeClass() {
            return type;
        }

        @Override
        public boolean isKeyType() {
            return true;
        }

        @Override
        @SuppressWarnings("unchecked")
        public TypeSerializer<T> createSerializer(SerializerConfig config) {
            return rows ? (TypeSerializer<T>) RowSerializer.INSTANCE : (TypeSerializer<T>) ValueSerializer.INSTANCE;
        }

        @Override
        public String toString() {
            return name;
        }

        @Override
        public boolean equals(Object obj) {
            return obj instanceof Info<?> i && i.name.equals(name);
        }

        @Override
        public int hashCode() {
            return name.hashCode();
        }

        @Override
        public boolean canEqual(Object obj) {
            return obj instanceof Info<?>;
        }
    }
}
