package io.streamscope.app.dictation;

import io.streamscope.app.ContentDirs;
import io.streamscope.question.Question;
import io.streamscope.question.QuestionBank;
import io.streamscope.question.RubricConcept;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

/**
 * The texts dictation learns its words from: every question of the bank (question, model answer, note, rubric,
 * follow-ups) and the narration of every lesson. An answer is likely said in the words these use.
 */
public final class Corpus {
    private Corpus() {
    }

    /** The bank's texts, and the lessons' markdown when the {@code lessons/} folder is found. */
    public static List<String> of(QuestionBank bank) {
        List<String> texts = new ArrayList<>();
        for (Question q : bank.questions()) {
            texts.add(q.title());
            texts.add(q.question());
            texts.add(q.modelAnswer());
            if (q.streamscopeNote() != null) {
                texts.add(q.streamscopeNote());
            }
            for (RubricConcept c : q.rubric()) {
                texts.add(c.description());
                texts.add(String.join("\n", c.keywords()));
            }
            texts.addAll(q.followUps());
        }
        Path lessons = ContentDirs.find("lessons");
        if (lessons != null) {
            try (Stream<Path> files = Files.walk(lessons)) {
                for (Path f : (Iterable<Path>) files.filter(p -> p.toString().endsWith(".md")).sorted()::iterator) {
                    texts.add(Files.readString(f));
                }
            } catch (IOException e) {
                throw new UncheckedIOException("cannot read the lessons in " + lessons + " for dictation", e);
            }
        }
        return texts;
    }
}
