package io.streamscope.connectors;

import io.streamscope.data.Json;
import io.streamscope.data.Row;
import java.io.PrintStream;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Prints sink contents as text tables: the virtual time and subtask of each receipt (when known), then one
 * column per Row field (fields in order of first appearance; values that are not Rows get a "value" column).
 * The engine's command line and the Flink bridge print with it, so their outputs read alike.
 */
public final class SinkTableText {
    private SinkTableText() {
    }

    /** Prints every sink with the time and subtask of each receipt. */
    public static void print(Map<String, SinkTable> sinks, PrintStream out) {
        print(sinks, out, true);
    }

    /** Prints every sink; {@code receipts} false leaves out time and subtask (an engine that has none). */
    public static void print(Map<String, SinkTable> sinks, PrintStream out, boolean receipts) {
        for (SinkTable t : sinks.values()) {
            out.println();
            int n = visible(t).size();
            out.println("sink \"" + t.name() + "\" (" + summary(t) + ")");
            if (n == 0) {
                continue;
            }
            for (String line : table(t, receipts)) {
                out.println("  " + line);
            }
        }
    }

    /**
     * What a reader of the sink sees: every record written, or for an exactly-once sink only the committed ones
     * (its read_committed view).
     */
    private static List<SinkTable.Row> visible(SinkTable t) {
        return t.guarantee() == DeliveryGuarantee.EXACTLY_ONCE ? t.committedRows() : t.rows();
    }

    private static String summary(SinkTable t) {
        int n = visible(t).size();
        String s = n + (n == 1 ? " record" : " records");
        if (t.guarantee() == DeliveryGuarantee.EXACTLY_ONCE) {
            int written = t.rows().size();
            return "exactly-once: " + s + " committed and visible to read_committed readers, " + written
                    + " written; longest wait for a commit " + t.maxVisibilityDelay() + " ms";
        }
        if (t.duplicates() > 0) {
            return s + ", of which " + t.duplicates() + " duplicates written again after a recovery";
        }
        return s;
    }

    /** The lines of one table: header, rule, rows. */
    public static List<String> table(SinkTable t, boolean receipts) {
        LinkedHashMap<String, Integer> fields = new LinkedHashMap<>();
        for (SinkTable.Row r : visible(t)) {
            if (r.value() instanceof Row row) {
                for (String f : row.fieldNames()) {
                    fields.putIfAbsent(f, fields.size());
                }
            } else {
                fields.putIfAbsent("value", fields.size());
            }
        }
        List<String> header = new ArrayList<>(List.of("time", "subtask"));
        header.addAll(fields.keySet());
        List<String[]> cells = new ArrayList<>();
        for (SinkTable.Row r : visible(t)) {
            String[] c = new String[header.size()];
            java.util.Arrays.fill(c, "");
            c[0] = Long.toString(r.time());
            c[1] = r.subtask();
            if (r.value() instanceof Row row) {
                for (Map.Entry<String, Object> e : row.toMap().entrySet()) {
                    c[2 + fields.get(e.getKey())] = cell(e.getValue());
                }
            } else {
                c[2 + fields.get("value")] = cell(r.value());
            }
            cells.add(c);
        }
        int[] width = new int[header.size()];
        boolean[] numeric = new boolean[header.size()];
        for (int i = 0; i < header.size(); i++) {
            width[i] = header.get(i).length();
            numeric[i] = true;
            for (String[] c : cells) {
                width[i] = Math.max(width[i], c[i].length());
                numeric[i] &= c[i].isEmpty() || c[i].matches("-?[0-9][0-9.Ee+-]*");
            }
        }
        numeric[1] = false;
        if (!receipts) {
            header = header.subList(2, header.size());
            width = java.util.Arrays.copyOfRange(width, 2, width.length);
            numeric = java.util.Arrays.copyOfRange(numeric, 2, numeric.length);
            List<String[]> trimmed = new ArrayList<>();
            for (String[] c : cells) {
                trimmed.add(java.util.Arrays.copyOfRange(c, 2, c.length));
            }
            cells = trimmed;
        }
        return layout(header, cells, width, numeric);
    }

    /** The lines of any text table: header, rule, rows; columns holding only numbers align right. */
    public static List<String> layout(List<String> header, List<String[]> cells) {
        int[] width = new int[header.size()];
        boolean[] numeric = new boolean[header.size()];
        for (int i = 0; i < header.size(); i++) {
            width[i] = header.get(i).length();
            numeric[i] = true;
            for (String[] c : cells) {
                width[i] = Math.max(width[i], c[i].length());
                numeric[i] &= c[i].isEmpty() || c[i].matches("-?[0-9][0-9.Ee+-]*");
            }
        }
        return layout(header, cells, width, numeric);
    }

    private static List<String> layout(List<String> header, List<String[]> cells, int[] width, boolean[] numeric) {
        List<String> lines = new ArrayList<>();
        lines.add(format(header.toArray(new String[0]), width, numeric));
        String[] rule = new String[header.size()];
        for (int i = 0; i < rule.length; i++) {
            rule[i] = "-".repeat(width[i]);
        }
        lines.add(format(rule, width, numeric));
        for (String[] c : cells) {
            lines.add(format(c, width, numeric));
        }
        return lines;
    }

    /** Strings without quotes (a table has no ambiguity to resolve); everything else as JSON. */
    private static String cell(Object v) {
        return v instanceof String s ? s : Json.render(v);
    }

    private static String format(String[] c, int[] width, boolean[] numeric) {
        StringBuilder sb = new StringBuilder();
        for (int i = 0; i < c.length; i++) {
            if (i > 0) {
                sb.append("  ");
            }
            String pad = " ".repeat(width[i] - c[i].length());
            sb.append(numeric[i] ? pad + c[i] : c[i] + (i + 1 < c.length ? pad : ""));
        }
        return sb.toString();
    }
}
