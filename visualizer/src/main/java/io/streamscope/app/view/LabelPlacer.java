package io.streamscope.app.view;

import java.util.ArrayList;
import java.util.List;

/**
 * Keeps a canvas view's labels from covering one another. Labels are offered most important first; each gets the
 * first of its candidate spots that covers no label placed before, or is skipped. Rectangles are {x, y, w, h}.
 */
final class LabelPlacer {
    private final List<double[]> taken = new ArrayList<>();
    private final double[] bounds;

    /** A placer whose labels must stay inside {@code bounds} ({x, y, w, h}), or anywhere when null. */
    LabelPlacer(double[] bounds) {
        this.bounds = bounds;
    }

    /** Reserves an area no label may cover (a legend, a glyph that must stay visible). */
    void block(double[] r) {
        taken.add(r);
    }

    /** The first candidate rectangle that is free and inside the bounds, now taken; null when none is. */
    double[] place(double[]... candidates) {
        for (double[] r : candidates) {
            if (inside(r) && free(taken, r)) {
                taken.add(r);
                return r;
            }
        }
        return null;
    }

    /** The rectangles placed or blocked so far. */
    List<double[]> taken() {
        return taken;
    }

    private boolean inside(double[] r) {
        return bounds == null || (r[0] >= bounds[0] && r[1] >= bounds[1] && r[0] + r[2] <= bounds[0] + bounds[2]
                && r[1] + r[3] <= bounds[1] + bounds[3]);
    }

    /** True when rectangle {@code r} overlaps none of {@code taken}. */
    static boolean free(List<double[]> taken, double[] r) {
        for (double[] t : taken) {
            if (r[0] < t[0] + t[2] && t[0] < r[0] + r[2] && r[1] < t[1] + t[3] && t[1] < r[1] + r[3]) {
                return false;
            }
        }
        return true;
    }
}
