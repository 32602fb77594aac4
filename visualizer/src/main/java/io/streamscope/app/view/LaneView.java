package io.streamscope.app.view;

import io.streamscope.app.Playback;
import io.streamscope.app.engine.Frame;
import io.streamscope.app.engine.RecordKeys;
import io.streamscope.app.engine.Recording;
import io.streamscope.text.ProcessingTimeWindows;
import io.streamscope.text.TimeText;
import io.streamscope.trace.TraceEvent;
import io.streamscope.view.EngineView;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import javafx.geometry.VPos;
import javafx.scene.canvas.Canvas;
import javafx.scene.canvas.GraphicsContext;
import javafx.scene.layout.Pane;
import javafx.scene.paint.Color;
import javafx.scene.text.TextAlignment;

/**
 * The time-space diagram: one lane per subtask, the trace flowing down one row per event, and every element sent
 * on a channel drawn as an arrow from its ElementSent on the sender's lane to its ElementDelivered on the
 * receiver's lane. It is the classic picture for explaining watermarks, barriers and snapshots. The rows end at the
 * current step; the latest events are at the bottom.
 */
public final class LaneView extends Pane {
    private static final double ROW = 17;
    private static final double HEADER = 34;
    private static final double TIME_W = 70;

    private final Canvas canvas = new Canvas();
    private final Playback playback;

    public LaneView(Playback playback) {
        this.playback = playback;
        getChildren().add(canvas);
        canvas.widthProperty().bind(widthProperty());
        canvas.heightProperty().bind(heightProperty());
        canvas.widthProperty().addListener(o -> redraw());
        canvas.heightProperty().addListener(o -> redraw());
        playback.frameProperty().addListener(o -> redraw());
        visibleProperty().addListener(o -> redraw());
    }

    /** Draws the rows that end at the current step. */
    public void redraw() {
        GraphicsContext g = canvas.getGraphicsContext2D();
        double w = canvas.getWidth();
        double h = canvas.getHeight();
        g.setFill(Color.WHITE);
        g.fillRect(0, 0, w, h);
        Frame f = playback.frame();
        if (f == null || !isVisible() || w < 200 || h < 100) {
            return;
        }
        Recording r = f.recording();
        List<EngineView.SubtaskView> subtasks = f.view().subtasks();
        Map<String, Integer> lane = new HashMap<>();
        for (int i = 0; i < subtasks.size(); i++) {
            lane.put(subtasks.get(i).id(), i);
        }
        double laneW = (w - TIME_W - 10) / Math.max(1, subtasks.size());
        int rows = (int) ((h - HEADER - 8) / ROW);
        int end = f.traceCount();
        int start = Math.max(0, end - rows);
        // lanes
        g.setFont(Fonts.TITLE);
        g.setTextAlign(TextAlignment.CENTER);
        g.setTextBaseline(VPos.CENTER);
        for (int i = 0; i < subtasks.size(); i++) {
            double x = laneX(i, laneW);
            g.setStroke(Color.web("#CFD8DC"));
            g.setLineWidth(2);
            g.strokeLine(x, HEADER, x, h);
            g.setFill(Color.web("#212121"));
            g.fillText(Fonts.fit(subtasks.get(i).id(), (int) (laneW / 7.5)), x, 12);
            g.setFont(Fonts.SMALL);
            g.setFill(Color.web("#283593"));
            g.fillText("wm " + TimeText.of(subtasks.get(i).watermark()), x, 26);
            g.setFont(Fonts.TITLE);
        }
        g.setLineWidth(1);
        g.setTextAlign(TextAlignment.LEFT);
        List<TraceEvent> trace = r.trace();
        Map<Long, Integer> rowOfSent = new HashMap<>();
        long lastTime = -1;
        int stepStart = f.step() == 0 ? 0 : r.traceCountAt(f.step() - 1);
        RecordKeys keys = playback.keys();
        for (int seq = start; seq < end; seq++) {
            TraceEvent e = trace.get(seq);
            double y = HEADER + (seq - start) * ROW + ROW / 2;
            if (seq >= stepStart) {
                g.setFill(Color.web("#FFF8E1"));
                g.fillRect(0, y - ROW / 2, w, ROW);
            }
            if (e.time() != lastTime) {
                g.setFill(Color.web("#616161"));
                g.setFont(Fonts.SMALL);
                g.fillText(e.time() + " ms", 6, y);
                g.setStroke(Color.web("#EEEEEE"));
                g.strokeLine(TIME_W - 4, y - ROW / 2, w, y - ROW / 2);
                lastTime = e.time();
            }
            Integer li = lane.get(e.subtask());
            if (li == null) {
                continue;
            }
            double x = laneX(li, laneW);
            if (e instanceof TraceEvent.ElementSent s) {
                rowOfSent.put(s.seq(), seq);
                dot(g, x, y, color(s.element(), keys), 3.5);
            } else if (e instanceof TraceEvent.ElementDelivered d) {
                Integer from = rowOfSent.get(d.cause());
                TraceEvent sent = d.cause() >= 0 && d.cause() < trace.size() ? trace.get((int) d.cause()) : null;
                Integer fromLane = sent == null ? null : lane.get(sent.subtask());
                double y0 = from != null ? HEADER + (from - start) * ROW + ROW / 2 : HEADER;
                if (fromLane != null) {
                    arrow(g, laneX(fromLane, laneW), y0, x, y, color(d.element(), keys), d.element());
                }
            } else {
                String label = label(e, keys, r.processingTimeWindows());
                dot(g, x, y, markColor(e), 4.5);
                if (label != null) {
                    g.setFont(Fonts.SMALL);
                    g.setFill(markColor(e));
                    g.fillText(Fonts.fit(label, (int) Math.max(8, (laneW - 14) / 6.0)), x + 7, y);
                }
            }
        }
    }

    private static double laneX(int i, double laneW) {
        return TIME_W + laneW * i + laneW * 0.3;
    }

    private static void dot(GraphicsContext g, double x, double y, Color c, double r) {
        g.setFill(c);
        g.fillOval(x - r, y - r, 2 * r, 2 * r);
    }

    private static void arrow(GraphicsContext g, double x0, double y0, double x1, double y1, Color c, String element) {
        ElementKind kind = ElementKind.of(element);
        g.setStroke(c);
        g.setLineWidth(kind == ElementKind.RECORD ? 1.4 : 2.2);
        g.strokeLine(x0, y0, x1, y1);
        double ang = Math.atan2(y1 - y0, x1 - x0);
        double a1 = ang + Math.PI - 0.4;
        double a2 = ang + Math.PI + 0.4;
        g.setFill(c);
        g.fillPolygon(new double[] {x1, x1 + 8 * Math.cos(a1), x1 + 8 * Math.cos(a2)},
                new double[] {y1, y1 + 8 * Math.sin(a1), y1 + 8 * Math.sin(a2)}, 3);
        g.setLineWidth(1);
        if (kind != ElementKind.RECORD) {
            g.setFont(Fonts.SMALL_BOLD);
            g.setFill(c);
            double mx = (x0 + x1) / 2;
            double my = (y0 + y1) / 2;
            g.fillText(ElementKind.label(element), mx + 4, my - 4);
        }
    }

    private static Color color(String element, RecordKeys keys) {
        switch (ElementKind.of(element)) {
            case RECORD:
                return KeyColors.of(keys.keyOfElement(element));
            case WATERMARK:
                return Color.web("#283593");
            case BARRIER:
                return Color.web("#6A1B9A");
            default:
                return Color.web("#546E7A");
        }
    }

    private static Color markColor(TraceEvent e) {
        if (e instanceof TraceEvent.WindowFired) {
            return Color.web("#2E7D32");
        } else if (e instanceof TraceEvent.LateRecord) {
            return Color.web("#C62828");
        } else if (e instanceof TraceEvent.BackpressureStarted || e instanceof TraceEvent.BackpressureEnded) {
            return Color.web("#D32F2F");
        } else if (e instanceof TraceEvent.WatermarkAdvanced || e instanceof TraceEvent.WatermarkGenerated) {
            return Color.web("#283593");
        } else if (CheckpointPane.isCheckpointEvent(e)) {
            return Color.web("#6A1B9A");
        }
        return Color.web("#37474F");
    }

    /** A timer's time: event time as the app writes it, processing time in virtual ms since the start. */
    private static String timerTime(long ts, String domain) {
        return "processing-time".equals(domain) ? ts + " ms" : TimeText.of(ts);
    }

    /**
     * A window's bounds: event time as the app writes it; a processing-time window's in virtual ms since the
     * start, which after an hour of run time would otherwise read as clock times.
     */
    private static String bounds(TraceEvent e, long start, long end, ProcessingTimeWindows processingTime) {
        return processingTime.contains(e) ? "[" + start + "," + end + ")"
                : "[" + TimeText.of(start) + "," + TimeText.of(end) + ")";
    }

    /** A few words for an event on its lane; event times as {@link TimeText} writes them. */
    static String label(TraceEvent e, RecordKeys keys, ProcessingTimeWindows processingTime) {
        if (e instanceof TraceEvent.RecordRead r) {
            String k = keys.keyOfJson(r.record());
            return "read " + (k == null ? "" : k + " ") + "@" + TimeText.of(r.timestamp());
        } else if (e instanceof TraceEvent.WatermarkAdvanced w) {
            return "wm → " + TimeText.of(w.watermark());
        } else if (e instanceof TraceEvent.WatermarkGenerated w) {
            return "gen wm " + TimeText.of(w.watermark());
        } else if (e instanceof TraceEvent.TimerFired t) {
            return "timer " + timerTime(t.timestamp(), t.domain()) + " fired";
        } else if (e instanceof TraceEvent.TimerRegistered t) {
            return "timer " + timerTime(t.timestamp(), t.domain()) + " set";
        } else if (e instanceof TraceEvent.WindowFired wf) {
            return (wf.firing().equals("late") ? "LATE fire " : "fire ") + bounds(e, wf.start(), wf.end(),
                    processingTime) + " " + RecordKeys.unquote(wf.key());
        } else if (e instanceof TraceEvent.WindowCleared c) {
            return "clear " + bounds(e, c.start(), c.end(), processingTime);
        } else if (e instanceof TraceEvent.LateRecord l) {
            return "LATE " + RecordKeys.unquote(l.key()) + " @" + TimeText.of(l.timestamp());
        } else if (e instanceof TraceEvent.SinkReceived s) {
            return "→ sink " + s.sink();
        } else if (e instanceof TraceEvent.RecordEmitted r) {
            return "emit";
        } else if (e instanceof TraceEvent.BackpressureStarted) {
            return "backpressure";
        } else if (e instanceof TraceEvent.BackpressureEnded) {
            return "bp ended";
        } else if (e instanceof TraceEvent.WatermarkStatusChanged s) {
            return s.idle() ? "idle" : "active";
        } else if (e instanceof TraceEvent.SubtaskFinished) {
            return "finished";
        }
        return e.getClass().getSimpleName();
    }
}
