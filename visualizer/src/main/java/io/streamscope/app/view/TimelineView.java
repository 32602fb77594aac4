package io.streamscope.app.view;

import io.streamscope.app.Playback;
import io.streamscope.app.engine.Frame;
import io.streamscope.app.engine.Recording;
import io.streamscope.text.TimeText;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import javafx.geometry.VPos;
import javafx.scene.canvas.Canvas;
import javafx.scene.canvas.GraphicsContext;
import javafx.scene.layout.Pane;
import javafx.scene.paint.Color;
import javafx.scene.text.Font;
import javafx.scene.text.TextAlignment;

/**
 * Processing time (across) against event time (up): every record read as a dot coloured by key, each subtask's
 * watermark as a rising step line, each window as a box over its event-time range from its first record until it
 * is cleared, with its firings marked (on-time green, late orange), and late records as red crosses. Windows of a
 * processing-time assigner are spans in a band under the plot, along the processing-time axis. Only what happened
 * up to the current step is drawn, and the axes fit it: they grow as the run plays, in steps rather than every
 * frame. Labels are placed most important first and never cover one another.
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
    /** Height of the band under the plot for processing-time windows. */
    private static final double BAND_H = 40;
    /** Label priorities: lower is placed first, so a crowded plot keeps late records and firings. */
    private static final int LATE = 0;
    private static final int LATE_FIRING = 1;
    private static final int FIRED = 2;
    private static final int RANGE = 3;

    private final Canvas canvas = new Canvas();
    private final Playback playback;
    private TimelineModel model;
    private long drawnStep = -1;
    private Recording drawnRecording;
    private double[] lastRange = {0, 0};
    private long lastEndTime;
    private final List<String> drawnLabels = new ArrayList<>();

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
        long runEnd = Math.max(1, Math.max(f.time(), Math.min(f.recording().endTime(),
                model.lastActivity + model.lastActivity / 8 + 1)));
        long endTime = timeAxisEnd(f.time(), runEnd);
        double[] range = model.eventRange(limit);
        lastRange = range;
        lastEndTime = endTime;
        // processing-time windows get a band of their own under the plot: their bounds are processing time
        double band = model.hasProcessingTimeWindows() ? BAND_H : 0;
        Axes a = new Axes(LEFT, TOP, w - LEFT - RIGHT, h - TOP - BOTTOM - band, endTime, range[0], range[1]);
        LabelPlacer labels = new LabelPlacer(new double[] {a.left, a.top - 14, a.w, a.h + 14 + band});
        List<Label> texts = new ArrayList<>();
        drawAxes(g, a, band);
        // windows, firings and late records may reach past the fitted range: clip them to the plot
        g.save();
        g.beginPath();
        g.rect(a.left, a.top, a.w, a.h);
        g.clip();
        drawWindows(g, a, limit, f.time(), texts);
        drawRecords(g, a, limit);
        drawWatermarks(g, a, limit, f.time());
        drawLate(g, a, limit, texts);
        g.restore();
        if (band > 0) {
            drawProcessingTimeWindows(g, a, limit, f.time(), texts);
        }
        drawWatermarkLegend(g, a, limit);
        drawMarks(g, a, limit, labels);
        // now
        double nx = a.x(f.time());
        String nowText = " now " + f.time() + " ms ";
        double nw = width(nowText, Fonts.SMALL_BOLD);
        boolean nowLeft = nx > w - RIGHT - 60;
        labels.block(new double[] {nowLeft ? nx - nw : nx, TOP - 14, nw, 12});
        drawLabels(g, labels, texts);
        g.setStroke(Color.web("#455A64"));
        g.setLineDashes(3, 3);
        g.strokeLine(nx, TOP, nx, TOP + a.h + band);
        g.setLineDashes();
        g.setFont(Fonts.SMALL_BOLD);
        g.setFill(Color.web("#455A64"));
        g.setTextAlign(nowLeft ? TextAlignment.RIGHT : TextAlignment.LEFT);
        g.setTextBaseline(VPos.BOTTOM);
        g.fillText(nowText, nx, TOP - 2);
        g.setTextAlign(TextAlignment.LEFT);
    }

    /**
     * The end of the processing-time axis: the first round value (1, 2 or 5 times a power of ten ms, 10 ms at
     * least) a fifth past {@code now}, and never past the end of the run's activity. Like the event-time axis it fits what is shown so
     * far, and it changes only at those round values, so a playing run rescales now and then instead of every
     * frame; the early part of a long run is not squeezed into the left edge.
     */
    static long timeAxisEnd(long now, long runEnd) {
        // 10 ms at least: a run's first steps can be a millisecond apart (a backpressured source)
        double target = Math.max(10, now * 1.2);
        double p = Math.pow(10, Math.floor(Math.log10(target)));
        double f = target / p;
        long round = (long) Math.ceil((f <= 1 ? 1 : f <= 2 ? 2 : f <= 5 ? 5 : 10) * p);
        return Math.max(Math.max(1, now), Math.min(round, runEnd));
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

        /** Like {@link #y}, but a bound beyond the range lands just outside the plot, where the clip cuts it. */
        double yCut(long ts) {
            return ts > yMax ? top - 3 : ts < yMin ? top + h + 3 : y(ts);
        }
    }

    /** A label to place: its text, colour and font, its priority, and its candidate rectangles in order. */
    private record Label(String text, Color color, Font font, int priority, double[][] spots) {
    }

    private void drawAxes(GraphicsContext g, Axes a, double band) {
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
            g.fillText((long) t + " ms", a.x((long) t), a.top + a.h + band + 4);
        }
        g.setTextAlign(TextAlignment.LEFT);
        g.setTextBaseline(VPos.CENTER);
    }

    private void drawWindows(GraphicsContext g, Axes a, int limit, long now, List<Label> texts) {
        for (TimelineModel.Window win : model.windows.values()) {
            if (win.openSeq >= limit || win.processingTime) {
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
            double y1 = a.yCut(win.end);
            double y2 = a.yCut(win.start);
            // Sliding windows (and the sessions of many keys) overlap: n windows share each event time. Filled at
            // full strength they stack into one opaque blob that hides the records and watermarks under it. So
            // each window's fill is divided by its operator's overlap, which keeps any stack a light tint, and the
            // outline is thin; the firings (strong vertical bars) and the labels say what happened to each.
            int depth = Math.max(1, model.overlap.getOrDefault(win.operator, 1));
            double alpha = (cleared ? 0.12 : 0.16) / depth;
            g.setFill(cleared ? Color.rgb(158, 158, 158, alpha) : fired ? Color.rgb(76, 175, 80, alpha)
                    : Color.rgb(33, 150, 243, alpha));
            g.fillRect(x1, y1, x2 - x1, y2 - y1);
            g.setStroke(cleared ? Color.web("#9E9E9E") : fired ? Color.web("#388E3C") : Color.web("#1976D2"));
            g.setLineWidth(depth > 1 ? 0.8 : 1.2);
            g.strokeRect(x1, y1, x2 - x1, y2 - y1);
            g.setLineWidth(1);
            double top = Math.max(y1, a.top);
            double bottom = Math.min(y2, a.top + a.h);
            if (bottom - top > 13 && x2 - x1 > 70) {
                // with several window operators, the same range can belong to two of them: the label says which
                String text = (model.overlap.size() > 1 ? win.operator + " " : "") + "[" + eventTime(win.start) + ", "
                        + eventTime(win.end) + ")" + (cleared ? " cleared" : "");
                text = Fonts.fit(text, (int) ((x2 - x1 - 6) / 6.2));
                double tw = width(text, Fonts.SMALL);
                // inside the box at its top left, or at its bottom left when another label is at the top
                texts.add(new Label(text, Color.web("#37474F"), Fonts.SMALL, RANGE, new double[][] {
                    {x1 + 3, top + 2, tw, 12}, {x1 + 3, bottom - 14, tw, 12}}));
            }
            // the keys of a window fire together: one label per window and moment says it (each bar stays)
            double labelledOnTime = -100;
            double labelledLate = -100;
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
                g.fillOval(fx - 4, top - 4, 8, 8);
                if (Math.abs(fx - (fi.late() ? labelledLate : labelledOnTime)) < 30) {
                    continue;
                }
                if (fi.late()) {
                    labelledLate = fx;
                } else {
                    labelledOnTime = fx;
                }
                String text = fi.late() ? "late firing" : "fired";
                double tw = width(text, Fonts.SMALL_BOLD);
                // above the window's top, right of the bar, else left of it, else just inside the window
                texts.add(new Label(text, c, Fonts.SMALL_BOLD, fi.late() ? LATE_FIRING : FIRED, new double[][] {
                    {fx + 4, top - 14, tw, 12}, {fx - 4 - tw, top - 14, tw, 12}, {fx + 4, top + 2, tw, 12},
                    {fx - 4 - tw, top + 2, tw, 12}}));
            }
        }
    }

    /**
     * Windows of a processing-time assigner, in a band under the plot: their bounds are processing time, so each
     * is a span along the processing-time axis ({@code [0, 1000)} from 0 ms to 1000 ms), not an event-time
     * interval, and putting them on the event-time axis would mix two clocks.
     */
    private void drawProcessingTimeWindows(GraphicsContext g, Axes a, int limit, long now, List<Label> texts) {
        double top = a.top + a.h + 4;
        double h = BAND_H - 16;
        g.setFill(Color.web("#FAFAFA"));
        g.fillRect(a.left, top, a.w, h);
        g.setStroke(Color.web("#BDBDBD"));
        g.strokeRect(a.left, top, a.w, h);
        g.setFill(Color.web("#616161"));
        g.setFont(Fonts.SMALL);
        g.setTextAlign(TextAlignment.RIGHT);
        g.setTextBaseline(VPos.CENTER);
        g.fillText("processing-", a.left - 4, top + h / 2 - 5);
        g.fillText("time windows", a.left - 4, top + h / 2 + 7);
        g.setTextAlign(TextAlignment.LEFT);
        g.save();
        g.beginPath();
        g.rect(a.left, top, a.w, h);
        g.clip();
        for (TimelineModel.Window win : model.windows.values()) {
            if (win.openSeq >= limit || !win.processingTime) {
                continue;
            }
            boolean cleared = win.clearedSeq < limit;
            boolean fired = false;
            for (TimelineModel.Firing fi : win.firings) {
                fired |= fi.seq() < limit;
            }
            double x1 = a.x(Math.max(0, win.start));
            // a window still open is drawn up to now: the rest of it has not happened yet
            double x2 = Math.max(x1 + 3, a.x(Math.min(win.end, Math.max(now, win.start))));
            g.setFill(cleared ? Color.rgb(158, 158, 158, 0.25) : fired ? Color.rgb(76, 175, 80, 0.3)
                    : Color.rgb(33, 150, 243, 0.25));
            g.fillRect(x1, top + 2, x2 - x1, h - 4);
            g.setStroke(cleared ? Color.web("#9E9E9E") : fired ? Color.web("#388E3C") : Color.web("#1976D2"));
            g.strokeRect(x1 + 0.5, top + 2.5, x2 - x1 - 1, h - 5);
            String text = "[" + win.start + ", " + win.end + ") ms" + (cleared ? " cleared" : "");
            double tw = width(text, Fonts.SMALL);
            if (tw + 6 >= x2 - x1) {
                text = "[" + win.start + ", " + win.end + ")";
                tw = width(text, Fonts.SMALL);
            }
            if (tw + 6 < x2 - x1) {
                texts.add(new Label(text, Color.web("#37474F"), Fonts.SMALL, RANGE,
                        new double[][] {{x1 + 3, top + h / 2 - 6, tw, 12}}));
            }
            for (TimelineModel.Firing fi : win.firings) {
                if (fi.seq() >= limit) {
                    continue;
                }
                double fx = a.x(fi.time());
                Color c = fi.late() ? Color.web("#EF6C00") : Color.web("#2E7D32");
                g.setStroke(c);
                g.setLineWidth(3);
                g.strokeLine(fx, top + 1, fx, top + h - 1);
                g.setLineWidth(1);
                String label = fi.late() ? "late firing" : "fired";
                double lw = width(label, Fonts.SMALL_BOLD);
                texts.add(new Label(label, c, Fonts.SMALL_BOLD, fi.late() ? LATE_FIRING : FIRED, new double[][] {
                    {fx - 4 - lw, top + h / 2 - 6, lw, 12}, {fx + 4, top + h / 2 - 6, lw, 12}}));
            }
        }
        g.restore();
    }

    /** Places the labels, most important first, each at its first free spot, and draws them on a light ground. */
    private void drawLabels(GraphicsContext g, LabelPlacer placer, List<Label> texts) {
        drawnLabels.clear();
        List<Label> order = new ArrayList<>(texts);
        order.sort(Comparator.comparingInt(Label::priority));
        g.setTextBaseline(VPos.TOP);
        g.setTextAlign(TextAlignment.LEFT);
        for (Label l : order) {
            double[] r = placer.place(l.spots());
            if (r == null) {
                continue;
            }
            g.setFill(Color.rgb(255, 255, 255, 0.8));
            g.fillRect(r[0] - 1, r[1], r[2] + 2, r[3]);
            g.setFill(l.color());
            g.setFont(l.font());
            g.fillText(l.text(), r[0], r[1]);
            drawnLabels.add(l.text());
        }
        g.setTextBaseline(VPos.CENTER);
    }

    /** The drawn width of a text in a font, rounded up to a whole pixel so that label boxes never undershoot. */
    private static double width(String text, Font font) {
        return Math.ceil(Fonts.width(text, font));
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
        for (Map.Entry<String, List<TimelineModel.Point>> e : model.watermarks.entrySet()) {
            Color c = LINE_COLORS[i++ % LINE_COLORS.length];
            g.setStroke(c);
            g.setLineWidth(1.8);
            double px = -1;
            double py = a.y(Long.MIN_VALUE);
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
            }
            if (px >= 0) {
                g.strokeLine(px, py, a.x(now), py);
            }
            g.setLineWidth(1);
        }
    }

    /** Right of the plot: each subtask's name and its watermark now, in its line's colour. */
    private void drawWatermarkLegend(GraphicsContext g, Axes a, int limit) {
        int i = 0;
        double labelY = a.top + 10;
        for (Map.Entry<String, List<TimelineModel.Point>> e : model.watermarks.entrySet()) {
            Color c = LINE_COLORS[i++ % LINE_COLORS.length];
            long last = Long.MIN_VALUE;
            boolean any = false;
            for (TimelineModel.Point p : e.getValue()) {
                if (p.seq() >= limit) {
                    break;
                }
                last = p.value();
                any = true;
            }
            if (any) {
                g.setFill(c);
                g.setFont(Fonts.SMALL_BOLD);
                g.setTextAlign(TextAlignment.LEFT);
                g.setTextBaseline(VPos.CENTER);
                g.fillText(Fonts.fit(e.getKey(), 15), a.left + a.w + 6, labelY);
                g.setFont(Fonts.SMALL);
                g.fillText("wm " + eventTime(last), a.left + a.w + 6, labelY + 12);
                labelY += 28;
            }
        }
    }

    private void drawLate(GraphicsContext g, Axes a, int limit, List<Label> texts) {
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
            String text = l.sideOutput() == null ? "late: dropped" : "late → " + l.sideOutput();
            double tw = width(text, Fonts.SMALL_BOLD);
            // right of the cross, else left of it, else above or below it
            texts.add(new Label(text, Color.web("#C62828"), Fonts.SMALL_BOLD, LATE, new double[][] {
                {x + 8, y - 6, tw, 12}, {x - 8 - tw, y - 6, tw, 12}, {x - tw / 2, y - 20, tw, 12},
                {x - tw / 2, y + 8, tw, 12}}));
        }
    }

    /** Failures and restarts as vertical lines across the plot. */
    private void drawMarks(GraphicsContext g, Axes a, int limit, LabelPlacer placer) {
        for (TimelineModel.Mark m : model.marks) {
            if (m.seq() >= limit) {
                break;
            }
            double x = a.x(m.time());
            g.setStroke(m.failure() ? Color.web("#C62828") : Color.web("#2E7D32"));
            g.setLineWidth(2);
            g.strokeLine(x, a.top, x, a.top + a.h);
            g.setLineWidth(1);
            // placed before the other labels: a failure or a restart explains the picture around it
            double tw = width(m.label(), Fonts.SMALL_BOLD);
            double[] r = placer.place(new double[] {x + 3, a.top + 2, tw, 12}, new double[] {x - 3 - tw, a.top + 2,
                tw, 12});
            if (r != null) {
                g.setFill(Color.rgb(255, 255, 255, 0.8));
                g.fillRect(r[0] - 1, r[1], r[2] + 2, r[3]);
                g.setFill(m.failure() ? Color.web("#C62828") : Color.web("#2E7D32"));
                g.setFont(Fonts.SMALL_BOLD);
                g.setTextBaseline(VPos.TOP);
                g.fillText(m.label(), r[0], r[1]);
                g.setTextBaseline(VPos.CENTER);
            }
        }
    }

    /** Event times as people read them: milliseconds, or a clock time for a day's timestamps. */
    static String eventTime(long ts) {
        return TimeText.of(ts);
    }

    /** The event-time range {yMin, yMax} of the last draw. */
    public double[] lastRange() {
        return lastRange.clone();
    }

    /** The end of the processing-time axis in the last draw, in ms. */
    public long lastEndTime() {
        return lastEndTime;
    }

    /** The labels the last draw placed (text only), most important first. */
    public List<String> drawnLabels() {
        return List.copyOf(drawnLabels);
    }

    long drawnStep() {
        return drawnStep;
    }

    Recording drawnRecording() {
        return drawnRecording;
    }
}
