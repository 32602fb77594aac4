package io.streamscope.lesson;

import io.streamscope.trace.TraceEvent;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.RecordComponent;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A narration cue of a lesson: a trace event pattern (an event type and conditions on its record components)
 * and the narration shown when the first matching event happens.
 *
 * @param line the line of the cue comment in lesson.md
 * @param type the simple name of a {@link TraceEvent} record type, such as "WindowFired"
 * @param conditions what the event's components must be, all of them
 * @param narration the markdown shown when the cue's event happens
 */
public record Cue(int line, String type, List<Condition> conditions, String narration) {

    /**
     * One condition on a record component: equal to a value ({@code name=value}) or, for texts, containing it
     * ({@code name~=value}).
     *
     * @param attribute the record component's name
     * @param contains true for {@code ~=}
     * @param text the value as written (quotes removed)
     * @param expected the value to compare with: a Long, a Boolean, a String, or null (the literal null)
     */
    public record Condition(String attribute, boolean contains, String text, Object expected) {
        /** The condition as it would be written in a cue. */
        public String written() {
            boolean bare = !text.isEmpty() && text.chars().noneMatch(c -> c == ' ' || c == '"' || c == '\\');
            String v = bare ? text : "\"" + text.replace("\\", "\\\\").replace("\"", "\\\"") + "\"";
            return attribute + (contains ? "~=" : "=") + v;
        }
    }

    public Cue {
        conditions = List.copyOf(conditions);
    }

    /** True when the event has the cue's type and meets every condition. */
    public boolean matches(TraceEvent event) {
        if (!event.getClass().getSimpleName().equals(type)) {
            return false;
        }
        for (Condition c : conditions) {
            if (!holds(c, component(event, c.attribute()))) {
                return false;
            }
        }
        return true;
    }

    private static boolean holds(Condition c, Object actual) {
        if (c.expected() == null) {
            return actual == null;
        }
        if (actual == null) {
            return false;
        }
        if (c.expected() instanceof Long l) {
            return actual instanceof Number n && n.longValue() == l;
        }
        if (c.expected() instanceof Boolean b) {
            return b.equals(actual);
        }
        String want = (String) c.expected();
        String have = actual.toString();
        String unquoted = unquoteJson(have);
        if (c.contains()) {
            return have.contains(want);
        }
        // keys are rendered as JSON ("\"alice\"", 7); a cue may write key="alice" or key=7
        return have.equals(want) || (unquoted != null && unquoted.equals(want));
    }

    /** The content of a JSON string literal, or null when the text is not one. */
    static String unquoteJson(String s) {
        if (s.length() < 2 || s.charAt(0) != '"' || s.charAt(s.length() - 1) != '"') {
            return null;
        }
        StringBuilder sb = new StringBuilder();
        for (int i = 1; i < s.length() - 1; i++) {
            char ch = s.charAt(i);
            if (ch == '\\' && i + 1 < s.length() - 1) {
                char n = s.charAt(++i);
                switch (n) {
                    case 'n':
                        sb.append('\n');
                        break;
                    case 't':
                        sb.append('\t');
                        break;
                    case 'u':
                        if (i + 4 < s.length() - 1) {
                            sb.append((char) Integer.parseInt(s.substring(i + 1, i + 5), 16));
                            i += 4;
                        }
                        break;
                    default:
                        sb.append(n);
                }
            } else {
                sb.append(ch);
            }
        }
        return sb.toString();
    }

    /** The cue as written: type and conditions. */
    public String pattern() {
        StringBuilder sb = new StringBuilder(type);
        for (Condition c : conditions) {
            sb.append(' ').append(c.written());
        }
        return sb.toString();
    }

    // ---- trace event types and their components, by reflection over the sealed TraceEvent records

    private static final Map<String, Map<String, RecordComponent>> TYPES = types();

    private static Map<String, Map<String, RecordComponent>> types() {
        Map<String, Map<String, RecordComponent>> m = new LinkedHashMap<>();
        for (Class<?> c : TraceEvent.class.getPermittedSubclasses()) {
            Map<String, RecordComponent> comps = new LinkedHashMap<>();
            for (RecordComponent rc : c.getRecordComponents()) {
                comps.put(rc.getName(), rc);
            }
            m.put(c.getSimpleName(), Collections.unmodifiableMap(comps));
        }
        return Collections.unmodifiableMap(m);
    }

    /** The names of the trace event types a cue can name, in declaration order. */
    public static List<String> eventTypes() {
        return new ArrayList<>(TYPES.keySet());
    }

    /** The record components of an event type by name, or null for an unknown type. */
    static Map<String, RecordComponent> components(String type) {
        return TYPES.get(type);
    }

    /** The value of a named record component of an event. */
    static Object component(TraceEvent event, String name) {
        RecordComponent rc = TYPES.get(event.getClass().getSimpleName()).get(name);
        try {
            return rc.getAccessor().invoke(event);
        } catch (IllegalAccessException | InvocationTargetException e) {
            throw new IllegalStateException("cannot read " + name + " of " + event, e);
        }
    }

    /** An event written like a cue (type and every component but seq and cause), for messages. */
    public static String describe(TraceEvent event) {
        StringBuilder sb = new StringBuilder(event.getClass().getSimpleName());
        for (String name : TYPES.get(event.getClass().getSimpleName()).keySet()) {
            if (name.equals("seq") || name.equals("cause")) {
                continue;
            }
            Object v = component(event, name);
            String text = v == null ? "null" : v.toString();
            if (v instanceof String str && unquoteJson(str) != null) {
                text = unquoteJson(str);
            }
            if (v instanceof Long l && (l == Long.MAX_VALUE || l == Long.MIN_VALUE)) {
                text = l == Long.MAX_VALUE ? "MAX" : "MIN";
            }
            sb.append(' ').append(new Condition(name, false, text, text).written());
        }
        return sb.toString();
    }
}
