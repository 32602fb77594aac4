package io.streamscope.app;

import io.streamscope.app.interview.StudyProgress;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import java.util.concurrent.TimeUnit;
import javafx.stage.Stage;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.util.WaitForAsyncUtils;

/**
 * What the interview-mode TestFX tests share: the app's main window, and study progress kept in a temporary
 * folder (through the progress-folder system property) so a test never touches the user's own progress.
 */
@ExtendWith(ApplicationExtension.class)
abstract class InterviewTestSupport {
    @TempDir
    static Path progressDir;
    private static String before;
    protected MainWindow window;

    @BeforeAll
    static void pointProgressAtTempDir() {
        before = System.getProperty(StudyProgress.DIR_PROPERTY);
        System.setProperty(StudyProgress.DIR_PROPERTY, progressDir.toString());
    }

    @AfterAll
    static void restoreProgressDir() {
        if (before == null) {
            System.clearProperty(StudyProgress.DIR_PROPERTY);
        } else {
            System.setProperty(StudyProgress.DIR_PROPERTY, before);
        }
    }

    /**
     * Opens the main window; each test class calls it from its own {@code @Start} method, because TestFX only
     * looks for {@code @Start} among the methods a test class declares itself.
     */
    protected void open(Stage stage) {
        window = new MainWindow(stage, AppPrefs.load());
        window.show();
    }

    /** Runs on the FX thread and waits for the result. */
    protected static <T> T fx(Callable<T> c) throws Exception {
        return WaitForAsyncUtils.asyncFx(c).get(10, TimeUnit.SECONDS);
    }
}
