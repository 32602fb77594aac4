package io.streamscope.cli;

import io.streamscope.calc.CommandArgs;
import io.streamscope.calc.CommandLineException;
import java.util.List;
import java.util.Set;

/**
 * The arguments of one command: {@code --name value}, {@code --name=value}, flags, and positional arguments.
 * The parsing is the engine core's {@link CommandArgs}, shared with the Flink bridge's command line; this keeps
 * the commands' API and turns its mistakes into UsageExceptions.
 */
final class Args {
    private final CommandArgs args;

    private Args(CommandArgs args) {
        this.args = args;
    }

    /**
     * Parses {@code args}; {@code valued} are options that take a value, {@code flags} options that do not.
     * Throws UsageException for an unknown option, a missing value, or an option given twice.
     */
    static Args parse(String command, List<String> args, Set<String> valued, Set<String> flags) {
        try {
            return new Args(CommandArgs.parse(command, args, valued, flags));
        } catch (CommandLineException e) {
            throw UsageException.from(e);
        }
    }

    String get(String name) {
        return args.get(name);
    }

    boolean has(String name) {
        return args.has(name);
    }

    List<String> positionals() {
        return args.positionals();
    }

    /** A whole number option within [min, max], or the default when absent. */
    long getLong(String name, long dflt, long min, long max) {
        try {
            return args.getLong(name, dflt, min, max);
        } catch (CommandLineException e) {
            throw UsageException.from(e);
        }
    }

    /** A duration option in milliseconds, or the default when absent. */
    long getDuration(String name, long dflt) {
        try {
            return args.getDuration(name, dflt);
        } catch (CommandLineException e) {
            throw UsageException.from(e);
        }
    }
}
