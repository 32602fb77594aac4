package io.streamscope.runtime;

import io.streamscope.checkpoint.CheckpointConfig;
import io.streamscope.checkpoint.CheckpointCoordinator;
import io.streamscope.checkpoint.CheckpointGateway;
import io.streamscope.checkpoint.CompletedCheckpoint;
import io.streamscope.checkpoint.OperatorRestoreState;
import io.streamscope.checkpoint.OperatorState;
import io.streamscope.checkpoint.StateAssignment;
import io.streamscope.checkpoint.SubtaskCheckpointStats;
import io.streamscope.checkpoint.TaskStateSnapshot;
import io.streamscope.connectors.LogRecord;
import io.streamscope.connectors.PartitionedLog;
import io.streamscope.connectors.SinkTable;
import io.streamscope.failover.ActiveFaults;
import io.streamscope.failover.ExecutionFailureHandler;
import io.streamscope.failover.Fault;
import io.streamscope.failover.PipelinedRegions;
import io.streamscope.failover.RestartStrategy;
import io.streamscope.graph.ExecutionPlan;
import io.streamscope.graph.JobEdge;
import io.streamscope.graph.JobVertex;
import io.streamscope.graph.OperatorSpec;
import io.streamscope.sim.Kernel;
import io.streamscope.trace.TraceEvent;
import io.streamscope.trace.Tracer;
import io.streamscope.window.WindowOperator;
import java.util.ArrayList;
import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.SplittableRandom;
import java.util.TreeSet;
import java.util.random.RandomGenerator;

/**
 * The deployed job: subtasks, channels, sinks, wired from an execution plan onto one kernel, with the JobManager's
 * side of fault tolerance: the checkpoint coordinator (when checkpointing is on), faults, and failover, which
 * cancels the affected subtasks, drops their in-flight data and pending actions, and redeploys them from the latest
 * completed checkpoint after the restart strategy's delay.
 */
public final class JobRuntime implements CheckpointGateway {
    /** The job's status, with Flink's JobStatus names. */
    public enum JobStatus { RUNNING, RESTARTING, FAILED, FINISHED }

    private static final String JOB_MANAGER = "JobManager";

    private final ExecutionPlan plan;
    private final EngineConfig config;
    private final JobSettings settings;
    private final Kernel kernel = new Kernel();
    private final Tracer tracer;
    private final SplittableRandom random;
    /** One entry per subtask of the plan, in plan order; replaced by a new attempt at a restart. */
    private final List<Subtask> subtasks = new ArrayList<>();
    private final Map<String, Integer> positionOf = new LinkedHashMap<>();
    /** One entry per channel of the plan, in plan order. */
    private final List<Channel> channels = new ArrayList<>();
    private final Map<String, SinkTable> sinks = new LinkedHashMap<>();
    private final CheckpointCoordinator coordinator;
    private final ExecutionFailureHandler failureHandler;
    private final ActiveFaults faults = new ActiveFaults();
    private final ReplayableLogs logs;
    private final int[] attempts;
    /** Owner of pending restarts and planned faults, so a finished or failed job drops them. */
    private final Object jobManagerOwner = new Object();
    private final TreeSet<Integer> waitingForRestart = new TreeSet<>();
    /** The max parallelism each operator runs with: its own, or the one of the state it is restored from. */
    private final Map<JobVertex, Integer> maxParallelism = new IdentityHashMap<>();
    private JobStatus status = JobStatus.RUNNING;
    private int restarts;
    private String failureCause;

    public JobRuntime(ExecutionPlan plan, EngineConfig config) {
        this(plan, config, JobSettings.defaults());
    }

    public JobRuntime(ExecutionPlan plan, EngineConfig config, JobSettings settings) {
        this.plan = plan;
        this.config = config;
        this.settings = settings;
        this.tracer = new Tracer(config.traceEnabled());
        this.random = new SplittableRandom(config.seed());
        for (JobVertex v : plan.jobGraph().vertices()) {
            if (v.spec() instanceof OperatorSpec.Sink s) {
                sinks.putIfAbsent(s.sink().name(), new SinkTable(s.sink().name(), s.sink().guarantee()));
            }
        }
        List<ExecutionPlan.SubtaskRef> refs = plan.subtasks();
        TreeSet<Integer> all = new TreeSet<>();
        for (int i = 0; i < refs.size(); i++) {
            subtasks.add(null);
            positionOf.put(refs.get(i).id(), i);
            all.add(i);
        }
        for (int j = 0; j < plan.channels().size(); j++) {
            channels.add(null);
        }
        this.attempts = new int[refs.size()];
        for (JobVertex v : plan.jobGraph().vertices()) {
            maxParallelism.put(v, effectiveMaxParallelism(v, settings.restoreFrom()));
        }
        RestartStrategy restartStrategy = settings.effectiveRestartStrategy();
        this.logs = new ReplayableLogs(!(restartStrategy instanceof RestartStrategy.NoRestart), random);
        this.coordinator = settings.checkpointing().enabled()
                ? new CheckpointCoordinator(settings.checkpointing(), this) : null;
        this.failureHandler = new ExecutionFailureHandler(settings.failoverStrategy(), new PipelinedRegions(plan),
                restartStrategy.create(random), refs.size());
        deploy(all);
    }

    /**
     * Flink's rule when restoring: the max parallelism fixes the key groups, so it must match the state's. An
     * operator whose max parallelism was not set explicitly takes the state's (if it is at least the parallelism);
     * one set explicitly to another value is refused.
     */
    private static int effectiveMaxParallelism(JobVertex v, CompletedCheckpoint restoreFrom) {
        int mp = v.maxParallelism();
        OperatorState state = restoreFrom == null ? null : restoreFrom.operators().get(uid(v));
        if (state == null || state.maxParallelism() == mp) {
            return mp;
        }
        if (v.configuredMaxParallelism() > 0) {
            throw new IllegalStateException("cannot restore operator '" + v.name() + "' from "
                    + restoreFrom.describe() + ": its max parallelism was " + state.maxParallelism() + " and is now"
                    + " set to " + mp + ". The max parallelism fixes the number of key groups, so it must not change;"
                    + " set it back to " + state.maxParallelism() + " (or leave it unset to take it from the state)");
        }
        if (state.maxParallelism() < v.parallelism()) {
            throw new IllegalStateException("cannot restore operator '" + v.name() + "' from "
                    + restoreFrom.describe() + " with parallelism " + v.parallelism() + ": its state has "
                    + state.maxParallelism() + " key groups (its max parallelism), and a parallelism cannot exceed"
                    + " the max parallelism");
        }
        return state.maxParallelism();
    }

    /** The max parallelism (number of key groups) an operator runs with in this deployment. */
    public int maxParallelism(JobVertex v) {
        return maxParallelism.get(v);
    }

    // ---------------------------------------------------------------- deployment

    /** Creates (new attempts of) the subtasks at these plan positions and the channels between them, then wires them. */
    private void deploy(TreeSet<Integer> positions) {
        for (int i : positions) {
            subtasks.set(i, new Subtask(plan.subtasks().get(i), this, attempts[i]));
        }
        Map<String, List<Channel>> inputsOf = new LinkedHashMap<>();
        Map<String, Map<JobEdge, List<Channel>>> outputsOf = new LinkedHashMap<>();
        for (int j = 0; j < plan.channels().size(); j++) {
            ExecutionPlan.ChannelRef c = plan.channels().get(j);
            int sender = positionOf.get(c.sender().id());
            int receiver = positionOf.get(c.receiver().id());
            boolean in = positions.contains(receiver);
            if (in != positions.contains(sender)) {
                throw new IllegalStateException("channel " + c.id() + " crosses the border of a pipelined region");
            }
            if (!in) {
                continue;
            }
            Channel ch = new Channel(c.id(), subtasks.get(sender), subtasks.get(receiver), c.gateIndex(), this);
            channels.set(j, ch);
            inputsOf.computeIfAbsent(c.receiver().id(), k -> new ArrayList<>()).add(ch);
            outputsOf.computeIfAbsent(c.sender().id(), k -> new LinkedHashMap<>())
                    .computeIfAbsent(c.edge(), k -> new ArrayList<>()).add(ch);
        }
        for (int i : positions) {
            Subtask s = subtasks.get(i);
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
                    RecordWriter w = new RecordWriter(chs, e.partitioner(), maxParallelism(e.target()), start);
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
        if (head.spec().twoInput()) {
            s.setTwoInput(twoInputProcessor(s, inputs, (TwoInputStreamOperator) ops.get(head)));
        }
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

    /** Which input each gate channel feeds, and the names of the operators feeding each input. */
    private TwoInputProcessor twoInputProcessor(Subtask s, List<Channel> inputs, TwoInputStreamOperator op) {
        Map<String, Integer> inputOfChannel = new LinkedHashMap<>();
        for (ExecutionPlan.ChannelRef c : plan.channels()) {
            if (c.receiver().id().equals(s.id())) {
                inputOfChannel.put(c.id(), c.input());
            }
        }
        int[] inputOf = new int[inputs.size()];
        for (Channel c : inputs) {
            inputOf[c.gateIndex()] = inputOfChannel.get(c.id());
        }
        List<List<String>> names = List.of(new ArrayList<>(), new ArrayList<>());
        for (JobEdge e : plan.jobGraph().inputs(s.ref().chain().head())) {
            if (!names.get(e.input()).contains(e.source().name())) {
                names.get(e.input()).add(e.source().name());
            }
        }
        return new TwoInputProcessor(s, op, inputOf, new String[] {String.join("+", names.get(0)),
                String.join("+", names.get(1))});
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
        } else if (spec instanceof OperatorSpec.IntervalJoin j) {
            return new IntervalJoinOperator(j.lowerBound(), j.upperBound(), j.lowerBoundInclusive(),
                    j.upperBoundInclusive(), j.leftLateDataTag(), j.rightLateDataTag(), FunctionCopies.copy(j.function(),
                    n));
        } else if (spec instanceof OperatorSpec.Sink sink) {
            return new SinkOperator(sinks.get(sink.sink().name()));
        }
        throw new IllegalStateException("no runtime operator for " + spec.kind());
    }

    /** Opens every subtask at virtual time 0 (deployment), restoring the initial checkpoint or savepoint if any. */
    public void start() {
        CompletedCheckpoint initial = settings.restoreFrom();
        if (initial != null && coordinator != null) {
            coordinator.restoredFrom(initial);
        }
        TreeSet<Integer> all = new TreeSet<>(positionOf.values());
        long cause = -1;
        if (initial != null && tracer.on()) {
            long now = kernel.now();
            List<String> ids = List.copyOf(positionOf.keySet());
            cause = tracer.emit(s -> new TraceEvent.JobRestarted(s, now, JOB_MANAGER, -1, initial.checkpointId(),
                    ids));
        }
        open(all, initial, cause);
        if (coordinator != null) {
            coordinator.startScheduler(kernel.now());
        }
    }

    private void open(TreeSet<Integer> positions, CompletedCheckpoint restore, long cause) {
        try {
            if (restore != null && !restore.channelState().isEmpty()) {
                refuseRescaleWithChannelState(restore);
            }
            for (int i : positions) {
                Subtask s = subtasks.get(i);
                s.open();
                restore(s, restore, cause);
            }
            if (restore != null) {
                restoreChannelState(positions, restore);
            }
        } catch (RuntimeException e) {
            throw e;
        } catch (Exception e) {
            throw new IllegalStateException("opening the job failed: " + e, e);
        }
    }

    /**
     * Hands a (re)deployed subtask its share of a checkpoint's state (key-group ranges, split offsets); without a
     * checkpoint its operators are initialized empty.
     */
    private void restore(Subtask s, CompletedCheckpoint cp, long cause) throws Exception {
        List<JobVertex> vertices = s.operatorVertices();
        int first = s.source() != null ? 1 : 0;
        long bytes = 0;
        for (int k = 0; k < vertices.size(); k++) {
            JobVertex v = vertices.get(k);
            OperatorState state = cp == null ? null : cp.operators().get(uid(v));
            OperatorRestoreState assigned = state == null ? null
                    : StateAssignment.assign(cp, state, s.index(), v.parallelism(), maxParallelism(v));
            if (assigned != null) {
                bytes += assigned.sizeBytes();
            }
            if (k == 0 && s.source() != null) {
                if (assigned != null) {
                    s.source().restoreState(assigned);
                }
            } else {
                s.operators().get(k - first).initializeState(assigned);
                if (assigned != null) {
                    s.checkpointer().restored(uid(v), assigned.keyGroups());
                }
            }
        }
        if (cp != null && tracer.on()) {
            long now = kernel.now();
            long restored = bytes;
            String detail = s.source() == null ? "" : s.source().describeOffsets();
            tracer.emit(e -> new TraceEvent.SubtaskRestored(e, now, s.id(), cause, cp.checkpointId(), restored,
                    detail));
        }
    }

    /** In-flight data of an unaligned checkpoint is put back into its channels, to be processed first. */
    private void restoreChannelState(TreeSet<Integer> positions, CompletedCheckpoint cp) {
        for (Channel c : channels) {
            List<byte[]> data = cp.channelState().get(c.id());
            if (data == null || !positions.contains(positionOf.get(c.receiver().id()))) {
                continue;
            }
            List<StreamElement> elements = new ArrayList<>();
            for (byte[] b : data) {
                elements.add((StreamElement) io.streamscope.state.StateSerializer.deserialize(b));
            }
            c.restoreInFlight(elements, kernel.now());
        }
    }

    private void refuseRescaleWithChannelState(CompletedCheckpoint cp) {
        for (JobVertex v : plan.jobGraph().vertices()) {
            OperatorState s = cp.operators().get(uid(v));
            if (s != null && s.parallelism() != v.parallelism()) {
                throw new IllegalStateException("cannot rescale operator '" + v.name() + "' from " + s.parallelism()
                        + " to " + v.parallelism() + " with " + cp.describe() + ": it holds in-flight data of an"
                        + " unaligned checkpoint, whose redistribution is not modelled; restore from a savepoint"
                        + " (always aligned) to rescale");
            }
        }
    }

    /** The identity of an operator in checkpoints: its name and its position in the job graph. */
    public static String uid(JobVertex v) {
        return v.name() + "#" + v.id();
    }

    // ---------------------------------------------------------------- subtask life

    void onSubtaskFinished(Subtask s) throws Exception {
        long now = kernel.now();
        if (coordinator != null && s.checkpointer().lastSnapshot() != null) {
            coordinator.taskFinished(s.checkpointer().lastSnapshot(), now);
        }
        for (Channel c : s.outputChannels()) {
            c.receiver().upstreamFinished(now);
        }
        for (Subtask t : subtasks) {
            if (t.status() != Subtask.Status.FINISHED) {
                return;
            }
        }
        status = JobStatus.FINISHED;
        if (coordinator != null) {
            coordinator.stopScheduler();
        }
        kernel.cancel(o -> o == jobManagerOwner);
    }

    /** Reads a record of a topic, keeping generated records when a restart may replay them. */
    LogRecord readLog(PartitionedLog log, int partition, long offset) {
        return logs.read(log, partition, offset);
    }

    // ---------------------------------------------------------------- checkpoints: the task side reports here

    CheckpointConfig checkpointConfig() {
        return settings.checkpointing();
    }

    ActiveFaults faults() {
        return faults;
    }

    /** A subtask's upload finished: the acknowledgement reaches the coordinator, unless the storage failed it. */
    void acknowledgeCheckpoint(TaskStateSnapshot snapshot, SubtaskCheckpointStats stats, long checkpointId, long now) {
        if (coordinator == null) {
            return;
        }
        if (faults.storageFailing(now)) {
            coordinator.decline(snapshot.subtask(), checkpointId, "the asynchronous part failed: checkpoint storage"
                    + " is unavailable", true, now);
            return;
        }
        coordinator.acknowledge(snapshot, stats, checkpointId, now);
    }

    void declineCheckpoint(String subtask, long checkpointId, String reason, boolean counts, long now) {
        if (coordinator != null) {
            coordinator.decline(subtask, checkpointId, reason, counts, now);
        }
    }

    // ---------------------------------------------------------------- CheckpointGateway

    @Override
    public boolean allTasksDeployed() {
        if (status != JobStatus.RUNNING) {
            return false;
        }
        for (Subtask s : subtasks) {
            if (s.status() == Subtask.Status.CANCELED) {
                return false;
            }
        }
        return true;
    }

    /**
     * Running as far as the JobManager knows: a subtask whose TaskManager died is FAILED, but the JobManager only
     * learns that when it detects the loss, so until then it still triggers and waits for it.
     */
    private static boolean runningForJobManager(Subtask s) {
        return s.status() == Subtask.Status.RUNNING || s.status() == Subtask.Status.FAILED;
    }

    @Override
    public boolean jobFinished() {
        return status == JobStatus.FINISHED;
    }

    @Override
    public List<String> tasksToTrigger() {
        List<String> out = new ArrayList<>();
        for (Subtask s : subtasks) {
            if (!runningForJobManager(s)) {
                continue;
            }
            boolean upstreamFinished = true;
            for (Channel c : s.inputChannels()) {
                if (c.sender().status() != Subtask.Status.FINISHED) {
                    upstreamFinished = false;
                    break;
                }
            }
            if (upstreamFinished) {
                out.add(s.id());
            }
        }
        return out;
    }

    @Override
    public boolean allUpstreamFinished(String subtask) {
        Subtask s = subtask(subtask);
        if (s.inputChannels().isEmpty()) {
            return false;
        }
        for (Channel c : s.inputChannels()) {
            if (c.sender().status() != Subtask.Status.FINISHED) {
                return false;
            }
        }
        return true;
    }

    @Override
    public List<String> tasksToWaitFor() {
        List<String> out = new ArrayList<>();
        for (Subtask s : subtasks) {
            if (runningForJobManager(s)) {
                out.add(s.id());
            }
        }
        return out;
    }

    @Override
    public void triggerCheckpoint(String subtask, StreamElement.CheckpointBarrier barrier, long cause) {
        faults.checkpointTriggered(barrier.checkpointId(), barrier.timestamp());
        subtask(subtask).triggerCheckpoint(barrier, cause);
    }

    @Override
    public void notifyCheckpointComplete(String subtask, long checkpointId, long cause) {
        subtask(subtask).notifyCheckpointComplete(checkpointId, cause);
    }

    @Override
    public void notifyCheckpointAborted(String subtask, long checkpointId, long cause) {
        subtask(subtask).notifyCheckpointAborted(checkpointId, cause);
    }

    @Override
    public void failJob(String reason, long cause) {
        globalFailure(reason, cause);
    }

    @Override
    public List<OperatorInfo> operators() {
        List<OperatorInfo> out = new ArrayList<>();
        for (JobVertex v : plan.jobGraph().vertices()) {
            out.add(new OperatorInfo(uid(v), v.name(), v.parallelism(), maxParallelism(v)));
        }
        return out;
    }

    @Override
    public void checkpointCompleted(CompletedCheckpoint checkpoint) {
        // nothing to do yet: sinks commit when their subtasks are notified
    }

    // ---------------------------------------------------------------- faults and failover

    /** Schedules planned faults at their times; they are dropped when the job finishes or fails. */
    public void scheduleFaults(List<Fault> plannedFaults) {
        for (Fault f : plannedFaults) {
            kernel.schedule(f.at(), jobManagerOwner, t -> inject(f));
        }
    }

    /** Makes a fault happen now (the {@code at} of the fault is ignored). */
    public void inject(Fault f) {
        long now = kernel.now();
        if (status == JobStatus.FAILED || status == JobStatus.FINISHED) {
            return;
        }
        validate(f);
        long seq = -1;
        if (tracer.on()) {
            String detail = describe(f);
            seq = tracer.emit(s -> new TraceEvent.FaultInjected(s, now, JOB_MANAGER, -1, f.kind(), f.target(),
                    detail));
        }
        if (f instanceof Fault.FailSubtask fs) {
            failTasks(List.of(positionOf.get(fs.subtask())), "an exception was thrown in " + fs.subtask()
                    + " (injected fault)", seq);
        } else if (f instanceof Fault.KillTaskManager k) {
            killTaskManager(k, now, seq);
        } else if (f instanceof Fault.SlowSubtask sl) {
            faults.slow(sl.subtask(), sl.extraCostMillis(), now, sl.durationMillis());
        } else if (f instanceof Fault.FailCheckpointStorage st) {
            faults.failStorage(now, st.durationMillis());
        } else if (f instanceof Fault.CheckpointTimeout ct) {
            faults.hangNextCheckpoint(now, ct.subtask());
        }
    }

    private void validate(Fault f) {
        String subtask = f instanceof Fault.FailSubtask fs ? fs.subtask()
                : f instanceof Fault.SlowSubtask sl ? sl.subtask()
                : f instanceof Fault.CheckpointTimeout ct ? ct.subtask() : null;
        if (subtask != null) {
            subtask(subtask);
        }
        if (f instanceof Fault.KillTaskManager k && taskManagerIndex(k.taskManager()) < 0) {
            throw new IllegalArgumentException("no TaskManager '" + k.taskManager() + "'; the cluster has tm-1 to tm-"
                    + plan.cluster().taskManagers());
        }
    }

    private static String describe(Fault f) {
        if (f instanceof Fault.KillTaskManager k) {
            return "detected after " + k.detectAfterMillis() + " ms, down for " + k.downForMillis() + " ms";
        } else if (f instanceof Fault.SlowSubtask sl) {
            return "+" + sl.extraCostMillis() + " ms per record" + (sl.durationMillis() < 0 ? ""
                    : " for " + sl.durationMillis() + " ms");
        } else if (f instanceof Fault.FailCheckpointStorage st) {
            return st.durationMillis() < 0 ? "until further notice" : "for " + st.durationMillis() + " ms";
        } else if (f instanceof Fault.CheckpointTimeout) {
            return "the next checkpoint's upload hangs";
        }
        return "";
    }

    private int taskManagerIndex(String tm) {
        for (int i = 0; i < plan.cluster().taskManagers(); i++) {
            if (("tm-" + (i + 1)).equals(tm)) {
                return i;
            }
        }
        return -1;
    }

    private String taskManagerOf(int position) {
        return "tm-" + (plan.slotOf(plan.subtasks().get(position)).taskManager() + 1);
    }

    /** The TaskManager process dies: its subtasks stop now; the JobManager learns of it after the detection delay. */
    private void killTaskManager(Fault.KillTaskManager k, long now, long cause) {
        faults.markTaskManagerDown(k.taskManager(), now + k.downForMillis());
        List<Integer> lost = new ArrayList<>();
        Set<Object> owners = Collections.newSetFromMap(new IdentityHashMap<>());
        for (int i = 0; i < subtasks.size(); i++) {
            Subtask s = subtasks.get(i);
            if (taskManagerOf(i).equals(k.taskManager()) && s.status() == Subtask.Status.RUNNING) {
                s.fail();
                owners.add(s);
                lost.add(i);
            }
        }
        kernel.cancel(owners::contains);
        kernel.schedule(now + k.detectAfterMillis(), jobManagerOwner, t -> {
            List<Integer> stillLost = new ArrayList<>();
            for (int i : lost) {
                if (subtasks.get(i).status() == Subtask.Status.FAILED) {
                    stillLost.add(i);
                }
            }
            failTasks(stillLost, "TaskManager " + k.taskManager() + " was lost", cause);
        });
    }

    /** Subtasks failed: the failover strategy picks what restarts, the restart strategy whether and when. */
    private void failTasks(List<Integer> positions, String reason, long cause) {
        long now = kernel.now();
        if (status == JobStatus.FAILED || status == JobStatus.FINISHED) {
            return;
        }
        List<Integer> failed = new ArrayList<>();
        long seq = cause;
        for (int i : positions) {
            Subtask s = subtasks.get(i);
            if (s.status() == Subtask.Status.RUNNING || s.status() == Subtask.Status.FAILED) {
                failed.add(i);
                if (tracer.on()) {
                    seq = tracer.emit(e -> new TraceEvent.TaskFailed(e, now, s.id(), cause, reason));
                }
            }
        }
        if (failed.isEmpty()) {
            return;
        }
        apply(failureHandler.taskFailure(failed, now), reason, seq);
    }

    /** A job-level failure: everything restarts, whatever the failover strategy. */
    private void globalFailure(String reason, long cause) {
        if (status == JobStatus.FAILED || status == JobStatus.FINISHED) {
            return;
        }
        apply(failureHandler.globalFailure(kernel.now()), reason, cause);
    }

    private void apply(ExecutionFailureHandler.Decision d, String reason, long cause) {
        long now = kernel.now();
        if (!d.canRestart()) {
            failForGood(reason, cause);
            return;
        }
        restarts++;
        failureCause = reason;
        status = JobStatus.RESTARTING;
        waitingForRestart.addAll(d.tasksToRestart());
        if (coordinator != null) {
            coordinator.stopScheduler();
            coordinator.abortPendingCheckpoints("the job fails over: " + reason, now, cause);
        }
        cancel(d.tasksToRestart());
        long seq = cause;
        if (tracer.on()) {
            List<String> ids = ids(d.tasksToRestart());
            int attempt = restarts;
            seq = tracer.emit(e -> new TraceEvent.JobFailover(e, now, JOB_MANAGER, cause, d.strategy(), ids,
                    d.delayMillis(), attempt));
        }
        long restartCause = seq;
        TreeSet<Integer> region = new TreeSet<>(d.tasksToRestart());
        kernel.schedule(now + d.delayMillis(), jobManagerOwner, t -> restart(region, restartCause));
    }

    /** Cancels subtasks: no more processing, in-flight data on their channels dropped, pending actions dropped. */
    private void cancel(TreeSet<Integer> positions) {
        Set<Object> owners = Collections.newSetFromMap(new IdentityHashMap<>());
        for (int i : positions) {
            Subtask s = subtasks.get(i);
            s.cancel();
            owners.add(s);
        }
        for (Channel c : channels) {
            if (positions.contains(positionOf.get(c.receiver().id()))) {
                c.clear();
                owners.add(c);
            }
        }
        kernel.cancel(owners::contains);
    }

    /** Redeploys the subtasks and restores them from the latest completed checkpoint (or the initial one). */
    private void restart(TreeSet<Integer> region, long cause) {
        long now = kernel.now();
        if (status == JobStatus.FAILED) {
            return;
        }
        for (int i : region) {
            String tm = taskManagerOf(i);
            if (faults.taskManagerDown(tm, now)) {
                String reason = "could not acquire the minimum required resources: " + tm + " is down";
                long seq = cause;
                if (tracer.on()) {
                    seq = tracer.emit(e -> new TraceEvent.RecoveryFailed(e, now, JOB_MANAGER, cause, reason));
                }
                apply(failureHandler.taskFailure(region, now), reason, seq);
                return;
            }
        }
        waitingForRestart.removeAll(region);
        for (int i : region) {
            attempts[i]++;
        }
        deploy(region);
        CompletedCheckpoint cp = coordinator != null ? coordinator.latestCompleted() : settings.restoreFrom();
        long seq = cause;
        if (tracer.on()) {
            long id = cp == null ? -1 : cp.checkpointId();
            List<String> ids = ids(region);
            seq = tracer.emit(e -> new TraceEvent.JobRestarted(e, now, JOB_MANAGER, cause, id, ids));
        }
        open(region, cp, seq);
        if (waitingForRestart.isEmpty()) {
            status = JobStatus.RUNNING;
            if (coordinator != null) {
                coordinator.startScheduler(now);
            }
        }
    }

    private void failForGood(String reason, long cause) {
        long now = kernel.now();
        status = JobStatus.FAILED;
        failureCause = reason;
        if (coordinator != null) {
            coordinator.stopScheduler();
            coordinator.abortPendingCheckpoints("the job failed", now, cause);
        }
        TreeSet<Integer> all = new TreeSet<>(positionOf.values());
        cancel(all);
        kernel.cancel(o -> o == jobManagerOwner);
        if (tracer.on()) {
            tracer.emit(e -> new TraceEvent.JobFailed(e, now, JOB_MANAGER, cause, reason));
        }
    }

    private List<String> ids(TreeSet<Integer> positions) {
        List<String> out = new ArrayList<>();
        for (int i : positions) {
            out.add(plan.subtasks().get(i).id());
        }
        return out;
    }

    // ---------------------------------------------------------------- reading

    public boolean isFinished() {
        return status == JobStatus.FINISHED;
    }

    public JobStatus status() {
        return status;
    }

    /** How many times the job failed over. */
    public int restarts() {
        return restarts;
    }

    /** The reason of the last failover or of the job's failure, or null. */
    public String failureCause() {
        return failureCause;
    }

    /** The checkpoint coordinator, or null when checkpointing is off. */
    public CheckpointCoordinator coordinator() {
        return coordinator;
    }

    public JobSettings settings() {
        return settings;
    }

    @Override
    public Kernel kernel() {
        return kernel;
    }

    @Override
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
        Integer i = positionOf.get(id);
        if (i == null) {
            throw new IllegalArgumentException("no subtask '" + id + "'; subtasks are " + positionOf.keySet());
        }
        return subtasks.get(i);
    }

    public List<Channel> channels() {
        return Collections.unmodifiableList(channels);
    }

    public Map<String, SinkTable> sinks() {
        return Collections.unmodifiableMap(sinks);
    }

    /** The TaskManager a subtask's slot is on, such as {@code tm-1}. */
    public String taskManagerOf(String subtask) {
        return taskManagerOf(positionOf.get(subtask));
    }
}
