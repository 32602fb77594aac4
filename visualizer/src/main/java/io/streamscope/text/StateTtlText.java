package io.streamscope.text;

import io.streamscope.view.EngineView;

/** The inspector's status of a keyed-state entry with a time-to-live. */
public final class StateTtlText {
    private StateTtlText() {
    }

    /**
     * "live" before the entry's expiry, "expired, not yet cleaned up" once {@code expiresAt <= now} (Flink's test)
     * while the entry is still stored because nothing has read or cleaned it (TTL cleanup is lazy); empty for
     * state without a TTL.
     */
    public static String status(EngineView.StateView x, long now) {
        if (x.expiresAt() == null) {
            return "";
        }
        return x.expiresAt() <= now ? "expired, not yet cleaned up" : "live";
    }
}
