package io.streamscope.app;

import io.streamscope.app.view.GraphView;
import javafx.scene.control.Menu;
import javafx.scene.control.MenuItem;

/**
 * The faults that apply to what was right-clicked, and the Faults menu. Extension point: the engine's fault
 * injection is being built; until it lands every fault is listed, disabled, so users see what will be possible.
 * Each fault becomes an {@link io.streamscope.app.engine.Intervention} applied through {@link Playback#fork}, which
 * re-simulates the future from the current step.
 */
final class Faults {
    static final String PENDING = "fault injection arrives with the engine's checkpoint and failure support";

    private Faults() {
    }

    /** The fault items for a right-clicked target. */
    static Menu forTarget(GraphView.Target t) {
        Menu m = new Menu("Faults");
        MenuItem note = new MenuItem("(" + PENDING + ")");
        note.setDisable(true);
        m.getItems().add(note);
        if (t.subtask() != null) {
            m.getItems().addAll(disabled("Fail subtask " + t.subtask()), disabled("Slow subtask " + t.subtask()
                    + " ×10"), disabled("Kill the TaskManager running " + t.subtask()));
        } else if (t.element() != null) {
            m.getItems().addAll(disabled("Drop this element"), disabled("Delay this element"));
        } else if (t.channel() != null) {
            m.getItems().addAll(disabled("Slow channel " + t.channel()), disabled("Fail the receiver of " + t.channel()));
        }
        return m;
    }

    /** The Faults menu of the menu bar. */
    static Menu menu() {
        Menu m = new Menu("Faults");
        MenuItem note = new MenuItem("(" + PENDING + ")");
        note.setDisable(true);
        m.getItems().addAll(note, disabled("Kill a TaskManager…"), disabled("Fail the selected subtask"),
                disabled("Slow the selected subtask…"), disabled("Trigger a checkpoint"), disabled("Trigger a savepoint"),
                disabled("Rescale from a savepoint…"));
        return m;
    }

    private static MenuItem disabled(String label) {
        MenuItem i = new MenuItem(label);
        i.setDisable(true);
        return i;
    }
}
