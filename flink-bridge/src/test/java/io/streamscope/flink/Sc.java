package io.streamscope.flink;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import io.streamscope.scenario.LoadedScenario;
import io.streamscope.scenario.ScenarioException;
import io.streamscope.scenario.ScenarioLoader;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Builds scenario files for tests as JSON trees, so a case reads like the file a person would write. */
final class Sc {
    private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

    private Sc() {
    }

    /** An ordered JSON object from alternating names and values. */
    static Map<String, Object> obj(Object... kv) {
        Map<String, Object> m = new LinkedHashMap<>();
        for (int i = 0; i < kv.length; i += 2) {
            m.put((String) kv[i], kv[i + 1]);
        }
        return m;
    }

    /** A record of partition {@code p} appended at {@code at}, with event time {@code ts}: {user, value}. */
    static Map<String, Object> rec(int p, long at, long ts, String user, long value) {
        return obj("partition", p, "at", at, "timestamp", ts, "value", obj("user", user, "value", value));
    }

    /** A record of partition 0 appended at {@code at}. */
    static Map<String, Object> rec(long at, long ts, String user, long value) {
        return rec(0, at, ts, user, value);
    }

    /** Records of partition 0, one every 10 ms, for user "u" with values 1, 2, ...: the event times given. */
    static List<Map<String, Object>> times(long... ts) {
        List<Map<String, Object>> out = new ArrayList<>();
        for (int i = 0; i < ts.length; i++) {
            out.add(rec(10L * i, ts[i], "u", i + 1));
        }
        return out;
    }

    static Map<String, Object> topic(String name, int partitions, List<Map<String, Object>> records) {
        return obj("name", name, "partitions", partitions, "records", records);
    }

    /** A source with per-event bounded-out-of-orderness watermarks. */
    static Map<String, Object> source(String id, String topic, long outOfOrderness) {
        return obj("id", id, "type", "source", "topic", topic,
                "watermarks", obj("outOfOrderness", outOfOrderness, "emit", "per-event"));
    }

    static Map<String, Object> sink(String id, String input) {
        return obj("id", id, "type", "sink", "input", input);
    }

    static Map<String, Object> sideSink(String id, String input, String side) {
        return obj("id", id, "type", "sink", "input", input, "sideOutput", side);
    }

    /** A keyed window by "user" counting and summing "value". */
    static Map<String, Object> window(String id, String input, Map<String, Object> assigner, long lateness,
                                      String lateOutput) {
        Map<String, Object> w = obj("id", id, "type", "window", "input", input, "keyBy", "user", "window", assigner,
                "aggregates", List.of("count", "sum(value) as total", "min(value) as lo", "max(value) as hi"));
        if (lateness > 0) {
            w.put("allowedLateness", lateness);
        }
        if (lateOutput != null) {
            w.put("lateOutput", lateOutput);
        }
        return w;
    }

    static Map<String, Object> tumbling(long size) {
        return obj("kind", "tumbling", "size", size);
    }

    static Map<String, Object> sliding(long size, long slide) {
        return obj("kind", "sliding", "size", size, "slide", slide);
    }

    static Map<String, Object> session(long gap) {
        return obj("kind", "session", "gap", gap);
    }

    /** A whole scenario. */
    static Map<String, Object> scenario(String name, List<Map<String, Object>> topics,
                                        List<Map<String, Object>> operators) {
        return obj("name", name, "seed", 1, "topics", topics, "job", obj("operators", operators));
    }

    static String json(Map<String, Object> tree) {
        try {
            return JSON.writeValueAsString(tree);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    static LoadedScenario load(Map<String, Object> tree) {
        String text = json(tree);
        try {
            return ScenarioLoader.load(String.valueOf(tree.get("name")), text);
        } catch (ScenarioException e) {
            throw new IllegalArgumentException(e.getMessage() + "\n" + text, e);
        }
    }
}
