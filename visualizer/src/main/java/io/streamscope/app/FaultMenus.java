package io.streamscope.app;

import io.streamscope.app.engine.Faults;
import io.streamscope.app.engine.Frame;
import io.streamscope.app.engine.Intervention;
import io.streamscope.app.view.GraphView;
import io.streamscope.view.EngineView;
import javafx.scene.control.Menu;
import javafx.scene.control.MenuItem;

/**
 * The faults that apply to what was right-clicked, and the Faults menu. Each fault is an {@link Intervention}
 * applied through {@link Playback#fork}: made at the current step, it discards the recorded future and
 * re-simulates the run from there (rewind and fork). A fault the engine refuses (a checkpoint without
 * checkpointing) shows the engine's message and keeps the run as it was.
 */
final class FaultMenus {
    private FaultMenus() {
    }

    /** The fault items for a right-clicked target. */
    static Menu forTarget(GraphView.Target t, Playback playback) {
        Menu m = new Menu("Faults");
        Frame f = playback.frame();
        long step = f == null ? 0 : f.step();
        if (t.subtask() != null) {
            m.getItems().add(item("Fail subtask " + t.subtask(), playback, Faults.failSubtask(step, t.subtask())));
            m.getItems().add(item("Slow subtask " + t.subtask() + " (+" + Faults.SLOW_EXTRA_MS + " ms per record)",
                    playback, Faults.slowSubtask(step, t.subtask())));
            String tm = f == null ? null : taskManagerOf(f.view(), t.subtask());
            if (tm != null) {
                m.getItems().add(item("Kill TaskManager " + tm, playback, Faults.killTaskManager(step, tm)));
            }
        } else if (t.channel() != null) {
            String receiver = t.channel().substring(t.channel().indexOf("->") + 2);
            m.getItems().add(item("Fail the receiver " + receiver, playback, Faults.failSubtask(step, receiver)));
        }
        m.getItems().addAll(checkpointItems(playback, step));
        return m;
    }

    /** The Faults menu of the menu bar: it acts on the selected subtask and the current step. */
    static Menu menu(Playback playback, Selection selection) {
        Menu m = new Menu("Faults");
        m.setOnShowing(e -> {
            m.getItems().clear();
            Frame f = playback.frame();
            if (f == null) {
                return;
            }
            long step = f.step();
            String s = selection.subtask();
            if (s != null) {
                m.getItems().add(item("Fail the selected subtask (" + s + ")", playback, Faults.failSubtask(step, s)));
                m.getItems().add(item("Slow the selected subtask (" + s + ")", playback, Faults.slowSubtask(step, s)));
            }
            for (EngineView.TaskManagerView tm : f.view().taskManagers()) {
                m.getItems().add(item("Kill TaskManager " + tm.id(), playback,
                        Faults.killTaskManager(step, tm.id())));
            }
            m.getItems().addAll(checkpointItems(playback, step));
            MenuItem rescale = new MenuItem("Rescale from a savepoint… (not yet)");
            rescale.setDisable(true);
            m.getItems().add(rescale);
        });
        // a menu with no items never shows; the handler above fills it each time
        m.getItems().add(new MenuItem("…"));
        return m;
    }

    private static java.util.List<MenuItem> checkpointItems(Playback playback, long step) {
        Frame f = playback.frame();
        boolean on = f != null && f.view().job() != null && f.view().job().checkpointing();
        MenuItem cp = item("Trigger a checkpoint", playback, Faults.triggerCheckpoint(step));
        MenuItem sp = item("Trigger a savepoint", playback, Faults.triggerSavepoint(step));
        if (!on) {
            cp.setText("Trigger a checkpoint (checkpointing is not enabled in this scenario)");
            sp.setText("Trigger a savepoint (checkpointing is not enabled in this scenario)");
            cp.setDisable(true);
            sp.setDisable(true);
        }
        return java.util.List.of(cp, sp);
    }

    private static MenuItem item(String label, Playback playback, Intervention change) {
        MenuItem i = new MenuItem(label);
        i.setOnAction(e -> playback.fork(change));
        return i;
    }

    private static String taskManagerOf(EngineView v, String subtask) {
        for (EngineView.TaskManagerView tm : v.taskManagers()) {
            for (EngineView.SlotView slot : tm.slots()) {
                if (slot.subtasks().contains(subtask)) {
                    return tm.id();
                }
            }
        }
        return null;
    }
}
