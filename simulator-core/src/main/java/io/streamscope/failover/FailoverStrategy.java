package io.streamscope.failover;

/** Which tasks restart after a task failure (Flink's jobmanager.execution.failover-strategy). */
public enum FailoverStrategy {
    /** Restart every task of the job. */
    FULL,
    /** Restart only the pipelined region of the failed task (Flink's default). */
    REGION;

    public String describe() {
        return this == FULL ? "full" : "region";
    }
}
