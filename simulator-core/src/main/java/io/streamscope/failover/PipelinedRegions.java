package io.streamscope.failover;

import io.streamscope.graph.ExecutionPlan;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;

/**
 * The pipelined regions of a streaming job: subtasks connected by channels (every channel of a streaming job is
 * pipelined) fail over together. A job with a keyBy or rebalance is one region; a job of forward edges only has
 * one region per parallel pipeline.
 */
public final class PipelinedRegions {
    private final List<TreeSet<Integer>> regions = new ArrayList<>();
    private final int[] regionOf;

    public PipelinedRegions(ExecutionPlan plan) {
        List<ExecutionPlan.SubtaskRef> subtasks = plan.subtasks();
        Map<String, Integer> position = new HashMap<>();
        for (int i = 0; i < subtasks.size(); i++) {
            position.put(subtasks.get(i).id(), i);
        }
        int[] parent = new int[subtasks.size()];
        for (int i = 0; i < parent.length; i++) {
            parent[i] = i;
        }
        for (ExecutionPlan.ChannelRef c : plan.channels()) {
            union(parent, position.get(c.sender().id()), position.get(c.receiver().id()));
        }
        regionOf = new int[subtasks.size()];
        Map<Integer, Integer> regionByRoot = new HashMap<>();
        for (int i = 0; i < parent.length; i++) {
            int root = find(parent, i);
            Integer r = regionByRoot.get(root);
            if (r == null) {
                r = regions.size();
                regionByRoot.put(root, r);
                regions.add(new TreeSet<>());
            }
            regions.get(r).add(i);
            regionOf[i] = r;
        }
    }

    private static int find(int[] parent, int i) {
        while (parent[i] != i) {
            parent[i] = parent[parent[i]];
            i = parent[i];
        }
        return i;
    }

    private static void union(int[] parent, int a, int b) {
        int ra = find(parent, a);
        int rb = find(parent, b);
        if (ra != rb) {
            parent[Math.max(ra, rb)] = Math.min(ra, rb);
        }
    }

    /** The positions (in plan order) of the subtasks in the region of the subtask at {@code position}. */
    public TreeSet<Integer> regionOf(int position) {
        return new TreeSet<>(regions.get(regionOf[position]));
    }

    public int numRegions() {
        return regions.size();
    }
}
