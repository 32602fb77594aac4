package io.streamscope.runtime;

import io.streamscope.api.functions.KeySelector;
import io.streamscope.graph.JobVertex;
import io.streamscope.state.HeapKeyedStateBackend;
import io.streamscope.time.InternalTimerService;
import io.streamscope.data.Json;
import io.streamscope.trace.TraceEvent;
import io.streamscope.trace.Tracer;
import java.util.random.RandomGenerator;

/** What an operator instance may use: its output, clocks, keyed state, timers and the trace. */
public final class OperatorContext {
    private final Subtask subtask;
    private final JobVertex vertex;
    private final Output output;
    private HeapKeyedStateBackend keyedState;
    private InternalTimerService timerService;

    OperatorContext(Subtask subtask, JobVertex vertex, Output output) {
        this.subtask = subtask;
        this.vertex = vertex;
        this.output = output;
    }

    public Output output() {
        return output;
    }

    public JobVertex vertex() {
        return vertex;
    }

    public String operatorName() {
        return vertex.name();
    }

    public String subtaskId() {
        return subtask.id();
    }

    public int subtaskIndex() {
        return subtask.index();
    }

    public int parallelism() {
        return vertex.parallelism();
    }

    /** The virtual processing time. */
    public long now() {
        return subtask.runtime().kernel().now();
    }

    public Tracer tracer() {
        return subtask.runtime().tracer();
    }

    public RandomGenerator random() {
        return subtask.runtime().random();
    }

    public long autoWatermarkInterval() {
        return subtask.runtime().config().autoWatermarkIntervalMillis();
    }

    @SuppressWarnings("unchecked")
    public <T, K> KeySelector<T, K> keySelector() {
        return (KeySelector<T, K>) vertex.keySelector();
    }

    /** The number of key groups this operator runs with (its max parallelism, or the restored state's). */
    public int maxParallelism() {
        return subtask.runtime().maxParallelism(vertex);
    }

    /** Keyed state of this operator (created on first use). */
    public HeapKeyedStateBackend keyedState() {
        if (keyedState == null) {
            keyedState = new HeapKeyedStateBackend(maxParallelism(), this::now, this::traceExpired);
        }
        return keyedState;
    }

    /** Traces TTL state the keyed backend found expired; state TTL runs on the virtual processing clock. */
    private void traceExpired(String state, Object key, Object mapKey, Object value, long lastAccess, long expiredAt,
                              String cleanup) {
        Tracer tracer = tracer();
        if (tracer.on()) {
            long now = now();
            long cause = tracer.cause();
            tracer.emit(s -> new TraceEvent.StateExpired(s, now, subtaskId(), cause, operatorName(), Json.render(key),
                    state, mapKey == null ? null : Json.render(mapKey), Json.render(value), lastAccess, expiredAt,
                    cleanup));
        }
    }

    /** The timer service of this operator (created on first use). */
    public InternalTimerService timerService() {
        if (timerService == null) {
            timerService = new InternalTimerService(time -> subtask.scheduleMail(time, now -> {
                timerService.onProcessingTime(now);
            }));
        }
        return timerService;
    }

    /** Asks for {@link StreamOperator#onPeriodicTick} every auto-watermark interval. */
    public void requestPeriodicTicks(StreamOperator operator) {
        long interval = autoWatermarkInterval();
        subtask.scheduleMail(now() + interval, new Subtask.Mail() {
            @Override
            public void run(long now) throws Exception {
                operator.onPeriodicTick(now);
                subtask.scheduleMail(now + interval, this);
            }
        });
    }
}
