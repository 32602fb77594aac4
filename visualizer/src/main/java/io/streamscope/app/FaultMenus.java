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
 * checkpointing) shows the engine's message and keeps the run as it was. Rescaling is not a fork: it takes a
 * savepoint at the current step and starts a new run with other parallelisms restored from it
 * ({@link #askParallelism}, {@link MainWindow#rescale}).
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
    static Menu menu(Playback playback, Selection selection, Runnable rescale) {
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
            boolean on = f.view().job() != null && f.view().job().checkpointing();
            MenuItem r = new MenuItem(on ? "Rescale from a savepoint…"
                    : "Rescale from a savepoint (checkpointing is not enabled in this scenario)");
            r.setDisable(!on);
            r.setOnAction(ev -> rescale.run());
            m.getItems().add(r);
        });
        // a menu with no items never shows; the handler above fills it each time
        m.getItems().add(new MenuItem("…"));
        return m;
    }

    /**
     * The rescale dialog: a spinner per operator that is not a source, at its current parallelism. Returns the
     * parallelism per operator id, or null when cancelled.
     */
    static java.util.Map<String, Integer> askParallelism(javafx.stage.Window owner, Frame f, long savepointId,
                                                        boolean savepoint) {
        javafx.scene.control.Dialog<java.util.Map<String, Integer>> d = new javafx.scene.control.Dialog<>();
        d.initOwner(owner);
        d.setTitle("Rescale from a savepoint");
        d.setHeaderText("Restore " + (savepoint ? "savepoint " : "checkpoint ") + savepointId
                + " with a new parallelism. Keyed state moves with its key groups; a different max parallelism is"
                + " refused. The cluster has " + slots(f) + " slots: with slot sharing, the highest parallelism"
                + " must fit.");
        javafx.scene.layout.GridPane grid = new javafx.scene.layout.GridPane();
        grid.setHgap(8);
        grid.setVgap(6);
        java.util.Map<String, javafx.scene.control.Spinner<Integer>> spinners = new java.util.LinkedHashMap<>();
        for (io.streamscope.graph.JobVertex v : f.recording().scenario().scenario().env().getJobGraph().vertices()) {
            if (v.spec() instanceof io.streamscope.graph.OperatorSpec.Source) {
                continue;
            }
            javafx.scene.control.Spinner<Integer> sp = new javafx.scene.control.Spinner<>(1, 16, v.parallelism());
            sp.setEditable(true);
            sp.setId("rescale-" + v.name());
            grid.addRow(spinners.size(), new javafx.scene.control.Label(v.name() + (v.isKeyed() ? " (keyed)" : "")),
                    sp);
            spinners.put(v.name(), sp);
        }
        d.getDialogPane().setContent(grid);
        d.getDialogPane().getButtonTypes().addAll(javafx.scene.control.ButtonType.OK,
                javafx.scene.control.ButtonType.CANCEL);
        d.setResultConverter(b -> {
            if (b != javafx.scene.control.ButtonType.OK) {
                return null;
            }
            java.util.Map<String, Integer> out = new java.util.LinkedHashMap<>();
            spinners.forEach((name, sp) -> out.put(name, sp.getValue()));
            return out;
        });
        return d.showAndWait().orElse(null);
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

    private static int slots(Frame f) {
        int n = 0;
        for (EngineView.TaskManagerView tm : f.view().taskManagers()) {
            n += tm.slots().size();
        }
        return n;
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
