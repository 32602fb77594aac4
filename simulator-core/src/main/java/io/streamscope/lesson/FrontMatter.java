package io.streamscope.lesson;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The small YAML-like header of a lesson or question file, between two {@code ---} lines. It knows only what the
 * content needs, so that every mistake can be reported with its line:
 *
 * <pre>
 * key: a text to the end of the line
 * key: "a quoted text, with \" and \\ escapes"
 * key: [a list, "of texts, one quoted"]
 * key:
 *   - a list item
 *   - name: a list item that is a map
 *     other: its second field, indented under the first
 * # a comment line
 * </pre>
 *
 * A list item is a map when it starts with {@code word:} (a word without spaces, then a colon and a space);
 * quote an item that would otherwise look like one. Tabs are refused, because their width is a guess.
 */
public final class FrontMatter {
    private static final Pattern KEY = Pattern.compile("([A-Za-z][A-Za-z0-9_-]*):(?: (.*))?");

    /** A parsed value with the line it started on. */
    public sealed interface Node {
        int line();
    }

    /** A text value. */
    public record Text(String value, int line) implements Node {
    }

    /** A list of values. */
    public record ListNode(List<Node> items, int line) implements Node {
    }

    /** Fields in file order, each with the line of its key. */
    public record MapNode(Map<String, Node> entries, Map<String, Integer> keyLines, int line) implements Node {
    }

    private final Path file;
    private final List<String> lines;
    private final int firstLine;
    private int pos;

    private FrontMatter(Path file, List<String> lines, int firstLine) {
        this.file = file;
        this.lines = lines;
        this.firstLine = firstLine;
    }

    /**
     * Parses the header lines (without the {@code ---} fences); {@code firstLine} is the file line number of
     * the first of them, so that errors name file lines.
     */
    public static MapNode parse(Path file, List<String> lines, int firstLine) {
        FrontMatter p = new FrontMatter(file, lines, firstLine);
        p.skipBlank();
        MapNode root = p.map(0, firstLine);
        p.skipBlank();
        if (p.pos < lines.size()) {
            throw p.error(p.pos, "unexpected indentation; expected a field 'name: value' at the start of the line");
        }
        return root;
    }

    private ContentException error(int index, String problem) {
        return new ContentException(file, firstLine + index, problem);
    }

    private void skipBlank() {
        while (pos < lines.size()) {
            String l = lines.get(pos);
            if (l.indexOf('\t') >= 0) {
                throw error(pos, "a tab character; indent with spaces");
            }
            if (!l.isBlank() && !l.strip().startsWith("#")) {
                return;
            }
            pos++;
        }
    }

    private static int indent(String l) {
        int i = 0;
        while (i < l.length() && l.charAt(i) == ' ') {
            i++;
        }
        return i;
    }

    /** Fields at exactly {@code indent}; stops at a line indented less. */
    private MapNode map(int indent, int startLine) {
        Map<String, Node> entries = new LinkedHashMap<>();
        Map<String, Integer> keyLines = new LinkedHashMap<>();
        while (true) {
            skipBlank();
            if (pos >= lines.size()) {
                break;
            }
            String l = lines.get(pos);
            int ind = indent(l);
            if (ind < indent) {
                break;
            }
            if (ind > indent) {
                throw error(pos, "unexpected indentation (" + ind + " spaces, expected " + indent + ")");
            }
            entry(l.substring(ind), indent, entries, keyLines);
        }
        return new MapNode(Collections.unmodifiableMap(entries), Collections.unmodifiableMap(keyLines), startLine);
    }

    /** Reads one {@code key: value} whose text (indentation removed) is {@code text}, at line {@code pos}. */
    private void entry(String text, int indent, Map<String, Node> entries, Map<String, Integer> keyLines) {
        Matcher m = KEY.matcher(text);
        int index = pos;
        if (!m.matches()) {
            throw error(index, "expected a field 'name: value' (a name of letters, digits, '-' or '_', a colon and"
                    + " a space), found '" + text.strip() + "'");
        }
        String key = m.group(1);
        if (entries.containsKey(key)) {
            throw error(index, "field '" + key + "' is given twice (first on line " + keyLines.get(key) + ")");
        }
        String rest = m.group(2) == null ? "" : m.group(2).strip();
        pos++;
        Node value;
        if (rest.isEmpty()) {
            value = block(indent, index);
        } else {
            value = inline(rest, index);
        }
        entries.put(key, value);
        keyLines.put(key, firstLine + index);
    }

    /** The value of a field written on the lines below it: a list of "- " items, or a nested map. */
    private Node block(int parentIndent, int keyIndex) {
        skipBlank();
        if (pos >= lines.size() || indent(lines.get(pos)) <= parentIndent) {
            throw error(keyIndex, "the field has no value; write it after the colon, or on the next lines indented"
                    + " as a list ('  - item')");
        }
        String l = lines.get(pos);
        int ind = indent(l);
        if (l.substring(ind).startsWith("- ") || l.substring(ind).equals("-")) {
            return list(ind);
        }
        return map(ind, firstLine + pos);
    }

    private ListNode list(int indent) {
        List<Node> items = new ArrayList<>();
        int start = firstLine + pos;
        while (true) {
            skipBlank();
            if (pos >= lines.size()) {
                break;
            }
            String l = lines.get(pos);
            int ind = indent(l);
            if (ind < indent) {
                break;
            }
            String t = l.substring(ind);
            if (ind > indent || !(t.startsWith("- ") || t.equals("-"))) {
                throw error(pos, "expected a list item '- ...' indented " + indent + " spaces, found '" + l.strip()
                        + "'");
            }
            String rest = t.length() < 2 ? "" : t.substring(2).strip();
            if (rest.isEmpty()) {
                throw error(pos, "an empty list item");
            }
            int itemIndent = ind + 2 + (t.substring(2).length() - t.substring(2).stripLeading().length());
            Matcher m = KEY.matcher(rest);
            if (m.matches() && !rest.startsWith("\"")) {
                // a map item: its first field is on the dash line, the others are indented under it
                Map<String, Node> entries = new LinkedHashMap<>();
                Map<String, Integer> keyLines = new LinkedHashMap<>();
                int itemLine = firstLine + pos;
                entry(rest, itemIndent, entries, keyLines);
                MapNode more = map(itemIndent, itemLine);
                for (Map.Entry<String, Node> e : more.entries().entrySet()) {
                    if (entries.containsKey(e.getKey())) {
                        throw new ContentException(file, more.keyLines().get(e.getKey()), "field '" + e.getKey()
                                + "' is given twice (first on line " + keyLines.get(e.getKey()) + ")");
                    }
                    entries.put(e.getKey(), e.getValue());
                    keyLines.put(e.getKey(), more.keyLines().get(e.getKey()));
                }
                items.add(new MapNode(Collections.unmodifiableMap(entries), Collections.unmodifiableMap(keyLines),
                        itemLine));
            } else {
                items.add(inline(rest, pos));
                pos++;
            }
        }
        return new ListNode(List.copyOf(items), start);
    }

    /** A value written on the same line as its key or dash: a text, a quoted text, or a [flow, list]. */
    private Node inline(String rest, int index) {
        int line = firstLine + index;
        if (rest.startsWith("[")) {
            if (!rest.endsWith("]")) {
                throw error(index, "a list that starts with '[' must end with ']' on the same line");
            }
            List<Node> items = new ArrayList<>();
            String inner = rest.substring(1, rest.length() - 1);
            int i = 0;
            while (i < inner.length()) {
                while (i < inner.length() && inner.charAt(i) == ' ') {
                    i++;
                }
                if (i >= inner.length()) {
                    break;
                }
                String item;
                if (inner.charAt(i) == '"') {
                    int[] end = new int[1];
                    item = unquote(inner, i, end, index);
                    i = end[0];
                    while (i < inner.length() && inner.charAt(i) == ' ') {
                        i++;
                    }
                    if (i < inner.length() && inner.charAt(i) != ',') {
                        throw error(index, "expected ',' or ']' after a quoted list item");
                    }
                } else {
                    int comma = inner.indexOf(',', i);
                    int stop = comma < 0 ? inner.length() : comma;
                    item = inner.substring(i, stop).strip();
                    i = stop;
                }
                if (item.isEmpty()) {
                    throw error(index, "an empty item in a [list]");
                }
                items.add(new Text(item, line));
                if (i < inner.length()) {
                    i++; // the comma
                    if (inner.substring(i).isBlank()) {
                        throw error(index, "a ',' with no item after it in a [list]");
                    }
                }
            }
            return new ListNode(List.copyOf(items), line);
        }
        if (rest.startsWith("\"")) {
            int[] end = new int[1];
            String v = unquote(rest, 0, end, index);
            if (!rest.substring(end[0]).isBlank()) {
                throw error(index, "text after the closing quote: '" + rest.substring(end[0]).strip() + "'");
            }
            return new Text(v, line);
        }
        return new Text(rest, line);
    }

    /** Reads a double-quoted text starting at {@code start}; {@code end[0]} receives the index after it. */
    private String unquote(String s, int start, int[] end, int index) {
        StringBuilder sb = new StringBuilder();
        int i = start + 1;
        while (i < s.length()) {
            char c = s.charAt(i);
            if (c == '\\') {
                if (i + 1 >= s.length() || (s.charAt(i + 1) != '"' && s.charAt(i + 1) != '\\')) {
                    throw error(index, "a backslash in a quoted text must be followed by \" or \\");
                }
                sb.append(s.charAt(i + 1));
                i += 2;
            } else if (c == '"') {
                end[0] = i + 1;
                return sb.toString();
            } else {
                sb.append(c);
                i++;
            }
        }
        throw error(index, "a quoted text is not closed (missing \")");
    }

    /** Reads fields of a map with errors that name the file and line; used by the lesson and question loaders. */
    public static final class Fields {
        private final Path file;
        private final MapNode map;
        private final String what;

        /** {@code what} names the map in messages, such as "the lesson header" or "a rubric concept". */
        public Fields(Path file, MapNode map, String what) {
            this.file = file;
            this.map = map;
            this.what = what;
        }

        /** Refuses any field not in {@code allowed}, naming a likely intended one. */
        public Fields only(List<String> allowed) {
            for (Map.Entry<String, Node> e : map.entries().entrySet()) {
                if (!allowed.contains(e.getKey())) {
                    String near = nearest(e.getKey(), allowed);
                    throw new ContentException(file, map.keyLines().get(e.getKey()), "unknown field '" + e.getKey()
                            + "' in " + what + (near == null ? "" : " (did you mean '" + near + "'?)")
                            + "; allowed fields: " + String.join(", ", allowed));
                }
            }
            return this;
        }

        public boolean has(String key) {
            return map.entries().containsKey(key);
        }

        /** The line of a field's key, or of the map when the field is absent. */
        public int line(String key) {
            Integer l = map.keyLines().get(key);
            return l == null ? map.line() : l;
        }

        /** A required text field; {@code expected} says what it holds, for the message when it is missing. */
        public String text(String key, String expected) {
            Node n = map.entries().get(key);
            if (n == null) {
                throw new ContentException(file, map.line(), "missing required field '" + key + "' in " + what
                        + ": " + expected);
            }
            return asText(n, key, expected);
        }

        /** An optional text field, or null. */
        public String optionalText(String key, String expected) {
            Node n = map.entries().get(key);
            return n == null ? null : asText(n, key, expected);
        }

        private String asText(Node n, String key, String expected) {
            if (!(n instanceof Text t)) {
                throw new ContentException(file, n.line(), "field '" + key + "' in " + what + " must be a text ("
                        + expected + "), found a " + (n instanceof ListNode ? "list" : "map"));
            }
            if (t.value().isBlank()) {
                throw new ContentException(file, n.line(), "field '" + key + "' in " + what + " is empty; expected "
                        + expected);
            }
            return t.value();
        }

        /** A list of texts; absent gives an empty list unless {@code required}. */
        public List<String> texts(String key, String expected, boolean required) {
            ListNode l = list(key, expected, required, "(" + expected + "), such as [a, b] or lines '  - a'");
            if (l == null) {
                return List.of();
            }
            List<String> out = new ArrayList<>();
            for (Node item : l.items()) {
                if (!(item instanceof Text t)) {
                    throw new ContentException(file, item.line(), "an item of '" + key + "' in " + what
                            + " must be a text (" + expected + "); quote it if it starts with 'word:'");
                }
                out.add(t.value());
            }
            if (required && out.isEmpty()) {
                throw new ContentException(file, l.line(), "field '" + key + "' in " + what + " is an empty list;"
                        + " expected " + expected);
            }
            return List.copyOf(out);
        }

        /** A list of maps, each wrapped for reading; absent gives an empty list unless {@code required}. */
        public List<Fields> maps(String key, String expected, String itemWhat, boolean required) {
            ListNode l = list(key, expected, required, "of " + itemWhat + "s, each starting with '  - '");
            if (l == null) {
                return List.of();
            }
            List<Fields> out = new ArrayList<>();
            for (Node item : l.items()) {
                if (!(item instanceof MapNode m)) {
                    throw new ContentException(file, item.line(), "an item of '" + key + "' in " + what + " must be "
                            + itemWhat + " with fields (" + expected + ")");
                }
                out.add(new Fields(file, m, itemWhat));
            }
            return out;
        }

        /**
         * The list under {@code key}, or null when it is absent and not required; a missing required field or a
         * value that is not a list is an error at its line ({@code listForm} completes "must be a list ...").
         */
        private ListNode list(String key, String expected, boolean required, String listForm) {
            Node n = map.entries().get(key);
            if (n == null) {
                if (required) {
                    throw new ContentException(file, map.line(), "missing required field '" + key + "' in " + what
                            + ": " + expected);
                }
                return null;
            }
            if (!(n instanceof ListNode l)) {
                throw new ContentException(file, n.line(), "field '" + key + "' in " + what + " must be a list "
                        + listForm);
            }
            return l;
        }

        /** The line of the map itself. */
        public int line() {
            return map.line();
        }
    }

    /** The allowed word closest to a typo (edit distance at most 2), or null. */
    static String nearest(String word, List<String> allowed) {
        String best = null;
        int bestD = 3;
        for (String a : allowed) {
            int d = distance(word.toLowerCase(), a.toLowerCase());
            if (d < bestD) {
                bestD = d;
                best = a;
            }
        }
        return best;
    }

    private static int distance(String a, String b) {
        int[] prev = new int[b.length() + 1];
        int[] cur = new int[b.length() + 1];
        for (int j = 0; j <= b.length(); j++) {
            prev[j] = j;
        }
        for (int i = 1; i <= a.length(); i++) {
            cur[0] = i;
            for (int j = 1; j <= b.length(); j++) {
                int cost = a.charAt(i - 1) == b.charAt(j - 1) ? 0 : 1;
                cur[j] = Math.min(Math.min(cur[j - 1] + 1, prev[j] + 1), prev[j - 1] + cost);
            }
            int[] t = prev;
            prev = cur;
            cur = t;
        }
        return prev[b.length()];
    }
}
