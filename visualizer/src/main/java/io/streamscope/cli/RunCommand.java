package io.streamscope.cli;

import io.streamscope.scenario.LoadedScenario;
import io.streamscope.scenario.ScenarioException;
import io.streamscope.scenario.ScenarioLoader;
import io.streamscope.sim.Simulation;
import io.streamscope.trace.TraceEvent;
import io.streamscope.trace.TraceJson;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;

/** {@code streamscope run}: runs a scenario file and prints what happened, then the sink tables. */
final class RunCommand implements Command {
    /** Marks "run to the end" in {@link Options#until}. */
    static final long END = -1;

    /**
     * What the options asked for; {@code until} is a virtual time, END, or null for the scenario's own;
     * {@code epochMs} keeps event times as epoch milliseconds instead of clock times.
     */
    record Options(Long until, Long seed, String traceFile, boolean verbose, String checkpointDir,
                   String restoreFrom, boolean epochMs) {
        Options(Long until, Long seed, String traceFile, boolean verbose) {
            this(until, seed, traceFile, verbose, null, null, false);
        }
    }

    @Override
    public String name() {
        return "run";
    }

    @Override
    public String summary() {
        return "run a scenario file and print what happened and what the sinks received";
    }

    @Override
    public String help() {
        return """
                usage: streamscope run SCENARIO [--until TIME|end] [--trace FILE] [--seed N] [--verbose]
                                           [--epoch-ms] [--checkpoint-dir DIR] [--restore-from PATH]

                Runs the job of a scenario file (JSON) on the virtual clock and prints one line per
                important trace event (records read, watermarks, idleness, timers, window firings, late
                records, backpressure, sink receipts, finished subtasks), then each sink's table.
                Each line starts with its virtual processing time in ms since the start. Event times
                (timestamps, watermarks, window bounds, event-time timers) are written as clock times
                when they are a day's timestamps (10:00:59.999); record contents stay as they are.

                options:
                  --until TIME|end  stop at virtual time TIME (e.g. 30s, 1500ms, 2m; a bare number is ms)
                                    or run to the end; default: the scenario's runUntil, else the end.
                                    A job reading unbounded sources needs a time.
                  --trace FILE      also write the full trace as JSON to FILE
                  --seed N          replace the scenario's seed
                  --verbose         also show every channel send and delivery, emitted record and timer
                                    registration
                  --epoch-ms        write event times as epoch milliseconds (36059999), as Flink's logs
                                    and metrics show them, instead of clock times
                  --checkpoint-dir DIR
                                    write completed checkpoints (and savepoints) to DIR as JSON
                                    (chk-N/_metadata), as Flink's checkpoint storage does; the scenario must
                                    enable checkpointing
                  --restore-from PATH
                                    start from a checkpoint or savepoint written before, as flink run -s
                                    does: a chk-N folder, its _metadata file, or a directory of them (the
                                    newest readable one is used; unreadable ones are reported and skipped)
                  --help            show this help

                exit codes: 0 ok; 1 the job failed or the trace could not be written;
                            2 bad arguments or a scenario error (error: FILE: at JSON-PATH: PROBLEM)
                """;
    }

    @Override
    public int run(List<String> argList, PrintStream out, PrintStream err) throws Exception {
        Args args = Args.parse("run", argList, Set.of("--until", "--trace", "--seed", "--checkpoint-dir",
                "--restore-from"), Set.of("--verbose", "--epoch-ms"));
        if (args.positionals().size() != 1) {
            throw new UsageException(args.positionals().isEmpty() ? "run needs a scenario file"
                    : "run takes one scenario file, got " + args.positionals());
        }
        String file = args.positionals().get(0);
        Long until = null;
        if (args.has("--until")) {
            until = args.get("--until").equals("end") ? END : args.getDuration("--until", 0);
        }
        Long seed = args.has("--seed") ? args.getLong("--seed", 0, Long.MIN_VALUE, Long.MAX_VALUE) : null;
        Options options = new Options(until, seed, args.get("--trace"), args.has("--verbose"),
                args.get("--checkpoint-dir"), args.get("--restore-from"), args.has("--epoch-ms"));
        Path path = Path.of(file);
        if (!Files.isRegularFile(path)) {
            err.println("error: " + file + ": no such file");
            return Main.USAGE;
        }
        LoadedScenario scenario;
        try {
            scenario = ScenarioLoader.load(path);
        } catch (ScenarioException e) {
            err.println("error: " + e.file() + ": at " + e.jsonPath() + ": " + e.problem());
            return Main.USAGE;
        }
        return run(file, scenario, options, out, err);
    }

    /** Runs a loaded scenario; separate from file loading so that it can be driven directly. */
    static int run(String file, LoadedScenario scenario, Options options, PrintStream out, PrintStream err) {
        long until = options.until() != null ? options.until()
                : scenario.runUntil() != null ? scenario.runUntil() : END;
        io.streamscope.checkpoint.CompletedCheckpoint restore = null;
        if (options.restoreFrom() != null) {
            try {
                io.streamscope.checkpoint.CheckpointFiles.Loaded loaded =
                        io.streamscope.checkpoint.CheckpointFiles.load(Path.of(options.restoreFrom()));
                for (String skipped : loaded.skipped()) {
                    err.println("warning: " + skipped);
                }
                restore = loaded.checkpoint();
                out.println("restoring from " + loaded.folder());
            } catch (io.streamscope.checkpoint.CheckpointStorageException e) {
                err.println("error: --restore-from: " + e.getMessage());
                return Main.USAGE;
            }
        }
        if (options.checkpointDir() != null) {
            if (!scenario.env().getCheckpointConfig().enabled()) {
                err.println("error: --checkpoint-dir: the scenario does not enable checkpointing (add a"
                        + " \"checkpointing\" object, e.g. {\"interval\": \"1s\"})");
                return Main.USAGE;
            }
            scenario.env().setCheckpointConfig(scenario.env().getCheckpointConfig()
                    .withDirectory(Path.of(options.checkpointDir())));
        }
        Simulation sim;
        try {
            sim = restore == null ? scenario.start(options.seed(), true)
                    : scenario.start(options.seed(), true, restore);
        } catch (RuntimeException e) {
            err.println("error: " + file + ": the job cannot be deployed: " + e.getMessage());
            return Main.FAILED;
        }
        if (until == END && !sim.isBounded()) {
            err.println("error: " + file + ": the job reads unbounded sources and never ends by itself; give"
                    + " --until TIME (e.g. --until 30s) or set runUntil in the scenario");
            return Main.USAGE;
        }
        out.println("scenario \"" + scenario.name() + "\"");
        if (scenario.description() != null && !scenario.description().isBlank()) {
            for (String line : wrap(scenario.description().strip(), 100)) {
                out.println("  " + line);
            }
        }
        out.println("seed " + (options.seed() != null ? options.seed() : scenario.config().seed()) + ", run until "
                + (until == END ? "the end" : until + " ms"));
        out.println();
        RuntimeException failure = null;
        try {
            if (until == END) {
                sim.runToEnd();
            } else {
                sim.runUntilTime(until);
            }
        } catch (RuntimeException e) {
            failure = e;
        }
        List<TraceEvent> trace = sim.trace();
        TraceLog log = new TraceLog(options.verbose(), options.epochMs(), trace);
        for (TraceEvent e : trace) {
            String line = log.line(e);
            if (line != null) {
                out.println(line);
            }
        }
        out.println();
        if (failure != null) {
            out.flush();
            err.println("error: the job failed at virtual time " + sim.now() + " ms: " + failure.getMessage());
            writeTrace(options, trace, err);
            return Main.FAILED;
        }
        out.println("stopped at " + sim.now() + " ms: " + (sim.isFinished() ? "job finished" : "job still running")
                + ", " + trace.size() + " trace events");
        io.streamscope.connectors.SinkTableText.print(sim.sinks(), out);
        return writeTrace(options, trace, err);
    }

    /** Word-wraps a paragraph; a description is one long line in the JSON file. */
    static List<String> wrap(String text, int width) {
        List<String> lines = new java.util.ArrayList<>();
        for (String paragraph : text.split("\n")) {
            StringBuilder line = new StringBuilder();
            for (String word : paragraph.trim().split("\\s+")) {
                if (line.length() > 0 && line.length() + 1 + word.length() > width) {
                    lines.add(line.toString());
                    line.setLength(0);
                }
                if (line.length() > 0) {
                    line.append(' ');
                }
                line.append(word);
            }
            lines.add(line.toString());
        }
        return lines;
    }

    private static int writeTrace(Options options, List<TraceEvent> trace, PrintStream err) {
        if (options.traceFile() == null) {
            return Main.OK;
        }
        try {
            TraceJson.write(trace, Path.of(options.traceFile()));
        } catch (IOException | RuntimeException e) {
            err.println("error: cannot write the trace to " + options.traceFile() + ": " + e.getMessage());
            return Main.FAILED;
        }
        err.println("trace: " + trace.size() + " events written to " + options.traceFile());
        return Main.OK;
    }
}
