package io.streamscope.graph;

/** The cluster a job runs on: one JobManager and this many TaskManagers with this many slots each. */
public record ClusterSpec(int taskManagers, int slotsPerTaskManager) {
    public ClusterSpec {
        if (taskManagers < 1) {
            throw new IllegalArgumentException("a cluster needs at least one TaskManager, got " + taskManagers);
        }
        if (slotsPerTaskManager < 1) {
            throw new IllegalArgumentException("a TaskManager needs at least one slot, got " + slotsPerTaskManager);
        }
    }

    public int totalSlots() {
        return taskManagers * slotsPerTaskManager;
    }
}
