package io.streamscope.cli;

import io.streamscope.lesson.ContentException;
import io.streamscope.lesson.Cue;
import io.streamscope.lesson.CueMatcher;
import io.streamscope.lesson.Lesson;
import io.streamscope.lesson.LessonLoader;
import io.streamscope.scenario.LoadedScenario;
import io.streamscope.scenario.ScenarioException;
import io.streamscope.scenario.ScenarioLoader;
import io.streamscope.sim.Simulation;
import io.streamscope.trace.TraceEvent;
import io.streamscope.view.EngineView;
import java.io.PrintStream;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * {@code streamscope lesson [ID]}: lists the lessons, or plays one in the terminal: runs its scenario and
 * prints each cue's narration at the trace event it is tied to, with that event's log line.
 */
final class LessonCommand implements Command {
    /** Width of the narration text. */
    private static final int WIDTH = 96;

    @Override
    public String name() {
        return "lesson";
    }

    @Override
    public String summary() {
        return "list the lessons, or play one: its scenario with narration at the right events";
    }

    @Override
    public String help() {
        return """
                usage: streamscope lesson [ID] [--dir DIR] [--log] [--epoch-ms]

                Without ID, lists the lessons (id, level, title; pending ones say what they wait for).
                With ID, plays the lesson: runs its scenario on the virtual clock and prints, at each
                narration cue, the trace event the cue is tied to (its log line) and then the narration.
                Log lines write event times as clock times (10:00:59.999), as the narration does.
                A pending lesson (one that needs engine features not built yet) prints its text only.

                options:
                  --dir DIR  the lessons folder (default: ./lessons, else the lessons/ folder of the
                             Streamscope checkout this command runs from)
                  --log      also print every log line of the run between the cues
                  --epoch-ms write event times in log lines as epoch milliseconds (36059999), as
                             Flink's logs and metrics show them
                  --help     show this help

                exit codes: 0 ok; 1 a cue matched no event of the run (a broken lesson);
                            2 unknown lesson, bad arguments, or a mistake in a lesson or scenario file
                """;
    }

    @Override
    public int run(List<String> argList, PrintStream out, PrintStream err) throws Exception {
        Args args = Args.parse("lesson", argList, Set.of("--dir"), Set.of("--log", "--epoch-ms"));
        if (args.positionals().size() > 1) {
            throw new UsageException("lesson takes at most one lesson id, got " + args.positionals());
        }
        Path dir = args.has("--dir") ? Path.of(args.get("--dir")) : defaultDir();
        if (dir == null || !Files.isDirectory(dir)) {
            err.println("error: " + (dir == null ? "no lessons folder found" : dir + ": no such folder")
                    + "; give it with --dir DIR");
            return Main.USAGE;
        }
        List<Lesson> lessons;
        try {
            lessons = LessonLoader.loadAll(dir);
        } catch (ContentException e) {
            err.println("error: " + e.getMessage());
            return Main.USAGE;
        }
        if (args.positionals().isEmpty()) {
            list(lessons, out);
            return Main.OK;
        }
        String id = args.positionals().get(0);
        for (Lesson l : lessons) {
            if (l.id().equals(id)) {
                return play(l, args.has("--log"), args.has("--epoch-ms"), out, err);
            }
        }
        List<String> ids = new ArrayList<>();
        lessons.forEach(l -> ids.add(l.id()));
        err.println("error: no lesson '" + id + "'; lessons are: " + String.join(", ", ids));
        return Main.USAGE;
    }

    /** The lessons folder next to the working directory, or of the checkout holding this code. */
    static Path defaultDir() {
        Path here = Path.of("lessons");
        if (Files.isDirectory(here)) {
            return here;
        }
        try {
            Path code = Path.of(LessonCommand.class.getProtectionDomain().getCodeSource().getLocation().toURI());
            // visualizer/target/visualizer.jar or visualizer/target/classes: the checkout is a few levels up
            for (Path p = code; p != null; p = p.getParent()) {
                Path candidate = p.resolve("lessons");
                if (Files.isDirectory(candidate) && Files.isDirectory(p.resolve("simulator-core"))) {
                    return candidate;
                }
            }
        } catch (URISyntaxException | RuntimeException e) {
            // no code source location (unusual class loaders): fall through to "not found"
        }
        return null;
    }

    private static void list(List<Lesson> lessons, PrintStream out) {
        out.println("lessons (play one with: streamscope lesson ID)");
        for (String kind : List.of(Lesson.LESSON, Lesson.TROUBLESHOOTING)) {
            out.println();
            out.println(kind.equals(Lesson.LESSON) ? "interview levels A-F:" : "troubleshooting:");
            int w = 0;
            for (Lesson l : lessons) {
                w = Math.max(w, l.id().length());
            }
            for (Lesson l : lessons) {
                if (!l.kind().equals(kind)) {
                    continue;
                }
                String level = l.level() == null ? " " : l.level();
                String pending = l.isPending() ? "  [pending: needs " + String.join(", ", l.requires()) + "]" : "";
                out.println(String.format("  %s  %-" + w + "s  %s%s", level, l.id(), l.title(), pending));
            }
        }
    }

    private static int play(Lesson lesson, boolean fullLog, boolean epochMs, PrintStream out, PrintStream err) {
        out.println("lesson " + lesson.id() + ": " + lesson.title());
        out.println();
        printText(lesson.intro(), out);
        if (lesson.isPending()) {
            out.println();
            out.println("[pending] this lesson's scenario needs engine features that are not built yet ("
                    + String.join(", ", lesson.requires()) + "):");
            for (String line : RunCommand.wrap(lesson.pendingReason(), WIDTH)) {
                out.println("  " + line);
            }
            out.println("The narration follows without a run.");
            for (Cue c : lesson.cues()) {
                out.println();
                printText(c.narration(), out);
            }
            if (!lesson.outro().isEmpty()) {
                out.println();
                printText(lesson.outro(), out);
            }
            return Main.OK;
        }
        LoadedScenario scenario;
        try {
            scenario = ScenarioLoader.load(lesson.scenario());
        } catch (ScenarioException e) {
            err.println("error: " + e.file() + ": at " + e.jsonPath() + ": " + e.problem());
            return Main.USAGE;
        }
        Simulation sim = scenario.start(null, true);
        out.println();
        placement(sim.view(), out);
        RuntimeException failure = null;
        try {
            scenario.run(sim);
        } catch (RuntimeException e) {
            failure = e;
        }
        List<TraceEvent> trace = sim.trace();
        TraceLog normal = new TraceLog(false, epochMs, trace);
        // a cue may be tied to an event the normal log leaves out (a channel send): show it anyway
        TraceLog verbose = new TraceLog(true, epochMs, trace);
        CueMatcher matcher = new CueMatcher(lesson.cues());
        int step = 0;
        for (TraceEvent e : trace) {
            Cue hit = matcher.offer(e);
            if (hit != null) {
                step++;
                out.println();
                out.println("[" + step + "/" + lesson.cues().size() + "] " + verbose.line(e).strip());
                printText(hit.narration(), out);
                if (fullLog) {
                    out.println();
                }
            } else if (fullLog) {
                String line = normal.line(e);
                if (line != null) {
                    out.println(line);
                }
            }
        }
        out.println();
        if (failure != null) {
            out.flush();
            err.println("error: the job failed at virtual time " + sim.now() + " ms: " + failure.getMessage());
            return Main.FAILED;
        }
        if (!matcher.done()) {
            out.flush();
            err.println("error: " + CueMatcher.match(lesson, trace).failure());
            return Main.FAILED;
        }
        if (!lesson.outro().isEmpty()) {
            printText(lesson.outro(), out);
            out.println();
        }
        out.println("stopped at " + sim.now() + " ms: " + (sim.isFinished() ? "job finished" : "job still running")
                + ", " + trace.size() + " trace events, " + lesson.cues().size() + " cues");
        io.streamscope.connectors.SinkTableText.print(sim.sinks(), out);
        return Main.OK;
    }

    /** Tasks (chains) and where their subtasks run: the picture lessons about slots refer to. */
    private static void placement(EngineView view, PrintStream out) {
        out.println("placement (slot: subtasks sharing it):");
        for (EngineView.TaskManagerView tm : view.taskManagers()) {
            for (EngineView.SlotView slot : tm.slots()) {
                if (!slot.subtasks().isEmpty()) {
                    out.println("  " + slot.id() + ": " + String.join(", ", slot.subtasks()));
                }
            }
        }
    }

    /** Prints markdown as wrapped paragraphs; code blocks, lists, quotes and tables keep their lines. */
    private static void printText(String markdown, PrintStream out) {
        List<String> paragraph = new ArrayList<>();
        boolean inFence = false;
        boolean lastKept = false;
        for (String line : markdown.split("\n", -1)) {
            String s = line.strip();
            boolean fence = s.startsWith("```") || s.startsWith("~~~");
            // a list item's wrapped continuation is indented: it stays with the item
            boolean keep = inFence || fence || s.startsWith("- ") || s.startsWith("* ") || s.startsWith(">")
                    || s.startsWith("|") || s.startsWith("#") || s.matches("\\d+\\. .*")
                    || (lastKept && line.startsWith("  ") && !s.isEmpty());
            if (fence) {
                inFence = !inFence;
            }
            if (s.isEmpty() && !inFence) {
                flush(paragraph, out);
                out.println();
                lastKept = false;
            } else if (keep) {
                flush(paragraph, out);
                out.println("  " + line);
                lastKept = true;
            } else {
                paragraph.add(s);
                lastKept = false;
            }
        }
        flush(paragraph, out);
    }

    private static void flush(List<String> paragraph, PrintStream out) {
        if (paragraph.isEmpty()) {
            return;
        }
        for (String l : RunCommand.wrap(String.join(" ", paragraph), WIDTH)) {
            out.println("  " + l);
        }
        paragraph.clear();
    }
}
