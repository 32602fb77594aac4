package io.streamscope.app;

import io.streamscope.data.Row;
import io.streamscope.scenario.LoadedScenario;
import io.streamscope.sql.Column;
import io.streamscope.sql.MaterializedTable;
import io.streamscope.sql.MaterializedTableSession;
import io.streamscope.sql.SqlException;
import io.streamscope.sql.StatementResult;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.function.Consumer;
import javafx.application.Platform;
import javafx.geometry.Insets;
import javafx.geometry.Orientation;
import javafx.scene.Node;
import javafx.scene.control.Button;
import javafx.scene.control.Label;
import javafx.scene.control.ScrollPane;
import javafx.scene.control.SplitPane;
import javafx.scene.control.TextArea;
import javafx.scene.layout.BorderPane;
import javafx.scene.layout.GridPane;
import javafx.scene.layout.HBox;
import javafx.scene.layout.VBox;

/**
 * The SQL pane: statements typed against a {@link MaterializedTableSession} over the open scenario's topics, with
 * each statement's result (message, rows, changelog) and every materialized table as it is now: its rows with their
 * staleness and its committed changelog. Statements and clock moves run on a thread of their own; the UI gets
 * plain-text snapshots back, so it never waits and never reads the session while it changes.
 */
public final class SqlPane extends BorderPane {
    /** A table as text: a caption, a header and rows, built off the UI thread. */
    public record TextTable(String caption, List<String> header, List<List<String>> rows) {
    }

    /** What the UI shows after a request: the statements' results and the materialized tables at the session's time. */
    public record Snapshot(long now, List<String> messages, List<TextTable> results, List<TextTable> tables) {
    }

    private final ExecutorService thread = Executors.newSingleThreadExecutor(r -> {
        Thread t = new Thread(r, "streamscope-sql");
        t.setDaemon(true);
        return t;
    });
    private final TextArea input = new TextArea();
    private final VBox results = new VBox(8);
    private final VBox tables = new VBox(8);
    private final Label status = new Label();
    private LoadedScenario scenario;
    private String scenarioName;
    private java.nio.file.Path scenarioFile;
    private Consumer<io.streamscope.app.engine.OpenedScenario> jobOpener = s -> { };
    private MaterializedTableSession session;
    private Snapshot last;
    private boolean busy;

    public SqlPane() {
        input.setId("sql-input");
        input.setStyle("-fx-font-family: 'DejaVu Sans Mono'; -fx-font-size: 12px;");
        input.setPrefRowCount(8);
        input.setText("SHOW TABLES;");
        Button run = new Button("Run statements");
        run.setId("sql-run");
        run.setOnAction(e -> submit(s -> s.execute(input.getText())));
        Button minute = new Button("Advance 1 min");
        minute.setOnAction(e -> submit(s -> {
            s.advanceBy(60_000);
            return List.of();
        }));
        Button end = new Button("Advance to end");
        end.setId("sql-end");
        end.setOnAction(e -> submit(s -> {
            s.runToEnd();
            return List.of();
        }));
        Button fresh = new Button("New session");
        fresh.setOnAction(e -> {
            session = null;
            submit(s -> List.of());
        });
        status.setId("sql-status");
        status.getStyleClass().add("hint");
        Button graph = new Button("Show the refresh jobs in the main window");
        graph.setId("sql-graph");
        graph.setOnAction(e -> showRefreshJobs());
        HBox bar = new HBox(8, run, minute, end, fresh, graph, status);
        bar.setPadding(new Insets(6, 0, 6, 0));
        Label l = new Label("SQL statements (Flink SQL subset; see src-docs/materialized-tables.md)");
        l.getStyleClass().add("pane-title");
        VBox top = new VBox(4, l, input, bar);
        top.setPadding(new Insets(8));

        results.setPadding(new Insets(8));
        results.setId("sql-results");
        tables.setPadding(new Insets(8));
        tables.setId("sql-tables");
        ScrollPane rs = new ScrollPane(results);
        rs.setFitToWidth(true);
        ScrollPane ts = new ScrollPane(tables);
        ts.setFitToWidth(true);
        SplitPane bottom = new SplitPane(rs, ts);
        bottom.setOrientation(Orientation.HORIZONTAL);
        SplitPane all = new SplitPane(top, bottom);
        all.setOrientation(Orientation.VERTICAL);
        all.setDividerPositions(0.24);
        setCenter(all);
    }

    /** What "Show the refresh jobs" does with the scenario it builds: the main window opens it. */
    public void setJobOpener(Consumer<io.streamscope.app.engine.OpenedScenario> opener) {
        this.jobOpener = opener;
    }

    /**
     * Builds a scenario from the open scenario's file with its "sql" field replaced by its own statements plus the
     * CREATE TABLE, CREATE MATERIALIZED TABLE and SET statements of the text area: the scenario loader compiles
     * their continuous refresh jobs into the scenario's job, which the main window then animates.
     */
    public void showRefreshJobs() {
        if (scenario == null || busy) {
            return;
        }
        if (scenarioFile == null) {
            status.setText("the open scenario has no file to build on (open a scenario file or a lesson)");
            return;
        }
        busy = true;
        status.setText("compiling the refresh jobs…");
        java.nio.file.Path file = scenarioFile;
        List<String> own = scenario.sql();
        String text = input.getText();
        thread.execute(() -> {
            io.streamscope.app.engine.OpenedScenario built = null;
            String problem = null;
            try {
                List<String> statements = new ArrayList<>(own);
                for (io.streamscope.sql.Ast.Parsed p : io.streamscope.sql.Parser.parseScript(text)) {
                    if (p.statement() instanceof io.streamscope.sql.Ast.CreateTable
                            || p.statement() instanceof io.streamscope.sql.Ast.CreateMaterializedTable
                            || p.statement() instanceof io.streamscope.sql.Ast.SetOption) {
                        statements.add(p.text());
                    }
                }
                com.fasterxml.jackson.databind.ObjectMapper m = new com.fasterxml.jackson.databind.ObjectMapper();
                com.fasterxml.jackson.databind.node.ObjectNode root =
                        (com.fasterxml.jackson.databind.node.ObjectNode) m.readTree(file.toFile());
                com.fasterxml.jackson.databind.node.ArrayNode sql = root.putArray("sql");
                statements.forEach(sql::add);
                String name = file.getFileName() + " with the SQL pane's statements";
                built = new io.streamscope.app.engine.OpenedScenario(name, null,
                        io.streamscope.scenario.ScenarioLoader.load(name, m.writeValueAsString(root)));
            } catch (SqlException e) {
                problem = "error: line " + e.line() + ", column " + e.column() + ": " + e.problem();
            } catch (io.streamscope.scenario.ScenarioException e) {
                problem = "error: " + e.jsonPath() + ": " + e.problem();
            } catch (java.io.IOException | RuntimeException e) {
                problem = "error: " + e.getMessage();
            }
            io.streamscope.app.engine.OpenedScenario done = built;
            String p = problem;
            Platform.runLater(() -> {
                busy = false;
                if (done != null) {
                    status.setText("the main window shows the refresh jobs: " + done.scenario().sql().size()
                            + " statements");
                    jobOpener.accept(done);
                } else {
                    status.setText(p);
                }
            });
        });
    }

    /** The scenario whose topics the session reads (and its file, or null); a new one starts a new session. */
    public void setScenario(String name, java.nio.file.Path file, LoadedScenario s) {
        if (s != scenario) {
            scenario = s;
            scenarioFile = file;
            scenarioName = name;
            session = null;
            status.setText("topics of " + name + "; the session starts at the first statement");
        }
    }

    public void setStatements(String sql) {
        input.setText(sql);
    }

    /** Runs the statements in the text area (the Run button). */
    public void run() {
        submit(s -> s.execute(input.getText()));
    }

    public void runToEnd() {
        submit(s -> {
            s.runToEnd();
            return List.of();
        });
    }

    /** The last snapshot shown, for tests. */
    public Snapshot last() {
        return last;
    }

    public boolean isBusy() {
        return busy;
    }

    /** A request on the session, run on the SQL thread. */
    private interface Request {
        List<StatementResult> apply(MaterializedTableSession s) throws SqlException;
    }

    private void submit(Request r) {
        if (scenario == null || busy) {
            return;
        }
        busy = true;
        status.setText("running…");
        LoadedScenario sc = scenario;
        MaterializedTableSession current = session;
        thread.execute(() -> {
            List<String> messages = new ArrayList<>();
            List<TextTable> out = new ArrayList<>();
            MaterializedTableSession s = current;
            try {
                if (s == null) {
                    s = MaterializedTableSession.forScenario(sc);
                    messages.add("new session over the topics of " + scenarioName);
                }
                for (StatementResult res : r.apply(s)) {
                    describe(res, messages, out);
                }
            } catch (SqlException e) {
                messages.add("error: line " + e.line() + ", column " + e.column() + ": " + e.problem());
            } catch (RuntimeException e) {
                messages.add("error: " + e.getMessage());
            }
            MaterializedTableSession done = s;
            Snapshot snap = done == null ? new Snapshot(0, messages, out, List.of())
                    : new Snapshot(done.now(), messages, out, materialized(done));
            Platform.runLater(() -> {
                busy = false;
                if (done != null && scenario == sc) {
                    session = done;
                }
                show(snap);
            });
        });
    }

    private static void describe(StatementResult res, List<String> messages, List<TextTable> out) {
        if (res instanceof StatementResult.Ok ok) {
            messages.add("[" + ok.time() + " ms] " + ok.message());
        } else if (res instanceof StatementResult.Rows rows) {
            messages.add("[" + rows.time() + " ms] " + firstLine(rows.text()) + (rows.note() == null ? ""
                    : " — " + rows.note()));
            List<String> header = new ArrayList<>();
            for (Column c : rows.columns()) {
                header.add(c.name());
            }
            out.add(new TextTable("result of " + firstLine(rows.text()) + " (" + rows.rows().size() + " rows)",
                    header, values(rows.rows(), header)));
            if (!rows.changelog().equals(rows.rows())) {
                List<String> h = new ArrayList<>();
                h.add("op");
                h.addAll(header);
                out.add(new TextTable("its changelog (" + rows.changelog().size() + " rows)", h,
                        values(rows.changelog(), h)));
            }
        }
    }

    private static List<TextTable> materialized(MaterializedTableSession s) {
        List<TextTable> out = new ArrayList<>();
        for (MaterializedTable t : s.materializedTables()) {
            List<String> header = new ArrayList<>();
            for (Column c : t.columns()) {
                header.add(c.name());
            }
            List<List<String>> rows = new ArrayList<>();
            for (MaterializedTable.TableRow r : t.rows(s.now())) {
                List<String> v = cells(r.values(), header);
                v.add(r.committedAt() + " ms");
                v.add(r.staleness() + " ms");
                rows.add(v);
            }
            List<String> h = new ArrayList<>(header);
            h.add("visible since");
            h.add("staleness");
            out.add(new TextTable(t.name() + " at " + s.now() + " ms: " + t.refreshMode() + ", freshness "
                    + t.freshness() + ", " + t.status() + ", " + s.uncommittedChanges(t.name())
                    + " changes not committed yet", h, rows));
            List<List<String>> log = new ArrayList<>();
            for (MaterializedTable.Change c : t.changelog()) {
                List<String> v = new ArrayList<>();
                v.add(c.writtenAt() + "");
                v.add(c.committedAt() + "");
                v.add(c.kind().shortString());
                v.addAll(cells(c.row(), header));
                log.add(v);
            }
            List<String> lh = new ArrayList<>(List.of("written", "visible", "op"));
            lh.addAll(header);
            out.add(new TextTable(t.name() + " changelog, as committed (" + log.size() + " rows)", lh, log));
        }
        return out;
    }

    private static List<List<String>> values(List<Row> rows, List<String> header) {
        List<List<String>> out = new ArrayList<>();
        for (Row r : rows) {
            out.add(cells(r, header));
        }
        return out;
    }

    private static List<String> cells(Row r, List<String> header) {
        List<String> v = new ArrayList<>();
        for (String h : header) {
            v.add(r.has(h) ? String.valueOf(r.get(h)) : "");
        }
        return v;
    }

    private static String firstLine(String s) {
        String t = s.strip();
        int nl = t.indexOf('\n');
        return nl < 0 ? t : t.substring(0, nl) + " …";
    }

    private void show(Snapshot s) {
        last = s;
        status.setText("session time " + s.now() + " ms");
        results.getChildren().clear();
        for (String m : s.messages()) {
            Label l = new Label(m);
            l.setWrapText(true);
            l.setStyle(m.startsWith("error") ? "-fx-text-fill: #C62828; -fx-font-weight: bold;" : "");
            results.getChildren().add(l);
        }
        for (TextTable t : s.results()) {
            results.getChildren().add(grid(t));
        }
        tables.getChildren().clear();
        Label h = new Label(s.tables().isEmpty() ? "No materialized table yet" : "Materialized tables");
        h.getStyleClass().add("pane-title");
        tables.getChildren().add(h);
        for (TextTable t : s.tables()) {
            tables.getChildren().add(grid(t));
        }
    }

    private static Node grid(TextTable t) {
        GridPane g = new GridPane();
        g.setHgap(12);
        g.setVgap(2);
        for (int c = 0; c < t.header().size(); c++) {
            Label l = new Label(t.header().get(c));
            l.setStyle("-fx-font-weight: bold; -fx-font-family: 'DejaVu Sans Mono'; -fx-font-size: 11px;");
            g.add(l, c, 0);
        }
        for (int r = 0; r < t.rows().size(); r++) {
            List<String> row = t.rows().get(r);
            for (int c = 0; c < row.size(); c++) {
                Label l = new Label(row.get(c));
                l.setStyle("-fx-font-family: 'DejaVu Sans Mono'; -fx-font-size: 11px;");
                g.add(l, c, r + 1);
            }
        }
        Label caption = new Label(t.caption());
        caption.getStyleClass().add("section-title");
        caption.setWrapText(true);
        return new VBox(2, caption, g);
    }

    public void close() {
        thread.shutdownNow();
    }
}
