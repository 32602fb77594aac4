package io.streamscope.runtime;

import io.streamscope.connectors.SinkTable;
import io.streamscope.graph.ExecutionPlan;
import io.streamscope.graph.JobEdge;
import io.streamscope.graph.JobVertex;
import io.streamscope.graph.OperatorSpec;
import io.streamscope.sim.Kernel;
import io.streamscope.trace.Tracer;
import io.streamscope.window.WindowOperator;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.random.RandomGenerator;

/** The deployed job: subtasks, channels, sinks, wired from an execution plan onto one kernel. */
public final class JobRuntime {
    private final ExecutionPlan plan;
    private final EngineConfig config;
    private final Kernel kernel = new Kernel();
    private final Tracer tracer;
    private final SplittableRandom random;
    private final List<Subtask> subtasks = new ArrayList<>();
    private final Map<String, Subtask> subtaskById = new LinkedHashMap<>();
    private final List<Channel> channels = new ArrayList<>();
    private final Map<String, SinkTable> sinks = new LinkedHashMap<>();
    private int finished;

    public JobRuntime(ExecutionPlan plan, EngineConfig config) {
        this.plan = plan;
        this.config = config;
        this.tracer = new Tracer(config.traceEnabled());
        this.random = new SplittableRandom(config.seed());
        for (JobVertex v : plan.jobGraph().vertices()) {
            if (v.spec() instanceof OperatorSpec.Sink s) {
                sinks.putIfAbsent(s.sink().name(), new SinkTable(s.sink().name()));
            }
        }
        for (ExecutionPlan.SubtaskRef ref : plan.subtasks()) {
            Subtask s = new Subtask(ref, this);
            subtasks.add(s);
            subtaskById.put(ref.id(), s);
        }
        Map<String, List<Channel>> inputsOf = new LinkedHashMap<>();
        Map<String, Map<JobEdge, List<Channel>>> outputsOf = new LinkedHashMap<>();
        for (ExecutionPlan.ChannelRef c : plan.channels()) {
            Channel ch = new Channel(c.id(), subtaskById.get(c.sender().id()), subtaskById.get(c.receiver().id()),
                    c.gateIndex(), this);
            channels.add(ch);
            inputsOf.computeIfAbsent(c.receiver().id(), k -> new ArrayList<>()).add(ch);
            outputsOf.computeIfAbsent(c.sender().id(), k -> new LinkedHashMap<>())
                    .computeIfAbsent(c.edge(), k -> new ArrayList<>()).add(ch);
        }
        for (Subtask s : subtasks) {
            wire(s, inputsOf.getOrDefault(s.id(), List.of()), outputsOf.getOrDefault(s.id(), Map.of()));
        }
    }

    private void wire(Subtask s, List<Channel> inputs, Map<JobEdge, List<Channel>> outputs) {
        ExecutionPlan.Chain chain = s.ref().chain();
        if (!inputs.isEmpty()) {
            InputGate gate = new InputGate(s, inputs.size());
            for (Channel c : inputs) {
                gate.addChannel(c);
            }
            s.setGate(gate);
        }
        // create operators tail-first so each operator's output can point at its chained successors
        Map<JobVertex, StreamOperator> ops = new LinkedHashMap<>();
        Map<JobVertex, OperatorContext> ctxs = new LinkedHashMap<>();
        Map<JobVertex, ChainOutput> outs = new LinkedHashMap<>();
        List<JobVertex> vertices = chain.operators();
        for (JobVertex v : vertices) {
            ChainOutput out = new ChainOutput(s, v.name());
            outs.put(v, out);
            ctxs.put(v, new OperatorContext(s, v, out));
            ops.put(v, createOperator(v));
        }
        for (JobVertex v : vertices) {
            for (JobEdge e : plan.jobGraph().outputs(v)) {
                if (plan.chainOf(e.target()) == chain) {
                    outs.get(v).addTarget(e.outputTag(), ChainOutput.chained(ops.get(e.target()), ctxs.get(e.target())));
                } else {
                    List<Channel> chs = new ArrayList<>(outputs.getOrDefault(e, List.of()));
                    chs.sort(java.util.Comparator.comparingInt(c -> c.receiver().index()));
                    int start = e.partitioner() instanceof io.streamscope.graph.Partitioner.Rebalance
                            ? random.nextInt(chs.size()) : 0;
                    RecordWriter w = new RecordWriter(chs, e.partitioner(), e.target().maxParallelism(), start);
                    s.addWriter(w);
                    outs.get(v).addTarget(e.outputTag(), ChainOutput.network(w));
                }
            }
        }
        for (JobVertex v : vertices) {
            if (ops.get(v) != null) {
                s.addOperator(ops.get(v), ctxs.get(v));
            }
        }
        JobVertex head = chain.head();
        if (head.spec() instanceof OperatorSpec.Source src) {
            List<Integer> assigned = new ArrayList<>();
            for (int p = 0; p < src.log().numPartitions(); p++) {
                if (src.log().splitOwner(p, head.parallelism()) == s.index()) {
                    assigned.add(p);
                }
            }
            s.setSource(new SourceReader(s, src.log(), src.watermarkStrategy(), assigned, outs.get(head),
                    ctxs.get(head)));
        }
    }

    private StreamOperator createOperator(JobVertex v) {
        OperatorSpec spec = v.spec();
        String n = v.name();
        if (spec instanceof OperatorSpec.Source) {
            return null;
        } else if (spec instanceof OperatorSpec.Map m) {
            return new MapOperator(FunctionCopies.copy(m.function(), n));
        } else if (spec instanceof OperatorSpec.Filter f) {
            return new FilterOperator(FunctionCopies.copy(f.function(), n));
        } else if (spec instanceof OperatorSpec.TimestampsAndWatermarks t) {
            return new TimestampsAndWatermarksOperator(t.watermarkStrategy());
        } else if (spec instanceof OperatorSpec.KeyedProcess kp) {
            return new KeyedProcessOperator(FunctionCopies.copy(kp.function(), n));
        } else if (spec instanceof OperatorSpec.Window w) {
            return new WindowOperator(w.assigner(), w.trigger(), w.allowedLatenessMillis(),
                    w.lateDataTag() == null ? null : w.lateDataTag().id(), FunctionCopies.copy(w.aggregate(), n),
                    FunctionCopies.copy(w.windowFunction(), n));
        } else if (spec instanceof OperatorSpec.Sink sink) {
            return new SinkOperator(sinks.get(sink.sink().name()));
        }
        throw new IllegalStateException("no runtime operator for " + spec.kind());
    }

    /** Opens every subtask at virtual time 0 (deployment). */
    public void start() {
        try {
            for (Subtask s : subtasks) {
                s.open();
            }
        } catch (RuntimeException e) {
            throw e;
        } catch (Exception e) {
            throw new IllegalStateException("opening the job failed: " + e, e);
        }
    }

    void onSubtaskFinished(Subtask s) {
        finished++;
    }

    public boolean isFinished() {
        return finished == subtasks.size();
    }

    public Kernel kernel() {
        return kernel;
    }

    public Tracer tracer() {
        return tracer;
    }

    public RandomGenerator random() {
        return random;
    }

    public EngineConfig config() {
        return config;
    }

    public ExecutionPlan plan() {
        return plan;
    }

    public List<Subtask> subtasks() {
        return Collections.unmodifiableList(subtasks);
    }

    public Subtask subtask(String id) {
        Subtask s = subtaskById.get(id);
        if (s == null) {
            throw new IllegalArgumentException("no subtask '" + id + "'; subtasks are " + subtaskById.keySet());
        }
        return s;
    }

    public List<Channel> channels() {
        return Collections.unmodifiableList(channels);
    }

    public Map<String, SinkTable> sinks() {
        return Collections.unmodifiableMap(sinks);
    }
}
