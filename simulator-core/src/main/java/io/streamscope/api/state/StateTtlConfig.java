package io.streamscope.api.state;

import java.io.Serializable;
import java.time.Duration;

/**
 * Time-to-live of keyed state, as Flink's StateTtlConfig: a value (or a map entry) expires {@code ttl} ms of
 * processing time after it was last written (or, with {@link UpdateType#OnReadAndWrite}, last read). Built with
 * {@link #newBuilder(Duration)}; by default expired state is also cleaned in the background, which for heap state
 * is the incremental cleanup of 5 entries per state access, as in Flink.
 */
public final class StateTtlConfig implements Serializable {
    private static final long serialVersionUID = 1L;

    /** What refreshes an entry's last-access timestamp. */
    public enum UpdateType {
        /** Creation and every write (Flink's default). */
        OnCreateAndWrite,
        /** Creation, writes and reads. */
        OnReadAndWrite
    }

    /** Whether a read may still return a value that has expired but was not cleaned up yet. */
    public enum StateVisibility {
        /** An expired value is never returned (Flink's default). */
        NeverReturnExpired,
        /** An expired value that is still stored is returned once (and removed by that read). */
        ReturnExpiredIfNotCleanedUp
    }

    /** Flink's incremental cleanup: {@code cleanupSize} entries checked per state access (and per record). */
    public record IncrementalCleanup(int cleanupSize, boolean runCleanupForEveryRecord) implements Serializable {
        /** Flink's default background cleanup for heap state: 5 entries per state access, not per record. */
        public static final IncrementalCleanup DEFAULT = new IncrementalCleanup(5, false);
    }

    private final long ttlMillis;
    private final UpdateType updateType;
    private final StateVisibility visibility;
    private final boolean cleanupFullSnapshot;
    private final IncrementalCleanup incrementalCleanup;

    private StateTtlConfig(Builder b) {
        this.ttlMillis = b.ttlMillis;
        this.updateType = b.updateType;
        this.visibility = b.visibility;
        this.cleanupFullSnapshot = b.cleanupFullSnapshot;
        this.incrementalCleanup = b.incremental != null ? b.incremental
                : b.cleanupInBackground ? IncrementalCleanup.DEFAULT : null;
    }

    /** A builder for a TTL of {@code ttl} (positive, whole milliseconds). */
    public static Builder newBuilder(Duration ttl) {
        return new Builder(ttl);
    }

    public long ttlMillis() {
        return ttlMillis;
    }

    public UpdateType updateType() {
        return updateType;
    }

    public StateVisibility stateVisibility() {
        return visibility;
    }

    public boolean cleanupFullSnapshot() {
        return cleanupFullSnapshot;
    }

    /** The incremental cleanup in effect (explicit or the background default), or null when there is none. */
    public IncrementalCleanup incrementalCleanup() {
        return incrementalCleanup;
    }

    /**
     * When a value last accessed at {@code lastAccess} expires: {@code lastAccess + ttl}, capped at Long.MAX_VALUE
     * as Flink's TtlUtils caps it.
     */
    public long expirationTimestamp(long lastAccess) {
        long ttl = lastAccess > 0 ? Math.min(Long.MAX_VALUE - lastAccess, ttlMillis) : ttlMillis;
        return lastAccess + ttl;
    }

    /** Flink's TtlUtils.expired: expired once the expiration timestamp is at or before {@code now}. */
    public boolean expired(long lastAccess, long now) {
        return expirationTimestamp(lastAccess) <= now;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof StateTtlConfig c && c.ttlMillis == ttlMillis && c.updateType == updateType
                && c.visibility == visibility && c.cleanupFullSnapshot == cleanupFullSnapshot
                && java.util.Objects.equals(c.incrementalCleanup, incrementalCleanup);
    }

    @Override
    public int hashCode() {
        return java.util.Objects.hash(ttlMillis, updateType, visibility, cleanupFullSnapshot, incrementalCleanup);
    }

    @Override
    public String toString() {
        return "StateTtlConfig{ttl=" + ttlMillis + "ms, " + updateType + ", " + visibility
                + (cleanupFullSnapshot ? ", cleanupFullSnapshot" : "")
                + (incrementalCleanup == null ? "" : ", cleanupIncrementally(" + incrementalCleanup.cleanupSize()
                + ", " + incrementalCleanup.runCleanupForEveryRecord() + ")") + "}";
    }

    /** Builds a {@link StateTtlConfig} with Flink's builder vocabulary. */
    public static final class Builder {
        private final long ttlMillis;
        private UpdateType updateType = UpdateType.OnCreateAndWrite;
        private StateVisibility visibility = StateVisibility.NeverReturnExpired;
        private boolean cleanupFullSnapshot;
        private IncrementalCleanup incremental;
        private boolean cleanupInBackground = true;

        private Builder(Duration ttl) {
            if (ttl == null || ttl.isNegative() || ttl.isZero()) {
                throw new IllegalArgumentException("state TTL must be positive, got " + ttl);
            }
            this.ttlMillis = ttl.toMillis();
            if (ttlMillis <= 0) {
                throw new IllegalArgumentException("state TTL must be at least 1 ms, got " + ttl);
            }
        }

        public Builder setUpdateType(UpdateType type) {
            this.updateType = java.util.Objects.requireNonNull(type, "update type");
            return this;
        }

        public Builder updateTtlOnCreateAndWrite() {
            return setUpdateType(UpdateType.OnCreateAndWrite);
        }

        public Builder updateTtlOnReadAndWrite() {
            return setUpdateType(UpdateType.OnReadAndWrite);
        }

        public Builder setStateVisibility(StateVisibility v) {
            this.visibility = java.util.Objects.requireNonNull(v, "state visibility");
            return this;
        }

        public Builder neverReturnExpired() {
            return setStateVisibility(StateVisibility.NeverReturnExpired);
        }

        public Builder returnExpiredIfNotCleanedUp() {
            return setStateVisibility(StateVisibility.ReturnExpiredIfNotCleanedUp);
        }

        /** Leaves expired entries out of full snapshots (checkpoints and savepoints); live state is untouched. */
        public Builder cleanupFullSnapshot() {
            this.cleanupFullSnapshot = true;
            return this;
        }

        /** Checks {@code cleanupSize} entries per state access (and per record if asked) and removes expired ones. */
        public Builder cleanupIncrementally(int cleanupSize, boolean runCleanupForEveryRecord) {
            if (cleanupSize <= 0) {
                throw new IllegalArgumentException("incremental cleanup size must be positive, got " + cleanupSize);
            }
            this.incremental = new IncrementalCleanup(cleanupSize, runCleanupForEveryRecord);
            return this;
        }

        /** No default background cleanup: expired state then goes only when read (or is left out of snapshots). */
        public Builder disableCleanupInBackground() {
            this.cleanupInBackground = false;
            return this;
        }

        public StateTtlConfig build() {
            return new StateTtlConfig(this);
        }
    }
}
