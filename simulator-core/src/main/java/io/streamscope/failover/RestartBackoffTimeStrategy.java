package io.streamscope.failover;

/** The running state of a restart strategy for one job (Flink's RestartBackoffTimeStrategy). */
public interface RestartBackoffTimeStrategy {
    /** A failure happened at {@code now}; decides whether a restart is allowed and after how long. */
    void notifyFailure(long now);

    boolean canRestart();

    /** How long to wait before restarting, decided by the last {@link #notifyFailure}. */
    long backoffMillis();
}
