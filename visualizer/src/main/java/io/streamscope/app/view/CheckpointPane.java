package io.streamscope.app.view;

import io.streamscope.app.Playback;
import io.streamscope.app.engine.Frame;
import io.streamscope.app.engine.Recording;
import io.streamscope.trace.TraceEvent;
import io.streamscope.view.EngineView;
import java.util.ArrayList;
import java.util.List;
import javafx.geometry.Insets;
import javafx.scene.control.Label;
import javafx.scene.control.ScrollPane;
import javafx.scene.layout.VBox;

/**
 * The checkpoint panel, laid out like the checkpoint tab of Flink's web UI: the job's status and restarts, the
 * history of checkpoints (id, status, duration, alignment, full and incremental size, acknowledged subtasks), the
 * per-subtask details of the checkpoint selected in the history (the newest one until the user selects another),
 * and the failure and recovery events of the trace so far. A job without
 * checkpointing says so.
 */
public final class CheckpointPane extends ScrollPane {
    /** Shown wherever checkpoint data would be and the run has none. */
    public static final String NOT_ENABLED = "Checkpointing is not enabled in this scenario.";

    private final Label job = new Label();
    private final Label message = new Label(NOT_ENABLED);
    private final SimpleTable history = new SimpleTable("no checkpoint triggered yet", 10,
            "id:34", "type:84", "status:84", "trigger:64", "duration:68", "align:54", "full:64",
            "uploaded:72", "acks");
    private final Label detailsTitle = new Label();
    private final SimpleTable details = new SimpleTable("no subtask acknowledged yet", 12,
            "subtask:110", "ack:60", "start delay:80", "alignment:75", "sync:45", "async:50", "state:60",
            "in-flight");
    private final SimpleTable events = new SimpleTable("no checkpoint, failure or recovery event yet", 14,
            "time:70", "subtask:110", "event:160", "details");
    private final Playback playback;
    /** The checkpoint whose per-subtask details are shown, or -1 for the newest one. */
    private long selectedId = -1;
    private boolean refreshing;

    public CheckpointPane(Playback playback) {
        this.playback = playback;
        history.getSelectionModel().selectedItemProperty().addListener((o, was, row) -> {
            if (!refreshing && row != null) {
                selectedId = Long.parseLong(row[0]);
                refresh();
            }
        });
        // another run has other checkpoints: show the newest again
        playback.recordingProperty().addListener(o -> selectedId = -1);
        Label title = new Label("Checkpoints");
        title.getStyleClass().add("pane-title");
        message.setWrapText(true);
        job.setWrapText(true);
        detailsTitle.getStyleClass().add("section-title");
        Label story = new Label("Checkpoint, failure and recovery events");
        story.getStyleClass().add("section-title");
        VBox box = new VBox(8, title, job, message, history, detailsTitle, details, story, events);
        box.setPadding(new Insets(8));
        setContent(box);
        setFitToWidth(true);
        playback.panelFrameProperty().addListener(o -> refresh());
        visibleProperty().addListener(o -> refresh());
        refresh();
    }

    /** True for the events of the failure and checkpoint story, by type name: new engine events show up too. */
    public static boolean isCheckpointEvent(TraceEvent e) {
        String n = e.getClass().getSimpleName();
        return n.contains("Checkpoint") || n.contains("Barrier") || n.contains("Savepoint") || n.contains("Fail")
                || n.contains("Recover") || n.contains("Restart") || n.contains("Killed") || n.contains("Restore")
                || n.contains("Fault") || n.contains("Transaction") || n.contains("Duplicate");
    }

    /** The text of the history table, for tests. */
    public String historyText() {
        StringBuilder sb = new StringBuilder();
        for (String[] r : history.getItems()) {
            sb.append(String.join(" ", r)).append('\n');
        }
        return sb.toString();
    }

    /** Shows the per-subtask details of checkpoint {@code id} (-1: the newest), as selecting its row does. */
    public void showDetailsOf(long id) {
        selectedId = id;
        refresh();
    }

    /** The title over the per-subtask details ("Checkpoint 2 per subtask"), for tests. */
    public String detailsTitleText() {
        return detailsTitle.getText();
    }

    /** The text of the per-subtask details table, for tests. */
    public String detailsText() {
        StringBuilder sb = new StringBuilder();
        for (String[] r : details.getItems()) {
            sb.append(String.join(" ", r)).append('\n');
        }
        return sb.toString();
    }

    private void refresh() {
        Frame f = playback.panelFrameProperty().get();
        if (f == null || !isVisible()) {
            return;
        }
        refreshing = true;
        try {
            fill(f);
        } finally {
            refreshing = false;
        }
    }

    private void fill(Frame f) {
        EngineView.JobView j = f.view().job();
        boolean on = j != null && j.checkpointing();
        if (j != null) {
            job.setText("job " + j.status().toLowerCase() + " · " + j.restarts() + " restart"
                    + (j.restarts() == 1 ? "" : "s") + (j.failureCause() == null ? "" : " · last failure: "
                    + j.failureCause()) + (j.latestCompletedCheckpoint() >= 0 ? " · newest completed checkpoint: "
                    + j.latestCompletedCheckpoint() : ""));
        }
        message.setText(on ? "" : NOT_ENABLED);
        message.setManaged(!on);
        message.setVisible(!on);
        history.setVisible(on);
        history.setManaged(on);
        List<String[]> rows = new ArrayList<>();
        EngineView.CheckpointView newest = null;
        EngineView.CheckpointView selected = null;
        int selectedRow = -1;
        for (EngineView.CheckpointView c : f.view().checkpoints()) {
            long alignment = 0;
            for (EngineView.SubtaskCheckpointView s : c.subtaskDetails()) {
                alignment = Math.max(alignment, s.alignmentMillis());
            }
            rows.add(new String[] {String.valueOf(c.id()), c.savepoint() ? "savepoint" : c.unaligned()
                ? "unaligned" : "checkpoint", c.status().toLowerCase().replace('_', ' ')
                + (c.failureReason() == null ? "" : ": " + c.failureReason()), c.triggerTime() + " ms",
                c.endTime() >= 0 ? c.durationMillis() + " ms" : "", alignment + " ms", bytes(c.fullBytes()),
                bytes(c.checkpointedBytes()), c.acknowledged() + "/" + c.subtasks()});
            newest = c;
            if (c.id() == selectedId) {
                selected = c;
                selectedRow = rows.size() - 1;
            }
        }
        history.setRows(rows);
        if (selected == null) {
            selected = newest;
            history.getSelectionModel().clearSelection();
        } else if (history.getSelectionModel().getSelectedIndex() != selectedRow) {
            history.getSelectionModel().select(selectedRow);
        }
        boolean showDetails = selected != null;
        detailsTitle.setVisible(showDetails);
        detailsTitle.setManaged(showDetails);
        details.setVisible(showDetails);
        details.setManaged(showDetails);
        if (selected != null) {
            detailsTitle.setText("Checkpoint " + selected.id() + " per subtask" + (selected == newest
                    ? " (the newest; select a row above to see another)" : ""));
            List<String[]> d = new ArrayList<>();
            for (EngineView.SubtaskCheckpointView s : selected.subtaskDetails()) {
                d.add(new String[] {s.subtask(), s.ackTime() >= 0 ? s.ackTime() + " ms" : "",
                    s.startDelayMillis() + " ms", s.alignmentMillis() + " ms", s.syncMillis() + " ms",
                    s.asyncMillis() + " ms", bytes(s.stateBytes()), s.unaligned() ? s.persistedInFlight()
                    + " persisted" : s.processedInFlight() + " processed"});
            }
            details.setRows(d);
        }
        List<String[]> ev = new ArrayList<>();
        List<TraceEvent> trace = f.recording().trace();
        for (int i = 0; i < f.traceCount(); i++) {
            TraceEvent e = trace.get(i);
            if (isCheckpointEvent(e) && !(e instanceof TraceEvent.ElementSent)
                    && !(e instanceof TraceEvent.ElementDelivered)) {
                ev.add(new String[] {e.time() + " ms", e.subtask(), e.getClass().getSimpleName(), details(e)});
            }
        }
        // the newest events matter most: keep the last ones
        events.setRows(ev.size() > 200 ? ev.subList(ev.size() - 200, ev.size()) : ev);
    }

    private static String bytes(long b) {
        if (b < 0) {
            return "";
        }
        return b < 1024 ? b + " B" : String.format("%.1f KB", b / 1024.0);
    }

    private static String details(TraceEvent e) {
        String s = e.toString();
        int open = s.indexOf('[');
        String inner = open >= 0 && s.endsWith("]") ? s.substring(open + 1, s.length() - 1) : s;
        // seq, time, subtask and cause are in the other columns already
        return inner.replaceFirst("^seq=\\d+, time=\\d+, subtask=[^,]*, cause=-?\\d+,? ?", "");
    }

    /** The inspector's lines about barrier alignment for a subtask. */
    static String alignmentText(Frame f, EngineView.SubtaskView s) {
        EngineView.JobView j = f.view().job();
        if (j == null || !j.checkpointing()) {
            return NOT_ENABLED;
        }
        if (s.aligningCheckpoint() < 0) {
            return "not aligning (no checkpoint barrier waiting for the others)";
        }
        StringBuilder sb = new StringBuilder("aligning checkpoint " + s.aligningCheckpoint()
                + ": the channels whose barrier arrived are blocked; what arrives behind it waits:");
        for (EngineView.AlignmentBufferView b : s.alignmentBuffers()) {
            sb.append("\n  ").append(b.channel()).append(": ").append(b.elements().size()).append(" queued");
        }
        return sb.toString();
    }

    static boolean hasCheckpointing(Recording r) {
        for (TraceEvent e : r.trace()) {
            if (isCheckpointEvent(e)) {
                return true;
            }
        }
        return false;
    }
}
