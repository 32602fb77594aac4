package io.streamscope.app.view;

import io.streamscope.app.Playback;
import io.streamscope.app.Selection;
import io.streamscope.app.engine.Frame;
import io.streamscope.text.TimeText;
import io.streamscope.view.EngineView;
import java.util.ArrayList;
import java.util.List;
import javafx.geometry.Insets;
import javafx.scene.control.Label;
import javafx.scene.control.ScrollPane;
import javafx.scene.layout.VBox;

/**
 * Everything about the selected subtask at the current step: status and the element in process, metrics,
 * per-input-channel watermarks and buffers (the valve), source splits, keyed state per key, pending timers, and
 * the output channels. Reads the frame's EngineView and the trace only.
 */
public final class InspectorPane extends ScrollPane {
    private final Playback playback;
    private final Selection selection;
    private final Label title = new Label("Click a subtask in the job graph");
    private final Label summary = new Label();
    private final Label metrics = new Label();
    private final SimpleTable inputs = new SimpleTable("no input channels (a source)", 8,
            "input channel:190", "watermark:80", "idle:40", "wm aligned:80", "buffered:65", "credits");
    private final SimpleTable splits = new SimpleTable("not a source", 6,
            "split:90", "next offset:80", "watermark:80", "idle:40", "generator");
    private final SimpleTable state = new SimpleTable("no keyed state", 12,
            "operator:80", "key:70", "key group:75", "state:150", "value");
    /** Keyed state with a time-to-live: when each entry expires, and whether it is expired but still stored. */
    private final SimpleTable ttl = new SimpleTable("no state with a time-to-live", 12,
            "key:50", "state:50", "expires at:70", "status");
    private final Label ttlTitle = section("State TTL (processing time)");
    private final SimpleTable timers = new SimpleTable("no pending timers", 10,
            "operator:80", "key:70", "time:80", "domain:90", "window");
    private final SimpleTable outputs = new SimpleTable("no output channels", 8,
            "output channel:190", "output buffer:100", "on the wire:90", "receiver's buffer");
    private final Label alignment = new Label();
    private final SubtaskMetrics counters = new SubtaskMetrics();

    public InspectorPane(Playback playback, Selection selection) {
        this.playback = playback;
        this.selection = selection;
        title.getStyleClass().add("pane-title");
        summary.setWrapText(true);
        metrics.setWrapText(true);
        alignment.setWrapText(true);
        VBox box = new VBox(6, title, summary, section("Metrics"), metrics, section("Inputs (watermark valve)"), inputs,
                section("Source splits"), splits, section("Keyed state"), state, ttlTitle, ttl, section("Pending timers"), timers,
                section("Outputs"), outputs, section("Checkpoint alignment"), alignment);
        box.setPadding(new Insets(8));
        box.setFillWidth(true);
        setContent(box);
        setFitToWidth(true);
        playback.panelFrameProperty().addListener(o -> refresh());
        selection.subtaskProperty().addListener(o -> refresh());
        refresh();
    }

    private static Label section(String text) {
        Label l = new Label(text);
        l.getStyleClass().add("section-title");
        return l;
    }

    /** The text of the title line, for tests. */
    public String titleText() {
        return title.getText();
    }

    public String stateText() {
        StringBuilder sb = new StringBuilder();
        for (String[] r : state.getItems()) {
            sb.append(String.join(" ", r)).append('\n');
        }
        return sb.toString();
    }

    private void refresh() {
        Frame f = playback.panelFrameProperty().get();
        String id = selection.subtask();
        if (f == null || id == null) {
            title.setText("Click a subtask in the job graph");
            summary.setText("The inspector shows its keyed state, timers, watermarks per input channel, buffers "
                    + "and metrics at the current step.");
            return;
        }
        EngineView.SubtaskView s = find(f.view(), id);
        if (s == null) {
            title.setText(id + " (not in this job)");
            return;
        }
        title.setText(s.id());
        StringBuilder sb = new StringBuilder();
        sb.append("task (chain): ").append(s.task()).append('\n');
        sb.append("slot: ").append(s.slot()).append(" · status: ").append(s.status().toLowerCase())
                .append(" · input watermark: ").append(TimeText.of(s.watermark())).append('\n');
        // a two-input operator: each input's watermark, and the one holding the subtask's back
        for (EngineView.InputWatermarkView iw : s.inputWatermarks()) {
            sb.append("input ").append(iw.input()).append(" (").append(iw.stream()).append("): watermark ")
                    .append(TimeText.of(iw.watermark())).append(iw.idle() ? " · idle" : "")
                    .append(iw.holdingBack() ? " · holds the subtask's watermark back" : "").append('\n');
        }
        if (s.inProcess() != null) {
            sb.append("processing: ").append(TimeText.readableSentence(s.inProcess())).append(" until ").append(s.inProcessDone()).append(" ms\n");
        }
        if (s.backpressured()) {
            sb.append("BACKPRESSURED: the output buffer of ").append(s.backpressuredOn())
                    .append(" is full, so it takes no input\n");
        }
        summary.setText(sb.toString().strip());
        counters.update(f.recording(), s.id(), f.traceCount());
        metrics.setText("records in: " + s.recordsProcessed() + " · records out: " + counters.recordsOut()
                + (counters.sinkRecords() > 0 ? " · to sinks: " + counters.sinkRecords() : "")
                + (counters.windowFirings() > 0 ? " · window firings: " + counters.windowFirings() : "")
                + (counters.lateRecords() > 0 ? " · late records: " + counters.lateRecords() : "")
                + "\nbackpressured: " + counters.backpressuredMillis(f.time()) + " ms in "
                + counters.backpressureEpisodes() + " episode(s)");
        List<String[]> in = new ArrayList<>();
        for (EngineView.InputView i : s.inputs()) {
            EngineView.ChannelView c = channel(f.view(), i.channel());
            in.add(new String[] {i.channel(), TimeText.of(i.watermark()), i.idle() ? "idle" : "",
                i.aligned() ? "yes" : "no", c == null ? "" : String.valueOf(c.inputBuffer().size()),
                c == null ? "" : String.valueOf(c.credits())});
        }
        inputs.setRows(in);
        List<String[]> sp = new ArrayList<>();
        for (EngineView.SplitView x : s.splits()) {
            sp.add(new String[] {x.split(), String.valueOf(x.nextOffset()), TimeText.of(x.watermark()),
                x.finished() ? "finished" : x.idle() ? "idle" : "", TimeText.readableSentence(x.generator())});
        }
        splits.setRows(sp);
        List<String[]> st = new ArrayList<>();
        for (EngineView.StateView x : s.state()) {
            st.add(new String[] {x.operator(), x.key(), String.valueOf(x.keyGroup()), TimeText.readable(x.name()),
                x.value()});
        }
        state.setRows(st);
        List<String[]> tt = new ArrayList<>();
        for (EngineView.StateView x : s.state()) {
            if (x.expiresAt() != null) {
                tt.add(new String[] {x.key(), TimeText.readable(x.name()), x.expiresAt() + " ms",
                    io.streamscope.text.StateTtlText.status(x, f.view().time())});
            }
        }
        ttl.setRows(tt);
        // shown only for subtasks that have TTL state, so other subtasks' inspectors stay as they were
        ttl.setVisible(!tt.isEmpty());
        ttl.setManaged(!tt.isEmpty());
        ttlTitle.setVisible(!tt.isEmpty());
        ttlTitle.setManaged(!tt.isEmpty());
        List<String[]> tm = new ArrayList<>();
        for (EngineView.TimerView x : s.timers()) {
            // a processing-time timer's time and window are virtual ms since the start, not event time
            boolean eventTime = "event-time".equals(x.domain());
            tm.add(new String[] {x.operator(), x.key(), eventTime ? TimeText.of(x.timestamp()) : x.timestamp() + " ms",
                x.domain(), x.namespace() == null ? "" : eventTime ? TimeText.readable(x.namespace()) : x.namespace()});
        }
        timers.setRows(tm);
        List<String[]> out = new ArrayList<>();
        for (EngineView.ChannelView c : f.view().channels()) {
            if (c.from().equals(s.id())) {
                out.add(new String[] {c.id(), String.valueOf(c.outputBuffer().size()),
                    String.valueOf(c.inFlight().size()), String.valueOf(c.inputBuffer().size())});
            }
        }
        outputs.setRows(out);
        alignment.setText(CheckpointPane.alignmentText(f, s));
    }

    static EngineView.SubtaskView find(EngineView v, String id) {
        for (EngineView.SubtaskView s : v.subtasks()) {
            if (s.id().equals(id)) {
                return s;
            }
        }
        return null;
    }

    static EngineView.ChannelView channel(EngineView v, String id) {
        for (EngineView.ChannelView c : v.channels()) {
            if (c.id().equals(id)) {
                return c;
            }
        }
        return null;
    }
}
