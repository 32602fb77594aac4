package io.streamscope.graph;

/**
 * A stream between two operators: how it is partitioned, and which output of the upstream operator it
 * carries (null for the main output, else a side output's tag id).
 */
public record JobEdge(JobVertex source, JobVertex target, Partitioner partitioner, String outputTag) {
    @Override
    public String toString() {
        return source.name() + (outputTag == null ? "" : "#" + outputTag) + " -" + partitioner.flinkName() + "-> "
                + target.name();
    }
}
