package io.streamscope.api.functions;

/** Keyed state holding one value for the current key. */
public interface ValueState<T> {
    T value();

    void update(T value);

    void clear();
}
