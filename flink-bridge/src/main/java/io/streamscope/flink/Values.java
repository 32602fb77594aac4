package io.streamscope.flink;

import io.streamscope.data.Row;
import java.io.IOException;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import org.apache.flink.core.memory.DataInputView;
import org.apache.flink.core.memory.DataOutputView;
import org.apache.flink.types.StringValue;

/**
 * The binary form of engine values on Flink's wire and in its state: a tag byte, then the value. Long and Double
 * have tags of their own, so a value comes back with the type it left with (a sum of whole numbers stays a Long).
 */
final class Values {
    private static final byte NULL = 0;
    private static final byte LONG = 1;
    private static final byte DOUBLE = 2;
    private static final byte STRING = 3;
    private static final byte BOOLEAN = 4;
    private static final byte ROW = 5;
    private static final byte LIST = 6;
    private static final byte SET = 7;

    private Values() {
    }

    static void write(Object v, DataOutputView out) throws IOException {
        if (v == null) {
            out.writeByte(NULL);
        } else if (v instanceof Long l) {
            out.writeByte(LONG);
            out.writeLong(l);
        } else if (v instanceof Integer || v instanceof Short || v instanceof Byte) {
            // Row normalises these to Long; state written by other code gets the same treatment
            out.writeByte(LONG);
            out.writeLong(((Number) v).longValue());
        } else if (v instanceof Double d) {
            out.writeByte(DOUBLE);
            out.writeDouble(d);
        } else if (v instanceof Float f) {
            out.writeByte(DOUBLE);
            out.writeDouble(f.doubleValue());
        } else if (v instanceof String s) {
            out.writeByte(STRING);
            // StringValue has no 64 KiB limit, unlike writeUTF
            StringValue.writeString(s, out);
        } else if (v instanceof Boolean b) {
            out.writeByte(BOOLEAN);
            out.writeBoolean(b);
        } else if (v instanceof Row r) {
            out.writeByte(ROW);
            List<String> names = r.fieldNames();
            out.writeInt(names.size());
            List<Object> values = r.values();
            for (int i = 0; i < names.size(); i++) {
                StringValue.writeString(names.get(i), out);
                write(values.get(i), out);
            }
        } else if (v instanceof Set<?> s) {
            out.writeByte(SET);
            out.writeInt(s.size());
            for (Object o : s) {
                write(o, out);
            }
        } else if (v instanceof List<?> l) {
            out.writeByte(LIST);
            out.writeInt(l.size());
            for (Object o : l) {
                write(o, out);
            }
        } else {
            throw new IllegalArgumentException("the Flink bridge carries rows of strings, numbers, booleans and null;"
                    + " cannot serialize a " + v.getClass().getName() + ": " + v);
        }
    }

    static Object read(DataInputView in) throws IOException {
        byte tag = in.readByte();
        switch (tag) {
            case NULL:
                return null;
            case LONG:
                return in.readLong();
            case DOUBLE:
                return in.readDouble();
            case STRING:
                return StringValue.readString(in);
            case BOOLEAN:
                return in.readBoolean();
            case ROW: {
                int n = in.readInt();
                Object[] pairs = new Object[2 * n];
                for (int i = 0; i < n; i++) {
                    pairs[2 * i] = StringValue.readString(in);
                    pairs[2 * i + 1] = read(in);
                }
                return Row.of(pairs);
            }
            case LIST: {
                int n = in.readInt();
                List<Object> l = new ArrayList<>(n);
                for (int i = 0; i < n; i++) {
                    l.add(read(in));
                }
                return l;
            }
            case SET: {
                int n = in.readInt();
                Set<Object> s = new LinkedHashSet<>();
                for (int i = 0; i < n; i++) {
                    s.add(read(in));
                }
                return s;
            }
            default:
                throw new IOException("corrupt value: unknown tag " + tag);
        }
    }

    /** A deep copy: scalars and rows are immutable and shared, lists and sets are copied. */
    static Object copy(Object v) {
        if (v instanceof Set<?> s) {
            Set<Object> c = new LinkedHashSet<>();
            for (Object o : s) {
                c.add(copy(o));
            }
            return c;
        }
        if (v instanceof List<?> l) {
            List<Object> c = new ArrayList<>(l.size());
            for (Object o : l) {
                c.add(copy(o));
            }
            return c;
        }
        return v;
    }
}
