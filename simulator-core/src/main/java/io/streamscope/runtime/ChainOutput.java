package io.streamscope.runtime;

import io.streamscope.trace.TraceEvent;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The output of one operator inside a subtask: records go to chained operators by direct call and to other
 * subtasks through record writers; side outputs by tag; watermarks and status to every target.
 */
final class ChainOutput implements Output {
    /** A receiver of this operator's output. */
    interface Target {
        void record(StreamElement.Record r, long now) throws Exception;

        void watermark(long wm, long now) throws Exception;

        void status(boolean idle, long now) throws Exception;
    }

    private final Subtask subtask;
    private final String operatorName;
    private final List<Target> main = new ArrayList<>();
    private final Map<String, List<Target>> side = new LinkedHashMap<>();
    private final List<Target> all = new ArrayList<>();

    ChainOutput(Subtask subtask, String operatorName) {
        this.subtask = subtask;
        this.operatorName = operatorName;
    }

    void addTarget(String outputTag, Target t) {
        if (outputTag == null) {
            main.add(t);
        } else {
            side.computeIfAbsent(outputTag, k -> new ArrayList<>()).add(t);
        }
        all.add(t);
    }

    private long now() {
        return subtask.runtime().kernel().now();
    }

    @Override
    public void collect(StreamElement.Record record) {
        deliver(main, record);
    }

    @Override
    public void collect(String outputTag, StreamElement.Record record) {
        if (subtask.runtime().tracer().on()) {
            long cause = subtask.runtime().tracer().cause();
            long now = now();
            subtask.runtime().tracer().emit(seq -> new TraceEvent.RecordEmitted(seq, now, subtask.id(), cause,
                    operatorName, outputTag, io.streamscope.data.Json.render(record.value())));
        }
        List<Target> targets = side.get(outputTag);
        if (targets != null) {
            deliver(targets, record);
        }
    }

    private void deliver(List<Target> targets, StreamElement.Record record) {
        long now = now();
        try {
            for (int i = 0; i < targets.size(); i++) {
                targets.get(i).record(record, now);
            }
        } catch (RuntimeException e) {
            throw e;
        } catch (Exception e) {
            throw new IllegalStateException(operatorName + " in " + subtask.id() + " failed: " + e, e);
        }
    }

    @Override
    public void emitWatermark(long watermark) {
        long now = now();
        try {
            for (Target t : all) {
                t.watermark(watermark, now);
            }
        } catch (RuntimeException e) {
            throw e;
        } catch (Exception e) {
            throw new IllegalStateException(operatorName + " in " + subtask.id() + " failed: " + e, e);
        }
    }

    @Override
    public void emitWatermarkStatus(boolean idle) {
        long now = now();
        try {
            for (Target t : all) {
                t.status(idle, now);
            }
        } catch (RuntimeException e) {
            throw e;
        } catch (Exception e) {
            throw new IllegalStateException(operatorName + " in " + subtask.id() + " failed: " + e, e);
        }
    }

    /** A chained operator: called directly, no channel in between. */
    static Target chained(StreamOperator op, OperatorContext ctx) {
        return new Target() {
            @Override
            public void record(StreamElement.Record r, long now) throws Exception {
                op.processElement(r);
            }

            @Override
            public void watermark(long wm, long now) throws Exception {
                op.processWatermark(wm, ctx);
            }

            @Override
            public void status(boolean idle, long now) throws Exception {
                op.processWatermarkStatus(idle, ctx);
            }
        };
    }

    /** Another subtask, through the channels of a record writer. */
    static Target network(RecordWriter writer) {
        return new Target() {
            @Override
            public void record(StreamElement.Record r, long now) throws Exception {
                writer.emit(r, now);
            }

            @Override
            public void watermark(long wm, long now) {
                writer.broadcast(new StreamElement.Watermark(wm), now);
            }

            @Override
            public void status(boolean idle, long now) {
                writer.broadcast(idle ? StreamElement.WatermarkStatus.IDLE : StreamElement.WatermarkStatus.ACTIVE,
                        now);
            }
        };
    }
}
