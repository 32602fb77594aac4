package io.streamscope.cli;

import java.io.PrintStream;
import java.util.List;

/** One subcommand of the command line. */
interface Command {
    /** The word that selects the command, as in {@code streamscope run}. */
    String name();

    /** One line for the command list. */
    String summary();

    /** The full help text printed by {@code --help}. */
    String help();

    /**
     * Runs the command with its arguments (the command word removed). Returns the exit code; throws
     * {@link UsageException} for caller mistakes.
     */
    int run(List<String> args, PrintStream out, PrintStream err) throws Exception;
}
