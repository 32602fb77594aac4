package io.streamscope.calc;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The arguments of one command, parsed by hand: {@code --name value}, {@code --name=value}, flags, and
 * positional arguments. Anything not declared is an error, so a typo never passes silently. It lives in the
 * engine core so that every command line (the app's and the Flink bridge's) reports mistakes alike.
 */
public final class CommandArgs {
    private final Map<String, String> values = new LinkedHashMap<>();
    private final List<String> positionals = new ArrayList<>();

    private CommandArgs() {
    }

    /**
     * Parses {@code args}; {@code valued} are options that take a value, {@code flags} options that do not.
     * Throws CommandLineException for an unknown option, a missing value, or an option given twice.
     */
    public static CommandArgs parse(String command, List<String> args, Set<String> valued, Set<String> flags) {
        CommandArgs a = new CommandArgs();
        boolean onlyPositionals = false;
        for (int i = 0; i < args.size(); i++) {
            String arg = args.get(i);
            if (onlyPositionals || !arg.startsWith("--") || arg.equals("-")) {
                if (!onlyPositionals && arg.startsWith("-") && arg.length() > 1 && !isNumber(arg)) {
                    throw new CommandLineException(command + ": unknown option '" + arg + "'");
                }
                a.positionals.add(arg);
                continue;
            }
            if (arg.equals("--")) {
                onlyPositionals = true;
                continue;
            }
            String name = arg;
            String value = null;
            int eq = arg.indexOf('=');
            if (eq > 0) {
                name = arg.substring(0, eq);
                value = arg.substring(eq + 1);
            }
            if (flags.contains(name)) {
                if (value != null) {
                    throw new CommandLineException(name + " takes no value");
                }
                value = "true";
            } else if (valued.contains(name)) {
                if (value == null) {
                    if (i + 1 >= args.size()) {
                        throw new CommandLineException(name + " needs a value");
                    }
                    value = args.get(++i);
                }
            } else {
                throw new CommandLineException(command + ": unknown option '" + name + "'");
            }
            if (a.values.put(name, value) != null) {
                throw new CommandLineException(name + " is given twice");
            }
        }
        return a;
    }

    private static boolean isNumber(String s) {
        return s.matches("-\\d+");
    }

    /** The value of an option, or null when absent. */
    public String get(String name) {
        return values.get(name);
    }

    /** True when the option (or flag) was given. */
    public boolean has(String name) {
        return values.containsKey(name);
    }

    /** The arguments that are not options, in order. */
    public List<String> positionals() {
        return positionals;
    }

    /** A whole number option within [min, max], or the default when absent. */
    public long getLong(String name, long dflt, long min, long max) {
        String v = values.get(name);
        if (v == null) {
            return dflt;
        }
        long n;
        try {
            n = Long.parseLong(v.replace("_", ""));
        } catch (NumberFormatException e) {
            throw new CommandLineException(name + ": '" + v + "' is not a whole number");
        }
        if (n < min || n > max) {
            throw new CommandLineException(name + ": " + n + " is out of range; expected " + min + " to " + max);
        }
        return n;
    }

    /** A duration option in milliseconds, or the default when absent. */
    public long getDuration(String name, long dflt) {
        String v = values.get(name);
        return v == null ? dflt : duration(name, v);
    }

    /**
     * Milliseconds of a duration in the forms of scenario files ({@code 1500ms}, {@code 30s}, {@code 5min},
     * {@code 1m 30s}), plus a bare number of milliseconds, natural on a command line. Errors name the option,
     * so every option reports alike.
     */
    public static long duration(String option, String text) {
        String s = text.strip();
        if (!s.isEmpty() && s.chars().allMatch(c -> c >= '0' && c <= '9')) {
            try {
                return Long.parseLong(s);
            } catch (NumberFormatException e) {
                throw new CommandLineException(option + ": '" + text + "' is too large");
            }
        }
        try {
            return io.streamscope.scenario.Durations.parse(s);
        } catch (IllegalArgumentException | ArithmeticException e) {
            throw new CommandLineException(option + ": '" + text + "' is not a duration: " + e.getMessage());
        }
    }
}
