package io.streamscope.cli;

import io.streamscope.app.AppLauncher;
import java.io.PrintStream;
import java.util.List;

/** {@code streamscope app [SCENARIO]} (and {@code streamscope} alone): opens the desktop app. */
final class AppCommand implements Command {
    @Override
    public String name() {
        return "app";
    }

    @Override
    public String summary() {
        return "open the desktop app (what `streamscope` alone does)";
    }

    @Override
    public String help() {
        return """
                usage: streamscope [app [SCENARIO]]

                Opens the desktop app: the job graph with records, watermarks and buffers moving through it, the
                timeline, the lane view, the inspector and the sinks, with play, pause, step, step back, run-until
                and breakpoints. It opens SCENARIO if given, else the last scenario opened, else the built-in one.
                A broken scenario file shows a dialog with the precise error. F1 in the app lists the shortcuts.

                It needs a desktop: on Linux, GTK 3 (e.g. apt-get install libgtk-3-0).
                """;
    }

    @Override
    public int run(List<String> args, PrintStream out, PrintStream err) throws Exception {
        if (args.size() > 1) {
            throw new UsageException("app takes at most one scenario file, got " + args);
        }
        out.flush();
        AppLauncher.launch(args.toArray(new String[0]));
        return Main.OK;
    }
}
