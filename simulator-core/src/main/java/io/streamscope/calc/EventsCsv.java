package io.streamscope.calc;

import java.io.IOException;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;

/**
 * Reads the event file of the window calculator: a header {@code key,timestamp,value}, then one event per
 * line. The whole file is checked before anything runs, so a mistake never leaves half an output behind.
 */
public final class EventsCsv {
    /** The one header the file must start with. */
    public static final String HEADER = "key,timestamp,value";
    private static final Pattern INTEGER = Pattern.compile("-?[0-9]+");
    private static final Pattern DECIMAL = Pattern.compile("-?[0-9]+(\\.[0-9]+)?([eE][-+]?[0-9]+)?");
    /** Keeps window ends and watermarks far from overflow. */
    private static final long MAX_TIMESTAMP = 1L << 53;

    /** One event: its line in the file, key, event time and value (Long or Double). */
    public record Event(int line, String key, long timestamp, Number value) {
    }

    private EventsCsv() {
    }

    /** Reads and validates the file; every problem is a CommandLineException "FILE:LINE: what is wrong". */
    public static List<Event> read(String file) {
        List<String> lines;
        try {
            lines = Files.readAllLines(Path.of(file), StandardCharsets.UTF_8);
        } catch (NoSuchFileException e) {
            throw CommandLineException.inInput(file + ": no such file");
        } catch (CharacterCodingException e) {
            throw CommandLineException.inInput(file + ": not a UTF-8 text file");
        } catch (IOException e) {
            throw CommandLineException.inInput(file + ": cannot read: " + e.getMessage());
        }
        return parse(file, lines);
    }

    /** Validates the lines of a file named {@code file} (for messages) and returns its events in order. */
    public static List<Event> parse(String file, List<String> lines) {
        if (lines.stream().allMatch(String::isBlank)) {
            throw error(file, 1, "the file is empty; expected the header " + HEADER);
        }
        String header = lines.get(0);
        if (header.startsWith("\uFEFF")) {
            header = header.substring(1);
        }
        if (!header.strip().equals(HEADER)) {
            throw error(file, 1, "the header must be exactly " + HEADER + ", found '" + header + "'");
        }
        List<Event> events = new ArrayList<>();
        for (int i = 1; i < lines.size(); i++) {
            int lineNo = i + 1;
            String line = lines.get(i);
            if (line.isBlank()) {
                // a blank line carries no event; tolerated so that a trailing empty line is not a mistake
                continue;
            }
            List<String> fields = split(file, lineNo, line);
            if (fields.size() != 3) {
                throw error(file, lineNo, "expected 3 columns (key,timestamp,value), found " + fields.size());
            }
            String key = fields.get(0);
            if (key.isEmpty()) {
                throw error(file, lineNo, "the key is empty");
            }
            events.add(new Event(lineNo, key, timestamp(file, lineNo, fields.get(1)), value(file, lineNo,
                    fields.get(2))));
        }
        if (events.isEmpty()) {
            throw error(file, lines.size() + 1, "no events after the header");
        }
        return events;
    }

    private static long timestamp(String file, int line, String text) {
        if (!INTEGER.matcher(text).matches()) {
            throw error(file, line, "the timestamp '" + text + "' is not an integer (epoch milliseconds)");
        }
        long ts;
        try {
            ts = Long.parseLong(text);
        } catch (NumberFormatException e) {
            ts = Long.MAX_VALUE;
        }
        if (ts < 0 || ts > MAX_TIMESTAMP) {
            throw error(file, line, "the timestamp " + text + " is out of range; expected 0 to " + MAX_TIMESTAMP);
        }
        return ts;
    }

    /** Integers stay Long (sums stay integral); anything with a fraction or exponent is a Double. */
    private static Number value(String file, int line, String text) {
        if (INTEGER.matcher(text).matches()) {
            try {
                return Long.parseLong(text);
            } catch (NumberFormatException e) {
                throw error(file, line, "the value " + text + " does not fit in a 64-bit integer");
            }
        }
        if (DECIMAL.matcher(text).matches()) {
            double d = Double.parseDouble(text);
            if (Double.isInfinite(d)) {
                throw error(file, line, "the value " + text + " is out of range");
            }
            return d;
        }
        throw error(file, line, "the value '" + text + "' is not a number");
    }

    /**
     * Splits a line on commas; a field may be double-quoted (with "" for a quote) so that keys can hold
     * commas. Unquoted fields are trimmed.
     */
    private static List<String> split(String file, int line, String text) {
        List<String> out = new ArrayList<>();
        int i = 0;
        int n = text.length();
        while (true) {
            while (i < n && text.charAt(i) == ' ') {
                i++;
            }
            if (i < n && text.charAt(i) == '"') {
                StringBuilder sb = new StringBuilder();
                i++;
                boolean closed = false;
                while (i < n) {
                    char c = text.charAt(i++);
                    if (c == '"') {
                        if (i < n && text.charAt(i) == '"') {
                            sb.append('"');
                            i++;
                        } else {
                            closed = true;
                            break;
                        }
                    } else {
                        sb.append(c);
                    }
                }
                if (!closed) {
                    throw error(file, line, "a quoted field is not closed");
                }
                while (i < n && text.charAt(i) == ' ') {
                    i++;
                }
                if (i < n && text.charAt(i) != ',') {
                    throw error(file, line, "unexpected text after a quoted field");
                }
                out.add(sb.toString());
            } else {
                int comma = text.indexOf(',', i);
                int end = comma < 0 ? n : comma;
                out.add(text.substring(i, end).strip());
                i = end;
            }
            if (i >= n) {
                return out;
            }
            i++; // the comma
        }
    }

    private static CommandLineException error(String file, int line, String what) {
        return CommandLineException.inInput(file + ":" + line + ": " + what);
    }
}
