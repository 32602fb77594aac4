package io.streamscope.connectors;

import java.util.random.RandomGenerator;

/** Produces the record at an offset of a generated partition, drawing randomness from the engine's seeded source. */
@FunctionalInterface
public interface RecordGenerator {
    LogRecord generate(int partition, long offset, RandomGenerator random);
}
