package io.streamscope.question;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Reads the user's mock interview (question-bank/seed/flink-mock-interview.md) the way a person reads it: level
 * headings "## A) Beginner Level", then "**Question A1:**", the question, "**Model Answer:**", the answer, up
 * to the next "---" line or the end. Blank lines around a section are not part of it; everything else is kept
 * byte for byte, trailing spaces included (they are markdown line breaks).
 */
final class SeedInterview {
    /** One seed question: its level name as headed in the seed, its question and its model answer. */
    record Entry(String id, String levelName, String question, String answer) {
    }

    private static final Pattern LEVEL = Pattern.compile("## ([A-F])\\) (.*)");
    private static final Pattern QUESTION = Pattern.compile("\\*\\*Question ([A-F][0-9]+):\\*\\*\\s*");
    private static final Pattern ANSWER = Pattern.compile("\\*\\*Model Answer:\\*\\*\\s*");

    private SeedInterview() {
    }

    static Map<String, Entry> read(Path file) throws IOException {
        String text = new String(Files.readAllBytes(file), StandardCharsets.UTF_8);
        String[] lines = text.split("\n", -1);
        Map<String, Entry> out = new LinkedHashMap<>();
        String levelName = null;
        String id = null;
        String question = null;
        List<String> buf = new ArrayList<>();
        String mode = null;
        for (String l : lines) {
            Matcher lm = LEVEL.matcher(l);
            Matcher qm = QUESTION.matcher(l);
            if (lm.matches()) {
                levelName = lm.group(2).strip().replaceAll(" Level$", "");
                mode = null;
            } else if (qm.matches()) {
                id = qm.group(1);
                mode = "question";
                buf.clear();
            } else if (ANSWER.matcher(l).matches()) {
                question = trim(buf);
                mode = "answer";
                buf.clear();
            } else if (l.equals("---")) {
                if ("answer".equals(mode)) {
                    out.put(id, new Entry(id, levelName, question, trim(buf)));
                }
                mode = null;
            } else if (mode != null) {
                buf.add(l);
            }
        }
        if ("answer".equals(mode)) {
            out.put(id, new Entry(id, levelName, question, trim(buf)));
        }
        return out;
    }

    private static String trim(List<String> lines) {
        int a = 0;
        int b = lines.size();
        while (a < b && lines.get(a).isBlank()) {
            a++;
        }
        while (b > a && lines.get(b - 1).isBlank()) {
            b--;
        }
        return String.join("\n", lines.subList(a, b));
    }
}
