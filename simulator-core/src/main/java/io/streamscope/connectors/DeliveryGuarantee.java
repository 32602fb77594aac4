package io.streamscope.connectors;

/** What a sink promises after a failure (Flink's DeliveryGuarantee of its sinks). */
public enum DeliveryGuarantee {
    /** Records are written as they arrive; after a recovery the replayed ones are written again. */
    NONE,
    /**
     * Records are written as they arrive and flushed on every checkpoint, so none is lost; after a recovery the
     * ones written since the restored checkpoint are written again: readers see duplicates.
     */
    AT_LEAST_ONCE,
    /**
     * Two-phase commit: records go into a transaction that is pre-committed on the barrier and committed when the
     * checkpoint completes; a recovery aborts what was not committed. A read_committed reader sees every record
     * exactly once, but only from the completion of the checkpoint after it.
     */
    EXACTLY_ONCE;

    /** The name as the scenario format writes it: none, at-least-once, exactly-once. */
    public String describe() {
        return name().toLowerCase(java.util.Locale.ROOT).replace('_', '-');
    }
}
