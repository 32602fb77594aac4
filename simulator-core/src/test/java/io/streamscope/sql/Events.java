package io.streamscope.sql;

import io.streamscope.connectors.PartitionedLog;
import io.streamscope.data.Row;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.TreeMap;
import java.util.function.Predicate;

/**
 * Test input for the SQL tests: events of users with a value and an event time, appended to a topic at known
 * processing times, and the direct computations the tests compare the engine's tables with.
 */
final class Events {
    /** One event: the partition and processing time it is appended at, and its fields. */
    record Event(int partition, long at, long user, long value, long eventTime) {
        Row row() {
            return Row.of("user_id", user, "v", value, "event_time", eventTime);
        }
    }

    private Events() {
    }

    /**
     * {@code n} events over {@code users} users and {@code partitions} partitions, one every {@code spacing} ms
     * starting at 7 ms (never on a whole second, so no event shares its instant with a checkpoint trigger), with
     * event times up to 5 s out of order. Drawn from the test's own random source.
     */
    static List<Event> random(long seed, int n, int users, int partitions, long spacing) {
        SplittableRandom r = new SplittableRandom(seed);
        List<Event> out = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            long at = 7 + spacing * i;
            out.add(new Event(r.nextInt(partitions), at, 1 + r.nextInt(users), r.nextInt(1, 100),
                    36_000_000 + at - r.nextInt(5_000)));
        }
        return out;
    }

    static PartitionedLog topic(String name, int partitions, List<Event> events) {
        PartitionedLog log = new PartitionedLog(name, partitions, true);
        for (Event e : events) {
            log.append(e.partition(), null, e.row(), e.eventTime(), e.at());
        }
        return log;
    }

    static Map<String, PartitionedLog> topics(PartitionedLog... logs) {
        Map<String, PartitionedLog> m = new java.util.LinkedHashMap<>();
        for (PartitionedLog l : logs) {
            m.put(l.topic(), l);
        }
        return m;
    }

    /** Per user (ordered): COUNT(*), MAX(event_time) and SUM(v) over the events that pass the filter. */
    static Map<Long, long[]> perUser(List<Event> events, Predicate<Event> include) {
        Map<Long, long[]> out = new TreeMap<>();
        for (Event e : events) {
            if (!include.test(e)) {
                continue;
            }
            long[] a = out.computeIfAbsent(e.user(), u -> new long[] {0, Long.MIN_VALUE, 0});
            a[0]++;
            a[1] = Math.max(a[1], e.eventTime());
            a[2] += e.value();
        }
        return out;
    }

    /** The rows of the F1 table as a direct computation gives them: {user_id, event_count, last_seen}. */
    static List<Row> userMetrics(List<Event> events, Predicate<Event> include) {
        List<Row> rows = new ArrayList<>();
        perUser(events, include).forEach((u, a) -> rows.add(Row.of("user_id", u, "event_count", a[0], "last_seen",
                a[1])));
        return rows;
    }
}
