package io.streamscope.window;

import java.util.List;

/** Decides which windows a record belongs to (Flink's WindowAssigner). */
public sealed interface WindowAssigner
        permits WindowAssigner.Tumbling, WindowAssigner.Sliding, WindowAssigner.Session {

    /** The windows of a record, in the order Flink's assigner lists them. */
    List<TimeWindow> assignWindows(long timestamp, long currentProcessingTime);

    boolean isEventTime();

    /**
     * The windows of {@link #assignWindows} as bounds, in the same order, without making window objects: the start
     * of the i-th in {@code bounds[2i]}, its end in {@code bounds[2i + 1]}. Returns how many; when {@code bounds}
     * is too short, nothing is written and the length needed is returned negated. The window operator looks a
     * record's windows up among the key's windows by these bounds, so a sliding window's record (one per window it
     * belongs to, every record) allocates a window object only for a window the key does not hold yet.
     */
    default int assignWindowBounds(long timestamp, long now, long[] bounds) {
        List<TimeWindow> windows = assignWindows(timestamp, now);
        if (bounds.length < 2 * windows.size()) {
            return -2 * windows.size();
        }
        for (int i = 0; i < windows.size(); i++) {
            bounds[2 * i] = windows.get(i).start();
            bounds[2 * i + 1] = windows.get(i).end();
        }
        return windows.size();
    }

    default boolean isMerging() {
        return false;
    }

    /** The trigger used when none is given. */
    default Trigger defaultTrigger() {
        return isEventTime() ? EventTimeTrigger.INSTANCE : ProcessingTimeTrigger.INSTANCE;
    }

    /** A short form such as "tumbling 5000 ms". */
    String describe();

    /** Fixed-size, non-overlapping windows aligned to the epoch (plus offset). */
    record Tumbling(long size, long offset, boolean eventTime) implements WindowAssigner {
        public Tumbling {
            if (size <= 0) {
                throw new IllegalArgumentException("tumbling window size must be positive, got " + size);
            }
            if (Math.abs(offset) >= size) {
                throw new IllegalArgumentException("window offset must be smaller than the size");
            }
        }

        @Override
        public List<TimeWindow> assignWindows(long timestamp, long now) {
            long t = eventTime ? checkTimestamp(timestamp) : now;
            long start = TimeWindow.getWindowStartWithOffset(t, offset, size);
            return List.of(new TimeWindow(start, start + size));
        }

        @Override
        public boolean isEventTime() {
            return eventTime;
        }

        @Override
        public String describe() {
            return "tumbling " + size + " ms" + (eventTime ? "" : " (processing time)");
        }
    }

    /** Windows of {@code size} starting every {@code slide}: a record belongs to size/slide of them. */
    record Sliding(long size, long slide, long offset, boolean eventTime) implements WindowAssigner {
        public Sliding {
            if (size <= 0 || slide <= 0) {
                throw new IllegalArgumentException("sliding window size and slide must be positive");
            }
            if (Math.abs(offset) >= slide) {
                throw new IllegalArgumentException("window offset must be smaller than the slide");
            }
        }

        @Override
        public List<TimeWindow> assignWindows(long timestamp, long now) {
            // the window math lives in assignWindowBounds; this only makes the window objects
            long[] bounds = new long[2 * (int) Math.max(1, (size + slide - 1) / slide)];
            int n = assignWindowBounds(timestamp, now, bounds);
            if (n < 0) {
                bounds = new long[-n];
                n = assignWindowBounds(timestamp, now, bounds);
            }
            List<TimeWindow> windows = new java.util.ArrayList<>(n);
            for (int i = 0; i < n; i++) {
                windows.add(new TimeWindow(bounds[2 * i], bounds[2 * i + 1]));
            }
            return windows;
        }

        @Override
        public int assignWindowBounds(long timestamp, long now, long[] bounds) {
            long t = eventTime ? checkTimestamp(timestamp) : now;
            long lastStart = TimeWindow.getWindowStartWithOffset(t, offset, slide);
            int n = 0;
            for (long start = lastStart; start > t - size; start -= slide) {
                n++;
            }
            if (bounds.length < 2 * n) {
                return -2 * n;
            }
            int i = 0;
            for (long start = lastStart; start > t - size; start -= slide) {
                bounds[i++] = start;
                bounds[i++] = start + size;
            }
            return n;
        }

        @Override
        public boolean isEventTime() {
            return eventTime;
        }

        @Override
        public String describe() {
            return "sliding " + size + " ms every " + slide + " ms" + (eventTime ? "" : " (processing time)");
        }
    }

    /** A window per record, [t, t + gap), merged with every window it intersects. */
    record Session(long gap, boolean eventTime) implements WindowAssigner {
        public Session {
            if (gap <= 0) {
                throw new IllegalArgumentException("session gap must be positive, got " + gap);
            }
        }

        @Override
        public List<TimeWindow> assignWindows(long timestamp, long now) {
            long t = eventTime ? checkTimestamp(timestamp) : now;
            return List.of(new TimeWindow(t, t + gap));
        }

        @Override
        public boolean isEventTime() {
            return eventTime;
        }

        @Override
        public boolean isMerging() {
            return true;
        }

        @Override
        public String describe() {
            return "session gap " + gap + " ms" + (eventTime ? "" : " (processing time)");
        }
    }

    private static long checkTimestamp(long timestamp) {
        if (timestamp == Long.MIN_VALUE) {
            throw new IllegalStateException("Record has Long.MIN_VALUE timestamp (= no timestamp marker). Did you"
                    + " forget a watermark strategy (fromSource or assignTimestampsAndWatermarks)?");
        }
        return timestamp;
    }
}
