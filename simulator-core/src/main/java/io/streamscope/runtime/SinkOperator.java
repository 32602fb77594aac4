package io.streamscope.runtime;

import io.streamscope.connectors.SinkTable;
import io.streamscope.data.Json;
import io.streamscope.trace.TraceEvent;

/** Appends every record to its sink table. */
final class SinkOperator implements StreamOperator {
    private final SinkTable table;
    private OperatorContext ctx;

    SinkOperator(SinkTable table) {
        this.table = table;
    }

    @Override
    public void open(OperatorContext context) {
        this.ctx = context;
    }

    @Override
    public void processElement(StreamElement.Record r) {
        long now = ctx.now();
        Long ts = r.hasTimestamp() ? r.timestamp() : null;
        table.add(new SinkTable.Row(r.value(), ts, ctx.subtaskId(), now));
        if (ctx.tracer().on()) {
            long cause = ctx.tracer().cause();
            ctx.tracer().emit(seq -> new TraceEvent.SinkReceived(seq, now, ctx.subtaskId(), cause, table.name(),
                    Json.render(r.value()), ts));
        }
    }
}
