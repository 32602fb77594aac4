package io.streamscope.app;

import static org.assertj.core.api.Assertions.assertThat;

import io.streamscope.app.engine.StopCondition;
import io.streamscope.app.view.GraphView;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.TimeUnit;
import javafx.stage.Stage;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;
import org.testfx.util.WaitForAsyncUtils;

/**
 * The lessons' key moments read cleanly in the running app: the status line writes event time as clock times,
 * the job graph's channel labels do not overlap and say watermarks in event time, and the timeline's event-time
 * axis fits the data shown instead of the whole run or a processing-time window.
 */
@ExtendWith(ApplicationExtension.class)
class ReadableViewsTest {
    private static final long T10 = 36_000_000;
    private static final long MIN = 60_000;
    private MainWindow window;

    @Start
    void start(Stage stage) {
        window = new MainWindow(stage, AppPrefs.load());
        window.show();
    }

    private static <T> T fx(Callable<T> c) throws Exception {
        return WaitForAsyncUtils.asyncFx(c).get(10, TimeUnit.SECONDS);
    }

    private void open(String lesson) throws Exception {
        fx(() -> {
            window.openFile(Path.of("..", "lessons", lesson, "scenario.json"), false);
            return null;
        });
        awaitIdle();
    }

    private void awaitIdle() throws Exception {
        WaitForAsyncUtils.waitFor(20, TimeUnit.SECONDS,
                () -> fx(() -> window.playback().isIdle() && window.playback().frame() != null));
        WaitForAsyncUtils.waitForFxEvents();
    }

    private void act(Runnable r) throws Exception {
        fx(() -> {
            r.run();
            return null;
        });
        awaitIdle();
    }

    /** The status line without record contents (JSON keeps its raw fields) has no epoch-sized number left. */
    private static void assertNoRawEventTime(String status) {
        assertThat(status.replaceAll("\\{[^}]*\\}", "{}")).doesNotContainPattern("\\d{7,}");
    }

    @Test
    void theStatusLineWritesEventTimeAsTheTraceListDoes() throws Exception {
        open("e1-pipeline");
        act(() -> window.playback().runUntil(StopCondition.LATE_RECORD));
        String stopped = fx(() -> window.playback().statusProperty().get());
        assertThat(stopped).contains("late record").contains("(timestamp 10:01, watermark 10:07:29.999)")
                .contains("(at 10001 ms)");
        assertNoRawEventTime(stopped);
        // the step summary after a plain step says it the same way; processing time stays in ms
        long step = fx(() -> window.playback().frame().step());
        act(() -> window.playback().seek(step - 1));
        act(() -> window.playback().stepForward());
        String summary = fx(() -> window.playback().statusProperty().get());
        assertThat(summary).startsWith("step " + step + " at 10001 ms: ").contains("timestamp 10:01");
        assertNoRawEventTime(summary);
        // the timeline's event-time axis fits the clicks read so far (10:00 .. 10:10), not the later 10:45 ones
        double[] range = fx(() -> {
            window.timeline().redraw();
            return window.timeline().lastRange();
        });
        assertThat(range[1]).isGreaterThan(T10 + 10 * MIN).isLessThan(T10 + 15 * MIN);
        assertThat(fx(() -> window.timeline().drawnLabels())).contains("late → late-clicks");
    }

    @Test
    void channelLabelsDoNotOverlapAndWriteWatermarksInEventTime() throws Exception {
        open("e1-rescaling");
        // the moment of the lesson's screenshot: the last watermarks, MAX and end-of-input crowd the channels
        act(() -> window.playback().seek(143));
        List<GraphView.Tag> tags = fx(() -> {
            window.graph().redraw();
            return window.graph().drawnTags();
        });
        assertThat(tags).extracting(GraphView.Tag::text).contains("W 10:01:09.999", "W MAX", "end")
                .noneMatch(t -> t.matches(".*\\d{7,}.*"));
        for (int i = 0; i < tags.size(); i++) {
            for (int j = i + 1; j < tags.size(); j++) {
                double[] a = tags.get(i).box();
                double[] b = tags.get(j).box();
                boolean apart = a[0] + a[2] <= b[0] || b[0] + b[2] <= a[0] || a[1] + a[3] <= b[1]
                        || b[1] + b[3] <= a[1];
                assertThat(apart).as("%s and %s", tags.get(i).text(), tags.get(j).text()).isTrue();
            }
        }
    }

    @Test
    void processingTimeWindowsStayOffTheEventTimeAxis() throws Exception {
        open("a1-latency-floor");
        act(() -> window.playback().toEnd());
        double[] range = fx(() -> {
            window.timeline().redraw();
            return window.timeline().lastRange();
        });
        // the orders' event times are 10:00:00.100 .. 10:00:02.300; the windows [0, 1000) ... are processing time
        assertThat(range[0]).isGreaterThan(T10 - 1000);
        assertThat(range[1]).isLessThan(T10 + 3000);
        assertThat(fx(() -> window.timeline().drawnLabels())).anyMatch(l -> l.startsWith("[0, 1000)"));
    }
}
