package io.streamscope.runtime;

import io.streamscope.api.functions.MapState;
import io.streamscope.api.functions.RuntimeContext;
import io.streamscope.api.functions.ValueState;
import io.streamscope.api.state.MapStateDescriptor;
import io.streamscope.api.state.ValueStateDescriptor;
import io.streamscope.state.HeapKeyedStateBackend;

/** The runtime context a keyed operator gives its function: state from its keyed backend, and where it runs. */
record KeyedRuntimeContext(HeapKeyedStateBackend backend, OperatorContext context) implements RuntimeContext {
    @Override
    public <T> ValueState<T> getState(String name) {
        return backend.valueState(name);
    }

    @Override
    public <K, V> MapState<K, V> getMapState(String name) {
        return backend.mapState(name);
    }

    @Override
    public <T> ValueState<T> getState(ValueStateDescriptor<T> descriptor) {
        return backend.valueState(descriptor.getName(), descriptor.getTtlConfig());
    }

    @Override
    public <K, V> MapState<K, V> getMapState(MapStateDescriptor<K, V> descriptor) {
        return backend.mapState(descriptor.getName(), descriptor.getTtlConfig());
    }

    @Override
    public int getIndexOfThisSubtask() {
        return context.subtaskIndex();
    }

    @Override
    public int getNumberOfParallelSubtasks() {
        return context.parallelism();
    }
}
