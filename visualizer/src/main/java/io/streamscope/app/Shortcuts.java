package io.streamscope.app;

import java.util.ArrayList;
import java.util.List;
import javafx.event.EventHandler;
import javafx.scene.Scene;
import javafx.scene.control.MenuItem;
import javafx.scene.control.TextInputControl;
import javafx.scene.input.KeyCombination;
import javafx.scene.input.KeyEvent;

/**
 * Every command of the app with its keyboard shortcut, in one table: the menus are built from it, the help
 * dialog lists it, and one key filter on the scene runs it, ahead of whatever control has the focus (so the arrow
 * keys step the engine instead of moving a list's selection).
 */
public final class Shortcuts {
    /** A command: its menu label, its key and what it does. */
    public record Action(String label, KeyCombination key, Runnable run) {
        /** A menu item for the action, showing its key. */
        public MenuItem menuItem() {
            MenuItem m = new MenuItem(label);
            m.setAccelerator(key);
            m.setOnAction(e -> run.run());
            return m;
        }
    }

    private final List<Action> actions = new ArrayList<>();

    public Action add(String label, String key, Runnable run) {
        Action a = new Action(label, KeyCombination.keyCombination(key), run);
        actions.add(a);
        return a;
    }

    public List<Action> actions() {
        return actions;
    }

    /** Runs the matching action for every key press in the scene, unless the user is typing into a text field. */
    public void install(Scene scene) {
        EventHandler<KeyEvent> filter = e -> {
            if (e.getTarget() instanceof TextInputControl) {
                return;
            }
            for (Action a : actions) {
                if (a.key().match(e)) {
                    e.consume();
                    a.run().run();
                    return;
                }
            }
        };
        scene.addEventFilter(KeyEvent.KEY_PRESSED, filter);
    }

    /** The table of shortcuts as text, for the help dialog and the docs. */
    public String describe() {
        StringBuilder sb = new StringBuilder();
        for (Action a : actions) {
            sb.append(String.format("%-16s %s%n", a.key().getDisplayText(), a.label()));
        }
        return sb.toString();
    }
}
