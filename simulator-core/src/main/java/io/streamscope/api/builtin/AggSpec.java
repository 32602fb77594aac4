package io.streamscope.api.builtin;

import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * One built-in aggregate over a Row field: {@code count}, {@code sum(f)}, {@code min(f)}, {@code max(f)},
 * {@code distinctCount(f)}, optionally renamed with {@code as name}.
 */
public record AggSpec(Kind kind, String field, String alias) implements java.io.Serializable {
    /** The aggregates the engine provides. */
    public enum Kind { COUNT, SUM, MIN, MAX, DISTINCT_COUNT }

    private static final Pattern FORM = Pattern.compile(
            "\\s*(count|sum|min|max|distinctCount)\\s*(?:\\(\\s*([A-Za-z_][A-Za-z0-9_]*)?\\s*\\))?\\s*"
                    + "(?:as\\s+([A-Za-z_][A-Za-z0-9_]*))?\\s*");

    public AggSpec {
        // interned (also when a copy is deserialized for a subtask), so Row lookups match by reference first
        field = field == null ? null : field.intern();
        if (kind != Kind.COUNT && (field == null || field.isEmpty())) {
            throw new IllegalArgumentException(kind.name().toLowerCase(Locale.ROOT) + " needs a field");
        }
    }

    /** Parses "sum(value) as total"; throws IllegalArgumentException naming the accepted forms. */
    public static AggSpec parse(String text) {
        Matcher m = FORM.matcher(text);
        if (!m.matches()) {
            throw new IllegalArgumentException("'" + text + "' is not an aggregate; expected count, sum(field),"
                    + " min(field), max(field) or distinctCount(field), optionally followed by 'as name'");
        }
        Kind kind = switch (m.group(1)) {
            case "count" -> Kind.COUNT;
            case "sum" -> Kind.SUM;
            case "min" -> Kind.MIN;
            case "max" -> Kind.MAX;
            default -> Kind.DISTINCT_COUNT;
        };
        String field = m.group(2);
        if (kind != Kind.COUNT && field == null) {
            throw new IllegalArgumentException("'" + text + "': " + m.group(1) + " needs a field, as in "
                    + m.group(1) + "(value)");
        }
        String alias = m.group(3) != null ? m.group(3) : m.group(1);
        return new AggSpec(kind, field, alias);
    }

    @Override
    public String toString() {
        String base = switch (kind) {
            case COUNT -> "count";
            case SUM -> "sum(" + field + ")";
            case MIN -> "min(" + field + ")";
            case MAX -> "max(" + field + ")";
            case DISTINCT_COUNT -> "distinctCount(" + field + ")";
        };
        return base + " as " + alias;
    }
}
