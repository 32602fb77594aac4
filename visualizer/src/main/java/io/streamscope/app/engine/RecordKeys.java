package io.streamscope.app.engine;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.streamscope.api.functions.FieldKeySelector;
import io.streamscope.graph.JobVertex;
import io.streamscope.trace.TraceEvent;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Finds the key of a record as the trace and the view describe it ({@code record {"user":"alice",...} @1000}),
 * so that records can be coloured by key and breakpoints set on one. The key fields are those the job's keyBy
 * operators name; a keyed event (timer, window, late record) carries its key itself. Not thread-safe: each user
 * keeps its own, because it caches parsed texts.
 */
public final class RecordKeys {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final int CACHE = 8192;

    private final List<String> keyFields;
    private final Map<String, String> cache = new LinkedHashMap<>(256, 0.75f, true) {
        private static final long serialVersionUID = 1L;

        @Override
        protected boolean removeEldestEntry(Map.Entry<String, String> eldest) {
            return size() > CACHE;
        }
    };

    public RecordKeys(List<String> keyFields) {
        this.keyFields = List.copyOf(keyFields);
    }

    /** The key fields of every keyBy in the scenario's job, in job order. */
    public static RecordKeys of(OpenedScenario scenario) {
        Set<String> fields = new LinkedHashSet<>();
        for (JobVertex v : scenario.scenario().env().getJobGraph().vertices()) {
            if (v.isKeyed() && v.keySelector() instanceof FieldKeySelector f) {
                fields.add(f.field());
            }
        }
        return new RecordKeys(List.copyOf(fields));
    }

    public List<String> keyFields() {
        return keyFields;
    }

    /** The key an event is about, or null. */
    public String keyOf(TraceEvent e) {
        if (e instanceof TraceEvent.TimerFired t) {
            return unquote(t.key());
        } else if (e instanceof TraceEvent.TimerRegistered t) {
            return unquote(t.key());
        } else if (e instanceof TraceEvent.WindowFired w) {
            return unquote(w.key());
        } else if (e instanceof TraceEvent.WindowCleared w) {
            return unquote(w.key());
        } else if (e instanceof TraceEvent.LateRecord l) {
            return unquote(l.key());
        } else if (e instanceof TraceEvent.RecordRead r) {
            return keyOfJson(r.record());
        } else if (e instanceof TraceEvent.ElementSent s) {
            return keyOfElement(s.element());
        } else if (e instanceof TraceEvent.ElementDelivered d) {
            return keyOfElement(d.element());
        } else if (e instanceof TraceEvent.SinkReceived s) {
            return keyOfJson(s.record());
        } else if (e instanceof TraceEvent.RecordEmitted r) {
            return keyOfJson(r.record());
        }
        return null;
    }

    /** The key of an element text such as {@code record {...} @1000}; null for watermarks and other control. */
    public String keyOfElement(String element) {
        if (element == null || !element.startsWith("record ")) {
            return null;
        }
        int at = element.lastIndexOf(" @");
        String json = at > 7 && element.charAt(at - 1) == '}' ? element.substring(7, at) : element.substring(7);
        return keyOfJson(json);
    }

    /** The value of the first key field a JSON object has, as plain text; null if it has none. */
    public String keyOfJson(String json) {
        if (json == null || keyFields.isEmpty() || !json.startsWith("{")) {
            return null;
        }
        String cached = cache.get(json);
        if (cached != null) {
            return cached.isEmpty() ? null : cached;
        }
        String key = "";
        try {
            JsonNode node = JSON.readTree(json);
            for (String f : keyFields) {
                JsonNode v = node.get(f);
                if (v != null && !v.isNull()) {
                    key = v.isTextual() ? v.asText() : v.toString();
                    break;
                }
            }
        } catch (java.io.IOException ex) {
            key = "";
        }
        cache.put(json, key);
        return key.isEmpty() ? null : key;
    }

    /** Keys in the trace are rendered as JSON ({@code "alice"}); people read them bare. */
    public static String unquote(String key) {
        if (key != null && key.length() >= 2 && key.startsWith("\"") && key.endsWith("\"")) {
            return key.substring(1, key.length() - 1);
        }
        return key;
    }
}
