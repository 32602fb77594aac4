package io.streamscope.app.view;

import java.util.ArrayList;
import java.util.List;

/**
 * Where the elements of one channel go along its curve, in pixels from the sender's end: the output buffer piled
 * against the sender, the elements on the wire near where their remaining latency puts them, the input buffer
 * piled against the receiver. A channel is a queue, so its order is kept: input buffer (oldest at the receiver),
 * then the wire (earliest arrival nearest the receiver), then the output buffer (next to leave nearest the wire).
 * No two elements overlap, labels included. When a place cannot hold all its elements, it shows the first ones in
 * queue order and a "+N" marker behind them for the rest. Pure arithmetic, so it is tested without a screen.
 */
public final class ChannelLayout {
    /** Space left between neighbours, in pixels. */
    static final double GAP = 3;

    /** The three places of a channel. */
    public enum Place { OUTPUT, WIRE, INPUT }

    /**
     * One element to place: the width of its glyph and of its label (0 without a label), and for an element on the
     * wire the position (pixels from the sender) that its remaining latency asks for; NaN for a buffered one.
     */
    public record Item(double glyph, double label, double desired) {
        double width(boolean withLabel) {
            return withLabel ? Math.max(glyph, label) : glyph;
        }
    }

    /** An element as placed: its place, its index in that place's list, its centre, whether its label is drawn. */
    public record Placed(Place place, int index, double pos, boolean label) {
    }

    /** The marker for the {@code count} elements of a place that did not fit, centred at {@code pos}. */
    public record More(Place place, int count, double pos) {
    }

    /** The layout of a channel: its elements in queue order from the receiver's end, and the "+N" markers. */
    public record Result(List<Placed> placed, List<More> more) {
    }

    private ChannelLayout() {
    }

    /** The width of a "+N" marker for {@code n} hidden elements, in the estimate used for labels. */
    static double moreWidth(int n) {
        return labelWidth("+" + n);
    }

    /** The width of a small bold label, estimated per character (the canvas measures nothing cheaply). */
    static double labelWidth(String text) {
        return text.isEmpty() ? 0 : text.length() * 6.2 + 4;
    }

    /**
     * Lays out a channel of {@code length} pixels. Each list is in queue order: {@code output} next to leave first,
     * {@code wire} earliest arrival first, {@code input} next to be taken first.
     */
    public static Result layout(double length, List<Item> output, List<Item> wire, List<Item> input) {
        double lo = GAP;
        double hi = length - GAP;
        // first choice: every element with its label
        if (need(output, true) + need(wire, true) + need(input, true) <= hi - lo) {
            return place(lo, hi, output, wire, input, output.size(), wire.size(), input.size(), true);
        }
        // crowded: glyphs only, then labels wherever they still fit
        double[] budget = share(hi - lo, new double[] {need(output, false), need(wire, false), need(input, false)});
        int outN = fit(output, budget[0]);
        int wireN = fit(wire, budget[1]);
        int inN = fit(input, budget[2]);
        return place(lo, hi, output, wire, input, outN, wireN, inN, false);
    }

    /** Pixels a whole place takes: its elements and a gap after each. */
    private static double need(List<Item> items, boolean labels) {
        double sum = 0;
        for (Item i : items) {
            sum += i.width(labels) + GAP;
        }
        return sum;
    }

    /** Max-min fair shares of {@code total}: a place that needs less than an equal share gets what it needs. */
    static double[] share(double total, double[] needs) {
        double[] out = new double[needs.length];
        boolean[] done = new boolean[needs.length];
        double left = total;
        int open = 0;
        for (double n : needs) {
            open += n > 0 ? 1 : 0;
        }
        for (int i = 0; i < needs.length; i++) {
            done[i] = needs[i] <= 0;
        }
        boolean changed = true;
        while (open > 0 && changed) {
            changed = false;
            double equal = left / open;
            for (int i = 0; i < needs.length; i++) {
                if (!done[i] && needs[i] <= equal) {
                    out[i] = needs[i];
                    left -= needs[i];
                    done[i] = true;
                    open--;
                    changed = true;
                }
            }
        }
        for (int i = 0; i < needs.length; i++) {
            if (!done[i]) {
                out[i] = left / open;
            }
        }
        return out;
    }

    /** How many of a place's first elements fit in {@code budget} pixels with glyphs only, leaving room for "+N". */
    static int fit(List<Item> items, double budget) {
        if (need(items, false) <= budget) {
            return items.size();
        }
        int n = 0;
        double used = 0;
        while (n < items.size()) {
            double next = used + items.get(n).glyph() + GAP;
            if (next + moreWidth(items.size() - n - 1) + GAP > budget) {
                break;
            }
            used = next;
            n++;
        }
        return n;
    }

    /** One thing on the line: an element or a "+N" marker, with its wanted centre and its width. */
    private static final class Slot {
        final Place place;
        final int index;
        final int more;
        final double width;
        double pos;

        Slot(Place place, int index, int more, double width, double pos) {
            this.place = place;
            this.index = index;
            this.more = more;
            this.width = width;
            this.pos = pos;
        }
    }

    private static Result place(double lo, double hi, List<Item> output, List<Item> wire, List<Item> input,
                                int outN, int wireN, int inN, boolean labels) {
        // the queue from the receiver's end: input buffer, wire, output buffer; each place's "+N" behind its shown
        List<Slot> line = new ArrayList<>();
        double x = hi;
        for (int i = 0; i < inN; i++) {
            double w = input.get(i).width(labels);
            line.add(new Slot(Place.INPUT, i, 0, w, x - w / 2));
            x -= w + GAP;
        }
        if (inN < input.size()) {
            double w = moreWidth(input.size() - inN);
            line.add(new Slot(Place.INPUT, -1, input.size() - inN, w, x - w / 2));
        }
        int firstWire = line.size();
        for (int i = 0; i < wireN; i++) {
            Item it = wire.get(i);
            line.add(new Slot(Place.WIRE, i, 0, it.width(labels), it.desired()));
        }
        if (wireN < wire.size()) {
            // the hidden ones were sent later: the marker sits just behind the last shown
            double behind = wireN == 0 ? wire.get(0).desired() : wire.get(wireN - 1).desired();
            line.add(new Slot(Place.WIRE, -1, wire.size() - wireN, moreWidth(wire.size() - wireN), behind));
        }
        int firstOut = line.size();
        // the output buffer piles up from the sender's end; its front (next to leave) is nearest the wire
        List<Slot> out = new ArrayList<>();
        double y = lo;
        if (outN < output.size()) {
            double w = moreWidth(output.size() - outN);
            out.add(new Slot(Place.OUTPUT, -1, output.size() - outN, w, y + w / 2));
            y += w + GAP;
        }
        for (int i = outN - 1; i >= 0; i--) {
            double w = output.get(i).width(labels);
            out.add(new Slot(Place.OUTPUT, i, 0, w, y + w / 2));
            y += w + GAP;
        }
        for (int i = out.size() - 1; i >= 0; i--) {
            line.add(out.get(i));
        }
        // wire elements keep their wanted spot where they can; the piles are packed already. One pass from the
        // receiver keeps each element behind the one ahead, one pass from the sender keeps it ahead of the one behind
        for (int i = firstWire; i < firstOut; i++) {
            Slot s = line.get(i);
            double max = i == 0 ? hi - s.width / 2 : line.get(i - 1).pos - (line.get(i - 1).width + s.width) / 2 - GAP;
            s.pos = Math.min(s.pos, max);
        }
        for (int i = firstOut - 1; i >= firstWire; i--) {
            Slot s = line.get(i);
            double min = i + 1 >= line.size() ? lo + s.width / 2
                    : line.get(i + 1).pos + (line.get(i + 1).width + s.width) / 2 + GAP;
            s.pos = Math.max(s.pos, min);
        }
        boolean[] label = new boolean[line.size()];
        if (labels) {
            java.util.Arrays.fill(label, true);
        } else {
            labelWhereFree(line, label, output, wire, input, lo, hi);
        }
        List<Placed> placed = new ArrayList<>();
        List<More> more = new ArrayList<>();
        for (int i = 0; i < line.size(); i++) {
            Slot s = line.get(i);
            if (s.more > 0) {
                more.add(new More(s.place, s.more, s.pos));
            } else {
                Item it = item(s, output, wire, input);
                placed.add(new Placed(s.place, s.index, s.pos, label[i] && it.label() > 0));
            }
        }
        return new Result(placed, more);
    }

    private static Item item(Slot s, List<Item> output, List<Item> wire, List<Item> input) {
        return (s.place == Place.INPUT ? input : s.place == Place.WIRE ? wire : output).get(s.index);
    }

    /**
     * On a crowded channel, labels go where they cover nothing: the elements nearest the receiver (the next to
     * arrive) are asked first.
     */
    private static void labelWhereFree(List<Slot> line, boolean[] label, List<Item> output, List<Item> wire,
                                       List<Item> input, double lo, double hi) {
        List<double[]> taken = new ArrayList<>();
        for (Slot s : line) {
            taken.add(new double[] {s.pos - s.width / 2, s.pos + s.width / 2});
        }
        for (int i = 0; i < line.size(); i++) {
            Slot s = line.get(i);
            if (s.more > 0) {
                continue;
            }
            Item it = item(s, output, wire, input);
            if (it.label() <= it.glyph()) {
                label[i] = true;
                continue;
            }
            double a = s.pos - it.label() / 2;
            double b = s.pos + it.label() / 2;
            boolean free = a >= lo && b <= hi;
            for (int j = 0; j < taken.size() && free; j++) {
                double[] t = taken.get(j);
                free = j == i || b + GAP <= t[0] || t[1] + GAP <= a;
            }
            if (free) {
                label[i] = true;
                taken.add(new double[] {a, b});
            }
        }
    }
}
