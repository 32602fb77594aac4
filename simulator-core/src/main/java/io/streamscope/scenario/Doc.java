package io.streamscope.scenario;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.regex.Pattern;

/**
 * Typed, path-aware reading of a scenario's JSON tree: every accessor either returns a value of the expected
 * type or throws a {@link ScenarioException} naming the file, the JSON path and what was expected there.
 */
final class Doc {
    private static final Pattern IDENTIFIER = Pattern.compile("[A-Za-z_][A-Za-z0-9_]*");

    private final String file;

    Doc(String file) {
        this.file = file;
    }

    String file() {
        return file;
    }

    ScenarioException error(String path, String problem) {
        return new ScenarioException(file, path, problem);
    }

    // ---- paths ----

    /** The path of a field: {@code $.a.b}, or {@code $['odd name']} when the name is not an identifier. */
    static String child(String path, String field) {
        if (IDENTIFIER.matcher(field).matches()) {
            return path + "." + field;
        }
        return path + "['" + field.replace("\\", "\\\\").replace("'", "\\'") + "']";
    }

    static String index(String path, int i) {
        return path + "[" + i + "]";
    }

    // ---- describing what was found ----

    /** What a node is, for "got ..." in messages: {@code the string "5x"}, {@code the number 5}, ... */
    static String describe(JsonNode n) {
        if (n == null || n.isMissingNode()) {
            return "nothing";
        }
        if (n.isTextual()) {
            return "the string " + quote(n.textValue());
        }
        if (n.isNumber()) {
            return "the number " + n.asText();
        }
        if (n.isBoolean()) {
            return "the boolean " + n.asText();
        }
        if (n.isNull()) {
            return "null";
        }
        if (n.isArray()) {
            return "an array";
        }
        return "an object";
    }

    static String quote(String s) {
        return "\"" + s.replace("\\", "\\\\").replace("\"", "\\\"") + "\"";
    }

    // ---- objects and fields ----

    ObjectNode object(JsonNode n, String path, String what) throws ScenarioException {
        if (n == null || !n.isObject()) {
            throw error(path, "expected " + what + " (a JSON object), got " + describe(n));
        }
        return (ObjectNode) n;
    }

    ArrayNode array(JsonNode n, String path, String what) throws ScenarioException {
        if (n == null || !n.isArray()) {
            throw error(path, "expected " + what + " (a JSON array), got " + describe(n));
        }
        return (ArrayNode) n;
    }

    /**
     * Refuses any field not in {@code allowed}, so that a misspelt field is never silently ignored; the message
     * lists the allowed fields and suggests the closest one.
     */
    void onlyFields(ObjectNode o, String path, String what, List<String> allowed) throws ScenarioException {
        Iterator<String> names = o.fieldNames();
        while (names.hasNext()) {
            String name = names.next();
            if (!allowed.contains(name)) {
                String hint = suggest(name, allowed);
                throw error(child(path, name), "unknown field " + quote(name) + " in " + what
                        + (hint == null ? "" : " (did you mean " + quote(hint) + "?)") + "; allowed fields: "
                        + String.join(", ", allowed));
            }
        }
    }

    /** A field that must be present. */
    JsonNode required(ObjectNode o, String path, String field, String expected) throws ScenarioException {
        JsonNode n = o.get(field);
        if (n == null) {
            throw error(path, "missing required field " + quote(field) + " (" + expected + ")");
        }
        return n;
    }

    // ---- scalars ----

    String string(JsonNode n, String path, String what) throws ScenarioException {
        if (n == null || !n.isTextual()) {
            throw error(path, "expected " + what + " (a string), got " + describe(n));
        }
        return n.textValue();
    }

    /** A non-blank string. */
    String text(JsonNode n, String path, String what) throws ScenarioException {
        String s = string(n, path, what);
        if (s.isBlank()) {
            throw error(path, "expected " + what + ", got an empty string");
        }
        return s;
    }

    boolean bool(JsonNode n, String path) throws ScenarioException {
        if (n == null || !n.isBoolean()) {
            throw error(path, "expected true or false, got " + describe(n));
        }
        return n.booleanValue();
    }

    long longValue(JsonNode n, String path, String what) throws ScenarioException {
        if (n == null || !n.isIntegralNumber() || !n.canConvertToLong()) {
            throw error(path, "expected " + what + " (a whole number), got " + describe(n));
        }
        return n.longValue();
    }

    int integer(JsonNode n, String path, String what, int min, int max) throws ScenarioException {
        if (n == null || !n.isIntegralNumber() || !n.canConvertToInt()) {
            throw error(path, "expected " + what + " (a whole number), got " + describe(n));
        }
        int v = n.intValue();
        if (v < min || v > max) {
            throw error(path, "expected " + what + " " + range(min, max) + ", got " + v);
        }
        return v;
    }

    private static String range(int min, int max) {
        if (max == Integer.MAX_VALUE) {
            return "of at least " + min;
        }
        return "from " + min + " to " + max;
    }

    /** A duration: a string with units ("5s") or a whole number of milliseconds; never negative. */
    long duration(JsonNode n, String path) throws ScenarioException {
        if (n != null && n.isNumber()) {
            if (!n.isIntegralNumber() || !n.canConvertToLong()) {
                throw error(path, Durations.EXPECTED + ", got " + describe(n) + " (milliseconds are whole numbers)");
            }
            if (n.longValue() < 0) {
                throw error(path, Durations.EXPECTED + ", got " + describe(n) + " (durations cannot be negative)");
            }
            return n.longValue();
        }
        if (n == null || !n.isTextual()) {
            throw error(path, Durations.EXPECTED + ", got " + describe(n));
        }
        try {
            return Durations.parse(n.textValue());
        } catch (IllegalArgumentException e) {
            throw error(path, e.getMessage());
        }
    }

    /** A duration that must be positive. */
    long positiveDuration(JsonNode n, String path) throws ScenarioException {
        long d = duration(n, path);
        if (d <= 0) {
            throw error(path, "expected a positive duration, got " + describe(n));
        }
        return d;
    }

    /** A duration that may be negative (a window offset): "-8h" or -28800000. */
    long signedDuration(JsonNode n, String path) throws ScenarioException {
        if (n != null && n.isIntegralNumber() && n.canConvertToLong()) {
            return n.longValue();
        }
        if (n != null && n.isTextual() && n.textValue().strip().startsWith("-")) {
            try {
                return -Durations.parse(n.textValue().strip().substring(1));
            } catch (IllegalArgumentException e) {
                throw error(path, Durations.EXPECTED + " (a leading \"-\" is allowed here), got " + describe(n));
            }
        }
        return duration(n, path);
    }

    /**
     * A point on a clock in milliseconds: a whole number, a duration since 0 ("90s"), or a clock time
     * ("10:02", "10:02:30.5") read as milliseconds since midnight.
     */
    long time(JsonNode n, String path) throws ScenarioException {
        String expected = "expected a time: a number of milliseconds (such as 1000), a duration since 0 (such as"
                + " \"5s\") or a clock time (such as \"10:02\" or \"10:02:30\")";
        if (n != null && n.isNumber()) {
            if (!n.isIntegralNumber() || !n.canConvertToLong() || n.longValue() < 0) {
                throw error(path, expected + ", got " + describe(n)
                        + " (times are whole, non-negative numbers of milliseconds)");
            }
            return n.longValue();
        }
        if (n == null || !n.isTextual()) {
            throw error(path, expected + ", got " + describe(n));
        }
        try {
            return Durations.isClock(n.textValue()) ? Durations.parseClock(n.textValue())
                    : Durations.parse(n.textValue());
        } catch (IllegalArgumentException e) {
            throw error(path, expected + ", got " + describe(n));
        }
    }

    /**
     * A scalar as an engine value: integral numbers become Long, other numbers Double, then String, Boolean and
     * null. Objects and arrays are refused: rows are flat.
     */
    Object scalar(JsonNode n, String path) throws ScenarioException {
        if (n == null || n.isMissingNode()) {
            throw error(path, "expected a value (a string, number, boolean or null), got nothing");
        }
        if (n.isTextual()) {
            return n.textValue();
        }
        if (n.isIntegralNumber()) {
            if (!n.canConvertToLong()) {
                throw error(path, "expected a number that fits in 64 bits, got " + describe(n));
            }
            return n.longValue();
        }
        if (n.isNumber()) {
            return n.doubleValue();
        }
        if (n.isBoolean()) {
            return n.booleanValue();
        }
        if (n.isNull()) {
            return null;
        }
        throw error(path, "expected a string, number, boolean or null, got " + describe(n)
                + " (row fields are flat: nested objects and arrays are not supported)");
    }

    // ---- suggestions ----

    /** The candidate closest to a misspelt word, if it is close enough to be a likely typo. */
    static String suggest(String word, Iterable<String> candidates) {
        String best = null;
        int bestDistance = Integer.MAX_VALUE;
        for (String c : candidates) {
            int d = distance(word.toLowerCase(java.util.Locale.ROOT), c.toLowerCase(java.util.Locale.ROOT));
            if (d < bestDistance) {
                bestDistance = d;
                best = c;
            }
        }
        int limit = Math.max(1, Math.min(3, word.length() / 3));
        return bestDistance <= limit ? best : null;
    }

    /** Edit distance counting a swap of two neighbouring letters as one edit, the commonest typo. */
    private static int distance(String a, String b) {
        int[][] d = new int[a.length() + 1][b.length() + 1];
        for (int i = 0; i <= a.length(); i++) {
            d[i][0] = i;
        }
        for (int j = 0; j <= b.length(); j++) {
            d[0][j] = j;
        }
        for (int i = 1; i <= a.length(); i++) {
            for (int j = 1; j <= b.length(); j++) {
                int cost = a.charAt(i - 1) == b.charAt(j - 1) ? 0 : 1;
                d[i][j] = Math.min(Math.min(d[i - 1][j] + 1, d[i][j - 1] + 1), d[i - 1][j - 1] + cost);
                if (i > 1 && j > 1 && a.charAt(i - 1) == b.charAt(j - 2) && a.charAt(i - 2) == b.charAt(j - 1)) {
                    d[i][j] = Math.min(d[i][j], d[i - 2][j - 2] + 1);
                }
            }
        }
        return d[a.length()][b.length()];
    }

    /** Joins names for messages, or "(none)". */
    static String list(List<String> names) {
        return names.isEmpty() ? "(none)" : String.join(", ", names);
    }

    static List<String> fields(ObjectNode o) {
        List<String> out = new ArrayList<>();
        o.fieldNames().forEachRemaining(out::add);
        return out;
    }
}
