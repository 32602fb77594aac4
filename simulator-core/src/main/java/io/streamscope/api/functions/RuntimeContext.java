package io.streamscope.api.functions;

/** Gives a function its keyed state and where it runs. */
public interface RuntimeContext {
    /** Keyed value state named {@code name}, scoped to the current key. */
    <T> ValueState<T> getState(String name);

    /** Keyed map state named {@code name}, scoped to the current key. */
    <K, V> MapState<K, V> getMapState(String name);

    int getIndexOfThisSubtask();

    int getNumberOfParallelSubtasks();
}
