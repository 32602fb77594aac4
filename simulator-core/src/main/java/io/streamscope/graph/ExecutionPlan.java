package io.streamscope.graph;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The physical plan Flink derives from a job graph: operator chains (forward edges between operators of equal
 * parallelism, chaining allowed), their parallel subtasks, the channels between subtasks, and the slot each
 * subtask runs in.
 */
public final class ExecutionPlan {
    /** A chain of operators that run in one task, head first. */
    public record Chain(int index, List<JobVertex> operators, int parallelism) {
        public JobVertex head() {
            return operators.get(0);
        }

        /** Flink's task name: the operator names joined by " -> ". */
        public String name() {
            StringBuilder sb = new StringBuilder();
            for (JobVertex v : operators) {
                if (sb.length() > 0) {
                    sb.append(" -> ");
                }
                sb.append(v.name());
            }
            return sb.toString();
        }
    }

    /** One parallel instance of a chain; {@code id} is "head[index]". */
    public record SubtaskRef(Chain chain, int index, String id) {
    }

    /** A channel from a subtask's result partition to a downstream subtask's input gate. */
    public record ChannelRef(String id, JobEdge edge, SubtaskRef sender, SubtaskRef receiver, int gateIndex) {
        /** The receiver's input this channel feeds: 0, or 1 for the second input of a two-input operator. */
        public int input() {
            return edge.input();
        }
    }

    /** A slot of a TaskManager and the subtasks sharing it (slot sharing: one subtask of each chain at most). */
    public record Slot(int taskManager, int index, List<SubtaskRef> subtasks) {
        public String id() {
            return "tm-" + (taskManager + 1) + "/slot-" + index;
        }
    }

    private final JobGraph jobGraph;
    private final List<Chain> chains = new ArrayList<>();
    private final Map<JobVertex, Chain> chainOf = new LinkedHashMap<>();
    private final List<SubtaskRef> subtasks = new ArrayList<>();
    private final List<ChannelRef> channels = new ArrayList<>();
    private final List<Slot> slots = new ArrayList<>();
    private final ClusterSpec cluster;

    public ExecutionPlan(JobGraph jobGraph, ClusterSpec cluster, boolean chainingEnabled) {
        this.jobGraph = jobGraph;
        this.cluster = cluster;
        buildChains(chainingEnabled);
        buildSubtasksAndChannels();
        placeInSlots();
    }

    /**
     * Flink's chaining condition for an edge. An operator with several inbound edges (a union, or two inputs) is
     * never chained to its predecessors: the caller only asks for an operator's single inbound edge.
     */
    public static boolean isChainable(JobEdge e, boolean chainingEnabled) {
        return chainingEnabled
                && e.partitioner() instanceof Partitioner.Forward
                && e.source().parallelism() == e.target().parallelism()
                && e.source().chainingAllowed()
                && e.target().chainingAllowed();
    }

    private void buildChains(boolean chainingEnabled) {
        for (JobVertex v : jobGraph.vertices()) {
            List<JobEdge> in = jobGraph.inputs(v);
            if (in.size() == 1 && isChainable(in.get(0), chainingEnabled)) {
                Chain c = chainOf.get(in.get(0).source());
                c.operators().add(v);
                chainOf.put(v, c);
            } else {
                Chain c = new Chain(chains.size(), new ArrayList<>(List.of(v)), v.parallelism());
                chains.add(c);
                chainOf.put(v, c);
            }
        }
    }

    private void buildSubtasksAndChannels() {
        Map<Chain, List<SubtaskRef>> byChain = new LinkedHashMap<>();
        for (Chain c : chains) {
            List<SubtaskRef> list = new ArrayList<>();
            for (int i = 0; i < c.parallelism(); i++) {
                SubtaskRef s = new SubtaskRef(c, i, c.head().name() + "[" + i + "]");
                list.add(s);
                subtasks.add(s);
            }
            byChain.put(c, list);
        }
        java.util.Set<String> ids = new java.util.HashSet<>();
        for (Chain c : chains) {
            JobVertex head = c.head();
            List<JobEdge> in = jobGraph.inputs(head);
            if (in.isEmpty() || (in.size() == 1 && chainOf.get(in.get(0).source()) == c)) {
                continue;
            }
            List<SubtaskRef> receivers = byChain.get(c);
            for (SubtaskRef r : receivers) {
                // one gate index over every channel of every inbound edge: first input, then second, each edge's
                // senders in subtask order
                int gateIndex = 0;
                for (JobEdge e : in) {
                    List<SubtaskRef> senders = byChain.get(chainOf.get(e.source()));
                    for (SubtaskRef s : senders) {
                        if (e.partitioner() instanceof Partitioner.Forward && s.index() != r.index()) {
                            continue;
                        }
                        String tag = e.outputTag() == null ? "" : "#" + e.outputTag();
                        String id = s.id() + tag + "->" + r.id();
                        if (!ids.add(id)) {
                            // the same stream read twice (a self-union or a self-join): the second edge's channel
                            id = id + "~" + (e.input() + 1) + "." + gateIndex;
                            ids.add(id);
                        }
                        channels.add(new ChannelRef(id, e, s, r, gateIndex++));
                    }
                }
            }
        }
    }

    private void placeInSlots() {
        int needed = 0;
        for (Chain c : chains) {
            needed = Math.max(needed, c.parallelism());
        }
        if (needed > cluster.totalSlots()) {
            throw new IllegalStateException("Could not acquire the minimum required resources: the job needs "
                    + needed + " slots (its highest parallelism, with slot sharing) but the cluster has "
                    + cluster.taskManagers() + " TaskManager(s) x " + cluster.slotsPerTaskManager() + " slot(s) = "
                    + cluster.totalSlots());
        }
        for (int k = 0; k < needed; k++) {
            List<SubtaskRef> inSlot = new ArrayList<>();
            for (SubtaskRef s : subtasks) {
                if (s.index() == k) {
                    inSlot.add(s);
                }
            }
            slots.add(new Slot(k / cluster.slotsPerTaskManager(), k % cluster.slotsPerTaskManager(),
                    Collections.unmodifiableList(inSlot)));
        }
    }

    public JobGraph jobGraph() {
        return jobGraph;
    }

    public ClusterSpec cluster() {
        return cluster;
    }

    public List<Chain> chains() {
        return Collections.unmodifiableList(chains);
    }

    public Chain chainOf(JobVertex v) {
        return chainOf.get(v);
    }

    public List<SubtaskRef> subtasks() {
        return Collections.unmodifiableList(subtasks);
    }

    public List<ChannelRef> channels() {
        return Collections.unmodifiableList(channels);
    }

    public List<Slot> slots() {
        return Collections.unmodifiableList(slots);
    }

    /** The slot a subtask was placed in. */
    public Slot slotOf(SubtaskRef s) {
        return slots.get(s.index());
    }
}
