package io.streamscope.view;

import static org.assertj.core.api.Assertions.assertThat;

import io.streamscope.api.StreamExecutionEnvironment;
import io.streamscope.api.functions.FieldKeySelector;
import io.streamscope.connectors.CollectingSink;
import io.streamscope.connectors.PartitionedLog;
import io.streamscope.data.Row;
import io.streamscope.runtime.EngineConfig;
import io.streamscope.sim.Simulation;
import io.streamscope.state.KeyGroupRangeAssignment;
import io.streamscope.testing.WindowOut;
import io.streamscope.time.WatermarkStrategy;
import io.streamscope.trace.TraceEvent;
import io.streamscope.window.TumblingEventTimeWindows;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** The EngineView after any number of steps agrees with what the trace says has happened so far. */
class EngineViewTest {

    private static Simulation job() {
        PartitionedLog log = new PartitionedLog("events", 1, false);
        String[] keys = {"a", "b", "c", "d"};
        for (int i = 0; i < 80; i++) {
            long ts = 250L * i + (i % 3 == 0 ? -400 : 0);
            String k = keys[i % keys.length];
            log.append(0, k, Row.of("key", k, "value", (long) i, "ts", ts), ts, 5L * i);
        }
        StreamExecutionEnvironment env = StreamExecutionEnvironment.create();
        env.<Row>fromSource(log, WatermarkStrategy.forBoundedOutOfOrderness(Duration.ofMillis(300))
                        .withEmission(WatermarkStrategy.Emission.PER_EVENT), "src")
                .keyBy(new FieldKeySelector("key"))
                .window(TumblingEventTimeWindows.of(Duration.ofSeconds(2)))
                .process(new WindowOut(), "window").setParallelism(2).setProcessingCost(Duration.ofMillis(8))
                .sinkTo(new CollectingSink("out")).setParallelism(2);
        return Simulation.of(env, EngineConfig.defaults().withLatency(3, 4).withBuffers(3, 2).withSeed(5));
    }

    @Test
    void viewAgreesWithTheTraceAtEveryCheckpoint() {
        Simulation sim = job();
        int seen = 0;
        for (long t = 7; t <= 700; t += 23) {
            sim.runUntilTime(t);
            seen |= check(sim);
        }
        // the checkpoints saw buffered input, elements in flight, window state, timers and outputs
        assertThat(seen).isEqualTo(0b11111);
    }

    /** Checks the view; returns which non-trivial things it saw (input buffered, in flight, state, timers, sink). */
    private static int check(Simulation sim) {
        int seen = 0;
        EngineView view = sim.view();
        List<TraceEvent> trace = sim.trace();
        assertThat(view.time()).isEqualTo(sim.now());
        assertThat(view.traceSize()).isEqualTo(trace.size());

        Map<String, List<String>> sent = new HashMap<>();
        Map<String, List<String>> delivered = new HashMap<>();
        Map<String, Long> lastWatermark = new HashMap<>();
        Set<String> registered = new LinkedHashSet<>();
        Set<String> fired = new LinkedHashSet<>();
        Set<String> stateFromTrace = new LinkedHashSet<>();
        List<String> sinkRecords = new ArrayList<>();
        for (TraceEvent e : trace) {
            if (e instanceof TraceEvent.ElementSent s) {
                sent.computeIfAbsent(s.channel(), k -> new ArrayList<>()).add(s.element());
            } else if (e instanceof TraceEvent.ElementDelivered d) {
                delivered.computeIfAbsent(d.channel(), k -> new ArrayList<>()).add(d.element());
            } else if (e instanceof TraceEvent.WatermarkAdvanced w) {
                lastWatermark.put(w.subtask(), w.watermark());
            } else if (e instanceof TraceEvent.TimerRegistered r) {
                String id = r.subtask() + r.key() + "@" + r.timestamp();
                registered.add(id);
                fired.remove(id);
                stateFromTrace.add(r.subtask() + " " + r.key() + " window " + r.namespace());
            } else if (e instanceof TraceEvent.TimerFired f) {
                fired.add(f.subtask() + f.key() + "@" + f.timestamp());
            } else if (e instanceof TraceEvent.WindowCleared c) {
                stateFromTrace.remove(c.subtask() + " " + c.key() + " window [" + c.start() + ", " + c.end() + ")");
            } else if (e instanceof TraceEvent.SinkReceived s) {
                sinkRecords.add(s.record());
            }
        }
        registered.removeAll(fired);

        for (EngineView.ChannelView c : view.channels()) {
            List<String> s = sent.getOrDefault(c.id(), List.of());
            List<String> d = delivered.getOrDefault(c.id(), List.of());
            // sent but not yet delivered = on the wire (older), then still in the output buffer, in order
            List<String> pending = new ArrayList<>(c.inFlight());
            pending.addAll(c.outputBuffer());
            assertThat(pending).as(c.id()).isEqualTo(s.subList(d.size(), s.size()));
            assertThat(d).isEqualTo(s.subList(0, d.size()));
            // the input buffer holds the most recently delivered elements, in order
            assertThat(c.inputBuffer()).isEqualTo(d.subList(d.size() - c.inputBuffer().size(), d.size()));
            assertThat(c.credits()).isEqualTo(3 - c.inFlight().size() - c.inputBuffer().size());
            // the receiver's valve holds the last watermark it took from this channel
            List<String> taken = d.subList(0, d.size() - c.inputBuffer().size());
            long wm = Long.MIN_VALUE;
            for (String el : taken) {
                if (el.startsWith("watermark ")) {
                    wm = Math.max(wm, Long.parseLong(el.substring("watermark ".length())));
                }
            }
            EngineView.InputView input = view.subtask(c.to()).inputs().stream()
                    .filter(i -> i.channel().equals(c.id())).findFirst().orElseThrow();
            assertThat(input.watermark()).as("watermark of " + c.id()).isEqualTo(wm);
            assertThat(input.idle()).isFalse();
        }

        Set<String> stateInView = new LinkedHashSet<>();
        Set<String> timersInView = new LinkedHashSet<>();
        for (EngineView.SubtaskView s : view.subtasks()) {
            assertThat(s.watermark()).isEqualTo(lastWatermark.getOrDefault(s.id(), Long.MIN_VALUE));
            for (EngineView.StateView st : s.state()) {
                stateInView.add(s.id() + " " + st.key() + " " + st.name());
                String key = st.key().substring(1, st.key().length() - 1);
                assertThat(st.keyGroup()).isEqualTo(KeyGroupRangeAssignment.assignToKeyGroup(key, 128));
            }
            for (EngineView.TimerView t : s.timers()) {
                timersInView.add(s.id() + t.key() + "@" + t.timestamp());
                assertThat(t.domain()).isEqualTo("event-time");
            }
        }
        assertThat(stateInView).isEqualTo(stateFromTrace);
        assertThat(timersInView).isEqualTo(registered);
        List<String> sinkView = new ArrayList<>();
        view.sinks().forEach(t -> sinkView.addAll(t.records()));
        assertThat(sinkView).containsExactlyInAnyOrderElementsOf(sinkRecords);
        for (EngineView.ChannelView c : view.channels()) {
            seen |= c.inputBuffer().isEmpty() ? 0 : 1;
            seen |= c.inFlight().isEmpty() ? 0 : 2;
        }
        seen |= stateInView.isEmpty() ? 0 : 4;
        seen |= timersInView.isEmpty() ? 0 : 8;
        seen |= sinkView.isEmpty() ? 0 : 16;
        return seen;
    }
}
