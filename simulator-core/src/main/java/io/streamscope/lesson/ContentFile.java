package io.streamscope.lesson;

import java.io.IOException;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * A markdown content file split into its front matter (between the {@code ---} fences on the first lines) and
 * its body, with file line numbers kept for every body line.
 *
 * @param file the file as given
 * @param header the parsed front matter
 * @param body the lines after the closing fence, without line terminators
 * @param bodyFirstLine the file line number of {@code body.get(0)}
 */
public record ContentFile(Path file, FrontMatter.MapNode header, List<String> body, int bodyFirstLine) {

    /** Reads a file; refuses a missing or unterminated front matter, CR line ends and invalid UTF-8. */
    public static ContentFile read(Path file) {
        String text;
        try {
            byte[] bytes = Files.readAllBytes(file);
            text = StandardCharsets.UTF_8.newDecoder().decode(java.nio.ByteBuffer.wrap(bytes)).toString();
        } catch (CharacterCodingException e) {
            throw new ContentException(file, 0, "not valid UTF-8 text");
        } catch (IOException e) {
            throw new ContentException(file, 0, "cannot be read: " + e);
        }
        if (text.indexOf('\r') >= 0) {
            // the seed answers are compared byte for byte: one line-end convention keeps that meaningful
            int line = (int) text.substring(0, text.indexOf('\r')).chars().filter(c -> c == '\n').count() + 1;
            throw new ContentException(file, line, "a carriage return (CR); content files use LF line ends only");
        }
        List<String> lines = new ArrayList<>(Arrays.asList(text.split("\n", -1)));
        if (!lines.isEmpty() && lines.get(lines.size() - 1).isEmpty()) {
            lines.remove(lines.size() - 1); // the final newline does not start another line
        }
        if (lines.isEmpty() || !lines.get(0).equals("---")) {
            throw new ContentException(file, 1, "expected the front matter to open with a line '---'");
        }
        int close = -1;
        for (int i = 1; i < lines.size(); i++) {
            if (lines.get(i).equals("---")) {
                close = i;
                break;
            }
        }
        if (close < 0) {
            throw new ContentException(file, 1, "the front matter opened on line 1 is not closed by a line '---'");
        }
        FrontMatter.MapNode header = FrontMatter.parse(file, lines.subList(1, close), 2);
        return new ContentFile(file, header, List.copyOf(lines.subList(close + 1, lines.size())), close + 2);
    }

    /** Reads the header's fields, naming it {@code what} in messages. */
    public FrontMatter.Fields fields(String what) {
        return new FrontMatter.Fields(file, header, what);
    }

    /** The file line number of body line {@code index}. */
    public int lineOf(int index) {
        return bodyFirstLine + index;
    }

    /** Joins body lines [from, to) with '\n', after dropping blank lines at both ends. */
    public String text(int from, int to) {
        int a = from;
        int b = to;
        while (a < b && body.get(a).isBlank()) {
            a++;
        }
        while (b > a && body.get(b - 1).isBlank()) {
            b--;
        }
        return String.join("\n", body.subList(a, b));
    }

    /** True when a body line opens or closes a fenced code block (``` or ~~~). */
    public static boolean isFence(String line) {
        String s = line.stripLeading();
        return s.startsWith("```") || s.startsWith("~~~");
    }
}
