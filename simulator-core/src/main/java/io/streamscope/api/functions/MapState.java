package io.streamscope.api.functions;

import java.util.Map;

/** Keyed state holding a map for the current key (iteration in insertion order). */
public interface MapState<K, V> {
    V get(K key);

    void put(K key, V value);

    boolean contains(K key);

    void remove(K key);

    Iterable<Map.Entry<K, V>> entries();

    boolean isEmpty();

    void clear();
}
