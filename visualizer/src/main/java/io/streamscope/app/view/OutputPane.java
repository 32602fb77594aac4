package io.streamscope.app.view;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.streamscope.app.Playback;
import io.streamscope.app.engine.Frame;
import io.streamscope.trace.TraceEvent;
import io.streamscope.view.EngineView;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.geometry.Insets;
import javafx.scene.control.Label;
import javafx.scene.control.ScrollPane;
import javafx.scene.control.TableColumn;
import javafx.scene.control.TableRow;
import javafx.scene.control.TableView;
import javafx.scene.layout.VBox;

/**
 * The sinks' tables at the current step: one table per sink, a column per field, with the time and subtask of
 * each receipt from the trace. A row received more than once is highlighted: what an at-least-once sink shows
 * after a recovery replays records.
 */
public final class OutputPane extends ScrollPane {
    private static final ObjectMapper JSON = new ObjectMapper();
    private final Playback playback;
    private final VBox box = new VBox(8);
    private final Map<String, SinkTableView> tables = new HashMap<>();
    private Object builtFor;

    /** One sink's table; rows are the received records, split into fields. */
    private static final class SinkTableView extends VBox {
        final Label title = new Label();
        final TableView<String[]> table = new TableView<>();
        List<String> columns = List.of();
        int rowsShown = -1;

        SinkTableView(String name) {
            title.getStyleClass().add("section-title");
            table.setFixedCellSize(22);
            table.setPlaceholder(new Label("nothing received yet"));
            table.setRowFactory(t -> new TableRow<>() {
                @Override
                protected void updateItem(String[] item, boolean empty) {
                    super.updateItem(item, empty);
                    getStyleClass().remove("duplicate");
                    if (!empty && item != null && "dup".equals(item[item.length - 1])) {
                        getStyleClass().add("duplicate");
                    }
                }
            });
            getChildren().addAll(title, table);
            setSpacing(4);
        }
    }

    public OutputPane(Playback playback) {
        this.playback = playback;
        box.setPadding(new Insets(8));
        setContent(box);
        setFitToWidth(true);
        playback.panelFrameProperty().addListener(o -> refresh());
        // a hidden tab is not kept up to date while playing; it catches up when shown
        visibleProperty().addListener(o -> refresh());
    }

    /** The rows of a sink's table as shown, for tests. */
    public List<String[]> rows(String sink) {
        SinkTableView t = tables.get(sink);
        return t == null ? List.of() : new ArrayList<>(t.table.getItems());
    }

    private void refresh() {
        Frame f = playback.panelFrameProperty().get();
        if (f == null || !isVisible()) {
            return;
        }
        if (builtFor != f.recording()) {
            builtFor = f.recording();
            tables.clear();
            box.getChildren().clear();
            Label title = new Label("Sinks");
            title.getStyleClass().add("pane-title");
            box.getChildren().add(title);
            for (EngineView.SinkView s : f.view().sinks()) {
                SinkTableView t = new SinkTableView(s.name());
                tables.put(s.name(), t);
                box.getChildren().add(t);
            }
        }
        Map<String, List<TraceEvent.SinkReceived>> receipts = null;
        for (EngineView.SinkView s : f.view().sinks()) {
            SinkTableView t = tables.get(s.name());
            if (t == null || t.rowsShown == s.records().size()) {
                continue;
            }
            if (receipts == null) {
                receipts = receipts(f);
            }
            fill(t, s, receipts.getOrDefault(s.name(), List.of()));
        }
    }

    private static Map<String, List<TraceEvent.SinkReceived>> receipts(Frame f) {
        Map<String, List<TraceEvent.SinkReceived>> out = new HashMap<>();
        List<TraceEvent> trace = f.recording().trace();
        for (int i = 0; i < f.traceCount(); i++) {
            if (trace.get(i) instanceof TraceEvent.SinkReceived r) {
                out.computeIfAbsent(r.sink(), k -> new ArrayList<>()).add(r);
            }
        }
        return out;
    }

    private static void fill(SinkTableView t, EngineView.SinkView sink, List<TraceEvent.SinkReceived> receipts) {
        Set<String> fields = new LinkedHashSet<>();
        List<JsonNode> nodes = new ArrayList<>();
        for (String r : sink.records()) {
            JsonNode n = parse(r);
            nodes.add(n);
            if (n != null && n.isObject()) {
                n.fieldNames().forEachRemaining(fields::add);
            }
        }
        List<String> columns = new ArrayList<>();
        columns.add("#");
        columns.add("time");
        columns.add("subtask");
        columns.addAll(fields.isEmpty() ? List.of("record") : fields);
        if (!columns.equals(t.columns)) {
            t.table.getColumns().clear();
            for (int i = 0; i < columns.size(); i++) {
                int col = i;
                TableColumn<String[], String> c = new TableColumn<>(columns.get(i));
                c.setSortable(false);
                c.setCellValueFactory(r -> new ReadOnlyStringWrapper(r.getValue()[col]));
                t.table.getColumns().add(c);
            }
            t.columns = columns;
        }
        Map<String, Integer> seen = new HashMap<>();
        for (String r : sink.records()) {
            seen.merge(r, 1, Integer::sum);
        }
        List<String[]> rows = new ArrayList<>();
        int dups = 0;
        for (int i = 0; i < sink.records().size(); i++) {
            String[] row = new String[columns.size() + 1];
            row[0] = String.valueOf(i + 1);
            TraceEvent.SinkReceived r = i < receipts.size() ? receipts.get(i) : null;
            row[1] = r == null ? "" : r.time() + " ms";
            row[2] = r == null ? "" : r.subtask();
            JsonNode n = nodes.get(i);
            if (fields.isEmpty()) {
                row[3] = sink.records().get(i);
            } else {
                int c = 3;
                for (String field : fields) {
                    JsonNode v = n == null ? null : n.get(field);
                    row[c++] = v == null ? "" : v.isTextual() ? v.asText() : v.toString();
                }
            }
            boolean dup = seen.get(sink.records().get(i)) > 1;
            dups += dup ? 1 : 0;
            row[columns.size()] = dup ? "dup" : "";
            rows.add(row);
        }
        t.table.getItems().setAll(rows);
        t.rowsShown = sink.records().size();
        t.title.setText("sink \"" + sink.name() + "\" · " + rows.size() + " record" + (rows.size() == 1 ? "" : "s")
                + (dups > 0 ? " · " + dups + " rows received more than once (highlighted)" : ""));
        double h = 22 * (Math.max(1, Math.min(12, rows.size())) + 1) + 4;
        t.table.setPrefHeight(h);
        t.table.setMinHeight(h);
        t.table.setMaxHeight(h);
        if (!rows.isEmpty()) {
            t.table.scrollTo(rows.size() - 1);
        }
    }

    private static JsonNode parse(String json) {
        try {
            return JSON.readTree(json);
        } catch (java.io.IOException e) {
            return null;
        }
    }

}
