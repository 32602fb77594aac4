package io.streamscope.state;

/**
 * Flink's assignment of keys to key groups and of key groups to operator subtasks.
 *
 * <p>A key's group is {@code murmurHash(key.hashCode()) % maxParallelism}; a subtask of an operator with
 * parallelism {@code p} owns the contiguous range of groups whose {@code group * p / maxParallelism} is its
 * index. Because the assignment depends only on the key and max parallelism, rescaling moves whole key groups.
 */
public final class KeyGroupRangeAssignment {
    /** Flink's default lower bound for max parallelism. */
    public static final int DEFAULT_LOWER_BOUND_MAX_PARALLELISM = 1 << 7;
    /** Flink's upper bound for max parallelism. */
    public static final int UPPER_BOUND_MAX_PARALLELISM = 1 << 15;

    private KeyGroupRangeAssignment() {
    }

    /** The key group of a key. */
    public static int assignToKeyGroup(Object key, int maxParallelism) {
        if (key == null) {
            throw new NullPointerException("keyBy produced a null key; Flink rejects null keys too");
        }
        return computeKeyGroupForKeyHash(key.hashCode(), maxParallelism);
    }

    public static int computeKeyGroupForKeyHash(int keyHash, int maxParallelism) {
        return murmurHash(keyHash) % maxParallelism;
    }

    /** The index of the subtask that owns a key group. */
    public static int computeOperatorIndexForKeyGroup(int maxParallelism, int parallelism, int keyGroupId) {
        return keyGroupId * parallelism / maxParallelism;
    }

    /** The subtask index a key is routed to. */
    public static int assignKeyToParallelOperator(Object key, int maxParallelism, int parallelism) {
        return computeOperatorIndexForKeyGroup(maxParallelism, parallelism, assignToKeyGroup(key, maxParallelism));
    }

    /** The first key group (inclusive) owned by a subtask. */
    public static int keyGroupRangeStart(int maxParallelism, int parallelism, int operatorIndex) {
        return ((operatorIndex * maxParallelism + parallelism - 1) / parallelism);
    }

    /** The last key group (inclusive) owned by a subtask. */
    public static int keyGroupRangeEnd(int maxParallelism, int parallelism, int operatorIndex) {
        return ((operatorIndex + 1) * maxParallelism - 1) / parallelism;
    }

    /** Flink's default max parallelism for an operator: {@code min(max(roundUpToPow2(p + p/2), 128), 32768)}. */
    public static int computeDefaultMaxParallelism(int operatorParallelism) {
        int v = roundUpToPowerOfTwo(operatorParallelism + (operatorParallelism / 2));
        return Math.min(Math.max(v, DEFAULT_LOWER_BOUND_MAX_PARALLELISM), UPPER_BOUND_MAX_PARALLELISM);
    }

    static int roundUpToPowerOfTwo(int x) {
        x = x - 1;
        x |= x >> 1;
        x |= x >> 2;
        x |= x >> 4;
        x |= x >> 8;
        x |= x >> 16;
        return x + 1;
    }

    /** Flink's MathUtils.murmurHash: a 32-bit finalizer that spreads hash codes before the modulo. */
    public static int murmurHash(int code) {
        code *= 0xcc9e2d51;
        code = Integer.rotateLeft(code, 15);
        code *= 0x1b873593;
        code = Integer.rotateLeft(code, 13);
        code = code * 5 + 0xe6546b64;
        code ^= 4;
        code ^= code >>> 16;
        code *= 0x85ebca6b;
        code ^= code >>> 13;
        code *= 0xc2b2ae35;
        code ^= code >>> 16;
        if (code >= 0) {
            return code;
        } else if (code != Integer.MIN_VALUE) {
            return -code;
        } else {
            return 0;
        }
    }
}
