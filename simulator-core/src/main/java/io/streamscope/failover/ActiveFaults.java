package io.streamscope.failover;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The faults in effect: slowed subtasks, checkpoint storage outages, checkpoints meant to hang, TaskManagers that
 * are down. The engine asks it what a fault changes at a point of virtual time.
 */
public final class ActiveFaults {
    /** An extra per-record cost of a subtask until a time (Long.MAX_VALUE: for good). */
    private record Slowdown(long extraCostMillis, long until) {
    }

    /** A hang of the first checkpoint triggered at or after {@code at}; {@code checkpointId} once known. */
    private static final class Hang {
        final long at;
        final String subtask;
        long checkpointId = -1;

        Hang(long at, String subtask) {
            this.at = at;
            this.subtask = subtask;
        }
    }

    private final Map<String, Slowdown> slowdowns = new LinkedHashMap<>();
    private final List<Hang> hangs = new ArrayList<>();
    private final Map<String, Long> taskManagerDownUntil = new LinkedHashMap<>();
    private long storageFailingFrom = Long.MAX_VALUE;
    private long storageFailingUntil = Long.MIN_VALUE;

    public void slow(String subtask, long extraCostMillis, long now, long durationMillis) {
        slowdowns.put(subtask, new Slowdown(extraCostMillis, durationMillis < 0 ? Long.MAX_VALUE : now + durationMillis));
    }

    /** The extra cost per record of a subtask at {@code now}. */
    public long extraCost(String subtask, long now) {
        if (slowdowns.isEmpty()) {
            return 0; // the per-record hot path: no lookup while nothing is slowed down
        }
        Slowdown s = slowdowns.get(subtask);
        return s == null || now >= s.until() ? 0 : s.extraCostMillis();
    }

    public void failStorage(long now, long durationMillis) {
        storageFailingFrom = now;
        storageFailingUntil = durationMillis < 0 ? Long.MAX_VALUE : now + durationMillis;
    }

    /** True while checkpoint storage rejects uploads. */
    public boolean storageFailing(long now) {
        return now >= storageFailingFrom && now < storageFailingUntil;
    }

    public void hangNextCheckpoint(long at, String subtask) {
        hangs.add(new Hang(at, subtask));
    }

    /** A checkpoint was triggered: the first one at or after a planned hang is the one that hangs. */
    public void checkpointTriggered(long checkpointId, long triggerTime) {
        for (Hang h : hangs) {
            if (h.checkpointId < 0 && triggerTime >= h.at) {
                h.checkpointId = checkpointId;
            }
        }
    }

    /** True when the upload of this subtask's part of the checkpoint never finishes. */
    public boolean uploadHangs(String subtask, long checkpointId) {
        for (Hang h : hangs) {
            if (h.checkpointId == checkpointId && (h.subtask == null || h.subtask.equals(subtask))) {
                return true;
            }
        }
        return false;
    }

    public void markTaskManagerDown(String taskManager, long until) {
        taskManagerDownUntil.put(taskManager, until);
    }

    /** True when the TaskManager cannot offer its slots at {@code now}. */
    public boolean taskManagerDown(String taskManager, long now) {
        Long until = taskManagerDownUntil.get(taskManager);
        return until != null && now < until;
    }
}
