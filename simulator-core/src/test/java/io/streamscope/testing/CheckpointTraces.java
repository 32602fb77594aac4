package io.streamscope.testing;

import io.streamscope.trace.TraceEvent;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/** Small readers of checkpoint trace events for tests. */
public final class CheckpointTraces {
    private CheckpointTraces() {
    }

    /** The events of one type, in trace order. */
    public static <T extends TraceEvent> List<T> of(List<TraceEvent> trace, Class<T> type) {
        List<T> out = new ArrayList<>();
        for (TraceEvent e : trace) {
            if (type.isInstance(e)) {
                out.add(type.cast(e));
            }
        }
        return out;
    }

    /** Parses a source's snapshot detail "events-0@12, events-1@7" into partition -> offset. */
    public static Map<Integer, Long> offsets(String detail) {
        Map<Integer, Long> out = new TreeMap<>();
        if (detail.isEmpty()) {
            return out;
        }
        for (String part : detail.split(", ")) {
            int dash = part.lastIndexOf('-');
            int at = part.indexOf('@');
            out.put(Integer.parseInt(part.substring(dash + 1, at)), Long.parseLong(part.substring(at + 1)));
        }
        return out;
    }
}
