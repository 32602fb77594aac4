package io.streamscope.cli;

import io.streamscope.app.Screenshots;
import java.io.PrintStream;
import java.util.List;

/** {@code streamscope screenshots}: writes PNG screenshots of the real app, headless. */
final class ScreenshotsCommand implements Command {
    @Override
    public String name() {
        return "screenshots";
    }

    @Override
    public String summary() {
        return "write PNG screenshots of the desktop app at meaningful moments (no display needed)";
    }

    @Override
    public String help() {
        return """
                usage: streamscope screenshots [--out DIR] [--examples DIR]

                Starts the desktop app headless (Monocle, software rendering), drives it to meaningful moments of
                real runs (a window firing, a late firing, a late record, backpressure, an idle partition, the lane
                view...) and writes each as a PNG into DIR (default: screenshots). Then it measures the frame time
                of the job graph view with about 600 elements in flight and prints it.

                  --out DIR        where the PNG files go (default: screenshots)
                  --examples DIR   the example scenarios (default: the repository's examples folder)
                """;
    }

    @Override
    public int run(List<String> args, PrintStream out, PrintStream err) {
        return Screenshots.run(args, out, err);
    }
}
