package io.streamscope.runtime;

/** Rendering of timestamps and watermarks, with Flink's sentinels spelled out. */
public final class Times {
    private Times() {
    }

    public static String watermark(long ts) {
        if (ts == Long.MAX_VALUE) {
            return "MAX";
        }
        if (ts == Long.MIN_VALUE) {
            return "MIN";
        }
        return Long.toString(ts);
    }
}
