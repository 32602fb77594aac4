package io.streamscope.api.functions;

/** Gives a function its keyed state and where it runs. */
public interface RuntimeContext {
    /** Keyed value state named {@code name}, scoped to the current key. */
    <T> ValueState<T> getState(String name);

    /** Keyed map state named {@code name}, scoped to the current key. */
    <K, V> MapState<K, V> getMapState(String name);

    /** Keyed value state declared by a descriptor, with the descriptor's time-to-live if it enables one. */
    <T> ValueState<T> getState(io.streamscope.api.state.ValueStateDescriptor<T> descriptor);

    /** Keyed map state declared by a descriptor; with a time-to-live, each map entry expires on its own. */
    <K, V> MapState<K, V> getMapState(io.streamscope.api.state.MapStateDescriptor<K, V> descriptor);

    int getIndexOfThisSubtask();

    int getNumberOfParallelSubtasks();
}
