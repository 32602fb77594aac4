package io.streamscope.app.view;

import io.streamscope.app.engine.RecordKeys;
import io.streamscope.app.engine.Recording;
import io.streamscope.text.ProcessingTimeWindows;
import io.streamscope.trace.TraceEvent;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * What the timeline draws, extracted once from a recording's trace: the watermark of each subtask over
 * processing time, the records as read (processing time, event time, key), the windows of each window operator
 * (when their first timer was registered, their firings, when they were cleared) and the late records. Every item
 * keeps its trace seq, so the view shows exactly what happened up to the current step.
 */
final class TimelineModel {
    private static final Pattern WINDOW = Pattern.compile("\\[(-?\\d+), (-?\\d+)\\)");

    /** A point of a series: seq, processing time, event time. */
    record Point(int seq, long time, long value) {
    }

    /** A record as read by a source. */
    record Dot(int seq, long time, long timestamp, String key) {
    }

    /** A firing of a window: seq, time, key, on-time or late. */
    record Firing(int seq, long time, String key, boolean late, String result) {
    }

    /** One window range of one operator, over all keys. */
    static final class Window {
        final String operator;
        final long start;
        final long end;
        int openSeq = Integer.MAX_VALUE;
        long openTime;
        int clearedSeq = Integer.MAX_VALUE;
        long clearedTime;
        final List<Firing> firings = new ArrayList<>();
        /** A window of a processing-time assigner: its bounds are processing time, not event time. */
        final boolean processingTime;

        Window(String operator, long start, long end, boolean processingTime) {
            this.operator = operator;
            this.start = start;
            this.end = end;
            this.processingTime = processingTime;
        }

        void open(int seq, long time) {
            if (seq < openSeq) {
                openSeq = seq;
                openTime = time;
            }
        }
    }

    /** A record too late for all its windows. */
    record Late(int seq, long time, long timestamp, String key, String sideOutput) {
    }

    final Recording recording;
    final Map<String, List<Point>> watermarks = new LinkedHashMap<>();
    final List<Dot> records = new ArrayList<>();
    final Map<String, Window> windows = new LinkedHashMap<>();
    final List<Late> late = new ArrayList<>();
    /** Failures and restarts of the job: seq, time, and a label. */
    final List<Mark> marks = new ArrayList<>();

    /** A moment of the job's life drawn across the whole timeline. */
    record Mark(int seq, long time, String label, boolean failure) {
    }
    /** The time the sources read their last record: the axis spans the data, then grows with the current time. */
    long lastActivity;
    /** The event times of records, late records and finite watermarks: what the event-time axis must show. */
    long minEventTime = Long.MAX_VALUE;
    long maxEventTime = Long.MIN_VALUE;
    /** After each trace event that widened the data's event times: {seq, min so far, max so far}. */
    private final List<long[]> dataExtent = new ArrayList<>();
    /** The event-time windows in the order they opened (a window opens once, at its first trace event). */
    private final List<Window> opened = new ArrayList<>();
    /** Per window operator, the most of its event-time windows that overlap at one event time. */
    final Map<String, Integer> overlap = new LinkedHashMap<>();

    TimelineModel(Recording recording, RecordKeys keys) {
        this.recording = recording;
        List<TraceEvent> trace = recording.trace();
        ProcessingTimeWindows processingTime = recording.processingTimeWindows();
        for (int i = 0; i < trace.size(); i++) {
            TraceEvent e = trace.get(i);
            if (e instanceof TraceEvent.RecordRead) {
                lastActivity = Math.max(lastActivity, e.time());
            }
            String type = e.getClass().getSimpleName();
            if (io.streamscope.app.engine.StopCondition.FAILURE.test().test(e)) {
                marks.add(new Mark(i, e.time(), "failure", true));
            } else if (type.equals("JobRestarted")) {
                marks.add(new Mark(i, e.time(), "restart", false));
                // restarted subtasks start again without a watermark
                for (List<Point> series : watermarks.values()) {
                    series.add(new Point(i, e.time(), Long.MIN_VALUE));
                }
            }
            if (e instanceof TraceEvent.WatermarkAdvanced w) {
                watermarks.computeIfAbsent(w.subtask(), k -> new ArrayList<>()).add(new Point(i, w.time(),
                        w.watermark()));
                if (w.watermark() != Long.MIN_VALUE && w.watermark() != Long.MAX_VALUE) {
                    extend(i, w.watermark());
                }
            } else if (e instanceof TraceEvent.RecordRead r) {
                records.add(new Dot(i, r.time(), r.timestamp(), keys.keyOfJson(r.record())));
                extend(i, r.timestamp());
            } else if (e instanceof TraceEvent.TimerRegistered t && t.namespace() != null) {
                Window w = window(t.operator(), t.namespace(), processingTime.contains(t));
                if (w != null) {
                    w.open(i, t.time());
                }
            } else if (e instanceof TraceEvent.WindowFired f) {
                Window w = windows.computeIfAbsent(f.operator() + f.start() + "," + f.end(),
                        k -> created(new Window(f.operator(), f.start(), f.end(), processingTime.contains(f))));
                w.open(i, f.time());
                w.firings.add(new Firing(i, f.time(), RecordKeys.unquote(f.key()), "late".equals(f.firing()),
                        f.result()));
            } else if (e instanceof TraceEvent.WindowCleared c) {
                Window w = windows.get(c.operator() + c.start() + "," + c.end());
                if (w != null && i < w.clearedSeq) {
                    w.clearedSeq = i;
                    w.clearedTime = c.time();
                }
            } else if (e instanceof TraceEvent.LateRecord l) {
                late.add(new Late(i, l.time(), l.timestamp(), RecordKeys.unquote(l.key()), l.sideOutput()));
                extend(i, l.timestamp());
            }
        }
        Map<String, List<long[]>> ranges = new LinkedHashMap<>();
        for (Window w : windows.values()) {
            if (!w.processingTime) {
                ranges.computeIfAbsent(w.operator, k -> new ArrayList<>()).add(new long[] {w.start, w.end});
            }
        }
        for (Map.Entry<String, List<long[]>> r : ranges.entrySet()) {
            overlap.put(r.getKey(), maxOverlap(r.getValue()));
        }
    }

    /** True when some window's bounds are processing time; the timeline draws those along its time axis. */
    boolean hasProcessingTimeWindows() {
        for (Window w : windows.values()) {
            if (w.processingTime) {
                return true;
            }
        }
        return false;
    }

    private Window created(Window w) {
        if (!w.processingTime) {
            opened.add(w);
        }
        return w;
    }

    /**
     * The event-time axis's range at the point where the first {@code limit} trace events have happened: fitted
     * to what the plot shows by then (see {@link #eventRange(long, long, List)}). The range only grows as the run
     * plays, and only when something lands outside it. Before the first record, the first record's time is shown.
     */
    double[] eventRange(int limit) {
        long min = Long.MAX_VALUE;
        long max = Long.MIN_VALUE;
        if (!dataExtent.isEmpty()) {
            long[] e = dataExtent.get(0);
            // the last entry before the limit holds the extent so far (entries are in trace order)
            int lo = 0;
            int hi = dataExtent.size() - 1;
            while (lo < hi) {
                int mid = (lo + hi + 1) >>> 1;
                if (dataExtent.get(mid)[0] < limit) {
                    lo = mid;
                } else {
                    hi = mid - 1;
                }
            }
            if (dataExtent.get(lo)[0] < limit) {
                e = dataExtent.get(lo);
            }
            min = e[1];
            max = e[2];
        }
        List<long[]> ranges = new ArrayList<>();
        for (Window w : opened) {
            if (w.openSeq >= limit) {
                break;
            }
            ranges.add(new long[] {w.start, w.end});
        }
        return eventRange(min, max, ranges);
    }

    /**
     * The event-time axis's range, {yMin, yMax}: fitted to the data (records, late records, finite watermarks,
     * from {@code dataMin} to {@code dataMax}), widened by the windows' bounds only up to a quarter of the data's
     * span on either side, then padded by 6%. A session window's end lies a whole gap after its last record; if it
     * set the axis, the records would crowd into the bottom of the plot with nothing above them. A window reaching
     * further is drawn cut at the edge. Data of one instant widen by the shortest window, or a second.
     */
    static double[] eventRange(long dataMin, long dataMax, List<long[]> windows) {
        long winMin = Long.MAX_VALUE;
        long winMax = Long.MIN_VALUE;
        long shortest = Long.MAX_VALUE;
        for (long[] w : windows) {
            winMin = Math.min(winMin, w[0]);
            winMax = Math.max(winMax, w[1]);
            shortest = Math.min(shortest, w[1] - w[0]);
        }
        if (dataMin > dataMax) {
            // nothing with an event time: the windows alone, or a default second
            if (windows.isEmpty()) {
                return new double[] {0, 1000};
            }
            dataMin = winMin;
            dataMax = winMax;
        }
        double span = dataMax - dataMin;
        double reach = span > 0 ? span / 4 : shortest != Long.MAX_VALUE ? shortest : 1000;
        double lo = dataMin;
        double hi = dataMax;
        if (!windows.isEmpty()) {
            lo = Math.max(Math.min(lo, winMin), dataMin - reach);
            hi = Math.min(Math.max(hi, winMax), dataMax + reach);
        }
        if (hi <= lo) {
            lo -= 500;
            hi += 500;
        }
        double pad = (hi - lo) * 0.06;
        return new double[] {lo - pad, hi + pad};
    }

    /** The most half-open ranges [start, end) that share one point. */
    static int maxOverlap(List<long[]> ranges) {
        List<long[]> ends = new ArrayList<>();
        for (long[] r : ranges) {
            ends.add(new long[] {r[0], 1});
            ends.add(new long[] {r[1], -1});
        }
        // at one instant an end comes before a start: [a, b) and [b, c) do not overlap
        ends.sort((a, b) -> a[0] != b[0] ? Long.compare(a[0], b[0]) : Long.compare(a[1], b[1]));
        int depth = 0;
        int max = 0;
        for (long[] e : ends) {
            depth += (int) e[1];
            max = Math.max(max, depth);
        }
        return max;
    }

    private Window window(String operator, String namespace, boolean processingTime) {
        Matcher m = WINDOW.matcher(namespace);
        if (!m.matches()) {
            return null;
        }
        long start = Long.parseLong(m.group(1));
        long end = Long.parseLong(m.group(2));
        return windows.computeIfAbsent(operator + start + "," + end, k -> created(new Window(operator, start, end,
                processingTime)));
    }

    private void extend(int seq, long v) {
        minEventTime = Math.min(minEventTime, v);
        maxEventTime = Math.max(maxEventTime, v);
        dataExtent.add(new long[] {seq, minEventTime, maxEventTime});
    }
}
