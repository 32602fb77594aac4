package io.streamscope.app.view;

import io.streamscope.app.engine.RecordKeys;
import io.streamscope.app.engine.Recording;
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

        Window(String operator, long start, long end) {
            this.operator = operator;
            this.start = start;
            this.end = end;
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
    long minEventTime = Long.MAX_VALUE;
    long maxEventTime = Long.MIN_VALUE;

    TimelineModel(Recording recording, RecordKeys keys) {
        this.recording = recording;
        List<TraceEvent> trace = recording.trace();
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
                    extend(w.watermark());
                }
            } else if (e instanceof TraceEvent.RecordRead r) {
                records.add(new Dot(i, r.time(), r.timestamp(), keys.keyOfJson(r.record())));
                extend(r.timestamp());
            } else if (e instanceof TraceEvent.TimerRegistered t && t.namespace() != null) {
                Window w = window(t.operator(), t.namespace());
                if (w != null) {
                    w.open(i, t.time());
                }
            } else if (e instanceof TraceEvent.WindowFired f) {
                Window w = windows.computeIfAbsent(f.operator() + f.start() + "," + f.end(),
                        k -> new Window(f.operator(), f.start(), f.end()));
                w.open(i, f.time());
                w.firings.add(new Firing(i, f.time(), RecordKeys.unquote(f.key()), "late".equals(f.firing()),
                        f.result()));
                extend(f.start());
                extend(f.end());
            } else if (e instanceof TraceEvent.WindowCleared c) {
                Window w = windows.get(c.operator() + c.start() + "," + c.end());
                if (w != null && i < w.clearedSeq) {
                    w.clearedSeq = i;
                    w.clearedTime = c.time();
                }
            } else if (e instanceof TraceEvent.LateRecord l) {
                late.add(new Late(i, l.time(), l.timestamp(), RecordKeys.unquote(l.key()), l.sideOutput()));
                extend(l.timestamp());
            }
        }
        if (minEventTime > maxEventTime) {
            minEventTime = 0;
            maxEventTime = 1000;
        }
    }

    private Window window(String operator, String namespace) {
        Matcher m = WINDOW.matcher(namespace);
        if (!m.matches()) {
            return null;
        }
        long start = Long.parseLong(m.group(1));
        long end = Long.parseLong(m.group(2));
        extend(start);
        extend(end);
        return windows.computeIfAbsent(operator + start + "," + end, k -> new Window(operator, start, end));
    }

    private void extend(long v) {
        minEventTime = Math.min(minEventTime, v);
        maxEventTime = Math.max(maxEventTime, v);
    }
}
