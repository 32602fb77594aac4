package io.streamscope.app;

import java.nio.file.Path;
import java.util.List;
import javafx.application.Application;
import javafx.stage.Stage;

/**
 * The JavaFX application: opens the window, then the scenario named on the command line, else the last one
 * opened, else the one built in. Started by {@link AppLauncher}, never as the {@code java} main class.
 */
public final class StreamscopeApp extends Application {
    private MainWindow window;

    @Override
    public void start(Stage stage) {
        AppPrefs prefs = AppPrefs.load();
        window = new MainWindow(stage, prefs);
        window.show();
        List<String> args = getParameters().getRaw();
        if (!args.isEmpty()) {
            window.openFile(Path.of(args.get(0)), true);
        } else if (prefs.lastScenario() != null) {
            window.openFile(prefs.lastScenario(), true);
        } else {
            window.openDefault();
        }
    }

    @Override
    public void stop() {
        if (window != null) {
            window.close();
        }
    }
}
