package io.streamscope.app.view;

import io.streamscope.view.EngineView;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Where the job graph view puts things, in its own unscaled coordinates: TaskManagers as boxes stacked top to
 * bottom, each slot a band inside its TaskManager, and in each band the subtasks sharing that slot, placed in
 * columns by their chain's depth in the job (sources left) so channels flow left to right. Computed once per run
 * from the view's topology, which does not change while a job runs.
 */
public final class GraphLayout {
    static final double NODE_W = 200;
    static final double HEADER_H = 22;
    static final double OP_H = 18;
    static final double FOOTER_H = 20;
    static final double COL_W = 360;
    static final double SLOT_LABEL_W = 64;
    static final double MARGIN = 14;
    static final double TM_TITLE_H = 24;
    static final double ROW_GAP = 16;

    /**
     * A subtask node: its chain's operators, top left corner and size, and whether its chain starts with a
     * two-input operator (then it has a row per input under the operators, and its inbound channels arrive in two
     * groups: input 1 above, input 2 below).
     */
    public record Node(String id, List<String> operators, double x, double y, double w, double h,
                       boolean twoInput) {
        boolean contains(double px, double py) {
            return px >= x && px <= x + w && py >= y && py <= y + h;
        }
    }

    /** A labelled box: a TaskManager or a slot. */
    public record Box(String label, double x, double y, double w, double h) {
    }

    /**
     * A channel drawn as a cubic curve from the sender's right side to the receiver's left side; {@code input} is
     * the receiver's input it feeds (1, or 2 for the second input of a two-input operator).
     */
    public record Edge(String channel, String from, String to, double x1, double y1, double x2, double y2,
                       int input) {
        /** The point at parameter u (0 at the sender, 1 at the receiver). */
        double[] at(double u) {
            double dx = Math.max(40, (x2 - x1) * 0.5);
            double cx1 = x1 + dx;
            double cx2 = x2 - dx;
            double v = 1 - u;
            double x = v * v * v * x1 + 3 * v * v * u * cx1 + 3 * v * u * u * cx2 + u * u * u * x2;
            double y = v * v * v * y1 + 3 * v * v * u * y1 + 3 * v * u * u * y2 + u * u * u * y2;
            return new double[] {x, y};
        }

        /** Approximate length, to space queued elements by pixels rather than by curve parameter. */
        double length() {
            return Math.hypot(x2 - x1, y2 - y1) * 1.1;
        }

        /** The curve measured by arc length: a table of parameter and distance from the sender, 64 segments. */
        Arc arc() {
            int n = 64;
            double[] dist = new double[n + 1];
            double[] prev = at(0);
            for (int i = 1; i <= n; i++) {
                double[] p = at(i / (double) n);
                dist[i] = dist[i - 1] + Math.hypot(p[0] - prev[0], p[1] - prev[1]);
                prev = p;
            }
            return new Arc(this, dist);
        }
    }

    /** A channel's curve by arc length, so that elements are spaced in pixels along it. */
    public record Arc(Edge edge, double[] dist) {
        /** The curve's length in pixels. */
        public double length() {
            return dist[dist.length - 1];
        }

        /** The point {@code d} pixels along the curve from the sender. */
        public double[] at(double d) {
            int n = dist.length - 1;
            if (d <= 0) {
                return edge.at(0);
            }
            if (d >= length()) {
                return edge.at(1);
            }
            int lo = 0;
            int hi = n;
            while (hi - lo > 1) {
                int mid = (lo + hi) >>> 1;
                if (dist[mid] <= d) {
                    lo = mid;
                } else {
                    hi = mid;
                }
            }
            double f = (d - dist[lo]) / Math.max(1e-9, dist[hi] - dist[lo]);
            return edge.at((lo + f) / n);
        }
    }

    private final List<Box> taskManagers = new ArrayList<>();
    private final List<Box> slots = new ArrayList<>();
    private final Map<String, Node> nodes = new LinkedHashMap<>();
    private final List<Edge> edges = new ArrayList<>();
    private double width;
    private double height;

    private GraphLayout() {
    }

    public static GraphLayout of(EngineView view) {
        GraphLayout l = new GraphLayout();
        l.build(view);
        return l;
    }

    private void build(EngineView view) {
        Map<String, EngineView.SubtaskView> byId = new HashMap<>();
        List<String> chains = new ArrayList<>();
        java.util.Set<String> twoInput = new java.util.HashSet<>();
        for (EngineView.SubtaskView s : view.subtasks()) {
            byId.put(s.id(), s);
            if (!chains.contains(s.task())) {
                chains.add(s.task());
            }
            if (!s.inputWatermarks().isEmpty()) {
                twoInput.add(s.task());
            }
        }
        Map<String, Integer> depth = chainDepths(view, byId, chains);
        // chains at the same depth are stacked inside a slot band
        Map<String, Integer> stack = new HashMap<>();
        Map<Integer, Integer> perDepth = new HashMap<>();
        int columns = 1;
        for (String c : chains) {
            int d = depth.get(c);
            stack.put(c, perDepth.merge(d, 1, Integer::sum) - 1);
            columns = Math.max(columns, d + 1);
        }
        double[] stackY = new double[chains.size() + 1];
        int maxStack = 0;
        for (int n : perDepth.values()) {
            maxStack = Math.max(maxStack, n);
        }
        double nodeH = 0;
        for (String c : chains) {
            nodeH = Math.max(nodeH, nodeHeight(rows(c, twoInput)));
        }
        double bandH = maxStack * nodeH + (maxStack - 1) * ROW_GAP + 2 * ROW_GAP;
        for (int i = 0; i <= maxStack; i++) {
            stackY[i] = ROW_GAP + i * (nodeH + ROW_GAP);
        }
        double innerW = SLOT_LABEL_W + columns * COL_W - (COL_W - NODE_W) + 2 * MARGIN;
        double y = MARGIN;
        for (EngineView.TaskManagerView tm : view.taskManagers()) {
            double tmTop = y;
            y += TM_TITLE_H;
            for (EngineView.SlotView slot : tm.slots()) {
                double h = slot.subtasks().isEmpty() ? 30 : bandH;
                slots.add(new Box(slotLabel(slot.id()), MARGIN + 8, y, innerW - 16, h));
                for (String id : slot.subtasks()) {
                    EngineView.SubtaskView s = byId.get(id);
                    if (s == null) {
                        continue;
                    }
                    double x = MARGIN + 8 + SLOT_LABEL_W + depth.get(s.task()) * COL_W;
                    List<String> ops = operators(s.task());
                    boolean two = twoInput.contains(s.task());
                    nodes.put(id, new Node(id, ops, x, y + stackY[stack.get(s.task())], NODE_W,
                            nodeHeight(rows(s.task(), twoInput)), two));
                }
                y += h + 8;
            }
            taskManagers.add(new Box("TaskManager " + tm.id(), MARGIN, tmTop, innerW, y - tmTop));
            y += 14;
        }
        width = innerW + 2 * MARGIN;
        height = y + 26;
        placeEdges(view);
    }

    private void placeEdges(EngineView view) {
        Map<String, Integer> inputOf = new HashMap<>();
        for (EngineView.SubtaskView s : view.subtasks()) {
            for (EngineView.InputView i : s.inputs()) {
                inputOf.put(i.channel(), i.input());
            }
        }
        Map<String, List<EngineView.ChannelView>> outs = new LinkedHashMap<>();
        // per receiver and input: a two-input node takes input 1 on the upper half of its side, input 2 below
        Map<String, List<EngineView.ChannelView>> ins = new LinkedHashMap<>();
        for (EngineView.ChannelView c : view.channels()) {
            outs.computeIfAbsent(c.from(), k -> new ArrayList<>()).add(c);
            ins.computeIfAbsent(c.to() + "#" + inputOf.getOrDefault(c.id(), 1), k -> new ArrayList<>()).add(c);
        }
        // receivers ordered top to bottom on the sender's side (and senders on the receiver's) keep lines apart
        for (List<EngineView.ChannelView> list : outs.values()) {
            list.sort((a, b) -> Double.compare(nodes.get(a.to()).y(), nodes.get(b.to()).y()));
        }
        for (List<EngineView.ChannelView> list : ins.values()) {
            list.sort((a, b) -> Double.compare(nodes.get(a.from()).y(), nodes.get(b.from()).y()));
        }
        for (EngineView.ChannelView c : view.channels()) {
            Node from = nodes.get(c.from());
            Node to = nodes.get(c.to());
            if (from == null || to == null) {
                continue;
            }
            int input = inputOf.getOrDefault(c.id(), 1);
            List<EngineView.ChannelView> o = outs.get(c.from());
            List<EngineView.ChannelView> i = ins.get(c.to() + "#" + input);
            double y1 = port(from, o.indexOf(c), o.size());
            double y2 = to.twoInput() ? inputPort(to, input, i.indexOf(c), i.size()) : port(to, i.indexOf(c), i.size());
            edges.add(new Edge(c.id(), c.from(), c.to(), from.x() + from.w(), y1, to.x(), y2, input));
        }
    }

    /**
     * Where the index-th of a node's count channels on one side meets it. A single channel meets the middle of the
     * operator pills; several spread over the node's whole height, so that the piles of neighbouring channels
     * (a shuffle's four outputs, say) stay apart.
     */
    static double port(Node n, int index, int count) {
        if (count <= 1) {
            return n.y() + HEADER_H + (n.h() - HEADER_H - FOOTER_H) / 2;
        }
        double top = n.y() + 8;
        double span = n.h() - 16;
        return top + span * index / (count - 1);
    }

    /** A channel's end on a two-input node: spread over the upper (input 1) or lower (input 2) half of its side. */
    static double inputPort(Node n, int input, int index, int count) {
        double top = n.y() + HEADER_H;
        double half = (n.h() - HEADER_H - FOOTER_H) / 2;
        return top + (input - 1) * half + half * (index + 1) / (count + 1);
    }

    /** Rows of a chain's node: one per operator, and two more (one per input) under a two-input operator. */
    private static int rows(String task, java.util.Set<String> twoInput) {
        return operators(task).size() + (twoInput.contains(task) ? 2 : 0);
    }

    /** Depth of each chain: 0 for sources, else one more than the deepest chain feeding it. */
    private static Map<String, Integer> chainDepths(EngineView view, Map<String, EngineView.SubtaskView> byId,
                                                    List<String> chains) {
        Map<String, Integer> depth = new HashMap<>();
        for (String c : chains) {
            depth.put(c, 0);
        }
        // chains come in topological order, so one pass per chain settles every depth
        for (int pass = 0; pass < chains.size(); pass++) {
            for (EngineView.ChannelView c : view.channels()) {
                EngineView.SubtaskView from = byId.get(c.from());
                EngineView.SubtaskView to = byId.get(c.to());
                if (from != null && to != null && !from.task().equals(to.task())) {
                    depth.put(to.task(), Math.max(depth.get(to.task()), depth.get(from.task()) + 1));
                }
            }
        }
        return depth;
    }

    static List<String> operators(String task) {
        return List.of(task.split(" -> "));
    }

    static double nodeHeight(int operators) {
        return HEADER_H + Math.max(1, operators) * OP_H + 6 + FOOTER_H;
    }

    private static String slotLabel(String id) {
        int i = id.indexOf("slot-");
        return i >= 0 ? "slot " + id.substring(i + 5) : id;
    }

    public List<Box> taskManagers() {
        return taskManagers;
    }

    public List<Box> slots() {
        return slots;
    }

    public Map<String, Node> nodes() {
        return nodes;
    }

    public List<Edge> edges() {
        return edges;
    }

    public double width() {
        return width;
    }

    public double height() {
        return height;
    }
}
