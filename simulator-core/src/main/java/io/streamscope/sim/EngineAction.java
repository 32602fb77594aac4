package io.streamscope.sim;

/** Something the kernel runs at a point of virtual time. */
@FunctionalInterface
public interface EngineAction {
    void fire(long now);
}
