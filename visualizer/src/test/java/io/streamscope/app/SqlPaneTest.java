package io.streamscope.app;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.TimeUnit;
import javafx.stage.Stage;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;
import org.testfx.util.WaitForAsyncUtils;

/** The SQL pane over the F1 lesson: the seed's materialized table, its rows and its committed changelog. */
@ExtendWith(ApplicationExtension.class)
class SqlPaneTest {
    private MainWindow window;

    @Start
    void start(Stage stage) {
        window = new MainWindow(stage, AppPrefs.load());
        window.show();
    }

    private static <T> T fx(Callable<T> c) throws Exception {
        return WaitForAsyncUtils.asyncFx(c).get(10, TimeUnit.SECONDS);
    }

    @Test
    void runsStatementsAndShowsTheMaterializedTable() throws Exception {
        fx(() -> {
            window.openLesson("f1-materialized-tables");
            return null;
        });
        WaitForAsyncUtils.waitFor(30, TimeUnit.SECONDS, () -> fx(() -> window.playback().isIdle()
                && window.playback().recording() != null
                && window.playback().recording().scenario().path() != null));
        fx(() -> {
            window.openSql();
            window.sqlPane().setStatements("ADVANCE TO END;\nSELECT * FROM user_metrics;");
            window.sqlPane().run();
            return null;
        });
        WaitForAsyncUtils.waitFor(30, TimeUnit.SECONDS, () -> fx(() -> !window.sqlPane().isBusy()
                && window.sqlPane().last() != null));
        SqlPane.Snapshot s = fx(() -> window.sqlPane().last());
        assertThat(s.messages()).noneMatch(m -> m.startsWith("error"));
        assertThat(s.now()).isEqualTo(360_004);
        // src-docs/materialized-tables.md shows this run: 10 committed changes, the first +I written at 1 ms and
        // visible at the first checkpoint, 180004 ms
        SqlPane.TextTable log = s.tables().get(1);
        assertThat(log.caption()).isEqualTo("user_metrics changelog, as committed (10 rows)");
        assertThat(log.rows().get(0).subList(0, 4)).isEqualTo(List.of("1", "180004", "+I", "1"));
        assertThat(s.tables().get(0).caption()).startsWith("user_metrics at 360004 ms: CONTINUOUS");
        assertThat(s.results()).isNotEmpty();

        // a second materialized table typed in the pane: its refresh job joins the scenario's job in the main window
        fx(() -> {
            window.sqlPane().setStatements("CREATE MATERIALIZED TABLE per_user AS SELECT user_id, COUNT(*) AS n"
                    + " FROM kafka_events GROUP BY user_id;");
            window.sqlPane().showRefreshJobs();
            return null;
        });
        WaitForAsyncUtils.waitFor(30, TimeUnit.SECONDS, () -> fx(() -> !window.sqlPane().isBusy()
                && window.playback().isIdle() && window.playback().recording() != null
                && window.playback().recording().scenario().path() == null));
        var opened = fx(() -> window.playback().recording().scenario());
        assertThat(opened.displayName()).isEqualTo("scenario.json with the SQL pane's statements");
        // the lesson's .sql file is one script; the pane's statement comes after it
        assertThat(opened.scenario().sql()).hasSize(2);
        assertThat(opened.scenario().sql().get(1)).startsWith("CREATE MATERIALIZED TABLE per_user AS");
        assertThat(fx(() -> window.playback().frame().view().subtasks()))
                .anyMatch(st -> st.task().equals("GroupAggregate-2 -> per_user"));
        fx(() -> {
            window.sqlStage().hide();
            return null;
        });
    }
}
