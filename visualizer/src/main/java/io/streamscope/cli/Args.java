package io.streamscope.cli;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The arguments of one command, parsed by hand: {@code --name value}, {@code --name=value}, flags, and
 * positional arguments. Anything not declared is an error, so a typo never passes silently.
 */
final class Args {
    private final Map<String, String> values = new LinkedHashMap<>();
    private final List<String> positionals = new ArrayList<>();

    private Args() {
    }

    /**
     * Parses {@code args}; {@code valued} are options that take a value, {@code flags} options that do not.
     * Throws UsageException for an unknown option, a missing value, or an option given twice.
     */
    static Args parse(String command, List<String> args, Set<String> valued, Set<String> flags) {
        Args a = new Args();
        boolean onlyPositionals = false;
        for (int i = 0; i < args.size(); i++) {
            String arg = args.get(i);
            if (onlyPositionals || !arg.startsWith("--") || arg.equals("-")) {
                if (!onlyPositionals && arg.startsWith("-") && arg.length() > 1 && !isNumber(arg)) {
                    throw new UsageException(command + ": unknown option '" + arg + "'");
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
                    throw new UsageException(name + " takes no value");
                }
                value = "true";
            } else if (valued.contains(name)) {
                if (value == null) {
                    if (i + 1 >= args.size()) {
                        throw new UsageException(name + " needs a value");
                    }
                    value = args.get(++i);
                }
            } else {
                throw new UsageException(command + ": unknown option '" + name + "'");
            }
            if (a.values.put(name, value) != null) {
                throw new UsageException(name + " is given twice");
            }
        }
        return a;
    }

    private static boolean isNumber(String s) {
        return s.matches("-\\d+");
    }

    String get(String name) {
        return values.get(name);
    }

    boolean has(String name) {
        return values.containsKey(name);
    }

    List<String> positionals() {
        return positionals;
    }

    /** A whole number option within [min, max], or the default when absent. */
    long getLong(String name, long dflt, long min, long max) {
        String v = values.get(name);
        if (v == null) {
            return dflt;
        }
        long n;
        try {
            n = Long.parseLong(v.replace("_", ""));
        } catch (NumberFormatException e) {
            throw new UsageException(name + ": '" + v + "' is not a whole number");
        }
        if (n < min || n > max) {
            throw new UsageException(name + ": " + n + " is out of range; expected " + min + " to " + max);
        }
        return n;
    }

    /** A duration option in milliseconds, or the default when absent. */
    long getDuration(String name, long dflt) {
        String v = values.get(name);
        return v == null ? dflt : Durations.parse(name, v);
    }
}
