package io.streamscope.graph;

/**
 * A stream between two operators: how it is partitioned, which output of the upstream operator it carries (null
 * for the main output, else a side output's tag id), and which input of the target it feeds: 0 for a one-input
 * operator (several edges with input 0 are a union), 0 or 1 for the first and second input of a two-input operator
 * (Flink's type number 1 and 2).
 */
public record JobEdge(JobVertex source, JobVertex target, Partitioner partitioner, String outputTag, int input) {
    /** An edge into the first (or only) input. */
    public JobEdge(JobVertex source, JobVertex target, Partitioner partitioner, String outputTag) {
        this(source, target, partitioner, outputTag, 0);
    }

    @Override
    public String toString() {
        return source.name() + (outputTag == null ? "" : "#" + outputTag) + " -" + partitioner.flinkName() + "-> "
                + target.name();
    }
}
