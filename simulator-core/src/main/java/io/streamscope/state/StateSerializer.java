package io.streamscope.state;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.NotSerializableException;
import java.io.ObjectInputStream;
import java.io.ObjectOutputStream;
import java.io.ObjectStreamClass;

/**
 * Turns state into bytes and back with Java serialization, standing in for Flink's TypeSerializers: a snapshot is
 * a deep copy taken at the barrier, and its length is an honest state size. State that cannot be serialized is
 * an error naming the operator, as a missing serializer is in Flink.
 */
public final class StateSerializer {
    private StateSerializer() {
    }

    /** Serializes {@code value}; {@code owner} names the operator in the error message. */
    public static byte[] serialize(Object value, String owner) {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (ObjectOutputStream out = new ObjectOutputStream(bytes)) {
            out.writeObject(value);
        } catch (NotSerializableException e) {
            throw new IllegalStateException("the state of " + owner + " cannot be checkpointed: " + e.getMessage()
                    + " is not serializable (state values must implement java.io.Serializable)", e);
        } catch (IOException e) {
            throw new IllegalStateException("the state of " + owner + " cannot be checkpointed: " + e, e);
        }
        return bytes.toByteArray();
    }

    /** Reads back what {@link #serialize} wrote. */
    public static Object deserialize(byte[] data) {
        try (ObjectInputStream in = new ObjectInputStream(new ByteArrayInputStream(data)) {
            @Override
            protected Class<?> resolveClass(ObjectStreamClass desc) throws IOException, ClassNotFoundException {
                ClassLoader loader = Thread.currentThread().getContextClassLoader();
                if (loader != null) {
                    try {
                        return Class.forName(desc.getName(), false, loader);
                    } catch (ClassNotFoundException e) {
                        // fall back to the default resolution below
                    }
                }
                return super.resolveClass(desc);
            }
        }) {
            return in.readObject();
        } catch (IOException | ClassNotFoundException e) {
            throw new IllegalStateException("checkpointed state cannot be read back: " + e, e);
        }
    }
}
