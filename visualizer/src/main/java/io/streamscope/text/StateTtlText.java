package io.streamscope.text;

import io.streamscope.view.EngineView;

/** What a keyed-state line with a time-to-live says after its value, for the inspector. */
public final class StateTtlText {
    private StateTtlText() {
    }

    /**
     * When the state expires, or that it has expired and is still stored because nothing has read or cleaned it
     * yet (Flink's lazy TTL cleanup); empty for state without a TTL. Expired means expiresAt <= now, as in Flink.
     */
    public static String of(EngineView.StateView x, long now) {
        if (x.expiresAt() == null) {
            return "";
        }
        return x.expiresAt() <= now ? "  · expired at " + x.expiresAt() + " ms, not yet cleaned up"
                : "  · expires at " + x.expiresAt() + " ms";
    }
}
