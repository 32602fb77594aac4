package io.streamscope.runtime;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.NotSerializableException;
import java.io.ObjectInputStream;
import java.io.ObjectOutputStream;
import java.io.ObjectStreamClass;
import java.io.Serializable;

/**
 * Gives every subtask its own copy of a user function, as Flink does by serializing the function into the job
 * and deserializing it in each task: a function that keeps state handles in fields must not share them with
 * other subtasks. A function that is not serializable is an error, as in Flink.
 */
final class FunctionCopies {
    private FunctionCopies() {
    }

    @SuppressWarnings("unchecked")
    static <T> T copy(T function, String operatorName) {
        if (function == null) {
            return null;
        }
        if (!(function instanceof Serializable)) {
            throw notSerializable(function, operatorName, null);
        }
        try {
            ByteArrayOutputStream bytes = new ByteArrayOutputStream();
            try (ObjectOutputStream out = new ObjectOutputStream(bytes)) {
                out.writeObject(function);
            }
            ClassLoader loader = function.getClass().getClassLoader();
            try (ObjectInputStream in = new ObjectInputStream(new ByteArrayInputStream(bytes.toByteArray())) {
                @Override
                protected Class<?> resolveClass(ObjectStreamClass desc) throws IOException, ClassNotFoundException {
                    try {
                        return Class.forName(desc.getName(), false, loader);
                    } catch (ClassNotFoundException e) {
                        return super.resolveClass(desc);
                    }
                }
            }) {
                return (T) in.readObject();
            }
        } catch (NotSerializableException e) {
            throw notSerializable(function, operatorName, e);
        } catch (IOException | ClassNotFoundException e) {
            throw new IllegalStateException("could not copy the function of operator '" + operatorName + "' for its"
                    + " subtasks: " + e, e);
        }
    }

    private static IllegalStateException notSerializable(Object fn, String operatorName, Exception cause) {
        return new IllegalStateException("The implementation of " + fn.getClass().getName() + " (operator '"
                + operatorName + "') is not serializable. The object probably contains or references non"
                + " serializable fields" + (cause == null ? "" : ": " + cause.getMessage()), cause);
    }
}
