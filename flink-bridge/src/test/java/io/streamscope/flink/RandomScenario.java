package io.streamscope.flink;

import static io.streamscope.flink.Sc.obj;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;

/**
 * A random scenario for the property test, designed so that its results do not depend on how Flink interleaves
 * the inputs of a subtask, which no engine can reproduce:
 * <ul>
 *   <li><b>sequential</b>: one source subtask reads every partition, so each window subtask has one input
 *       channel and sees records and watermarks in the one order both engines use. Records may be arbitrarily
 *       late: late firings, late side output and dropped state are all exercised. With several partitions, every
 *       partition ends with a record far in the future, so a partition that finishes early has the highest
 *       watermark and releasing it (Flink) or keeping it (our engine) leaves the same minimum; see
 *       src-docs/flink-bridge.md for that known difference.</li>
 *   <li><b>parallel</b>: one source subtask per partition, so window subtasks merge several channels in an order
 *       Flink does not fix. Disorder stays within the out-of-orderness, so no record is ever late and every window
 *       fires once with all its records, whatever the interleaving; event times are multiples of 10 and session
 *       gaps end in 5, so a record never exactly touches a session that may or may not have fired yet.</li>
 * </ul>
 */
record RandomScenario(boolean parallel, int windowParallelism, int window, long size, long slide, long lateness,
                      long outOfOrderness, boolean sessionize, Extras extras, List<List<Event>> partitions) {

    /**
     * Optional parts: a window offset (as a fraction of the size or slide, in percent, may be negative), a filter
     * dropping one value, and a timestamps operator (assignTimestampsAndWatermarks) between source and window.
     */
    record Extras(int offsetPercent, Long dropValue, boolean timestamps) {
        static final Extras NONE = new Extras(0, null, false);
    }

    /** One input record before its times are laid out: key, event-time step, disorder, value, append gap. */
    record Event(int key, long step, long disorder, long value, int atGap) {
    }

    private static final String[] KEYS = {"a", "b", "c", "d", "e"};
    static final int TUMBLING = 0;
    static final int SLIDING = 1;
    static final int SESSION = 2;

    static Arbitrary<RandomScenario> arbitrary() {
        Arbitrary<Event> event = Combinators.combine(Arbitraries.integers().between(0, KEYS.length - 1),
                Arbitraries.longs().between(0, 12), Arbitraries.longs().between(0, 40),
                Arbitraries.longs().between(-3, 9), Arbitraries.integers().between(0, 3)).as(Event::new);
        Arbitrary<List<Event>> partition = event.list().ofMinSize(1).ofMaxSize(25);
        Arbitrary<RandomScenario> shape = Combinators.combine(Arbitraries.of(false, true),
                Arbitraries.integers().between(1, 4), Arbitraries.integers().between(0, 2),
                Arbitraries.longs().between(1, 40), Arbitraries.longs().between(1, 30),
                Arbitraries.longs().between(0, 40), Arbitraries.longs().between(0, 15), Arbitraries.of(false, true))
                .as((par, wp, kind, size, slide, lateness, ooo, sess) -> new RandomScenario(par, wp, kind, size,
                        slide, lateness, ooo, sess, Extras.NONE, List.of()));
        Arbitrary<Extras> extras = Combinators.combine(Arbitraries.integers().between(-99, 99),
                Arbitraries.longs().between(-3, 9).injectNull(0.7), Arbitraries.of(false, true)).as(Extras::new);
        return Combinators.combine(shape, extras, partition.list().ofMinSize(1).ofMaxSize(3))
                .as((s, x, parts) -> normalised(s.parallel(), s.windowParallelism(), s.window(), s.size(), s.slide(),
                        s.lateness(), s.outOfOrderness(), s.sessionize(), x, parts));
    }

    private static RandomScenario normalised(boolean parallel, int windowParallelism, int window, long size,
                                             long slide, long lateness, long ooo, boolean sessionize, Extras extras,
                                             List<List<Event>> partitions) {
        // one partition cannot be read by several subtasks: parallel needs at least two
        boolean par = parallel && partitions.size() > 1;
        return new RandomScenario(par, windowParallelism, window, size, Math.min(slide, size), lateness, ooo,
                sessionize, extras, partitions);
    }

    /** The scenario file. Sizes and times are in units of 10 ms; see the class comment for the rules. */
    Map<String, Object> tree(String name) {
        long ooo = outOfOrderness * 10;
        List<Map<String, Object>> records = new ArrayList<>();
        for (int p = 0; p < partitions.size(); p++) {
            long base = 1000;
            long max = Long.MIN_VALUE;
            long at = 0;
            for (Event e : partitions.get(p)) {
                base += e.step() * 10;
                long ts = base - e.disorder() * 10;
                if (parallel && max != Long.MIN_VALUE) {
                    // never behind the split's watermark: no record is late anywhere
                    ts = Math.max(ts, max - ooo);
                }
                max = Math.max(max, ts);
                at += e.atGap();
                records.add(Sc.rec(p, at, ts, KEYS[e.key()], e.value()));
            }
            if (!parallel && partitions.size() > 1) {
                records.add(Sc.rec(p, at + 1, 1_000_000 + 10L * p, "end", 0));
            }
        }
        records.sort(java.util.Comparator.comparingLong(r -> ((Number) r.get("at")).longValue()));
        Map<String, Object> assigner;
        if (window == TUMBLING) {
            long length = size * 10 + (parallel ? 0 : size % 7);
            assigner = Sc.tumbling(length);
            assigner.put("offset", length * extras.offsetPercent() / 100);
        } else if (window == SLIDING) {
            assigner = Sc.sliding(size * 10, slide * 10);
            assigner.put("offset", slide * 10 * extras.offsetPercent() / 100);
        } else {
            // parallel: a gap ending in 5 never makes a session end exactly on an event time
            assigner = Sc.session(size * 10 + (parallel ? 5 : size % 3));
        }
        int sourceParallelism = parallel ? partitions.size() : 1;
        Map<String, Object> source = obj("id", "in", "type", "source", "topic", "t", "parallelism", sourceParallelism,
                "watermarks", obj("outOfOrderness", ooo, "emit", "per-event"));
        List<Map<String, Object>> ops = new ArrayList<>();
        ops.add(source);
        String input = "in";
        if (extras.dropValue() != null) {
            ops.add(obj("id", "keep", "type", "filter", "input", input, "parallelism", sourceParallelism,
                    "field", "value", "op", "!=", "value", extras.dropValue()));
            input = "keep";
        }
        if (extras.timestamps()) {
            // one generator per subtask instead of per partition, fed the same records: with one partition per
            // subtask (parallel) nothing changes; with several (sequential) the watermark follows the fastest
            ops.add(obj("id", "stamp", "type", "timestamps", "input", input, "parallelism", sourceParallelism,
                    "watermarks", obj("outOfOrderness", ooo, "emit", "per-event")));
            input = "stamp";
        }
        Map<String, Object> w = Sc.window("w", input, assigner, lateness * 10, "late");
        w.put("parallelism", windowParallelism);
        ops.add(w);
        ops.add(Sc.sink("out", "w"));
        ops.add(Sc.sideSink("late", "w", "late"));
        if (sessionize) {
            long gap = size * 10 + (parallel ? 5 : 0);
            ops.add(obj("id", "sess", "type", "sessionize", "input", input, "keyBy", "user", "gap", gap,
                    "distinct", "value", "lateOutput", "late", "parallelism", 5 - windowParallelism));
            ops.add(Sc.sink("sessions", "sess"));
            ops.add(Sc.sideSink("sessions-late", "sess", "late"));
        }
        Map<String, Object> tree = Sc.scenario(name, List.of(Sc.topic("t", partitions.size(), records)), ops);
        tree.put("description", (parallel ? "parallel" : "sequential") + " random scenario of the Flink conformance"
                + " property");
        return tree;
    }
}
