package io.streamscope.window;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/** A window of event (or processing) time [start, end); its last timestamp is {@code end - 1}. */
public record TimeWindow(long start, long end) implements java.io.Serializable {
    /** The largest timestamp that belongs to the window: a window fires when the watermark reaches it. */
    public long maxTimestamp() {
        return end - 1;
    }

    /** Flink's test for session merging: touching windows ({@code end == other.start}) intersect too. */
    public boolean intersects(TimeWindow other) {
        return this.start <= other.end && this.end >= other.start;
    }

    public TimeWindow cover(TimeWindow other) {
        return new TimeWindow(Math.min(start, other.start), Math.max(end, other.end));
    }

    /** The start of the window of size {@code windowSize} (aligned to {@code offset}) containing timestamp. */
    public static long getWindowStartWithOffset(long timestamp, long offset, long windowSize) {
        long remainder = (timestamp - offset) % windowSize;
        if (remainder < 0) {
            return timestamp - (remainder + windowSize);
        }
        return timestamp - remainder;
    }

    /** A group of windows that merge into one. */
    public record Merge(TimeWindow result, Set<TimeWindow> merged) {
    }

    /** Sorts by start and merges intersecting windows; only groups of two or more are returned. */
    public static List<Merge> mergeWindows(List<TimeWindow> windows) {
        List<TimeWindow> sorted = new ArrayList<>(windows);
        sorted.sort(Comparator.comparingLong(TimeWindow::start));
        List<Merge> out = new ArrayList<>();
        TimeWindow current = null;
        Set<TimeWindow> group = null;
        for (TimeWindow w : sorted) {
            if (current == null) {
                current = w;
                group = new LinkedHashSet<>();
                group.add(w);
            } else if (current.intersects(w)) {
                current = current.cover(w);
                group.add(w);
            } else {
                if (group.size() > 1) {
                    out.add(new Merge(current, group));
                }
                current = w;
                group = new LinkedHashSet<>();
                group.add(w);
            }
        }
        if (group != null && group.size() > 1) {
            out.add(new Merge(current, group));
        }
        return out;
    }

    /**
     * Window bounds are round numbers (multiples of the slide), which the default record hash maps to few
     * buckets; mixing the bits as Flink's TimeWindow does keeps state and timer lookups O(1).
     */
    @Override
    public int hashCode() {
        return mix(start + end);
    }

    static int mix(long in) {
        in = (in ^ (in >>> 33)) * 0xff51afd7ed558ccdL;
        in = (in ^ (in >>> 33)) * 0xc4ceb9fe1a85ec53L;
        return (int) (in ^ (in >>> 33));
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof TimeWindow w && w.start == start && w.end == end;
    }

    @Override
    public String toString() {
        return "[" + start + ", " + end + ")";
    }
}
