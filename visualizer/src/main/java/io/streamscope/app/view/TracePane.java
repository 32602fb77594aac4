package io.streamscope.app.view;

import io.streamscope.app.Playback;
import io.streamscope.app.engine.Frame;
import io.streamscope.app.engine.Recording;
import io.streamscope.text.EventText;
import io.streamscope.text.TimeText;
import io.streamscope.trace.TraceEvent;
import java.util.Arrays;
import java.util.List;
import javafx.collections.ObservableListBase;
import javafx.geometry.Insets;
import javafx.scene.control.CheckBox;
import javafx.scene.control.Label;
import javafx.scene.control.ListCell;
import javafx.scene.control.ListView;
import javafx.scene.layout.BorderPane;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;

/**
 * The trace so far, one line per event in the command line's words ({@link EventText}), with the events of the
 * current step highlighted and the last run-until or breakpoint hit marked. The list is virtual: a run of a
 * million events costs only the visible rows. Double-clicking a line goes to the step that produced it.
 */
public final class TracePane extends BorderPane {
    private final Playback playback;
    private final ListView<Integer> list = new ListView<>();
    private final Lines lines = new Lines();
    private final CheckBox verbose = new CheckBox("every send, delivery, emit and timer");
    private final Label count = new Label();
    private Recording indexedFor;
    private boolean indexedVerbose;
    private int[] index = new int[0];

    /** The rows of the list: positions in the index of shown events, up to the current step. */
    private static final class Lines extends ObservableListBase<Integer> {
        private int size;

        @Override
        public Integer get(int i) {
            return i;
        }

        @Override
        public int size() {
            return size;
        }

        void resize(int n, boolean reset) {
            if (n == size && !reset) {
                return;
            }
            beginChange();
            if (reset) {
                nextRemove(0, new java.util.ArrayList<>(java.util.Collections.nCopies(size, 0)));
                size = n;
                if (n > 0) {
                    nextAdd(0, n);
                }
            } else if (n > size) {
                int old = size;
                size = n;
                nextAdd(old, n);
            } else {
                List<Integer> removed = new java.util.ArrayList<>(java.util.Collections.nCopies(size - n, 0));
                size = n;
                nextRemove(n, removed);
            }
            endChange();
        }
    }

    public TracePane(Playback playback) {
        this.playback = playback;
        list.setItems(lines);
        list.setFixedCellSize(19);
        list.setCellFactory(v -> new Cell());
        list.setOnMouseClicked(e -> {
            Integer i = list.getSelectionModel().getSelectedItem();
            if (e.getClickCount() == 2 && i != null && indexedFor != null && i < index.length) {
                playback.seek(indexedFor.stepOfEvent(index[i]));
            }
        });
        verbose.setOnAction(e -> refresh(true));
        Label title = new Label("Trace");
        title.getStyleClass().add("pane-title");
        HBox header = new HBox(10, title, count, verbose);
        HBox.setHgrow(count, Priority.ALWAYS);
        count.setMaxWidth(Double.MAX_VALUE);
        header.setPadding(new Insets(4, 6, 4, 6));
        setTop(header);
        setCenter(list);
        playback.panelFrameProperty().addListener(o -> refresh(false));
        playback.lastHitProperty().addListener(o -> list.refresh());
    }

    public ListView<Integer> list() {
        return list;
    }

    private void refresh(boolean reset) {
        Frame f = playback.panelFrameProperty().get();
        if (f == null) {
            return;
        }
        boolean rebuild = indexedFor != f.recording() || indexedVerbose != verbose.isSelected();
        if (rebuild) {
            buildIndex(f.recording(), verbose.isSelected());
        }
        int shown = countBelow(f.traceCount());
        lines.resize(shown, reset || rebuild);
        count.setText(f.traceCount() + " of " + f.recording().trace().size() + " events");
        list.refresh();
        scrollToEnd(shown);
        // the list may not have its final height yet (first frame, a resize): scroll again after layout
        javafx.application.Platform.runLater(() -> scrollToEnd(lines.size()));
    }

    /** Shows the last rows: the current step's events sit at the bottom, with the past above them. */
    private void scrollToEnd(int shown) {
        double h = list.getHeight() > 0 ? list.getHeight() : 300;
        int visible = Math.max(1, (int) ((h - 20) / list.getFixedCellSize()) - 1);
        list.scrollTo(Math.max(0, shown - visible));
    }

    private void buildIndex(Recording r, boolean all) {
        List<TraceEvent> trace = r.trace();
        int[] idx = new int[trace.size()];
        int n = 0;
        for (int i = 0; i < trace.size(); i++) {
            if (all || !EventText.isDetail(trace.get(i))) {
                idx[n++] = i;
            }
        }
        index = Arrays.copyOf(idx, n);
        indexedFor = r;
        indexedVerbose = all;
    }

    /** How many indexed events have seq below {@code traceCount}. */
    private int countBelow(int traceCount) {
        int lo = 0;
        int hi = index.length;
        while (lo < hi) {
            int mid = (lo + hi) >>> 1;
            if (index[mid] < traceCount) {
                lo = mid + 1;
            } else {
                hi = mid;
            }
        }
        return lo;
    }

    private final class Cell extends ListCell<Integer> {
        Cell() {
            // the fixed cell height leaves too little room under the default padding: underscores were clipped
            setStyle("-fx-padding: 1 6 1 6;");
        }

        @Override
        protected void updateItem(Integer item, boolean empty) {
            super.updateItem(item, empty);
            getStyleClass().removeAll("current-step", "hit");
            Frame f = playback.panelFrameProperty().get();
            if (empty || item == null || f == null || indexedFor != f.recording() || item >= index.length) {
                setText(null);
                return;
            }
            int seq = index[item];
            TraceEvent e = indexedFor.trace().get(seq);
            String what = TimeText.describe(e, true, indexedFor.processingTimeWindows());
            setText(String.format("%7d ms  %-14s %s", e.time(), e.subtask(), what));
            int stepStart = f.step() == 0 ? 0 : indexedFor.traceCountAt(f.step() - 1);
            if (playback.lastHitProperty().get() != null && playback.lastHitProperty().get().seq() == seq) {
                getStyleClass().add("hit");
            } else if (seq >= stepStart) {
                getStyleClass().add("current-step");
            }
        }
    }
}
