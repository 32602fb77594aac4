package io.streamscope.failover;

/**
 * Something that goes wrong at a virtual time, planned in a scenario or injected while a job runs. Each kind is
 * one of the failures a Flink job meets in production.
 */
public sealed interface Fault permits Fault.FailSubtask, Fault.KillTaskManager, Fault.SlowSubtask,
        Fault.FailCheckpointStorage, Fault.CheckpointTimeout {

    /** When it happens (virtual ms). */
    long at();

    /** The kind as a scenario names it, such as {@code fail-subtask}. */
    String kind();

    /** What it targets, for traces. */
    String target();

    /** A subtask throws an exception: the task fails and the job fails over. */
    record FailSubtask(long at, String subtask) implements Fault {
        @Override
        public String kind() {
            return "fail-subtask";
        }

        @Override
        public String target() {
            return subtask;
        }
    }

    /**
     * A TaskManager process dies: every subtask in its slots stops at once. The JobManager notices after
     * {@code detectAfterMillis} (a lost connection, or the heartbeat timeout) and fails over; the TaskManager's
     * slots come back after {@code downForMillis} (0: a replacement is there for the restart, as an active
     * resource manager on Kubernetes or YARN provides).
     */
    record KillTaskManager(long at, String taskManager, long detectAfterMillis, long downForMillis) implements Fault {
        @Override
        public String kind() {
            return "kill-taskmanager";
        }

        @Override
        public String target() {
            return taskManager;
        }
    }

    /** A subtask becomes slower: each record costs it {@code extraCostMillis} more, for a while (-1: for good). */
    record SlowSubtask(long at, String subtask, long extraCostMillis, long durationMillis) implements Fault {
        @Override
        public String kind() {
            return "slow-subtask";
        }

        @Override
        public String target() {
            return subtask;
        }
    }

    /** Checkpoint storage rejects uploads for a while (-1: for good): asynchronous snapshot parts fail. */
    record FailCheckpointStorage(long at, long durationMillis) implements Fault {
        @Override
        public String kind() {
            return "fail-checkpoint-storage";
        }

        @Override
        public String target() {
            return "checkpoint storage";
        }
    }

    /**
     * The next checkpoint triggered at or after {@code at} never completes: the upload of the given subtask (null:
     * of every subtask) hangs, so the checkpoint expires at its timeout.
     */
    record CheckpointTimeout(long at, String subtask) implements Fault {
        @Override
        public String kind() {
            return "checkpoint-timeout";
        }

        @Override
        public String target() {
            return subtask == null ? "every subtask" : subtask;
        }
    }
}
