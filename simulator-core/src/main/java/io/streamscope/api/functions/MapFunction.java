package io.streamscope.api.functions;

import java.io.Serializable;

/** One record in, one record out. */
@FunctionalInterface
public interface MapFunction<T, O> extends Serializable {
    O map(T value) throws Exception;
}
