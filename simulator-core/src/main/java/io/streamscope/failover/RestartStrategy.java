package io.streamscope.failover;

import java.util.random.RandomGenerator;

/**
 * Whether and when a failed job restarts (Flink's restart-strategy.type). Without a configured strategy Flink uses
 * none when checkpointing is off and exponential-delay when it is on ({@link #flinkDefault}).
 */
public sealed interface RestartStrategy permits RestartStrategy.NoRestart, RestartStrategy.FixedDelay,
        RestartStrategy.ExponentialDelay {

    /** A fresh backoff state for a job run; jitter draws from the engine's seeded random source. */
    RestartBackoffTimeStrategy create(RandomGenerator random);

    /** The name as in Flink's configuration. */
    String describe();

    /** Flink's default: no restart without checkpointing, exponential delay with it. */
    static RestartStrategy flinkDefault(boolean checkpointing) {
        return checkpointing ? ExponentialDelay.defaults() : new NoRestart();
    }

    /** restart-strategy.type: none. The first failure fails the job. */
    record NoRestart() implements RestartStrategy {
        @Override
        public RestartBackoffTimeStrategy create(RandomGenerator random) {
            return new RestartBackoffTimeStrategy() {
                @Override
                public void notifyFailure(long now) {
                }

                @Override
                public boolean canRestart() {
                    return false;
                }

                @Override
                public long backoffMillis() {
                    return 0;
                }
            };
        }

        @Override
        public String describe() {
            return "none";
        }
    }

    /**
     * restart-strategy.type: fixed-delay. Restarts after {@code delayMillis}, at most {@code attempts} times in
     * the job's life (Flink: 1 attempt, 1 s delay by default).
     */
    record FixedDelay(int attempts, long delayMillis) implements RestartStrategy {
        public FixedDelay {
            if (attempts < 0 || delayMillis < 0) {
                throw new IllegalArgumentException("fixed-delay restart needs attempts >= 0 and a delay >= 0");
            }
        }

        @Override
        public RestartBackoffTimeStrategy create(RandomGenerator random) {
            return new RestartBackoffTimeStrategy() {
                private int failures;

                @Override
                public void notifyFailure(long now) {
                    failures++;
                }

                @Override
                public boolean canRestart() {
                    return failures <= attempts;
                }

                @Override
                public long backoffMillis() {
                    return delayMillis;
                }
            };
        }

        @Override
        public String describe() {
            return "fixed-delay (" + attempts + " attempts, " + delayMillis + " ms)";
        }
    }

    /**
     * restart-strategy.type: exponential-delay. The first restart waits {@code initialBackoffMillis}; each further
     * failure multiplies the wait by {@code multiplier} up to {@code maxBackoffMillis}; a job that ran
     * {@code resetThresholdMillis} without failing starts over at the initial backoff; a random jitter of up to
     * {@code jitterFactor} of the backoff either way spreads restarts; after {@code attemptsBeforeReset} restarts
     * without a reset the job fails.
     */
    record ExponentialDelay(long initialBackoffMillis, long maxBackoffMillis, double multiplier,
                            long resetThresholdMillis, double jitterFactor, int attemptsBeforeReset)
            implements RestartStrategy {
        public ExponentialDelay {
            if (initialBackoffMillis < 1 || maxBackoffMillis < initialBackoffMillis || multiplier < 1
                    || resetThresholdMillis < 1 || jitterFactor < 0 || jitterFactor > 1 || attemptsBeforeReset < 1) {
                throw new IllegalArgumentException("exponential-delay restart needs 1 <= initial backoff <= max"
                        + " backoff, a multiplier >= 1, a reset threshold >= 1 ms, a jitter in [0, 1] and at least"
                        + " one attempt");
            }
        }

        /** Flink's defaults since 1.19 (FLIP-364): 1 s, at most 1 min, x1.5, reset after 1 h, jitter 0.1. */
        public static ExponentialDelay defaults() {
            return new ExponentialDelay(1_000, 60_000, 1.5, 3_600_000, 0.1, Integer.MAX_VALUE);
        }

        @Override
        public RestartBackoffTimeStrategy create(RandomGenerator random) {
            return new RestartBackoffTimeStrategy() {
                private long backoff = initialBackoffMillis;
                private int attempts;
                private long lastFailure = Long.MIN_VALUE;
                private long next;

                @Override
                public void notifyFailure(long now) {
                    if (lastFailure != Long.MIN_VALUE && now - lastFailure >= resetThresholdMillis) {
                        backoff = initialBackoffMillis;
                        attempts = 0;
                    } else if (attempts > 0) {
                        backoff = Math.min((long) (backoff * multiplier), maxBackoffMillis);
                    }
                    attempts++;
                    lastFailure = now;
                    long jitter = (long) (backoff * jitterFactor);
                    next = jitter == 0 ? backoff : backoff - jitter + random.nextLong(2 * jitter + 1);
                }

                @Override
                public boolean canRestart() {
                    return attempts <= attemptsBeforeReset;
                }

                @Override
                public long backoffMillis() {
                    return next;
                }
            };
        }

        @Override
        public String describe() {
            return "exponential-delay (initial " + initialBackoffMillis + " ms, max " + maxBackoffMillis + " ms, x"
                    + multiplier + ", jitter " + jitterFactor + ")";
        }
    }
}
