package io.streamscope.app;

import javafx.beans.property.ObjectProperty;
import javafx.beans.property.SimpleObjectProperty;

/** What the user selected: a subtask (the inspector shows it) and possibly a channel; ids as the view names them. */
public final class Selection {
    private final ObjectProperty<String> subtask = new SimpleObjectProperty<>(this, "subtask");
    private final ObjectProperty<String> channel = new SimpleObjectProperty<>(this, "channel");

    public ObjectProperty<String> subtaskProperty() {
        return subtask;
    }

    public ObjectProperty<String> channelProperty() {
        return channel;
    }

    public String subtask() {
        return subtask.get();
    }

    public void selectSubtask(String id) {
        subtask.set(id);
    }
}
