package io.streamscope.time;

/**
 * Flink's idleness detection for WatermarkStrategy.withIdleness: checked on each periodic emit, an input
 * becomes idle once no record arrived for longer than the timeout since the first check that saw no activity.
 */
public final class IdlenessTimer {
    private final long idleTimeoutMillis;
    private long counter;
    private long lastCounter;
    private long startOfInactivity = -1;

    public IdlenessTimer(long idleTimeoutMillis) {
        this.idleTimeoutMillis = idleTimeoutMillis;
    }

    public void activity() {
        counter++;
    }

    /** True when idle at processing time {@code now}. */
    public boolean checkIfIdle(long now) {
        if (counter != lastCounter) {
            lastCounter = counter;
            startOfInactivity = -1;
            return false;
        } else if (startOfInactivity < 0) {
            startOfInactivity = now;
            return false;
        } else {
            return now - startOfInactivity > idleTimeoutMillis;
        }
    }
}
