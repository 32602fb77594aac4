package io.streamscope.question;

import io.streamscope.lesson.ContentException;
import io.streamscope.lesson.ContentFile;
import io.streamscope.lesson.FrontMatter;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * The interview questions of {@code question-bank/}: one markdown file per question, {@code <ID>.md}, with a
 * front matter and the sections "## Question", "## Model answer" and optionally "## Streamscope note". The
 * format is described in src-docs/lessons-and-questions.md.
 *
 * @param questions the questions ordered by level, then number
 */
public record QuestionBank(List<Question> questions) {
    /** The level names of the mock interview, by level letter. */
    public static final Map<String, String> LEVELS = levels();
    /** The fields of a question's front matter. */
    public static final List<String> HEADER_FIELDS = List.of("id", "level", "level-name", "title", "source",
            "lesson", "more-lessons", "rubric", "follow-ups");
    /** The body sections, in their order; the last is optional. */
    public static final List<String> SECTIONS = List.of("Question", "Model answer", "Streamscope note");

    /** The fields of a rubric concept; {@code cue} is optional. */
    public static final List<String> RUBRIC_FIELDS = List.of("concept", "description", "keywords", "cue");

    private static final Pattern ID = Pattern.compile("[A-F][1-9][0-9]*");

    public QuestionBank {
        questions = List.copyOf(questions);
    }

    private static Map<String, String> levels() {
        Map<String, String> m = new LinkedHashMap<>();
        m.put("A", "Beginner");
        m.put("B", "Warming Up");
        m.put("C", "Getting Serious");
        m.put("D", "Data Engineer");
        m.put("E", "Lead Data Engineer");
        m.put("F", "Final Boss");
        return java.util.Collections.unmodifiableMap(m);
    }

    /** The question with this id, or null. */
    public Question get(String id) {
        for (Question q : questions) {
            if (q.id().equals(id)) {
                return q;
            }
        }
        return null;
    }

    /** The questions of one level, in order. */
    public List<Question> level(String level) {
        return questions.stream().filter(q -> q.level().equals(level)).toList();
    }

    /** The questions that link a lesson (as their lesson or one of their further lessons). */
    public List<Question> linking(String lessonId) {
        return questions.stream().filter(q -> q.lessons().contains(lessonId)).toList();
    }

    /**
     * Refuses a question that links a lesson not in {@code lessonIds}, naming the file and line of the link.
     */
    public void verifyLinks(Collection<String> lessonIds) {
        for (Question q : questions) {
            ContentFile cf = ContentFile.read(q.file());
            FrontMatter.Fields h = cf.fields("the question's front matter");
            for (String l : q.lessons()) {
                if (!lessonIds.contains(l)) {
                    String field = l.equals(q.lesson()) ? "lesson" : "more-lessons";
                    throw new ContentException(q.file(), h.line(field), "links the lesson '" + l + "', which does"
                            + " not exist; lessons are: " + String.join(", ", lessonIds));
                }
            }
        }
    }

    /**
     * Loads every {@code *.md} file directly in {@code dir} except README.md (subfolders such as seed/ are not
     * questions).
     */
    public static QuestionBank load(Path dir) {
        if (!Files.isDirectory(dir)) {
            throw new ContentException(dir, 0, "no such folder; expected the question bank folder");
        }
        List<Path> files = new ArrayList<>();
        try (Stream<Path> s = Files.list(dir)) {
            s.filter(p -> Files.isRegularFile(p) && p.getFileName().toString().endsWith(".md")
                    && !p.getFileName().toString().equals("README.md")).sorted().forEach(files::add);
        } catch (IOException e) {
            throw new ContentException(dir, 0, "cannot be listed: " + e);
        }
        List<Question> out = new ArrayList<>();
        Map<String, Path> seen = new LinkedHashMap<>();
        for (Path f : files) {
            Question q = read(f);
            if (seen.containsKey(q.id())) {
                throw new ContentException(f, 2, "the id " + q.id() + " is also used by " + seen.get(q.id()));
            }
            seen.put(q.id(), f);
            out.add(q);
        }
        out.sort(Comparator.comparing(Question::level).thenComparingInt(Question::number));
        return new QuestionBank(out);
    }

    /** Reads one question file. */
    public static Question read(Path file) {
        ContentFile cf = ContentFile.read(file);
        FrontMatter.Fields h = cf.fields("the question's front matter").only(HEADER_FIELDS);
        String id = h.text("id", "the question's id, a level letter and a number, such as C1");
        if (!ID.matcher(id).matches()) {
            throw new ContentException(file, h.line("id"), "the id '" + id + "' must be a level letter A to F and a"
                    + " number from 1, such as C1 or E12");
        }
        String name = file.getFileName().toString();
        if (!name.equals(id + ".md")) {
            throw new ContentException(file, h.line("id"), "the file of question " + id + " must be named " + id
                    + ".md, found " + name);
        }
        String level = h.text("level", "the level letter, A to F");
        if (!level.equals(id.substring(0, 1))) {
            throw new ContentException(file, h.line("level"), "level '" + level + "' does not match the id " + id
                    + "; expected " + id.charAt(0));
        }
        String levelName = h.text("level-name", "the level's name, such as " + LEVELS.get(level));
        if (!levelName.equals(LEVELS.get(level))) {
            throw new ContentException(file, h.line("level-name"), "level " + level + " is named '"
                    + LEVELS.get(level) + "' in the mock interview, found '" + levelName + "'");
        }
        String title = h.text("title", "a short title");
        String source = h.text("source", "'seed' (supplied by the user) or 'streamscope' (written for the project)");
        if (!source.equals(Question.SEED) && !source.equals(Question.STREAMSCOPE)) {
            throw new ContentException(file, h.line("source"), "source must be 'seed' or 'streamscope', found '"
                    + source + "'");
        }
        String lesson = h.text("lesson", "the id of the lesson that demonstrates the question");
        List<String> more = h.texts("more-lessons", "ids of further lessons", false);
        List<RubricConcept> rubric = new ArrayList<>();
        for (FrontMatter.Fields r : h.maps("rubric", "concept, description, keywords", "a rubric concept", true)) {
            r.only(RUBRIC_FIELDS);
            rubric.add(new RubricConcept(r.text("concept", "a short name of the concept"),
                    r.text("description", "what a strong answer says about it, in a sentence"),
                    r.texts("keywords", "words or phrases that show the concept was covered", true),
                    cue(file, r)));
        }
        if (rubric.isEmpty()) {
            throw new ContentException(file, h.line("rubric"), "the rubric is empty; list the concepts a strong"
                    + " answer covers");
        }
        List<String> followUps = h.texts("follow-ups", "likely follow-up questions", true);
        Map<String, String> sections = sections(cf);
        return new Question(id, file, level, levelName, title, source, lesson, more, rubric, followUps,
                sections.get("Question"), sections.get("Model answer"), sections.get("Streamscope note"));
    }

    /** The optional {@code cue:} of a rubric concept: a cue number from 1, or null. */
    private static Integer cue(Path file, FrontMatter.Fields r) {
        String c = r.optionalText("cue", "the number (from 1) of the lesson's cue that shows the concept");
        if (c == null) {
            return null;
        }
        if (!c.strip().matches("[1-9][0-9]{0,3}")) {
            throw new ContentException(file, r.line("cue"), "cue '" + c + "' must be the number (from 1) of a cue"
                    + " in the question's lesson, such as 4 for its fourth cue");
        }
        return Integer.valueOf(c.strip());
    }

    /**
     * Refuses a rubric concept whose {@code cue:} names no cue of the question's lesson, naming the file and line
     * of the cue field. {@code cueCounts} gives the number of cues of each lesson by id (0 for a pending lesson).
     */
    public void verifyCues(Map<String, Integer> cueCounts) {
        for (Question q : questions) {
            if (q.rubric().stream().allMatch(r -> r.cue() == null)) {
                continue;
            }
            ContentFile cf = ContentFile.read(q.file());
            FrontMatter.Fields h = cf.fields("the question's front matter");
            List<FrontMatter.Fields> items = h.maps("rubric", "concept, description, keywords", "a rubric concept",
                    true);
            for (int i = 0; i < q.rubric().size(); i++) {
                RubricConcept r = q.rubric().get(i);
                Integer n = cueCounts.get(q.lesson());
                if (r.cue() == null || (n != null && r.cue() <= n)) {
                    continue;
                }
                throw new ContentException(q.file(), items.get(i).line("cue"), "the concept '" + r.concept()
                        + "' names cue " + r.cue() + " of the lesson '" + q.lesson() + "', which "
                        + (n == null ? "does not exist" : n == 0 ? "has no cues (it is pending)"
                                : "has " + n + " cue" + (n == 1 ? "" : "s")));
            }
        }
    }

    /** Splits the body on "## " headings outside code fences and checks their names and order. */
    private static Map<String, String> sections(ContentFile cf) {
        Path file = cf.file();
        List<String> body = cf.body();
        List<Integer> starts = new ArrayList<>();
        List<String> names = new ArrayList<>();
        boolean inFence = false;
        for (int i = 0; i < body.size(); i++) {
            String l = body.get(i);
            if (ContentFile.isFence(l)) {
                inFence = !inFence;
            } else if (!inFence && l.startsWith("## ")) {
                starts.add(i);
                names.add(l.substring(3).strip());
            } else if (!inFence && starts.isEmpty() && !l.isBlank() && !l.startsWith("# ")) {
                throw new ContentException(file, cf.lineOf(i), "text before '## Question'; the body starts with an"
                        + " optional '# title' line, then the sections " + String.join(", ", SECTIONS));
            }
        }
        if (inFence) {
            throw new ContentException(file, cf.lineOf(body.size() - 1), "a fenced code block is not closed");
        }
        Map<String, String> out = new LinkedHashMap<>();
        int expected = 0;
        for (int k = 0; k < starts.size(); k++) {
            String n = names.get(k);
            int line = cf.lineOf(starts.get(k));
            int at = SECTIONS.indexOf(n);
            if (at < 0) {
                throw new ContentException(file, line, "unknown section '## " + n + "'; the sections are "
                        + String.join(", ", SECTIONS) + ", in that order");
            }
            if (at != expected) {
                throw new ContentException(file, line, "section '## " + n + "' is out of place; expected '## "
                        + SECTIONS.get(Math.min(expected, SECTIONS.size() - 1)) + "' here (order: "
                        + String.join(", ", SECTIONS) + ")");
            }
            expected++;
            String text = cf.text(starts.get(k) + 1, k + 1 < starts.size() ? starts.get(k + 1) : body.size());
            if (text.isEmpty()) {
                throw new ContentException(file, line, "section '## " + n + "' is empty");
            }
            out.put(n, text);
        }
        if (expected < 2) {
            throw new ContentException(file, 0, "missing section '## " + SECTIONS.get(expected) + "'; a question has"
                    + " '## Question' and '## Model answer', and may add '## Streamscope note'");
        }
        return out;
    }
}
