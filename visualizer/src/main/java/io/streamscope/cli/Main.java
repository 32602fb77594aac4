package io.streamscope.cli;

import java.io.BufferedOutputStream;
import java.io.FileDescriptor;
import java.io.FileOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;

/**
 * The headless command line: {@code streamscope COMMAND [options]}. Exit codes: 0 success, 1 the job or the
 * command failed while running, 2 a mistake in the arguments or an input file.
 */
public final class Main {
    /** Exit code for success. */
    public static final int OK = 0;
    /** Exit code for a failure while running (the job threw, a file could not be written). */
    public static final int FAILED = 1;
    /** Exit code for a usage mistake or a bad input file. */
    public static final int USAGE = 2;

    private static final List<Command> COMMANDS = List.of(new RunCommand(), new WindowsCommand(),
            new BenchCommand(), new AppCommand(), new ScreenshotsCommand(), new LessonCommand(), new SqlCommand());

    private Main() {
    }

    public static void main(String[] args) {
        // no command opens the desktop app: the one command a new user runs
        String[] command = args.length == 0 ? new String[] {"app"} : args;
        // a buffered stdout: System.out flushes on every line, which dominates a long log
        PrintStream out = new PrintStream(new BufferedOutputStream(new FileOutputStream(FileDescriptor.out), 1 << 16),
                false, StandardCharsets.UTF_8);
        int code = run(command, out, System.err);
        out.flush();
        System.err.flush();
        System.exit(code);
    }

    /** Runs one command line with the given streams and returns its exit code; never calls System.exit. */
    public static int run(String[] args, PrintStream out, PrintStream err) {
        if (args.length == 0) {
            err.print(usage());
            return USAGE;
        }
        String name = args[0];
        if (name.equals("--help") || name.equals("-h") || name.equals("help")) {
            if (args.length > 1 && find(args[1]) != null) {
                out.print(find(args[1]).help());
            } else {
                out.print(usage());
            }
            return OK;
        }
        Command cmd = find(name);
        if (cmd == null) {
            err.println("error: unknown command '" + name + "'");
            err.print(usage());
            return USAGE;
        }
        List<String> rest = Arrays.asList(args).subList(1, args.length);
        for (String a : rest) {
            if (a.equals("--")) {
                break;
            }
            if (a.equals("--help") || a.equals("-h")) {
                out.print(cmd.help());
                return OK;
            }
        }
        try {
            return cmd.run(rest, out, err);
        } catch (UsageException e) {
            err.println("error: " + e.getMessage());
            if (!e.aboutInput()) {
                err.println("(see: streamscope " + cmd.name() + " --help)");
            }
            return USAGE;
        } catch (OutOfMemoryError e) {
            err.println("error: out of memory; give the JVM more with JAVA_OPTS=-Xmx4g or use fewer events");
            return FAILED;
        } catch (Exception | StackOverflowError e) {
            err.println("error: " + cmd.name() + " failed: " + e);
            e.printStackTrace(err);
            return FAILED;
        }
    }

    private static Command find(String name) {
        for (Command c : COMMANDS) {
            if (c.name().equals(name)) {
                return c;
            }
        }
        return null;
    }

    static String usage() {
        StringBuilder sb = new StringBuilder();
        sb.append("usage: streamscope COMMAND [options]\n\n");
        sb.append("With no command, streamscope opens the desktop app.\n");
        sb.append("Runs Flink-semantics jobs on a deterministic virtual clock.\n\ncommands:\n");
        for (Command c : COMMANDS) {
            sb.append(String.format("  %-9s %s%n", c.name(), c.summary()));
        }
        // handled by the launcher script, which starts the bridge module (Flink stays out of this one)
        sb.append(String.format("  %-9s %s%n", "flink",
                "run or diff a scenario on real Apache Flink (see: streamscope flink --help)"));
        sb.append("\nstreamscope COMMAND --help shows the options of a command.\n");
        sb.append("exit codes: 0 success, 1 the run failed, 2 bad arguments or input file.\n");
        return sb.toString();
    }
}
