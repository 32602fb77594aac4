package io.streamscope.app.view;

import io.streamscope.app.Playback;
import io.streamscope.app.engine.Frame;
import io.streamscope.app.engine.Recording;
import java.util.List;
import java.util.Map;
import javafx.geometry.VPos;
import javafx.scene.canvas.Canvas;
import javafx.scene.canvas.GraphicsContext;
import javafx.scene.layout.Pane;
import javafx.scene.paint.Color;
import javafx.scene.text.TextAlignment;

/**
 * Processing time (across) against event time (up): every record read as a dot coloured by key, each subtask's
 * watermark as a rising step line, each window as a box over its event-time range from its first record until it
 * is cleared, with its firings marked (on-time green, late orange), and late records as red crosses. Only what
 * happened up to the current step is drawn; the axes span the whole run so nothing jumps while playing.
 */
public final class TimelineView extends Pane {
    private static final Color[] LINE_COLORS = {
        Color.web("#1A237E"), Color.web("#B71C1C"), Color.web("#1B5E20"), Color.web("#4A148C"),
        Color.web("#E65100"), Color.web("#006064"), Color.web("#3E2723"), Color.web("#880E4F"),
    };
    private static final int MAX_DOTS = 4_000;
    private static final double LEFT = 78;
    private static final double RIGHT = 110;
    private static final double TOP = 28;
    private static final double BOTTOM = 30;

    private final Canvas canvas = new Canvas();
    private final Playback playback;
    private TimelineModel model;
    private long drawnStep = -1;
    private Recording drawnRecording;

    public TimelineView(Playback playback) {
        this.playback = playback;
        getChildren().add(canvas);
        canvas.widthProperty().bind(widthProperty());
        canvas.heightProperty().bind(heightProperty());
        canvas.widthProperty().addListener(o -> redraw());
        canvas.heightProperty().addListener(o -> redraw());
        playback.panelFrameProperty().addListener(o -> redraw());
    }

    /** Draws the current step now. */
    public void redraw() {
        GraphicsContext g = canvas.getGraphicsContext2D();
        double w = canvas.getWidth();
        double h = canvas.getHeight();
        g.setFill(Color.WHITE);
        g.fillRect(0, 0, w, h);
        Frame f = playback.panelFrameProperty().get();
        if (f == null || w < LEFT + RIGHT + 20 || h < TOP + BOTTOM + 20) {
            return;
        }
        if (model == null || model.recording != f.recording()) {
            model = new TimelineModel(f.recording(), playback.keys());
        }
        drawnStep = f.step();
        drawnRecording = f.recording();
        int limit = f.traceCount();
        // the axis spans the data, not a long quiet tail (checkpoints of a finished job, an idle horizon)
        long endTime = Math.max(1, Math.max(f.time(), Math.min(f.recording().endTime(),
                model.lastActivity + model.lastActivity / 8 + 1)));
        double pad = Math.max(1, (model.maxEventTime - model.minEventTime) * 0.06);
        double yMin = model.minEventTime - pad;
        double yMax = model.maxEventTime + pad;
        Axes a = new Axes(LEFT, TOP, w - LEFT - RIGHT, h - TOP - BOTTOM, endTime, yMin, yMax);
        drawAxes(g, a, f);
        drawWindows(g, a, limit, f.time());
        drawRecords(g, a, limit);
        drawWatermarks(g, a, limit, f.time());
        drawLate(g, a, limit);
        drawMarks(g, a, limit);
        // now
        double nx = a.x(f.time());
        g.setStroke(Color.web("#455A64"));
        g.setLineDashes(3, 3);
        g.strokeLine(nx, TOP, nx, TOP + a.h);
        g.setLineDashes();
        g.setFont(Fonts.SMALL_BOLD);
        g.setFill(Color.web("#455A64"));
        g.setTextAlign(nx > w - RIGHT - 60 ? TextAlignment.RIGHT : TextAlignment.LEFT);
        g.setTextBaseline(VPos.BOTTOM);
        g.fillText(" now " + f.time() + " ms ", nx, TOP - 2);
        g.setTextAlign(TextAlignment.LEFT);
    }

    /** A round tick distance (1, 2 or 5 times a power of ten) giving about {@code ticks} ticks over a range. */
    static double niceStep(double range, int ticks) {
        double raw = Math.max(1, range / ticks);
        double p = Math.pow(10, Math.floor(Math.log10(raw)));
        double f = raw / p;
        return (f <= 1 ? 1 : f <= 2 ? 2 : f <= 5 ? 5 : 10) * p;
    }

    /** A round tick distance on a clock (seconds, minutes, hours) giving about {@code ticks} ticks. */
    static double clockStep(double range, int ticks) {
        long[] steps = {1_000, 2_000, 5_000, 10_000, 15_000, 30_000, 60_000, 120_000, 300_000, 600_000, 900_000,
            1_800_000, 3_600_000, 7_200_000};
        for (long st : steps) {
            if (range / st <= ticks) {
                return st;
            }
        }
        return niceStep(range, ticks);
    }

    /** Maps processing time and event time to the canvas. */
    private record Axes(double left, double top, double w, double h, long endTime, double yMin, double yMax) {
        double x(long t) {
            return left + w * t / (double) endTime;
        }

        double y(long ts) {
            double v = Math.max(yMin, Math.min(yMax, ts));
            return top + h - h * (v - yMin) / (yMax - yMin);
        }
    }

    private void drawAxes(GraphicsContext g, Axes a, Frame f) {
        g.setFill(Color.web("#212121"));
        g.setFont(Fonts.TITLE);
        g.setTextBaseline(VPos.CENTER);
        g.fillText("Timeline: event time (up) against processing time (across)", 8, 12);
        g.setStroke(Color.web("#9E9E9E"));
        g.strokeRect(a.left, a.top, a.w, a.h);
        g.setFont(Fonts.SMALL);
        g.setFill(Color.web("#616161"));
        g.setTextAlign(TextAlignment.RIGHT);
        double ys = a.yMin >= 3_600_000 ? clockStep(a.yMax - a.yMin, 5) : niceStep(a.yMax - a.yMin, 5);
        for (double v = Math.ceil(a.yMin / ys) * ys; v <= a.yMax; v += ys) {
            double y = a.y((long) v);
            g.fillText(eventTime((long) v), a.left - 4, y);
            g.setStroke(Color.web("#EEEEEE"));
            g.strokeLine(a.left + 1, y, a.left + a.w - 1, y);
        }
        g.setTextAlign(TextAlignment.CENTER);
        g.setTextBaseline(VPos.TOP);
        double xs = niceStep(a.endTime, 6);
        for (double t = 0; t <= a.endTime; t += xs) {
            g.fillText((long) t + " ms", a.x((long) t), a.top + a.h + 4);
        }
        g.setTextAlign(TextAlignment.LEFT);
        g.setTextBaseline(VPos.CENTER);
    }

    private void drawWindows(GraphicsContext g, Axes a, int limit, long now) {
        java.util.List<double[]> labels = new java.util.ArrayList<>();
        for (TimelineModel.Window win : model.windows.values()) {
            if (win.openSeq >= limit) {
                continue;
            }
            boolean cleared = win.clearedSeq < limit;
            long endX = cleared ? win.clearedTime : now;
            boolean fired = false;
            for (TimelineModel.Firing fi : win.firings) {
                fired |= fi.seq() < limit;
            }
            double x1 = a.x(win.openTime);
            double x2 = Math.max(x1 + 3, a.x(endX));
            double y1 = a.y(win.end);
            double y2 = a.y(win.start);
            g.setFill(cleared ? Color.rgb(158, 158, 158, 0.12) : fired ? Color.rgb(76, 175, 80, 0.16)
                    : Color.rgb(33, 150, 243, 0.12));
            g.fillRect(x1, y1, x2 - x1, y2 - y1);
            g.setStroke(cleared ? Color.web("#9E9E9E") : fired ? Color.web("#388E3C") : Color.web("#1976D2"));
            g.setLineWidth(1.2);
            g.strokeRect(x1, y1, x2 - x1, y2 - y1);
            g.setLineWidth(1);
            // 14 px: the small font's glyphs are taller than 12, and labels of nearby windows overlapped
            double[] box = {x1 + 2, y1 + 1, Math.min(x2 - x1, 150), 14};
            if (y2 - y1 > 13 && x2 - x1 > 70 && free(labels, box)) {
                labels.add(box);
                g.setFill(Color.web("#37474F"));
                g.setFont(Fonts.SMALL);
                g.setTextBaseline(VPos.TOP);
                g.fillText(Fonts.fit("[" + eventTime(win.start) + ", " + eventTime(win.end) + ")"
                        + (cleared ? " cleared" : ""), (int) ((x2 - x1) / 6.2)), x1 + 3, y1 + 2);
                g.setTextBaseline(VPos.CENTER);
            }
            for (TimelineModel.Firing fi : win.firings) {
                if (fi.seq() >= limit) {
                    continue;
                }
                double fx = a.x(fi.time());
                Color c = fi.late() ? Color.web("#EF6C00") : Color.web("#2E7D32");
                g.setStroke(c);
                g.setLineWidth(3);
                g.strokeLine(fx, y1, fx, y2);
                g.setLineWidth(1);
                g.setFill(KeyColors.of(fi.key()));
                g.fillOval(fx - 4, y1 - 4, 8, 8);
                String text = fi.late() ? "late firing" : "fired";
                double tw = text.length() * 6.5;
                // at the right edge the label goes left of the line, so that it stays off the legend
                double tx = fx + 4 + tw > a.left + a.w ? fx - 4 - tw : fx + 4;
                double[] tag = {tx - 1, y1 - 14, tw, 12};
                if (free(labels, tag)) {
                    labels.add(tag);
                    g.setFill(c);
                    g.setFont(Fonts.SMALL_BOLD);
                    g.setTextBaseline(VPos.BOTTOM);
                    g.fillText(text, tx, y1 - 3);
                    g.setTextBaseline(VPos.CENTER);
                }
            }
        }
    }

    /** True when a label rectangle {x, y, w, h} overlaps none drawn so far. */
    private static boolean free(java.util.List<double[]> taken, double[] r) {
        for (double[] t : taken) {
            if (r[0] < t[0] + t[2] && t[0] < r[0] + r[2] && r[1] < t[1] + t[3] && t[1] < r[1] + r[3]) {
                return false;
            }
        }
        return true;
    }

    private void drawRecords(GraphicsContext g, Axes a, int limit) {
        List<TimelineModel.Dot> dots = model.records;
        int stride = Math.max(1, dots.size() / MAX_DOTS);
        for (int i = 0; i < dots.size(); i += stride) {
            TimelineModel.Dot d = dots.get(i);
            if (d.seq() >= limit) {
                break;
            }
            g.setFill(KeyColors.of(d.key()));
            if (stride > 1) {
                // thousands of records: squares rasterize much faster than circles and read the same at this size
                g.fillRect(a.x(d.time()) - 2, a.y(d.timestamp()) - 2, 4, 4);
            } else {
                g.fillOval(a.x(d.time()) - 3.5, a.y(d.timestamp()) - 3.5, 7, 7);
            }
        }
    }

    private void drawWatermarks(GraphicsContext g, Axes a, int limit, long now) {
        int i = 0;
        double labelY = a.top + 10;
        for (Map.Entry<String, List<TimelineModel.Point>> e : model.watermarks.entrySet()) {
            Color c = LINE_COLORS[i++ % LINE_COLORS.length];
            g.setStroke(c);
            g.setLineWidth(1.8);
            double px = -1;
            double py = a.y(Long.MIN_VALUE);
            long last = Long.MIN_VALUE;
            boolean any = false;
            for (TimelineModel.Point p : e.getValue()) {
                if (p.seq() >= limit) {
                    break;
                }
                double x = a.x(p.time());
                double y = a.y(p.value());
                if (px >= 0) {
                    g.strokeLine(px, py, x, py);
                    g.strokeLine(x, py, x, y);
                }
                px = x;
                py = y;
                last = p.value();
                any = true;
            }
            if (any) {
                double nx = a.x(now);
                g.strokeLine(px, py, nx, py);
                g.setLineWidth(1);
                g.setFill(c);
                g.setFont(Fonts.SMALL_BOLD);
                g.setTextAlign(TextAlignment.LEFT);
                g.fillText(Fonts.fit(e.getKey(), 15), a.left + a.w + 6, labelY);
                g.setFont(Fonts.SMALL);
                g.fillText("wm " + (last == Long.MAX_VALUE ? "MAX" : eventTime(last)), a.left + a.w + 6, labelY + 12);
                labelY += 28;
            }
            g.setLineWidth(1);
        }
    }

    private void drawLate(GraphicsContext g, Axes a, int limit) {
        for (TimelineModel.Late l : model.late) {
            if (l.seq() >= limit) {
                break;
            }
            double x = a.x(l.time());
            double y = a.y(l.timestamp());
            g.setStroke(Color.web("#C62828"));
            g.setLineWidth(2.2);
            g.strokeLine(x - 5, y - 5, x + 5, y + 5);
            g.strokeLine(x - 5, y + 5, x + 5, y - 5);
            g.setLineWidth(1);
            g.setFill(Color.web("#C62828"));
            g.setFont(Fonts.SMALL_BOLD);
            g.fillText(l.sideOutput() == null ? "late: dropped" : "late → " + l.sideOutput(), x + 8, y);
        }
    }

    /** Failures and restarts as vertical lines across the plot. */
    private void drawMarks(GraphicsContext g, Axes a, int limit) {
        double lastX = -100;
        for (TimelineModel.Mark m : model.marks) {
            if (m.seq() >= limit) {
                break;
            }
            double x = a.x(m.time());
            g.setStroke(m.failure() ? Color.web("#C62828") : Color.web("#2E7D32"));
            g.setLineWidth(2);
            g.strokeLine(x, a.top, x, a.top + a.h);
            g.setLineWidth(1);
            if (x - lastX > 60) {
                g.setFill(m.failure() ? Color.web("#C62828") : Color.web("#2E7D32"));
                g.setFont(Fonts.SMALL_BOLD);
                g.setTextBaseline(VPos.TOP);
                g.fillText(m.label(), x + 3, a.top + 3);
                g.setTextBaseline(VPos.CENTER);
                lastX = x;
            }
        }
    }

    /** Event times as people read them: milliseconds, or a clock time for a day's timestamps. */
    static String eventTime(long ts) {
        return TimeText.of(ts);
    }

    long drawnStep() {
        return drawnStep;
    }

    Recording drawnRecording() {
        return drawnRecording;
    }
}
