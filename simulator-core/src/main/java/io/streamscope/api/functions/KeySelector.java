package io.streamscope.api.functions;

import java.io.Serializable;

/** Extracts the key of a record for keyBy; the key's hashCode decides its key group. */
@FunctionalInterface
public interface KeySelector<T, K> extends Serializable {
    K getKey(T value) throws Exception;
}
