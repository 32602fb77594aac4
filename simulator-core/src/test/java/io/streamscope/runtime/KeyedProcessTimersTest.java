package io.streamscope.runtime;

import static org.assertj.core.api.Assertions.assertThat;

import io.streamscope.api.OutputTag;
import io.streamscope.api.StreamExecutionEnvironment;
import io.streamscope.api.functions.Collector;
import io.streamscope.api.functions.FieldKeySelector;
import io.streamscope.api.functions.KeyedProcessFunction;
import io.streamscope.connectors.CollectingSink;
import io.streamscope.connectors.SinkTable;
import io.streamscope.data.Row;
import io.streamscope.sim.Simulation;
import io.streamscope.testing.Script;
import io.streamscope.trace.TraceEvent;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Timers of a KeyedProcessFunction as Flink's KeyedProcessOperator and InternalTimerService: an event-time timer
 * fires once the watermark is at or past its timestamp, a (key, timestamp) timer is registered once however often
 * it is registered, a deleted timer never fires, onTimer output carries the timer's timestamp for event time and
 * no timestamp for processing time, and ctx.timestamp() in onTimer is the timer's timestamp.
 */
class KeyedProcessTimersTest {

    /**
     * Acts on the record's "value": 1 registers an event-time timer at ts + 1000 twice, 2 registers one at
     * ts + 1000 and deletes it, 3 registers a processing-time timer 500 ms from now, 4 registers an event-time
     * timer at ts + 2000.
     */
    static final class Probe extends KeyedProcessFunction<Object, Row, Row> {
        private static final long serialVersionUID = 1L;
        static final OutputTag<Row> SIDE = new OutputTag<>("side");

        @Override
        public void processElement(Row value, Context<Object> ctx, Collector<Row> out) {
            long v = value.getLong("value");
            long ts = ctx.timestamp();
            if (v == 1) {
                ctx.timerService().registerEventTimeTimer(ts + 1000);
                ctx.timerService().registerEventTimeTimer(ts + 1000);
            } else if (v == 2) {
                ctx.timerService().registerEventTimeTimer(ts + 1000);
                ctx.timerService().deleteEventTimeTimer(ts + 1000);
            } else if (v == 3) {
                ctx.timerService().registerProcessingTimeTimer(ctx.timerService().currentProcessingTime() + 500);
            } else if (v == 4) {
                ctx.timerService().registerEventTimeTimer(ts + 2000);
            }
        }

        @Override
        public void onTimer(long timestamp, OnTimerContext<Object> ctx, Collector<Row> out) {
            Row r = Row.of("key", ctx.getCurrentKey(), "timer", timestamp, "domain", ctx.timeDomain().name(),
                    "ctxTimestamp", ctx.timestamp(), "wm", ctx.timerService().currentWatermark(),
                    "now", ctx.timerService().currentProcessingTime());
            out.collect(r);
            ctx.output(SIDE, r);
        }
    }

    private static Simulation run(Script s, boolean bounded) {
        StreamExecutionEnvironment env = StreamExecutionEnvironment.create();
        var processed = s.source(env).keyBy(new FieldKeySelector("key")).process(new Probe(), "probe");
        processed.sinkTo(new CollectingSink("out"));
        processed.getSideOutput(Probe.SIDE).sinkTo(new CollectingSink("side"));
        Simulation sim = Simulation.of(env, EngineConfig.defaults());
        if (bounded) {
            sim.runToEnd();
        }
        return sim;
    }

    @Test
    void eventTimeTimersFireWhenTheWatermarkReachesThemOnceAndNotWhenDeleted() {
        Script s = new Script()
                .data("a", 1, 500)     // timer 1500, registered twice
                .data("b", 2, 500)     // timer 1500 registered and deleted
                .data("c", 4, 0)       // timer 2000
                .watermark(1499)       // nothing
                .watermark(1500)       // a's 1500 fires (watermark == timestamp)
                .watermark(2500);      // c's 2000 fires (watermark past it)
        Simulation sim = run(s, true);
        List<SinkTable.Row> rows = sim.sink("out").rows();
        assertThat(rows).hasSize(2);
        Row first = (Row) rows.get(0).value();
        Row second = (Row) rows.get(1).value();
        assertThat(first.get("key")).isEqualTo("a");
        assertThat(first.get("timer")).isEqualTo(1500L);
        assertThat(first.get("wm")).isEqualTo(1500L);
        assertThat(first.get("domain")).isEqualTo("EVENT_TIME");
        assertThat(first.get("ctxTimestamp")).isEqualTo(1500L);
        assertThat(second.get("key")).isEqualTo("c");
        assertThat(second.get("timer")).isEqualTo(2000L);
        assertThat(second.get("wm")).isEqualTo(2500L);
        // onTimer output of an event-time timer carries the timer's timestamp
        assertThat(rows.get(0).timestamp()).isEqualTo(1500L);
        assertThat(rows.get(1).timestamp()).isEqualTo(2000L);
        assertThat(sim.sink("side").rows().get(0).timestamp()).isEqualTo(1500L);
        // the duplicate registration registered one timer
        long registered = sim.trace().stream().filter(e -> e instanceof TraceEvent.TimerRegistered t
                && t.key().equals("\"a\"")).count();
        assertThat(registered).isEqualTo(1);
    }

    @Test
    void processingTimeTimersFireOnTheVirtualClockWithoutTimestamp() {
        // unbounded: at the end of a bounded input Flink drops pending processing-time timers, and so does the
        // engine (the finished subtask runs no more mails)
        Script s = Script.unbounded().data("a", 3, 42); // read at t=0, timer at 0 + latency + 500
        Simulation sim = run(s, false);
        sim.runUntilTime(5000);
        List<SinkTable.Row> rows = sim.sink("out").rows();
        assertThat(rows).hasSize(1);
        Row r = (Row) rows.get(0).value();
        long timer = r.getLong("timer");
        assertThat(r.get("domain")).isEqualTo("PROCESSING_TIME");
        assertThat(r.get("now")).isEqualTo(timer); // fired exactly when the virtual clock reached it
        assertThat(rows.get(0).time()).isEqualTo(timer);
        assertThat(timer).isBetween(500L, 510L);
        // Flink: the collector's timestamp is erased for processing-time timers...
        assertThat(rows.get(0).timestamp()).isNull();
        // ...but OnTimerContext.timestamp() is the timer's timestamp, and so is a side output's
        assertThat(r.get("ctxTimestamp")).isEqualTo(timer);
        assertThat(sim.sink("side").rows().get(0).timestamp()).isEqualTo(timer);
    }

    @Test
    void pendingTimersShowInTheView() {
        Script s = Script.unbounded().data("a", 1, 500).data("c", 4, 0).watermark(1600).watermark(9999);
        Simulation sim = run(s, false);
        sim.runUntilTime(Script.timeOfEntry(2) - 1);
        List<String> timers = new ArrayList<>();
        sim.view().subtask("probe[0]").timers().forEach(t -> timers.add(t.key() + "@" + t.timestamp()));
        assertThat(timers).containsExactly("\"a\"@1500", "\"c\"@2000"); // event-time timers in firing order
        sim.runUntilTime(Script.timeOfEntry(3) - 1);
        timers.clear();
        sim.view().subtask("probe[0]").timers().forEach(t -> timers.add(t.key() + "@" + t.timestamp()));
        assertThat(timers).containsExactly("\"c\"@2000");
    }
}
