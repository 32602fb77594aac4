package io.streamscope.graph;

import java.util.ArrayList;
import java.util.List;
import org.jgrapht.Graph;
import org.jgrapht.graph.DirectedPseudograph;
import org.jgrapht.traverse.TopologicalOrderIterator;

/** The logical job: operators as vertices and streams as edges, on a jgrapht directed graph. */
public final class JobGraph {
    private final Graph<JobVertex, JobEdge> graph = new DirectedPseudograph<>(null, null, false);
    /** Edges in the order they were declared: the order of a union's inputs. */
    private final List<JobEdge> declared = new ArrayList<>();

    void addVertex(JobVertex v) {
        graph.addVertex(v);
    }

    void addEdge(JobEdge e) {
        graph.addEdge(e.source(), e.target(), e);
        declared.add(e);
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
            List<JobEdge> inputs = inputs(v);
            if (v.spec().twoInput()) {
                checkTwoInputs(v, inputs);
            } else {
                for (JobEdge e : inputs) {
                    if (e.input() != 0) {
                        throw new IllegalStateException("operator '" + v.name() + "' has one input, but the stream"
                                + " from '" + e.source().name() + "' is connected to its input " + (e.input() + 1));
                    }
                }
            }
            boolean keyedSpec = v.spec() instanceof OperatorSpec.Window || v.spec() instanceof OperatorSpec.KeyedProcess
                    || v.spec() instanceof OperatorSpec.IntervalJoin;
            if (keyedSpec && !v.isKeyed()) {
                throw new IllegalStateException("operator '" + v.name() + "' needs a keyed input (keyBy)");
            }
            if (v.isKeyed()) {
                for (JobEdge e : inputs) {
                    if (!(e.partitioner() instanceof Partitioner.KeyGroup)) {
                        throw new IllegalStateException("operator '" + v.name() + "' is keyed, but its input from '"
                                + e.source().name() + "' is not partitioned by key (" + e.partitioner().flinkName()
                                + "); key every input of a union, or none");
                    }
                }
            }
        }
        // a cycle is impossible through the DataStream API, but a hand-built graph is checked all the same
        new org.jgrapht.alg.cycle.CycleDetector<>(graph).detectCycles();
    }

    /** A two-input operator reads one stream (or a union) on each input, both partitioned by key. */
    private static void checkTwoInputs(JobVertex v, List<JobEdge> inputs) {
        boolean first = false;
        boolean second = false;
        for (JobEdge e : inputs) {
            first |= e.input() == 0;
            second |= e.input() == 1;
            if (e.input() > 1) {
                throw new IllegalStateException("operator '" + v.name() + "' has two inputs, but the stream from '"
                        + e.source().name() + "' is connected to its input " + (e.input() + 1));
            }
        }
        if (!first || !second) {
            throw new IllegalStateException("operator '" + v.name() + "' has two inputs, but only its "
                    + (first ? "first" : "second") + " is connected");
        }
        if (v.keySelector() == null || v.secondKeySelector() == null) {
            throw new IllegalStateException("operator '" + v.name() + "' joins two keyed streams: key both inputs"
                    + " (keyBy)");
        }
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

    /** The edges into an operator: first input before second, each in declaration order (a union's order). */
    public List<JobEdge> inputs(JobVertex v) {
        List<JobEdge> out = inputs(v, 0);
        out.addAll(inputs(v, 1));
        return out;
    }

    /** The edges into one input (0 or 1) of an operator, in declaration order. */
    public List<JobEdge> inputs(JobVertex v, int input) {
        List<JobEdge> out = new ArrayList<>();
        for (JobEdge e : declared) {
            if (e.target() == v && e.input() == input) {
                out.add(e);
            }
        }
        return out;
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
