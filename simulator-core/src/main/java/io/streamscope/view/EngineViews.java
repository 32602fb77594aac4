package io.streamscope.view;

import io.streamscope.checkpoint.CheckpointStats;
import io.streamscope.checkpoint.CompletedCheckpoint;
import io.streamscope.checkpoint.SubtaskCheckpointStats;
import io.streamscope.connectors.SinkTable;
import io.streamscope.data.Json;
import io.streamscope.graph.ExecutionPlan;
import io.streamscope.graph.JobVertex;
import io.streamscope.runtime.Channel;
import io.streamscope.runtime.JobRuntime;
import io.streamscope.runtime.SourceReader;
import io.streamscope.runtime.StreamElement;
import io.streamscope.runtime.StreamOperator;
import io.streamscope.runtime.Subtask;
import io.streamscope.runtime.TwoInputProcessor;
import io.streamscope.time.InternalTimerService;
import io.streamscope.time.StatusWatermarkValve;
import java.util.ArrayList;
import java.util.List;

/** Builds an {@link EngineView} from the running engine. */
public final class EngineViews {
    private EngineViews() {
    }

    public static EngineView of(JobRuntime rt) {
        ExecutionPlan plan = rt.plan();
        List<EngineView.TaskManagerView> tms = new ArrayList<>();
        for (int tm = 0; tm < plan.cluster().taskManagers(); tm++) {
            List<EngineView.SlotView> slots = new ArrayList<>();
            for (int k = 0; k < plan.cluster().slotsPerTaskManager(); k++) {
                int global = tm * plan.cluster().slotsPerTaskManager() + k;
                List<String> subs = new ArrayList<>();
                String id = "tm-" + (tm + 1) + "/slot-" + k;
                if (global < plan.slots().size()) {
                    for (ExecutionPlan.SubtaskRef s : plan.slots().get(global).subtasks()) {
                        subs.add(s.id());
                    }
                }
                slots.add(new EngineView.SlotView(id, subs));
            }
            tms.add(new EngineView.TaskManagerView("tm-" + (tm + 1), slots));
        }
        List<EngineView.SubtaskView> subtasks = new ArrayList<>();
        for (Subtask s : rt.subtasks()) {
            subtasks.add(subtask(s, plan, rt.kernel().now()));
        }
        List<EngineView.ChannelView> channels = new ArrayList<>();
        for (Channel c : rt.channels()) {
            // unaligned barriers overtaking on the wire are listed first: they arrive before what they overtook
            List<String> inFlight = describe(c.priorityContents());
            List<Long> arrivals = new ArrayList<>(c.priorityArrivals());
            inFlight.addAll(describe(c.wireContents()));
            arrivals.addAll(c.wireArrivals());
            channels.add(new EngineView.ChannelView(c.id(), c.sender().id(), c.receiver().id(),
                    describe(c.outputBufferContents()), inFlight, arrivals,
                    describe(c.inputBufferContents()), c.credits()));
        }
        List<EngineView.SinkView> sinks = new ArrayList<>();
        for (SinkTable t : rt.sinks().values()) {
            List<String> rows = new ArrayList<>();
            for (SinkTable.Row r : t.rows()) {
                rows.add(Json.render(r.value()));
            }
            List<String> committed = new ArrayList<>();
            for (SinkTable.Row r : t.committedRows()) {
                committed.add(Json.render(r.value()));
            }
            List<EngineView.TransactionView> txns = new ArrayList<>();
            for (SinkTable.Transaction x : t.transactions()) {
                txns.add(new EngineView.TransactionView(x.id(), x.subtask(), x.status(), x.checkpointId(),
                        x.records()));
            }
            sinks.add(new EngineView.SinkView(t.name(), rows, t.guarantee().describe(), committed, t.duplicates(),
                    t.maxVisibilityDelay(), txns));
        }
        return new EngineView(rt.kernel().now(), rt.kernel().steps(), rt.tracer().size(), rt.isFinished(), tms,
                subtasks, channels, sinks, job(rt), checkpoints(rt));
    }

    private static EngineView.JobView job(JobRuntime rt) {
        CompletedCheckpoint latest = rt.coordinator() == null ? null : rt.coordinator().latestCompleted();
        return new EngineView.JobView(rt.status().name(), rt.restarts(), rt.failureCause(), rt.coordinator() != null,
                latest == null ? -1 : latest.checkpointId());
    }

    private static List<EngineView.CheckpointView> checkpoints(JobRuntime rt) {
        List<EngineView.CheckpointView> out = new ArrayList<>();
        if (rt.coordinator() == null) {
            return out;
        }
        for (CheckpointStats c : rt.coordinator().history()) {
            List<EngineView.SubtaskCheckpointView> details = new ArrayList<>();
            for (SubtaskCheckpointStats s : c.subtasks()) {
                details.add(new EngineView.SubtaskCheckpointView(s.subtask(), s.ackTime(), s.startDelayMillis(),
                        s.alignmentMillis(), s.syncMillis(), s.asyncMillis(), s.stateBytes(), s.checkpointedBytes(),
                        s.processedInFlight(), s.persistedInFlight(), s.unaligned()));
            }
            out.add(new EngineView.CheckpointView(c.checkpointId(), c.savepoint(), c.status().name(), c.unaligned(),
                    c.triggerTime(), c.endTime(), c.durationMillis(), c.numAcknowledged(), c.numSubtasks(),
                    c.fullBytes(), c.checkpointedBytes(), c.failureReason(), details));
        }
        return out;
    }

    private static EngineView.SubtaskView subtask(Subtask s, ExecutionPlan plan, long now) {
        List<EngineView.InputView> inputs = new ArrayList<>();
        StatusWatermarkValve valve = s.valve();
        TwoInputProcessor two = s.twoInput();
        List<Channel> in = s.inputChannels();
        for (int i = 0; i < in.size(); i++) {
            if (two != null) {
                inputs.add(new EngineView.InputView(in.get(i).id(), two.channelWatermark(i), two.channelIdle(i),
                        two.channelAligned(i), two.inputOf(i) + 1));
            } else {
                inputs.add(new EngineView.InputView(in.get(i).id(), valve.channelWatermark(i), valve.channelIdle(i),
                        valve.channelAligned(i), 1));
            }
        }
        List<EngineView.InputWatermarkView> inputWatermarks = new ArrayList<>();
        if (two != null) {
            for (int k = 0; k < 2; k++) {
                int other = 1 - k;
                boolean holding = !two.inputIdle(k) && !two.inputIdle(other)
                        && two.inputWatermark(k) < two.inputWatermark(other);
                inputWatermarks.add(new EngineView.InputWatermarkView(k + 1, two.stream(k), two.inputWatermark(k),
                        two.inputIdle(k), holding));
            }
        }
        List<EngineView.SplitView> splits = new ArrayList<>();
        SourceReader src = s.source();
        if (src != null) {
            List<Integer> parts = src.assignedPartitions();
            for (int i = 0; i < parts.size(); i++) {
                splits.add(new EngineView.SplitView(src.topic() + "-" + parts.get(i), src.nextOffset(i),
                        src.splitWatermark(i), src.splitIdle(i), src.generatorState(i), src.splitFinished(i)));
            }
        }
        List<EngineView.StateView> state = new ArrayList<>();
        List<EngineView.TimerView> timers = new ArrayList<>();
        List<StreamOperator> ops = s.operators();
        List<JobVertex> vertices = new ArrayList<>(s.operatorVertices());
        if (src != null) {
            vertices.remove(0);
        }
        for (int i = 0; i < ops.size(); i++) {
            String name = vertices.get(i).name();
            for (StreamOperator.StateEntry e : ops.get(i).describeState()) {
                state.add(new EngineView.StateView(name, e.key(), e.keyGroup(), e.name(), e.value(),
                        e.expiresAt()));
            }
            for (InternalTimerService.TimerEntry t : ops.get(i).describeTimers()) {
                timers.add(new EngineView.TimerView(name, t.key(), t.timestamp(), t.domain(), t.namespace()));
            }
        }
        StreamElement inProcess = s.inProcess();
        List<EngineView.AlignmentBufferView> alignment = new ArrayList<>();
        for (Channel c : s.blockedChannels()) {
            alignment.add(new EngineView.AlignmentBufferView(c.id(), describe(c.inputBufferContents())));
        }
        long busy = s.busyUntil() > now ? s.busyUntil() : -1;
        List<String> sst = new ArrayList<>();
        for (var e : s.sstFiles().entrySet()) {
            for (String f : e.getValue()) {
                sst.add(e.getKey() + ": " + f);
            }
        }
        return new EngineView.SubtaskView(s.id(), s.ref().chain().name(), s.index(), plan.slotOf(s.ref()).id(),
                s.status().name(), s.isBackpressured(), s.backpressuredOn(),
                inProcess == null ? null : describeInProcess(inProcess), inProcess == null ? -1 : s.inProcessDone(),
                s.currentInputWatermark(), s.recordsProcessed(), inputs, splits, state, timers, s.attempt(),
                s.aligningCheckpoint(), alignment, busy, s.awaitingFinalCheckpoint(), sst, inputWatermarks);
    }

    private static String describeInProcess(StreamElement e) {
        if (e instanceof StreamElement.Record r && r.value() instanceof io.streamscope.connectors.LogRecord lr) {
            return "reading " + Json.render(lr.value()) + " @" + lr.timestamp();
        }
        return e.describe();
    }

    private static List<String> describe(List<StreamElement> elements) {
        List<String> out = new ArrayList<>(elements.size());
        for (StreamElement e : elements) {
            out.add(e.describe());
        }
        return out;
    }
}
