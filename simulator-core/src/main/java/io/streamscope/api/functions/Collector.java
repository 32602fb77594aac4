package io.streamscope.api.functions;

/** Where a function emits its results. */
public interface Collector<T> {
    void collect(T record);
}
