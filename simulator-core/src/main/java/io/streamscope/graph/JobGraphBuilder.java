package io.streamscope.graph;

import io.streamscope.api.functions.KeySelector;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/** Collects operators and edges as a DataStream program declares them, then resolves them into a JobGraph. */
public final class JobGraphBuilder {
    private final List<JobVertex> vertices = new ArrayList<>();
    private final List<PendingEdge> edges = new ArrayList<>();
    private final Set<String> names = new LinkedHashSet<>();

    /** An edge whose partitioner may still be the default (decided once parallelisms are known). */
    private record PendingEdge(JobVertex source, JobVertex target, Partitioner partitioner, String outputTag,
                               int input) {
    }

    /** Adds an operator; a name already taken gets a numeric suffix, so subtask names stay unique. */
    public JobVertex addVertex(String name, OperatorSpec spec, int parallelism) {
        String unique = name;
        for (int i = 2; names.contains(unique); i++) {
            unique = name + "-" + i;
        }
        names.add(unique);
        JobVertex v = new JobVertex(vertices.size(), unique, spec, parallelism);
        vertices.add(v);
        return v;
    }

    /** Connects two operators; a null partitioner means Flink's default (forward, or rebalance if parallelism differs). */
    public void addEdge(JobVertex source, JobVertex target, Partitioner partitioner, String outputTag) {
        addEdge(source, target, partitioner, outputTag, 0);
    }

    /** Connects a stream to input {@code input} (0 or 1) of a two-input operator, or to a one-input one (0). */
    public void addEdge(JobVertex source, JobVertex target, Partitioner partitioner, String outputTag, int input) {
        if (partitioner instanceof Partitioner.KeyGroup kg) {
            if (input == 1) {
                target.setSecondKeySelector(kg.keySelector());
            } else {
                target.setKeySelector(kg.keySelector());
            }
        }
        edges.add(new PendingEdge(source, target, partitioner, outputTag, input));
    }

    public void setParallelism(JobVertex v, int p) {
        v.setParallelism(p);
    }

    public void setMaxParallelism(JobVertex v, int mp) {
        v.setMaxParallelism(mp);
    }

    public void setCostMillis(JobVertex v, long cost) {
        v.setCostMillis(cost);
    }

    public void disableChaining(JobVertex v) {
        v.disableChaining();
    }

    public void setKeySelector(JobVertex v, KeySelector<?, ?> ks) {
        v.setKeySelector(ks);
    }

    /** Resolves default partitioners and checks the graph as Flink's StreamGraph generator would. */
    public JobGraph build() {
        JobGraph g = new JobGraph();
        for (JobVertex v : vertices) {
            g.addVertex(v);
        }
        for (PendingEdge e : edges) {
            Partitioner p = e.partitioner();
            if (p == null) {
                p = e.source().parallelism() == e.target().parallelism()
                        ? new Partitioner.Forward() : new Partitioner.Rebalance();
            }
            if (p instanceof Partitioner.Forward && e.source().parallelism() != e.target().parallelism()) {
                throw new IllegalStateException("Forward partitioning does not allow change of parallelism. Upstream"
                        + " operation: " + e.source().name() + " parallelism: " + e.source().parallelism()
                        + ", downstream operation: " + e.target().name() + " parallelism: "
                        + e.target().parallelism() + ". You must use another partitioning strategy, such as"
                        + " broadcast, rebalance, shuffle or global.");
            }
            g.addEdge(new JobEdge(e.source(), e.target(), p, e.outputTag(), e.input()));
        }
        g.validate();
        return g;
    }
}
