package io.streamscope.runtime;

import io.streamscope.data.Row;
import io.streamscope.time.IdlenessTimer;
import io.streamscope.time.WatermarkGenerator;
import io.streamscope.time.WatermarkOutput;
import io.streamscope.time.WatermarkStrategy;
import io.streamscope.trace.TraceEvent;

/**
 * assignTimestampsAndWatermarks as an operator: one generator per subtask (not per partition), periodic or
 * per-event emission, and, as in Flink, watermarks from upstream are dropped except the final MAX watermark.
 */
final class TimestampsAndWatermarksOperator implements StreamOperator {
    private final WatermarkStrategy strategy;
    private WatermarkGenerator<Object> generator;
    private IdlenessTimer idleness;
    private OperatorContext ctx;
    private long lastEmitted = Long.MIN_VALUE;
    private boolean idle;

    TimestampsAndWatermarksOperator(WatermarkStrategy strategy) {
        this.strategy = strategy;
    }

    @Override
    public void open(OperatorContext context) {
        this.ctx = context;
        this.generator = strategy.createGenerator();
        this.idleness = strategy.idleness().map(IdlenessTimer::new).orElse(null);
        if (!strategy.watermarksDisabled()
                && (strategy.emission() == WatermarkStrategy.Emission.PERIODIC || idleness != null)) {
            context.requestPeriodicTicks(this);
        }
    }

    private final WatermarkOutput out = new WatermarkOutput() {
        @Override
        public void emitWatermark(long watermark) {
            if (watermark > lastEmitted) {
                lastEmitted = watermark;
                markActive();
                long now = ctx.now();
                if (ctx.tracer().on()) {
                    long cause = ctx.tracer().cause();
                    ctx.tracer().emit(s -> new TraceEvent.WatermarkGenerated(s, now, ctx.subtaskId(), cause,
                            ctx.operatorName(), watermark));
                }
                ctx.output().emitWatermark(watermark);
            }
        }

        @Override
        public void markIdle() {
            if (!idle) {
                idle = true;
                ctx.output().emitWatermarkStatus(true);
            }
        }

        @Override
        public void markActive() {
            if (idle) {
                idle = false;
                ctx.output().emitWatermarkStatus(false);
            }
        }
    };

    @Override
    public void processElement(StreamElement.Record r) {
        long ts;
        if (strategy.timestampField() != null) {
            if (!(r.value() instanceof Row row)) {
                throw new IllegalStateException("timestamp field '" + strategy.timestampField()
                        + "' needs Row records, got " + r.value());
            }
            ts = row.getLong(strategy.timestampField());
        } else if (r.hasTimestamp()) {
            ts = r.timestamp();
        } else {
            throw new IllegalStateException(ctx.operatorName() + ": record " + r.value()
                    + " has no timestamp and the watermark strategy names no timestamp field");
        }
        ctx.output().collect(StreamElement.Record.of(r.value(), ts));
        generator.onEvent(r.value(), ts, out);
        if (idleness != null) {
            idleness.activity();
        }
        if (strategy.emission() == WatermarkStrategy.Emission.PER_EVENT && !strategy.watermarksDisabled()) {
            generator.onPeriodicEmit(out);
        }
    }

    @Override
    public void onPeriodicTick(long now) {
        if (idleness != null && idleness.checkIfIdle(now)) {
            out.markIdle();
        } else if (strategy.emission() == WatermarkStrategy.Emission.PERIODIC) {
            generator.onPeriodicEmit(out);
        }
    }

    @Override
    public void processWatermark(long watermark, OperatorContext context) {
        if (watermark == Long.MAX_VALUE && lastEmitted != Long.MAX_VALUE) {
            lastEmitted = Long.MAX_VALUE;
            out.markActive();
            context.output().emitWatermark(Long.MAX_VALUE);
        }
    }

    @Override
    public void processWatermarkStatus(boolean idle, OperatorContext context) {
        // the operator decides its own status from its own generator
    }
}
