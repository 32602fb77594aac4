package io.streamscope.flink;

import static io.streamscope.flink.Sc.obj;

import io.streamscope.data.Row;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;

/**
 * A random interval join for the Flink conformance property: left and right topics (and, optionally, a second left
 * topic merged by a union), each in event-time order, random keys, bounds, exclusiveness, out-of-orderness and join
 * parallelism. Each input's timestamps only grow, so no element is ever below the join's watermark (at most the
 * slower input's, which is below each of its future elements), and no buffered element is cleaned up before a
 * partner can arrive (its cleanup time is at least the partner's timestamp). So the result does not depend on how
 * Flink interleaves the inputs, and it must be exactly the interval definition, which {@link #expected()} computes.
 */
record RandomJoin(List<Ev> left, List<Ev> left2, List<Ev> right, long lower, long width, boolean lowerExclusive,
                  boolean upperExclusive, long outOfOrderness, int parallelism) {

    /** One element: key index, event-time step after the previous one (x 10 ms), value, append gap. */
    record Ev(int key, long step, long value, int atGap) {
    }

    private static final String[] KEYS = {"a", "b", "c"};

    static Arbitrary<RandomJoin> arbitrary() {
        Arbitrary<Ev> ev = Combinators.combine(Arbitraries.integers().between(0, KEYS.length - 1),
                Arbitraries.longs().between(0, 3), Arbitraries.longs().between(0, 99),
                Arbitraries.integers().between(0, 3)).as(Ev::new);
        Arbitrary<List<Ev>> side = ev.list().ofMinSize(1).ofMaxSize(12);
        return Combinators.combine(side, ev.list().ofMaxSize(6), side, Arbitraries.longs().between(-6, 4),
                Arbitraries.longs().between(0, 8), Arbitraries.of(false, true), Arbitraries.of(false, true),
                Arbitraries.longs().between(0, 3)).as((l, l2, r, lo, w, le, ue, ooo) -> new RandomJoin(l, l2, r,
                lo * 10, w * 10, le, ue, ooo * 10, 1 + (int) (Math.abs(lo + w) % 3)));
    }

    private static List<Map<String, Object>> records(List<Ev> evs, long base) {
        List<Map<String, Object>> out = new ArrayList<>();
        long ts = base;
        long at = 0;
        for (Ev e : evs) {
            ts += e.step() * 10;
            at += e.atGap();
            out.add(Sc.rec(0, at, ts, KEYS[e.key()], e.value()));
        }
        return out;
    }

    private static Map<String, Object> source(String id, String topic, long ooo) {
        return obj("id", id, "type", "source", "topic", topic,
                "watermarks", obj("outOfOrderness", ooo, "emit", "per-event"));
    }

    Map<String, Object> tree(String name) {
        List<Map<String, Object>> topics = new ArrayList<>(List.of(Sc.topic("l", 1, records(left, 1000)),
                Sc.topic("r", 1, records(right, 1000))));
        List<Map<String, Object>> ops = new ArrayList<>(List.of(source("left", "l", outOfOrderness),
                source("right", "r", outOfOrderness)));
        String input = "left";
        if (!left2.isEmpty()) {
            topics.add(Sc.topic("l2", 1, records(left2, 1005)));
            ops.add(source("left2", "l2", outOfOrderness));
            ops.add(obj("id", "lefts", "type", "union", "inputs", List.of("left", "left2")));
            input = "lefts";
        }
        ops.add(obj("id", "join", "type", "intervalJoin", "input", input, "keyBy", "user", "other", "right",
                "parallelism", parallelism, "between", obj("lower", lower, "upper", lower + width,
                        "lowerExclusive", lowerExclusive, "upperExclusive", upperExclusive)));
        ops.add(Sc.sink("out", "join"));
        Map<String, Object> tree = Sc.scenario(name, topics, ops);
        tree.put("description", "random interval join of the Flink conformance property");
        return tree;
    }

    /** The pairs by the interval definition: "user:leftValue+rightValue@max(timestamps)", sorted. */
    List<String> expected() {
        List<long[]> ls = new ArrayList<>(times(left, 1000));
        ls.addAll(times(left2, 1005));
        List<long[]> rs = times(right, 1000);
        long lo = lowerExclusive ? lower + 1 : lower;
        long hi = upperExclusive ? lower + width - 1 : lower + width;
        List<String> out = new ArrayList<>();
        for (long[] l : ls) {
            for (long[] r : rs) {
                if (l[0] == r[0] && r[1] >= l[1] + lo && r[1] <= l[1] + hi) {
                    out.add(KEYS[(int) l[0]] + ":" + l[2] + "+" + r[2] + "@" + Math.max(l[1], r[1]));
                }
            }
        }
        out.sort(null);
        return out;
    }

    /** {key, timestamp, value} of each element, as {@link #records} lays them out. */
    private static List<long[]> times(List<Ev> evs, long base) {
        List<long[]> out = new ArrayList<>();
        long ts = base;
        for (Ev e : evs) {
            ts += e.step() * 10;
            out.add(new long[] {e.key(), ts, e.value()});
        }
        return out;
    }

    /** A sink's pairs in the form of {@link #expected()}. */
    static List<String> pairs(List<SinkRecord> records) {
        List<String> out = new ArrayList<>();
        for (SinkRecord s : records) {
            Row row = (Row) s.value();
            out.add(row.get("user") + ":" + row.get("value") + "+" + row.get("right.value") + "@" + s.timestamp());
        }
        out.sort(null);
        return out;
    }
}
