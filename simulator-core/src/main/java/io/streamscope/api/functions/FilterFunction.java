package io.streamscope.api.functions;

import java.io.Serializable;

/** Keeps the records for which it returns true. */
@FunctionalInterface
public interface FilterFunction<T> extends Serializable {
    boolean filter(T value) throws Exception;
}
