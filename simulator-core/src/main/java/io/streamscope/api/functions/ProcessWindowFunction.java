package io.streamscope.api.functions;

import io.streamscope.window.TimeWindow;
import java.io.Serializable;

/** Sees a whole window at once: its key, bounds and elements (or the pre-aggregated result). */
@FunctionalInterface
public interface ProcessWindowFunction<IN, OUT, K> extends Serializable {
    void process(K key, WindowContext context, Iterable<IN> elements, Collector<OUT> out) throws Exception;

    /** The window being fired and the operator's clocks. */
    interface WindowContext {
        TimeWindow window();

        long currentWatermark();

        long currentProcessingTime();
    }
}
