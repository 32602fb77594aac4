package io.streamscope.graph;

import java.util.ArrayList;
import java.util.List;
import org.jgrapht.Graph;
import org.jgrapht.graph.DirectedPseudograph;
import org.jgrapht.traverse.TopologicalOrderIterator;

/** The logical job: operators as vertices and streams as edges, on a jgrapht directed graph. */
public final class JobGraph {
    private final Graph<JobVertex, JobEdge> graph = new DirectedPseudograph<>(null, null, false);

    void addVertex(JobVertex v) {
        graph.addVertex(v);
    }

    void addEdge(JobEdge e) {
        graph.addEdge(e.source(), e.target(), e);
    }

    void validate() {
        for (JobVertex v : graph.vertexSet()) {
            int in = graph.inDegreeOf(v);
            boolean source = v.spec() instanceof OperatorSpec.Source;
            if (source && in > 0) {
                throw new IllegalStateException("source '" + v.name() + "' cannot have an input");
            }
            if (!source && in == 0) {
                throw new IllegalStateException("operator '" + v.name() + "' has no input");
            }
            if (in > 1) {
                throw new IllegalStateException("operator '" + v.name() + "' has " + in
                        + " inputs; operators with several inputs (union, connect) are not modelled yet");
            }
            boolean keyedSpec = v.spec() instanceof OperatorSpec.Window || v.spec() instanceof OperatorSpec.KeyedProcess;
            if (keyedSpec && !v.isKeyed()) {
                throw new IllegalStateException("operator '" + v.name() + "' needs a keyed input (keyBy)");
            }
        }
        // a cycle is impossible through the DataStream API, but a hand-built graph is checked all the same
        new org.jgrapht.alg.cycle.CycleDetector<>(graph).detectCycles();
    }

    /** Operators in topological order (sources first), stable in declaration order. */
    public List<JobVertex> vertices() {
        List<JobVertex> out = new ArrayList<>();
        new TopologicalOrderIterator<>(graph, java.util.Comparator.comparingInt(JobVertex::id))
                .forEachRemaining(out::add);
        return out;
    }

    public List<JobEdge> edges() {
        List<JobEdge> out = new ArrayList<>(graph.edgeSet());
        out.sort(java.util.Comparator.comparingInt((JobEdge e) -> e.source().id())
                .thenComparingInt(e -> e.target().id()));
        return out;
    }

    public List<JobEdge> outputs(JobVertex v) {
        List<JobEdge> out = new ArrayList<>(graph.outgoingEdgesOf(v));
        out.sort(java.util.Comparator.comparingInt(e -> e.target().id()));
        return out;
    }

    public List<JobEdge> inputs(JobVertex v) {
        return new ArrayList<>(graph.incomingEdgesOf(v));
    }

    public JobVertex vertex(String name) {
        for (JobVertex v : graph.vertexSet()) {
            if (v.name().equals(name)) {
                return v;
            }
        }
        throw new IllegalArgumentException("no operator named '" + name + "'");
    }

    /** The underlying jgrapht graph, read-only. */
    public Graph<JobVertex, JobEdge> asGraph() {
        return new org.jgrapht.graph.AsUnmodifiableGraph<>(graph);
    }
}
