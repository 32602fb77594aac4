package io.streamscope.lesson;

import io.streamscope.scenario.Durations;
import java.io.IOException;
import java.lang.reflect.RecordComponent;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * Reads lessons: {@code lessons/<id>/lesson.md} (front matter, intro, cues with narration, outro) next to
 * {@code lessons/<id>/scenario.json}. Every mistake is a {@link ContentException} naming the file, the line and
 * what was expected. The format is described in src-docs/lessons-and-questions.md.
 */
public final class LessonLoader {
    /** The fields of a lesson's front matter. */
    public static final List<String> HEADER_FIELDS = List.of("id", "title", "kind", "level", "summary", "requires",
            "pending", "scenario", "key-cue");
    /**
     * Engine capabilities a pending lesson may require. A lesson requiring one of them is loaded and shown, but
     * its scenario is not run until the engine has it (the lesson then drops its {@code requires}).
     */
    public static final List<String> CAPABILITIES = List.of("checkpoints", "failures", "materialized-tables",
            "two-input-operators");
    /** Interview levels a lesson may belong to. */
    public static final List<String> LEVELS = List.of("A", "B", "C", "D", "E", "F");

    private static final Pattern ID = Pattern.compile("[a-z0-9][a-z0-9-]*");
    private static final Pattern CUE = Pattern.compile("<!--\\s*cue:\\s*(.*?)\\s*-->");
    private static final Pattern INTEGER = Pattern.compile("-?\\d+");

    private LessonLoader() {
    }

    /** Loads every lesson folder under {@code lessonsDir} (files such as README.md are skipped), by id. */
    public static List<Lesson> loadAll(Path lessonsDir) {
        if (!Files.isDirectory(lessonsDir)) {
            throw new ContentException(lessonsDir, 0, "no such folder; expected the lessons folder");
        }
        List<Path> dirs = new ArrayList<>();
        try (Stream<Path> s = Files.list(lessonsDir)) {
            s.filter(Files::isDirectory).sorted().forEach(dirs::add);
        } catch (IOException e) {
            throw new ContentException(lessonsDir, 0, "cannot be listed: " + e);
        }
        List<Lesson> out = new ArrayList<>();
        for (Path d : dirs) {
            out.add(load(d));
        }
        return out;
    }

    /** Loads one lesson folder. */
    public static Lesson load(Path dir) {
        Path file = dir.resolve("lesson.md");
        if (!Files.isRegularFile(file)) {
            throw new ContentException(dir, 0, "a lesson folder needs a lesson.md (and, unless the lesson is"
                    + " pending, a scenario.json)");
        }
        ContentFile cf = ContentFile.read(file);
        FrontMatter.Fields h = cf.fields("the lesson's front matter").only(HEADER_FIELDS);
        String id = h.text("id", "the lesson's id, equal to its folder name");
        String folder = dir.toAbsolutePath().normalize().getFileName().toString();
        if (!ID.matcher(id).matches()) {
            throw new ContentException(file, h.line("id"), "the id '" + id + "' must be lower-case letters, digits"
                    + " and '-', such as c1-watermarks");
        }
        if (!id.equals(folder)) {
            throw new ContentException(file, h.line("id"), "the id '" + id + "' differs from the folder name '"
                    + folder + "'; they must be equal, because questions link lessons by folder");
        }
        String title = h.text("title", "a short title");
        String kind = h.text("kind", "'lesson' or 'troubleshooting'");
        if (!kind.equals(Lesson.LESSON) && !kind.equals(Lesson.TROUBLESHOOTING)) {
            throw new ContentException(file, h.line("kind"), "kind must be 'lesson' or 'troubleshooting', found '"
                    + kind + "'");
        }
        String level = h.optionalText("level", "an interview level, A to F");
        if (level != null && !LEVELS.contains(level)) {
            throw new ContentException(file, h.line("level"), "level must be one of A, B, C, D, E, F, found '"
                    + level + "'");
        }
        if (level == null && kind.equals(Lesson.LESSON)) {
            throw new ContentException(file, h.line(), "missing required field 'level' in the lesson's front"
                    + " matter: a lesson of kind 'lesson' belongs to an interview level, A to F");
        }
        String summary = h.text("summary", "one or two sentences on what the lesson shows");
        List<String> requires = h.texts("requires", "engine capabilities the lesson waits for", false);
        for (String r : requires) {
            if (!CAPABILITIES.contains(r)) {
                String near = FrontMatter.nearest(r, CAPABILITIES);
                throw new ContentException(file, h.line("requires"), "unknown capability '" + r + "' in 'requires'"
                        + (near == null ? "" : " (did you mean '" + near + "'?)") + "; known: "
                        + String.join(", ", CAPABILITIES));
            }
        }
        String pending = h.optionalText("pending", "why the lesson waits, in a sentence");
        if (!requires.isEmpty() && pending == null) {
            throw new ContentException(file, h.line("requires"), "a lesson with 'requires' is pending: add a field"
                    + " 'pending' saying in a sentence what it waits for");
        }
        if (requires.isEmpty() && pending != null) {
            throw new ContentException(file, h.line("pending"), "'pending' without 'requires': name the capability"
                    + " the lesson waits for (" + String.join(", ", CAPABILITIES) + "), or remove 'pending'");
        }
        String scenarioName = h.optionalText("scenario", "the scenario file name next to lesson.md");
        Path scenario = dir.resolve(scenarioName == null ? "scenario.json" : scenarioName);
        if (requires.isEmpty() && !Files.isRegularFile(scenario)) {
            throw new ContentException(file, scenarioName == null ? h.line() : h.line("scenario"), "the scenario "
                    + scenario.getFileName() + " is missing next to lesson.md; a runnable lesson needs one (a"
                    + " lesson waiting for the engine says so with 'requires' and 'pending')");
        }
        Lesson l = body(cf, id, title, kind, level, summary, requires, pending, scenario);
        String key = h.optionalText("key-cue", "the number (from 1) of the cue at the lesson's key moment");
        if (key == null) {
            return l;
        }
        if (!key.strip().matches("[1-9][0-9]{0,3}")) {
            throw new ContentException(file, h.line("key-cue"), "key-cue '" + key + "' must be the number (from 1)"
                    + " of one of the lesson's cues, such as 4 for its fourth cue");
        }
        int k = Integer.parseInt(key.strip());
        if (k > l.cues().size()) {
            throw new ContentException(file, h.line("key-cue"), "key-cue " + k + " names no cue: the lesson has "
                    + l.cues().size() + " cue" + (l.cues().size() == 1 ? "" : "s"));
        }
        return new Lesson(l.id(), l.file(), l.title(), l.kind(), l.level(), l.summary(), l.requires(),
                l.pendingReason(), l.scenario(), l.intro(), l.cues(), l.outro(), k);
    }

    private static Lesson body(ContentFile cf, String id, String title, String kind, String level, String summary,
                               List<String> requires, String pending, Path scenario) {
        Path file = cf.file();
        List<String> body = cf.body();
        record Mark(int index, Cue cue) {
        }
        List<Mark> marks = new ArrayList<>();
        List<Integer> headings = new ArrayList<>();
        boolean inFence = false;
        for (int i = 0; i < body.size(); i++) {
            String l = body.get(i);
            if (ContentFile.isFence(l)) {
                inFence = !inFence;
                continue;
            }
            if (inFence) {
                continue;
            }
            String s = l.strip();
            if (s.startsWith("<!--") && s.replace(" ", "").startsWith("<!--cue")) {
                Matcher m = CUE.matcher(s);
                if (!m.matches()) {
                    throw new ContentException(file, cf.lineOf(i), "a cue must be one line of the form"
                            + " '<!-- cue: EventType name=value ... -->', found '" + s + "'");
                }
                marks.add(new Mark(i, cue(file, cf.lineOf(i), m.group(1))));
            } else if (l.startsWith("## ")) {
                headings.add(i);
            }
        }
        if (inFence) {
            throw new ContentException(file, cf.lineOf(body.size() - 1), "a fenced code block is not closed");
        }
        if (marks.isEmpty() && requires.isEmpty()) {
            throw new ContentException(file, 0, "a runnable lesson needs at least one cue, such as"
                    + " '<!-- cue: WindowFired operator=per-user key=\"alice\" firing=on-time -->' followed by its"
                    + " narration");
        }
        int end = body.size();
        int outroStart = end;
        if (!marks.isEmpty()) {
            int last = marks.get(marks.size() - 1).index();
            for (int hIndex : headings) {
                if (hIndex > marks.get(0).index() && hIndex < last) {
                    throw new ContentException(file, cf.lineOf(hIndex), "a '## ' heading between two cues would"
                            + " cut the narration of the cue before it; use '### ' inside the steps, or move the"
                            + " section before the first cue or after the last");
                }
                if (hIndex > last && outroStart == end) {
                    outroStart = hIndex;
                }
            }
        }
        String intro = cf.text(0, marks.isEmpty() ? end : marks.get(0).index());
        List<Cue> cues = new ArrayList<>();
        for (int k = 0; k < marks.size(); k++) {
            int from = marks.get(k).index() + 1;
            int to = k + 1 < marks.size() ? marks.get(k + 1).index() : outroStart;
            String narration = cf.text(from, to);
            Cue c = marks.get(k).cue();
            if (narration.isEmpty()) {
                throw new ContentException(file, c.line(), "the cue has no narration; write what the reader should"
                        + " notice when this event happens on the lines after it");
            }
            cues.add(new Cue(c.line(), c.type(), c.conditions(), narration));
        }
        String outro = marks.isEmpty() ? "" : cf.text(outroStart, end);
        return new Lesson(id, file, title, kind, level, summary, requires, pending, scenario, intro, cues, outro);
    }

    /** Parses the inside of a cue comment: {@code EventType name=value name~="quoted value" ...}. */
    static Cue cue(Path file, int line, String spec) {
        List<String> tokens = tokens(file, line, spec);
        if (tokens.isEmpty()) {
            throw new ContentException(file, line, "the cue names no event type; expected one of "
                    + String.join(", ", Cue.eventTypes()));
        }
        String type = tokens.get(0);
        Map<String, RecordComponent> comps = Cue.components(type);
        if (comps == null) {
            String near = FrontMatter.nearest(type, Cue.eventTypes());
            throw new ContentException(file, line, "unknown trace event type '" + type + "'"
                    + (near == null ? "" : " (did you mean '" + near + "'?)") + "; expected one of "
                    + String.join(", ", Cue.eventTypes()));
        }
        List<Cue.Condition> conditions = new ArrayList<>();
        Set<String> seen = new LinkedHashSet<>();
        for (String t : tokens.subList(1, tokens.size())) {
            int eq = t.indexOf('=');
            if (eq <= 0 || t.charAt(0) == '\u0000') {
                throw new ContentException(file, line, "expected name=value or name~=value after the event type,"
                        + " found '" + t.replace("\u0000", "") + "'");
            }
            boolean contains = t.charAt(eq - 1) == '~';
            String name = t.substring(0, contains ? eq - 1 : eq);
            String raw = t.substring(eq + 1);
            boolean quoted = raw.startsWith("\u0000");
            String value = quoted ? raw.substring(1) : raw;
            RecordComponent rc = comps.get(name);
            if (rc == null) {
                List<String> names = new ArrayList<>(comps.keySet());
                String near = FrontMatter.nearest(name, names);
                throw new ContentException(file, line, type + " has no field '" + name + "'"
                        + (near == null ? "" : " (did you mean '" + near + "'?)") + "; its fields are "
                        + String.join(", ", names));
            }
            if (!seen.add(name)) {
                throw new ContentException(file, line, "the cue tests '" + name + "' twice");
            }
            if (!quoted && value.isEmpty()) {
                throw new ContentException(file, line, "'" + name + "' has no value; write " + name + "=value, or"
                        + " " + name + "=\"\" for an empty text");
            }
            conditions.add(new Cue.Condition(name, contains, value, expected(file, line, type, name, rc.getType(),
                    value, quoted, contains)));
        }
        return new Cue(line, type, conditions, "");
    }

    private static Object expected(Path file, int line, String type, String name, Class<?> t, String value,
                                   boolean quoted, boolean contains) {
        if (t == long.class || t == int.class || t == Long.class || t == Integer.class) {
            if (contains) {
                throw new ContentException(file, line, "'~=' (contains) applies to texts; " + type + "." + name
                        + " is a number: write " + name + "=value");
            }
            if (!quoted && value.equals("null") && t == Long.class) {
                return null;
            }
            if (value.equals("MAX")) {
                return Long.MAX_VALUE;
            }
            if (value.equals("MIN")) {
                return Long.MIN_VALUE;
            }
            try {
                if (INTEGER.matcher(value).matches()) {
                    return Long.parseLong(value);
                }
                if (Durations.isClock(value)) {
                    return Durations.parseClock(value);
                }
                return Durations.parse(value);
            } catch (IllegalArgumentException e) {
                throw new ContentException(file, line, type + "." + name + " is a number of milliseconds: expected"
                        + " a whole number, a clock time such as 10:04:59.999, a time such as 5s, or MAX/MIN, found '"
                        + value + "'");
            }
        }
        if (t == boolean.class || t == Boolean.class) {
            if (contains || !(value.equals("true") || value.equals("false"))) {
                throw new ContentException(file, line, type + "." + name + " is true or false, found '" + value
                        + "'");
            }
            return Boolean.valueOf(value);
        }
        if (!quoted && value.equals("null")) {
            if (contains) {
                throw new ContentException(file, line, "'" + name + "~=null' tests nothing; write " + name
                        + "=null for an absent value");
            }
            return null;
        }
        return value;
    }

    /**
     * Splits on spaces outside double quotes. A quoted value is returned with a leading NUL marker (after the
     * '='), so that the caller can tell {@code x=""} and {@code x="null"} from bare values.
     */
    private static List<String> tokens(Path file, int line, String spec) {
        List<String> out = new ArrayList<>();
        StringBuilder cur = new StringBuilder();
        boolean inQuotes = false;
        boolean any = false;
        for (int i = 0; i < spec.length(); i++) {
            char c = spec.charAt(i);
            if (inQuotes) {
                if (c == '\\' && i + 1 < spec.length()) {
                    cur.append(spec.charAt(++i));
                } else if (c == '"') {
                    inQuotes = false;
                } else {
                    cur.append(c);
                }
            } else if (c == '"') {
                if (cur.length() == 0 || cur.charAt(cur.length() - 1) != '=') {
                    throw new ContentException(file, line, "a quote may only open a value, right after '=': "
                            + spec);
                }
                inQuotes = true;
                any = true;
                cur.append('\u0000');
            } else if (c == ' ') {
                if (any) {
                    out.add(cur.toString());
                    cur.setLength(0);
                    any = false;
                }
            } else {
                cur.append(c);
                any = true;
            }
        }
        if (inQuotes) {
            throw new ContentException(file, line, "a quoted value in the cue is not closed (missing \")");
        }
        if (any) {
            out.add(cur.toString());
        }
        return out;
    }
}
