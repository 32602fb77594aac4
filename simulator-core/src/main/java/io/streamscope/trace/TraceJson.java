package io.streamscope.trace;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/** Writes a trace as JSON (one array, events in order) and reads it back. */
public final class TraceJson {
    private static final ObjectMapper MAPPER = new ObjectMapper()
            .configure(SerializationFeature.INDENT_OUTPUT, false);

    private TraceJson() {
    }

    public static String write(List<TraceEvent> events) {
        try {
            StringBuilder sb = new StringBuilder("[\n");
            for (int i = 0; i < events.size(); i++) {
                sb.append(MAPPER.writerFor(TraceEvent.class).writeValueAsString(events.get(i)));
                sb.append(i + 1 < events.size() ? ",\n" : "\n");
            }
            return sb.append("]\n").toString();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public static void write(List<TraceEvent> events, Path file) throws IOException {
        try (Writer w = Files.newBufferedWriter(file)) {
            w.write(write(events));
        }
    }

    public static List<TraceEvent> read(String json) throws IOException {
        return MAPPER.readValue(json, new TypeReference<List<TraceEvent>>() {
        });
    }

    public static List<TraceEvent> read(Path file) throws IOException {
        return read(Files.readString(file));
    }
}
