package io.streamscope.window;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * The windows of one key and their slots, in insertion order. A key rarely has more than a handful of live
 * windows, so a linear scan over two arrays of bounds beats hashing window objects (no pointer chasing).
 */
final class WindowTable {
    private long[] starts = new long[4];
    private long[] ends = new long[4];
    private TimeWindow[] windows = new TimeWindow[4];
    private WindowOperator.Slot[] slots = new WindowOperator.Slot[4];
    private int size;

    /** The position of the window with these bounds, or -1. */
    int indexOf(long start, long end) {
        for (int i = 0; i < size; i++) {
            if (starts[i] == start && ends[i] == end) {
                return i;
            }
        }
        return -1;
    }

    WindowOperator.Slot get(TimeWindow w) {
        int i = indexOf(w.start(), w.end());
        return i < 0 ? null : slots[i];
    }

    boolean containsKey(TimeWindow w) {
        return indexOf(w.start(), w.end()) >= 0;
    }

    void put(TimeWindow w, WindowOperator.Slot slot) {
        int i = indexOf(w.start(), w.end());
        if (i >= 0) {
            slots[i] = slot;
            return;
        }
        if (size == starts.length) {
            int n = size * 2;
            starts = Arrays.copyOf(starts, n);
            ends = Arrays.copyOf(ends, n);
            windows = Arrays.copyOf(windows, n);
            slots = Arrays.copyOf(slots, n);
        }
        starts[size] = w.start();
        ends[size] = w.end();
        windows[size] = w;
        slots[size] = slot;
        size++;
    }

    WindowOperator.Slot remove(TimeWindow w) {
        int i = indexOf(w.start(), w.end());
        if (i < 0) {
            return null;
        }
        WindowOperator.Slot s = slots[i];
        int tail = size - i - 1;
        System.arraycopy(starts, i + 1, starts, i, tail);
        System.arraycopy(ends, i + 1, ends, i, tail);
        System.arraycopy(windows, i + 1, windows, i, tail);
        System.arraycopy(slots, i + 1, slots, i, tail);
        size--;
        windows[size] = null;
        slots[size] = null;
        return s;
    }

    boolean isEmpty() {
        return size == 0;
    }

    int size() {
        return size;
    }

    TimeWindow windowAt(int i) {
        return windows[i];
    }

    WindowOperator.Slot slotAt(int i) {
        return slots[i];
    }

    /** The windows in insertion order. */
    List<TimeWindow> windows() {
        return new ArrayList<>(Arrays.asList(windows).subList(0, size));
    }
}
