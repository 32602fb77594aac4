package io.streamscope.app;

import javafx.application.Application;

/**
 * Starts the desktop app: {@code streamscope} or {@code streamscope app [SCENARIO]}. A separate class because a
 * main class that extends Application fails on the class path with "JavaFX runtime components are missing".
 */
public final class AppLauncher {
    private AppLauncher() {
    }

    public static void main(String[] args) {
        launch(args);
    }

    /** Opens the window and returns when it is closed. */
    public static void launch(String[] args) {
        Application.launch(StreamscopeApp.class, args);
    }
}
