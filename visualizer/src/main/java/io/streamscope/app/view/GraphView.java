package io.streamscope.app.view;

import io.streamscope.app.Playback;
import io.streamscope.app.Selection;
import io.streamscope.app.engine.Frame;
import io.streamscope.app.engine.RecordKeys;
import io.streamscope.app.engine.Recording;
import io.streamscope.runtime.EngineConfig;
import io.streamscope.text.TimeText;
import io.streamscope.view.EngineView;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import java.util.function.Consumer;
import java.util.function.ToDoubleFunction;
import javafx.geometry.VPos;
import javafx.scene.canvas.Canvas;
import javafx.scene.canvas.GraphicsContext;
import javafx.scene.input.MouseButton;
import javafx.scene.layout.Pane;
import javafx.scene.paint.Color;
import javafx.scene.shape.StrokeLineCap;
import javafx.scene.text.TextAlignment;

/**
 * The job graph view: TaskManagers and slots as boxes, subtasks as nodes with their chained operators, channels
 * as curves, and on each channel what the EngineView says is in it: the sender's output buffer, the elements on
 * the wire at their position by arrival time, and the receiver's input buffer. Records are dots coloured by key,
 * watermarks labelled ticks, barriers labelled bars. Backpressured and busy subtasks are marked. Drawn on one
 * canvas every animation pulse; reads only the frame (EngineView) and the recording's trace.
 */
public final class GraphView extends Pane {
    private static final Color BG = Color.web("#FAFAFA");
    /** Header names already fitted, by id and available width (lookups only, so hash order is never seen). */
    private final Map<String, String> headerNames = new HashMap<>();
    private static final Color TM_FILL = Color.web("#EEF2F7");
    private static final Color TM_STROKE = Color.web("#8A9BB0");
    private static final Color SLOT_STROKE = Color.web("#B8C4D2");
    private static final Color NODE_FILL = Color.WHITE;
    private static final Color NODE_STROKE = Color.web("#5F6B7A");
    private static final Color SELECTED = Color.web("#1565C0");
    private static final Color BACKPRESSURE = Color.web("#D32F2F");
    private static final Color BUSY = Color.web("#F9A825");
    private static final Color FINISHED_FILL = Color.web("#ECEFF1");
    private static final Color EDGE = Color.web("#90A4AE");
    private static final Color WATERMARK = Color.web("#283593");
    private static final Color BARRIER = Color.web("#6A1B9A");
    private static final Color TEXT = Color.web("#212121");
    private static final Color OUTLINE = Color.web("#263238");
    private static final Color MUTED = Color.web("#607080");
    private static final double LEGEND_H = 26;
    /** Pixels kept free along a channel at the sender's edge, and before the arrow head at the receiver. */
    private static final double SENDER_GAP = 4;
    private static final double ARROW_GAP = 10;

    /** Something under the mouse: a subtask, a channel, or an element in one of a channel's three places. */
    public record Target(String subtask, String channel, String element, String place, Long arrival, double screenX,
                         double screenY) {
    }

    /** An element as drawn, for hit testing. */
    private record ElementHit(double x, double y, String channel, String element, String place, Long arrival) {
    }

    private final Canvas canvas = new Canvas();
    private final Playback playback;
    private final Selection selection;
    private final List<ElementHit> hits = new ArrayList<>();
    private final List<Tag> drawnTags = new ArrayList<>();
    /** What the channel elements, counts and labels of the current draw cover, in graph coordinates. */
    private final List<double[]> taken = new ArrayList<>();
    private final List<Integer> drawnCounts = new ArrayList<>();
    private GraphLayout layout;
    /** Each channel's curve by arc length, computed with the layout. */
    private final Map<String, GraphLayout.Arc> arcs = new HashMap<>();
    private Recording layoutFor;
    private double scale = 1;
    private double offsetX;
    private double offsetY;
    private long latency = 1;
    private Consumer<Target> onContextMenu = t -> { };
    private long lastDrawNanos;
    private int lastElementsDrawn;
    private String drawnState = "";

    public GraphView(Playback playback, Selection selection) {
        this.playback = playback;
        this.selection = selection;
        getChildren().add(canvas);
        canvas.widthProperty().bind(widthProperty());
        canvas.heightProperty().bind(heightProperty());
        canvas.widthProperty().addListener(o -> redraw());
        canvas.heightProperty().addListener(o -> redraw());
        playback.frameProperty().addListener(o -> {
            if (isVisible()) {
                redraw();
            }
        });
        visibleProperty().addListener(o -> redraw());
        selection.subtaskProperty().addListener(o -> redraw());
        selection.channelProperty().addListener(o -> redraw());
        playback.addTickListener(this::tick);
        canvas.setOnMouseClicked(e -> {
            if (e.getButton() == MouseButton.PRIMARY) {
                Target t = targetAt(e.getX(), e.getY(), e.getScreenX(), e.getScreenY());
                if (t != null && t.subtask() != null) {
                    selection.selectSubtask(t.subtask());
                    selection.channelProperty().set(null);
                } else if (t != null && t.channel() != null) {
                    selection.channelProperty().set(t.channel());
                }
            }
        });
        canvas.setOnContextMenuRequested(e -> {
            Target t = targetAt(e.getX(), e.getY(), e.getScreenX(), e.getScreenY());
            if (t != null) {
                if (t.subtask() != null) {
                    selection.selectSubtask(t.subtask());
                }
                onContextMenu.accept(t);
            }
            e.consume();
        });
    }

    /** Called with what was right-clicked; the window builds the menu (details, breakpoints, faults). */
    public void setOnContextMenu(Consumer<Target> handler) {
        this.onContextMenu = handler;
    }

    /** Nanoseconds the last draw took on the UI thread, and how many elements it drew (for the frame-time report). */
    public long lastDrawNanos() {
        return lastDrawNanos;
    }

    public int lastElementsDrawn() {
        return lastElementsDrawn;
    }

    public Canvas canvas() {
        return canvas;
    }

    private void tick() {
        if (!isVisible()) {
            return;
        }
        // while playing, elements move between steps: redraw whenever the interpolated time moved
        String state = playback.frame() == null ? "" : playback.frame().step() + "@" + playback.displayTime();
        if (!state.equals(drawnState)) {
            redraw();
        }
    }

    /** Draws the current frame now. */
    public void redraw() {
        long t0 = System.nanoTime();
        Frame f = playback.frame();
        drawnState = f == null ? "" : f.step() + "@" + playback.displayTime();
        GraphicsContext g = canvas.getGraphicsContext2D();
        double w = canvas.getWidth();
        double h = canvas.getHeight();
        g.setFill(BG);
        g.fillRect(0, 0, w, h);
        hits.clear();
        drawnTags.clear();
        drawnCounts.clear();
        if (f == null || w < 10 || h < 10) {
            g.setFill(MUTED);
            g.setFont(Fonts.BODY);
            g.fillText("loading the scenario…", 20, 30);
            return;
        }
        if (layoutFor != f.recording()) {
            layout = GraphLayout.of(f.view());
            layoutFor = f.recording();
            arcs.clear();
            for (GraphLayout.Edge e : layout.edges()) {
                arcs.put(e.channel(), e.arc());
            }
            EngineConfig c = f.recording().scenario().scenario().config();
            latency = Math.max(1, c.channelLatencyMillis() + c.latencyJitterMillis());
        }
        scale = Math.min(1.3, Math.min(w / layout.width(), (h - LEGEND_H) / layout.height()));
        offsetX = Math.max(0, (w - layout.width() * scale) / 2);
        offsetY = 0;
        g.save();
        g.translate(offsetX, offsetY);
        g.scale(scale, scale);
        drawBoxes(g);
        Map<String, EngineView.SubtaskView> subtasks = new HashMap<>();
        for (EngineView.SubtaskView s : f.view().subtasks()) {
            subtasks.put(s.id(), s);
        }
        drawEdges(g, f.view(), subtasks);
        for (GraphLayout.Node n : layout.nodes().values()) {
            drawNode(g, n, subtasks.get(n.id()));
        }
        TreeSet<String> keysShown = new TreeSet<>();
        int drawn = drawElements(g, f.view(), playback.displayTime(), playback.keys(), keysShown);
        drawAlignment(g, f.view());
        g.restore();
        drawLegend(g, w, h, keysShown);
        lastElementsDrawn = drawn;
        lastDrawNanos = System.nanoTime() - t0;
    }

    private void drawBoxes(GraphicsContext g) {
        g.setLineWidth(1.2);
        for (GraphLayout.Box tm : layout.taskManagers()) {
            g.setFill(TM_FILL);
            g.fillRoundRect(tm.x(), tm.y(), tm.w(), tm.h(), 12, 12);
            g.setStroke(TM_STROKE);
            g.strokeRoundRect(tm.x(), tm.y(), tm.w(), tm.h(), 12, 12);
            g.setFill(TEXT);
            g.setFont(Fonts.TITLE);
            g.setTextBaseline(VPos.CENTER);
            g.fillText(tm.label(), tm.x() + 10, tm.y() + 12);
        }
        g.setLineDashes(4, 4);
        for (GraphLayout.Box s : layout.slots()) {
            g.setStroke(SLOT_STROKE);
            g.strokeRoundRect(s.x(), s.y(), s.w(), s.h(), 8, 8);
            g.setFill(MUTED);
            g.setFont(Fonts.SMALL);
            g.fillText(s.label(), s.x() + 8, s.y() + 12);
        }
        g.setLineDashes();
    }

    private void drawEdges(GraphicsContext g, EngineView view, Map<String, EngineView.SubtaskView> subtasks) {
        String selectedChannel = selection.channelProperty().get();
        for (GraphLayout.Edge e : layout.edges()) {
            EngineView.SubtaskView sender = subtasks.get(e.from());
            boolean pressured = sender != null && sender.backpressured() && e.channel().equals(sender.backpressuredOn());
            boolean selected = e.channel().equals(selectedChannel);
            g.setStroke(pressured ? BACKPRESSURE : selected ? SELECTED : EDGE);
            g.setLineWidth(pressured || selected ? 3 : 1.4);
            double dx = Math.max(40, (e.x2() - e.x1()) * 0.5);
            g.beginPath();
            g.moveTo(e.x1(), e.y1());
            g.bezierCurveTo(e.x1() + dx, e.y1(), e.x2() - dx, e.y2(), e.x2(), e.y2());
            g.stroke();
            // arrow head at the receiver
            g.setFill(pressured ? BACKPRESSURE : selected ? SELECTED : EDGE);
            g.fillPolygon(new double[] {e.x2(), e.x2() - 8, e.x2() - 8}, new double[] {e.y2(), e.y2() - 4, e.y2() + 4},
                    3);
        }
        g.setLineWidth(1);
    }

    private void drawNode(GraphicsContext g, GraphLayout.Node n, EngineView.SubtaskView s) {
        boolean finished = s != null && "FINISHED".equals(s.status());
        boolean pressured = s != null && s.backpressured();
        boolean busy = s != null && s.inProcess() != null;
        boolean selected = n.id().equals(selection.subtask());
        g.setFill(finished ? FINISHED_FILL : NODE_FILL);
        g.fillRoundRect(n.x(), n.y(), n.w(), n.h(), 10, 10);
        g.setStroke(selected ? SELECTED : pressured ? BACKPRESSURE : NODE_STROKE);
        g.setLineWidth(selected || pressured ? 3 : 1.3);
        g.strokeRoundRect(n.x(), n.y(), n.w(), n.h(), 10, 10);
        if (selected && pressured) {
            g.setStroke(BACKPRESSURE);
            g.setLineWidth(1.5);
            g.strokeRoundRect(n.x() - 4, n.y() - 4, n.w() + 8, n.h() + 8, 12, 12);
        }
        g.setLineWidth(1);
        g.setTextBaseline(VPos.CENTER);
        g.setTextAlign(TextAlignment.LEFT);
        g.setFill(TEXT);
        g.setFont(Fonts.TITLE);
        String wm = s == null ? null : "wm " + TimeText.of(s.watermark());
        // the name gets what the watermark label leaves of the header, so the two never run into each other
        double nameWidth = n.w() - 8 - 7 - (wm == null ? 0 : Fonts.width(wm, Fonts.SMALL) + 6);
        if (headerNames.size() > 1000) {
            headerNames.clear();
        }
        g.fillText(headerNames.computeIfAbsent(n.id() + "\n" + nameWidth,
                k -> fitIdToWidth(n.id(), nameWidth, t -> Fonts.width(t, Fonts.TITLE))),
                n.x() + 8, n.y() + GraphLayout.HEADER_H / 2 + 1);
        if (wm != null) {
            g.setFont(Fonts.SMALL);
            g.setFill(WATERMARK);
            g.setTextAlign(TextAlignment.RIGHT);
            g.fillText(wm, n.x() + n.w() - 7, n.y() + GraphLayout.HEADER_H / 2 + 1);
            g.setTextAlign(TextAlignment.LEFT);
        }
        // the chain: one pill per operator, joined by a bracket, so chained operators read as one task
        double y = n.y() + GraphLayout.HEADER_H;
        List<String> ops = n.operators();
        if (ops.size() > 1) {
            g.setStroke(MUTED);
            g.strokeLine(n.x() + 9, y + 4, n.x() + 9, y + ops.size() * GraphLayout.OP_H - 4);
        }
        for (String op : ops) {
            g.setFill(Color.web("#E3EAF3"));
            g.fillRoundRect(n.x() + 14, y + 1, n.w() - 24, GraphLayout.OP_H - 3, 8, 8);
            g.setFill(TEXT);
            g.setFont(Fonts.BODY);
            g.fillText(Fonts.fit(op, 27), n.x() + 20, y + GraphLayout.OP_H / 2);
            y += GraphLayout.OP_H;
        }
        if (n.twoInput() && s != null) {
            drawInputs(g, n, s, y);
        }
        double fy = n.y() + n.h() - GraphLayout.FOOTER_H;
        g.setFont(Fonts.SMALL);
        if (s != null && s.aligningCheckpoint() >= 0) {
            g.setFill(BARRIER);
            g.fillRoundRect(n.x() + 4, fy + 2, n.w() - 8, GraphLayout.FOOTER_H - 5, 6, 6);
            g.setFill(Color.WHITE);
            g.setFont(Fonts.SMALL_BOLD);
            g.fillText("ALIGNING checkpoint " + s.aligningCheckpoint(), n.x() + 9, fy + GraphLayout.FOOTER_H / 2);
        } else if (pressured) {
            g.setFill(BACKPRESSURE);
            g.fillRoundRect(n.x() + 4, fy + 2, n.w() - 8, GraphLayout.FOOTER_H - 5, 6, 6);
            g.setFill(Color.WHITE);
            g.setFont(Fonts.SMALL_BOLD);
            g.fillText("BACKPRESSURED: output full", n.x() + 9, fy + GraphLayout.FOOTER_H / 2);
        } else if (busy) {
            g.setFill(BUSY);
            g.fillRoundRect(n.x() + 4, fy + 2, n.w() - 8, GraphLayout.FOOTER_H - 5, 6, 6);
            g.setFill(TEXT);
            g.fillText(Fonts.fit("busy until " + s.inProcessDone() + " ms", 30), n.x() + 9,
                    fy + GraphLayout.FOOTER_H / 2);
        } else {
            g.setFill(MUTED);
            String st = s == null ? "" : finished ? "finished"
                    : !"RUNNING".equals(s.status()) ? s.status().toLowerCase()
                    : "idle · " + s.recordsProcessed() + " records in";
            if (s != null && s.attempt() > 0) {
                st += " · attempt " + s.attempt();
            }
            g.fillText(st, n.x() + 9, fy + GraphLayout.FOOTER_H / 2);
        }
    }

    /**
     * A two-input node's inputs: a row each with its number, the operators feeding it and its watermark; the input
     * holding the node's watermark back (the lower of two active ones) in red, an idle one marked idle. A numbered
     * badge on the left side marks where each input's channels arrive.
     */
    private void drawInputs(GraphicsContext g, GraphLayout.Node n, EngineView.SubtaskView s, double y) {
        for (EngineView.InputWatermarkView in : s.inputWatermarks()) {
            Color c = in.holdingBack() ? BACKPRESSURE : in.idle() ? MUTED : WATERMARK;
            g.setFont(Fonts.SMALL);
            g.setFill(c);
            // "min": this input's watermark is the node's, and the other input is ahead
            String text = "in " + in.input() + " " + in.stream() + ": wm " + TimeText.of(in.watermark())
                    + (in.idle() ? " idle" : in.holdingBack() ? " min" : "");
            g.fillText(Fonts.fit(text, 36), n.x() + 9, y + GraphLayout.OP_H / 2);
            y += GraphLayout.OP_H;
            double py = GraphLayout.inputPort(n, in.input(), 0, 1);
            g.setFill(c);
            g.fillOval(n.x() - 7, py - 7, 14, 14);
            g.setFill(Color.WHITE);
            g.setFont(Fonts.SMALL_BOLD);
            g.setTextAlign(TextAlignment.CENTER);
            g.fillText(Integer.toString(in.input()), n.x(), py);
            g.setTextAlign(TextAlignment.LEFT);
        }
    }

    private int drawElements(GraphicsContext g, EngineView view, double now, RecordKeys keys,
                             TreeSet<String> keysShown) {
        // Labels go on after every glyph, and only where they cover no glyph and no label of any channel:
        // channels converge on a receiver, so one channel's label could hide another channel's element.
        List<double[]> taken = this.taken;
        taken.clear();
        List<PendingTag> labels = new ArrayList<>();
        int count = 0;
        for (EngineView.ChannelView c : view.channels()) {
            GraphLayout.Arc arc = arcs.get(c.id());
            if (arc == null) {
                continue;
            }
            // the elements sit between the sender's edge and the arrow head at the receiver
            double length = Math.max(20, arc.length() - SENDER_GAP - ARROW_GAP);
            List<ChannelLayout.Item> wire = new ArrayList<>();
            for (int i = 0; i < c.inFlight().size(); i++) {
                long arrival = c.inFlightArrivals().get(i);
                double left = Math.max(0, Math.min(1, (arrival - now) / (double) latency));
                // on the wire by how much of the latency is left: just sent near the sender, arriving near the receiver
                wire.add(item(c.inFlight().get(i), length * (0.30 + 0.42 * (1 - left))));
            }
            ChannelLayout.Result r = ChannelLayout.layout(length, items(c.outputBuffer()), wire,
                    items(c.inputBuffer()));
            for (ChannelLayout.Placed p : r.placed()) {
                String el;
                String place;
                Long arrival = null;
                if (p.place() == ChannelLayout.Place.INPUT) {
                    el = c.inputBuffer().get(p.index());
                    place = "input buffer";
                } else if (p.place() == ChannelLayout.Place.WIRE) {
                    el = c.inFlight().get(p.index());
                    place = "on the wire";
                    arrival = c.inFlightArrivals().get(p.index());
                } else {
                    el = c.outputBuffer().get(p.index());
                    place = "output buffer";
                }
                double[] xy = arc.at(SENDER_GAP + p.pos());
                count += glyph(g, xy[0], xy[1], el, c.id(), place, arrival, keys, keysShown, p.label(), labels);
            }
            for (ChannelLayout.More m : r.more()) {
                double[] xy = arc.at(SENDER_GAP + m.pos());
                double w = more(g, xy[0], xy[1], m.count());
                taken.add(new double[] {xy[0] - w / 2, xy[1] - 7, w, 14});
                drawnCounts.add(m.count());
            }
        }
        for (ElementHit h : hits) {
            double x = (h.x() - offsetX) / scale;
            double y = (h.y() - offsetY) / scale;
            taken.add(ElementKind.of(h.element()) == ElementKind.BARRIER ? new double[] {x - 3, y - 12, 6, 24}
                    : new double[] {x - 6, y - 6, 12, 12});
        }
        for (PendingTag t : labels) {
            // above the glyph, or below it when something is in the way above
            if (!tag(g, t.x(), t.above(), t.text(), t.color(), taken)) {
                tag(g, t.x(), t.below(), t.text(), t.color(), taken);
            }
        }
        return count;
    }

    /** A label waiting to be drawn once every glyph is down: its baseline above the glyph, or below it. */
    private record PendingTag(double x, double above, double below, String text, Color color) {
    }

    private static final Map<String, Double> WIDTHS = new HashMap<>();

    /** The drawn width of a label in the small bold font, with its margin; measured once per text. */
    static double labelWidth(String text) {
        if (WIDTHS.size() > 4096) {
            WIDTHS.clear();
        }
        return WIDTHS.computeIfAbsent(text, t -> Math.ceil(Fonts.width(t, Fonts.SMALL_BOLD)) + 4);
    }

    /** A buffered element for the channel layout. */
    private static List<ChannelLayout.Item> items(List<String> elements) {
        List<ChannelLayout.Item> out = new ArrayList<>(elements.size());
        for (String el : elements) {
            out.add(item(el, Double.NaN));
        }
        return out;
    }

    private static ChannelLayout.Item item(String el, double desired) {
        ElementKind kind = ElementKind.of(el);
        double glyph = kind == ElementKind.RECORD ? 12 : kind == ElementKind.BARRIER ? 5
                : kind == ElementKind.WATERMARK ? 4 : 10;
        double label = kind == ElementKind.RECORD || kind == ElementKind.OTHER ? 0
                : labelWidth(ElementKind.label(el)) + 4;
        return new ChannelLayout.Item(glyph, label, desired);
    }

    private int glyph(GraphicsContext g, double x, double y, String el, String channel, String place,
                      Long arrival, RecordKeys keys, TreeSet<String> keysShown, boolean label, List<PendingTag> labels) {
        ElementKind kind = ElementKind.of(el);
        switch (kind) {
            case RECORD: {
                String key = keys.keyOfElement(el);
                if (key != null) {
                    keysShown.add(key);
                }
                // a dark disc under the coloured one makes the outline: two fills rasterize faster than a stroke
                g.setFill(OUTLINE);
                g.fillOval(x - 6, y - 6, 12, 12);
                g.setFill(KeyColors.of(key));
                g.fillOval(x - 5, y - 5, 10, 10);
                break;
            }
            case WATERMARK:
                g.setStroke(WATERMARK);
                g.setLineWidth(2.5);
                g.setLineCap(StrokeLineCap.BUTT);
                g.strokeLine(x, y - 9, x, y + 9);
                if (label) {
                    labels.add(new PendingTag(x, y - 11, y + 23, ElementKind.label(el), WATERMARK));
                }
                break;
            case BARRIER:
                g.setFill(BARRIER);
                g.fillRect(x - 2.5, y - 12, 5, 24);
                if (label) {
                    labels.add(new PendingTag(x, y - 14, y + 26, ElementKind.label(el), BARRIER));
                }
                break;
            case STATUS:
                g.setFill(Color.web("#00897B"));
                g.fillPolygon(new double[] {x, x + 6, x, x - 6}, new double[] {y - 6, y, y + 6, y}, 4);
                if (label) {
                    labels.add(new PendingTag(x, y - 9, y + 21, ElementKind.label(el), Color.web("#00695C")));
                }
                break;
            case END_OF_INPUT:
                g.setFill(Color.web("#37474F"));
                g.fillRect(x - 5, y - 5, 10, 10);
                if (label) {
                    labels.add(new PendingTag(x, y - 8, y + 20, "end", Color.web("#37474F")));
                }
                break;
            default:
                g.setFill(MUTED);
                g.fillOval(x - 4, y - 4, 8, 8);
                break;
        }
        g.setLineWidth(1);
        hits.add(new ElementHit(x * scale + offsetX, y * scale + offsetY, channel, el, place, arrival));
        return 1;
    }

    /**
     * Barrier alignment: a subtask aligning a checkpoint blocks each input channel whose barrier arrived; what
     * arrives behind the barrier piles up in that channel's input buffer. The blocked channel gets a bar at the
     * receiver and a label.
     */
    private void drawAlignment(GraphicsContext g, EngineView view) {
        Map<String, GraphLayout.Edge> edges = new HashMap<>();
        for (GraphLayout.Edge e : layout.edges()) {
            edges.put(e.channel(), e);
        }
        for (EngineView.SubtaskView s : view.subtasks()) {
            if (s.aligningCheckpoint() < 0 || s.alignmentBuffers() == null) {
                continue;
            }
            for (EngineView.AlignmentBufferView b : s.alignmentBuffers()) {
                GraphLayout.Edge e = edges.get(b.channel());
                if (e == null) {
                    continue;
                }
                double[] p = e.at(0.985);
                g.setFill(BARRIER);
                g.fillRect(p[0] - 2, p[1] - 13, 4, 26);
                // below the channel's end, else above it; always drawn, since it explains the piling records
                String text = "blocked · " + b.elements().size() + " queued";
                if (!tag(g, p[0] - 78, p[1] + 27, text, BARRIER, taken)
                        && !tag(g, p[0] - 78, p[1] - 16, text, BARRIER, taken)) {
                    tag(g, p[0] - 78, p[1] + 27, text, BARRIER);
                }
            }
        }
    }

    /**
     * A label centred above a glyph, unless it would cover a label already drawn (on a curve the layout's spacing
     * along the channel is not always enough, and channels converge on a receiver); the element's details stay a
     * right-click away.
     */
    private boolean tag(GraphicsContext g, double x, double y, String text, Color color, List<double[]> taken) {
        double w = labelWidth(text);
        double[] box = {x - w / 2, y - 12, w, 12};
        if (!LabelPlacer.free(taken, box)) {
            return false;
        }
        taken.add(box);
        drawnTags.add(new Tag(text, box));
        tag(g, x, y, text, color);
        return true;
    }

    /** An element's label as drawn: its text and its box {x, y, w, h} in the graph's own coordinates. */
    public record Tag(String text, double[] box) {
    }

    /** The labels of channel elements the last draw put on the canvas, for tests that check they do not overlap. */
    public List<Tag> drawnTags() {
        return List.copyOf(drawnTags);
    }

    /** The "+N" counts the last draw put on the channels. */
    public List<Integer> drawnCounts() {
        return List.copyOf(drawnCounts);
    }

    private static void tag(GraphicsContext g, double x, double y, String text, Color color) {
        g.setFont(Fonts.SMALL_BOLD);
        g.setTextAlign(TextAlignment.CENTER);
        g.setTextBaseline(VPos.BOTTOM);
        g.setFill(Color.rgb(255, 255, 255, 0.85));
        double w = labelWidth(text);
        g.fillRect(x - w / 2, y - 12, w, 12);
        g.setFill(color);
        g.fillText(text, x, y);
        g.setTextAlign(TextAlignment.LEFT);
        g.setTextBaseline(VPos.CENTER);
    }

    /** The "+N" marker of the elements a crowded place does not show, a pill on the channel. */
    private static double more(GraphicsContext g, double x, double y, int extra) {
        String text = "+" + extra;
        double w = labelWidth(text);
        g.setFill(Color.WHITE);
        g.fillRoundRect(x - w / 2, y - 7, w, 14, 8, 8);
        g.setStroke(MUTED);
        g.strokeRoundRect(x - w / 2, y - 7, w, 14, 8, 8);
        g.setFont(Fonts.SMALL_BOLD);
        g.setFill(MUTED);
        g.setTextAlign(TextAlignment.CENTER);
        g.setTextBaseline(VPos.CENTER);
        g.fillText(text, x, y);
        g.setTextAlign(TextAlignment.LEFT);
        return w;
    }

    private void drawLegend(GraphicsContext g, double w, double h, TreeSet<String> keys) {
        double y = h - LEGEND_H / 2;
        g.setFill(Color.web("#FFFFFF"));
        g.fillRect(0, h - LEGEND_H, w, LEGEND_H);
        g.setStroke(Color.web("#DDDDDD"));
        g.strokeLine(0, h - LEGEND_H, w, h - LEGEND_H);
        g.setTextBaseline(VPos.CENTER);
        g.setTextAlign(TextAlignment.LEFT);
        g.setFont(Fonts.SMALL);
        double x = 10;
        g.setFill(TEXT);
        g.fillText("records by key:", x, y);
        x += 86;
        int shown = 0;
        for (String k : keys) {
            if (shown++ == 8) {
                g.setFill(MUTED);
                g.fillText("+" + (keys.size() - 8) + " more", x, y);
                x += 60;
                break;
            }
            g.setFill(KeyColors.of(k));
            g.fillOval(x, y - 5, 10, 10);
            g.setFill(TEXT);
            String label = Fonts.fit(k, 12);
            g.fillText(label, x + 13, y);
            x += 22 + label.length() * 6.3;
        }
        if (keys.isEmpty()) {
            g.setFill(MUTED);
            g.fillText("(none on the channels now)", x, y);
            x += 150;
        }
        x = Math.max(x + 16, w - 470);
        g.setStroke(WATERMARK);
        g.setLineWidth(2.5);
        g.strokeLine(x, y - 7, x, y + 7);
        g.setLineWidth(1);
        g.setFill(TEXT);
        g.fillText("watermark", x + 6, y);
        x += 72;
        g.setFill(BARRIER);
        g.fillRect(x, y - 8, 4, 16);
        g.setFill(TEXT);
        g.fillText("barrier", x + 8, y);
        x += 56;
        g.setFill(Color.web("#00897B"));
        g.fillPolygon(new double[] {x + 5, x + 10, x + 5, x}, new double[] {y - 5, y, y + 5, y}, 4);
        g.setFill(TEXT);
        g.fillText("idle/active", x + 14, y);
        x += 80;
        g.setFill(BACKPRESSURE);
        g.fillRect(x, y - 5, 14, 10);
        g.setFill(TEXT);
        g.fillText("backpressure", x + 18, y);
        x += 92;
        g.setFill(BUSY);
        g.fillRect(x, y - 5, 14, 10);
        g.setFill(TEXT);
        g.fillText("busy", x + 18, y);
    }

    /** What is at a point of the canvas: an element first (they sit on top), then a subtask, then a channel. */
    public Target targetAt(double cx, double cy, double screenX, double screenY) {
        for (int i = hits.size() - 1; i >= 0; i--) {
            ElementHit h = hits.get(i);
            if (Math.abs(h.x() - cx) <= 7 && Math.abs(h.y() - cy) <= 9) {
                return new Target(null, h.channel(), h.element(), h.place(), h.arrival(), screenX, screenY);
            }
        }
        if (layout == null) {
            return null;
        }
        double x = (cx - offsetX) / scale;
        double y = (cy - offsetY) / scale;
        for (GraphLayout.Node n : layout.nodes().values()) {
            if (n.contains(x, y)) {
                return new Target(n.id(), null, null, null, null, screenX, screenY);
            }
        }
        for (GraphLayout.Edge e : layout.edges()) {
            for (int i = 0; i <= 40; i++) {
                double[] p = e.at(i / 40.0);
                if (Math.hypot(p[0] - x, p[1] - y) < 6 / scale) {
                    return new Target(null, e.channel(), null, null, null, screenX, screenY);
                }
            }
        }
        return null;
    }

    /** The canvas point at the centre of a subtask's node, for tests that click it. */
    public double[] nodeCenter(String subtask) {
        GraphLayout.Node n = layout == null ? null : layout.nodes().get(subtask);
        if (n == null) {
            return null;
        }
        return new double[] {(n.x() + n.w() / 2) * scale + offsetX, (n.y() + n.h() / 2) * scale + offsetY};
    }

    /**
     * A subtask id cut (keeping its "[i]") to the longest form whose measured width fits {@code width}, at least
     * a few characters even when nothing fits.
     */
    static String fitIdToWidth(String id, double width, ToDoubleFunction<String> measure) {
        for (int max = id.length(); max > 4; max--) {
            String t = fitId(id, max);
            if (measure.applyAsDouble(t) <= width) {
                return t;
            }
        }
        return fitId(id, 4);
    }

    /** A subtask id shortened to {@code max} characters in its name, keeping its "[index]" readable. */
    static String fitId(String id, int max) {
        int b = id.lastIndexOf('[');
        if (id.length() <= max || b <= 0) {
            return Fonts.fit(id, max);
        }
        String index = id.substring(b);
        return Fonts.fit(id.substring(0, b), Math.max(2, max - index.length())) + index;
    }
}
