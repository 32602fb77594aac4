package io.streamscope.checkpoint;

import io.streamscope.runtime.StreamElement;
import io.streamscope.sim.Kernel;
import io.streamscope.trace.Tracer;
import java.util.List;

/** What the checkpoint coordinator needs from the deployed job; the job runtime implements it. */
public interface CheckpointGateway {
    Kernel kernel();

    Tracer tracer();

    /** True while every subtask is deployed (not during a restart): only then can a checkpoint be triggered. */
    boolean allTasksDeployed();

    /** True once every subtask has finished. */
    boolean jobFinished();

    /**
     * Subtasks that get the trigger directly: running subtasks whose upstream subtasks have all finished, which
     * are the sources while they run (Flink's DefaultCheckpointPlanCalculator).
     */
    List<String> tasksToTrigger();

    /** True for a subtask with inputs whose upstream subtasks have all finished (it gets no more barriers). */
    boolean allUpstreamFinished(String subtask);

    /** Subtasks that must acknowledge: every subtask that has not finished. */
    List<String> tasksToWaitFor();

    /** Sends the trigger of a checkpoint to a subtask (a mail in its mailbox). */
    void triggerCheckpoint(String subtask, StreamElement.CheckpointBarrier barrier, long cause);

    /** Tells a subtask a checkpoint completed on every task. */
    void notifyCheckpointComplete(String subtask, long checkpointId, long cause);

    /** Tells a subtask a checkpoint was aborted, so that it releases an alignment in progress. */
    void notifyCheckpointAborted(String subtask, long checkpointId, long cause);

    /** Too many checkpoints failed in a row: the job fails over (through its restart strategy). */
    void failJob(String reason, long cause);

    /** The operators of the job in job order: what a completed checkpoint holds state for. */
    List<OperatorInfo> operators();

    /** Called after a checkpoint completed and was stored. */
    void checkpointCompleted(CompletedCheckpoint checkpoint);

    /** An operator of the job: its uid, name, parallelism and max parallelism. */
    record OperatorInfo(String uid, String name, int parallelism, int maxParallelism) {
    }
}
