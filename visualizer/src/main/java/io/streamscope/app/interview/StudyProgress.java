package io.streamscope.app.interview;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The user's interview progress: each question's schedule and the history of its answers, kept in
 * {@code progress.json} in {@code ~/.streamscope/} (or the folder named by the system property
 * {@value #DIR_PROPERTY}, which tests point at a temporary folder).
 */
public final class StudyProgress {
    /** System property naming the folder that holds progress.json. */
    public static final String DIR_PROPERTY = "streamscope.progress.dir";
    public static final String FILE_NAME = "progress.json";

    /** One graded answer: when, the self-grade, and how many rubric concepts the answer covered. */
    public record Attempt(LocalDateTime at, Grade grade, int covered, int total) {
    }

    private final Path file;
    private final Map<String, QuestionState> states = new LinkedHashMap<>();
    private final Map<String, List<Attempt>> history = new LinkedHashMap<>();

    private StudyProgress(Path file) {
        this.file = file;
    }

    /** The folder progress is stored in: the system property if set, else ~/.streamscope. */
    public static Path defaultDir() {
        String dir = System.getProperty(DIR_PROPERTY);
        return dir != null ? Path.of(dir) : Path.of(System.getProperty("user.home"), ".streamscope");
    }

    /** Loads progress.json from {@code dir}; a missing file is an empty progress. */
    public static StudyProgress load(Path dir) {
        StudyProgress p = new StudyProgress(dir.resolve(FILE_NAME));
        if (!Files.isRegularFile(p.file)) {
            return p;
        }
        try {
            JsonNode root = new ObjectMapper().readTree(p.file.toFile());
            JsonNode qs = root.path("questions");
            for (Iterator<Map.Entry<String, JsonNode>> it = qs.fields(); it.hasNext(); ) {
                Map.Entry<String, JsonNode> e = it.next();
                JsonNode q = e.getValue();
                p.states.put(e.getKey(), new QuestionState(q.path("repetitions").asInt(), q.path("intervalDays")
                        .asInt(), q.path("ease").asDouble(Scheduler.START_EASE), LocalDate.parse(q.path("due")
                        .asText())));
                List<Attempt> list = new ArrayList<>();
                for (JsonNode a : q.path("history")) {
                    list.add(new Attempt(LocalDateTime.parse(a.path("at").asText()), Grade.of(a.path("grade")
                            .asText()), a.path("covered").asInt(), a.path("total").asInt()));
                }
                p.history.put(e.getKey(), list);
            }
        } catch (IOException | RuntimeException e) {
            throw new IllegalStateException("cannot read " + p.file + ": " + e.getMessage(), e);
        }
        return p;
    }

    public Path file() {
        return file;
    }

    /** The schedule of every question answered so far, by id. */
    public Map<String, QuestionState> states() {
        return Collections.unmodifiableMap(states);
    }

    public QuestionState state(String id) {
        return states.get(id);
    }

    /** The answers to a question, oldest first. */
    public List<Attempt> history(String id) {
        return List.copyOf(history.getOrDefault(id, List.of()));
    }

    /** Every question with a history, in the order first answered. */
    public List<String> answered() {
        return List.copyOf(history.keySet());
    }

    /** Records a graded answer, moves the question's schedule on, and returns its new state. */
    public QuestionState record(String id, Grade grade, int covered, int total, LocalDateTime at) {
        QuestionState before = states.getOrDefault(id, QuestionState.fresh(at.toLocalDate()));
        QuestionState after = Scheduler.next(before, grade, at.toLocalDate());
        states.put(id, after);
        history.computeIfAbsent(id, k -> new ArrayList<>()).add(new Attempt(at, grade, covered, total));
        return after;
    }

    /** Writes progress.json, through a temporary file so a crash never leaves half a file. */
    public void save() {
        ObjectMapper m = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);
        ObjectNode root = m.createObjectNode();
        root.put("version", 1);
        ObjectNode qs = root.putObject("questions");
        for (Map.Entry<String, QuestionState> e : states.entrySet()) {
            ObjectNode q = qs.putObject(e.getKey());
            QuestionState s = e.getValue();
            q.put("repetitions", s.repetitions());
            q.put("intervalDays", s.intervalDays());
            q.put("ease", s.ease());
            q.put("due", s.due().toString());
            ArrayNode h = q.putArray("history");
            for (Attempt a : history.getOrDefault(e.getKey(), List.of())) {
                ObjectNode n = h.addObject();
                n.put("at", a.at().withNano(0).toString());
                n.put("grade", a.grade().key());
                n.put("covered", a.covered());
                n.put("total", a.total());
            }
        }
        try {
            Files.createDirectories(file.getParent());
            Path tmp = file.resolveSibling(FILE_NAME + ".tmp");
            m.writeValue(tmp.toFile(), root);
            Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write " + file, e);
        }
    }
}
