package io.streamscope.runtime;

import io.streamscope.checkpoint.CheckpointConfig;
import io.streamscope.checkpoint.CompletedCheckpoint;
import io.streamscope.failover.FailoverStrategy;
import io.streamscope.failover.RestartStrategy;

/**
 * A job's fault-tolerance settings: checkpointing, the restart strategy (null: Flink's default, which depends on
 * whether checkpointing is on), the failover strategy, and the checkpoint or savepoint to start from (Flink's
 * {@code -s}), if any.
 */
public record JobSettings(CheckpointConfig checkpointing, RestartStrategy restartStrategy,
                          FailoverStrategy failoverStrategy, CompletedCheckpoint restoreFrom) {
    public JobSettings {
        if (checkpointing == null) {
            checkpointing = CheckpointConfig.disabled();
        }
        if (failoverStrategy == null) {
            failoverStrategy = FailoverStrategy.REGION;
        }
    }

    /** No checkpointing, Flink's default restart strategy (none), region failover, a fresh start. */
    public static JobSettings defaults() {
        return new JobSettings(CheckpointConfig.disabled(), null, FailoverStrategy.REGION, null);
    }

    /** The restart strategy in effect. */
    public RestartStrategy effectiveRestartStrategy() {
        return restartStrategy != null ? restartStrategy : RestartStrategy.flinkDefault(checkpointing.enabled());
    }

    public JobSettings withCheckpointing(CheckpointConfig c) {
        return new JobSettings(c, restartStrategy, failoverStrategy, restoreFrom);
    }

    public JobSettings withRestartStrategy(RestartStrategy r) {
        return new JobSettings(checkpointing, r, failoverStrategy, restoreFrom);
    }

    public JobSettings withFailoverStrategy(FailoverStrategy f) {
        return new JobSettings(checkpointing, restartStrategy, f, restoreFrom);
    }

    public JobSettings withRestoreFrom(CompletedCheckpoint c) {
        return new JobSettings(checkpointing, restartStrategy, failoverStrategy, c);
    }
}
