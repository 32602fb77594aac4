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
import javafx.scene.layout.VBox;

/**
 * The checkpoint panel. Until the engine exposes checkpoint history in its EngineView, it lists the checkpoint,
 * barrier, failure and recovery events of the trace up to the current step, recognised by their type names, and
 * otherwise says that the scenario has no checkpointing. Extension point: when the EngineView gains a checkpoint
 * history (id, status, duration, alignment, state size per subtask), {@link #refresh()} renders that table in
 * Flink's web UI layout instead of the event list.
 */
public final class CheckpointPane extends VBox {
    /** Shown wherever checkpoint data would be and the run has none. */
    public static final String NOT_ENABLED = "Checkpointing is not enabled in this scenario.";

    private final Playback playback;
    private final Label message = new Label(NOT_ENABLED);
    private final SimpleTable events = new SimpleTable("no checkpoint or failure events yet", 20,
            "time", "subtask", "event", "details");

    public CheckpointPane(Playback playback) {
        this.playback = playback;
        Label title = new Label("Checkpoints and failures");
        title.getStyleClass().add("pane-title");
        message.setWrapText(true);
        getChildren().addAll(title, message, events);
        setSpacing(8);
        setPadding(new Insets(8));
        playback.panelFrameProperty().addListener(o -> refresh());
        refresh();
    }

    /** True for the events this panel lists: by type name, so new engine events show without a code change here. */
    public static boolean isCheckpointEvent(TraceEvent e) {
        String n = e.getClass().getSimpleName();
        return n.contains("Checkpoint") || n.contains("Barrier") || n.contains("Savepoint") || n.contains("Fail")
                || n.contains("Recover") || n.contains("Restart") || n.contains("Killed") || n.contains("Restore")
                || n.contains("Fault") || n.contains("Transaction") || n.contains("Duplicate");
    }

    /** True when the whole recorded run has at least one checkpoint or failure event. */
    static boolean hasCheckpointing(Recording r) {
        for (TraceEvent e : r.trace()) {
            if (isCheckpointEvent(e)) {
                return true;
            }
        }
        return false;
    }

    private Recording checkedFor;
    private boolean enabled;

    private void refresh() {
        Frame f = playback.panelFrameProperty().get();
        if (f == null) {
            return;
        }
        if (checkedFor != f.recording()) {
            checkedFor = f.recording();
            enabled = hasCheckpointing(checkedFor);
        }
        message.setText(enabled ? "Checkpoint and failure events so far (the full history table comes with the"
                + " engine's checkpoint view):" : NOT_ENABLED);
        events.setVisible(enabled);
        events.setManaged(enabled);
        if (!enabled) {
            return;
        }
        List<String[]> rows = new ArrayList<>();
        List<TraceEvent> trace = f.recording().trace();
        for (int i = 0; i < f.traceCount(); i++) {
            TraceEvent e = trace.get(i);
            if (isCheckpointEvent(e)) {
                rows.add(new String[] {e.time() + " ms", e.subtask(), e.getClass().getSimpleName(), details(e)});
            }
        }
        events.setRows(rows);
    }

    private static String details(TraceEvent e) {
        String s = e.toString();
        int open = s.indexOf('[');
        return open >= 0 && s.endsWith("]") ? s.substring(open + 1, s.length() - 1) : s;
    }

    /** The inspector's line about barrier alignment for a subtask. */
    static String alignmentText(Frame f, EngineView.SubtaskView s) {
        if (!hasCheckpointingCached(f.recording())) {
            return NOT_ENABLED;
        }
        return "Barrier alignment per input channel appears here once the EngineView exposes it; until then the "
                + "'buffered' column above shows what waits in each input buffer.";
    }

    private static Recording cachedFor;
    private static boolean cachedValue;

    private static boolean hasCheckpointingCached(Recording r) {
        if (cachedFor != r) {
            cachedFor = r;
            cachedValue = hasCheckpointing(r);
        }
        return cachedValue;
    }
}
