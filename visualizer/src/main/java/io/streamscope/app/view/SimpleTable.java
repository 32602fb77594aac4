package io.streamscope.app.view;

import java.util.List;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.collections.FXCollections;
import javafx.scene.control.Label;
import javafx.scene.control.TableColumn;
import javafx.scene.control.TableView;

/**
 * A read-only table of text rows with fixed columns, sized to its rows so that several can sit one under the
 * other in a scrolling panel.
 */
final class SimpleTable extends TableView<String[]> {
    private static final double ROW_H = 22;
    private final int maxVisibleRows;

    SimpleTable(String empty, int maxVisibleRows, String... headers) {
        this.maxVisibleRows = maxVisibleRows;
        setFixedCellSize(ROW_H);
        setColumnResizePolicy(TableView.CONSTRAINED_RESIZE_POLICY_FLEX_LAST_COLUMN);
        setPlaceholder(new Label(empty));
        for (int i = 0; i < headers.length; i++) {
            int col = i;
            // "name:width" gives a column its preferred width; the last column takes what is left
            String[] hw = headers[i].split(":");
            TableColumn<String[], String> c = new TableColumn<>(hw[0]);
            if (hw.length > 1) {
                c.setPrefWidth(Double.parseDouble(hw[1]));
                c.setMinWidth(Math.min(40, Double.parseDouble(hw[1])));
            }
            c.setCellValueFactory(r -> new ReadOnlyStringWrapper(col < r.getValue().length ? r.getValue()[col] : ""));
            c.setSortable(false);
            getColumns().add(c);
        }
        setRows(List.of());
    }

    void setRows(List<String[]> rows) {
        if (!sameRows(rows)) {
            getItems().setAll(FXCollections.observableArrayList(rows));
        }
        int visible = Math.max(1, Math.min(maxVisibleRows, rows.size()));
        double h = ROW_H * (visible + 1) + 4;
        setPrefHeight(h);
        setMinHeight(h);
        setMaxHeight(h);
    }

    private boolean sameRows(List<String[]> rows) {
        if (rows.size() != getItems().size()) {
            return false;
        }
        for (int i = 0; i < rows.size(); i++) {
            if (!java.util.Arrays.equals(rows.get(i), getItems().get(i))) {
                return false;
            }
        }
        return true;
    }
}
