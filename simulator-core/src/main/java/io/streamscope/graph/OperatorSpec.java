package io.streamscope.graph;

import io.streamscope.api.OutputTag;
import io.streamscope.api.functions.AggregateFunction;
import io.streamscope.api.functions.FilterFunction;
import io.streamscope.api.functions.KeyedProcessFunction;
import io.streamscope.api.functions.MapFunction;
import io.streamscope.api.functions.ProcessJoinFunction;
import io.streamscope.api.functions.ProcessWindowFunction;
import io.streamscope.connectors.CollectingSink;
import io.streamscope.connectors.PartitionedLog;
import io.streamscope.time.WatermarkStrategy;
import io.streamscope.window.Trigger;
import io.streamscope.window.WindowAssigner;

/** What a job vertex does: the logical operator, independent of where and how often it runs. */
public sealed interface OperatorSpec {
    /** Flink's word for the kind of operator. */
    String kind();

    /** True for an operator with two inputs of possibly different types (Flink's TwoInputStreamOperator). */
    default boolean twoInput() {
        return false;
    }

    /** Reads a partitioned log; watermarks are generated per partition (split), as fromSource does. */
    record Source(PartitionedLog log, WatermarkStrategy watermarkStrategy) implements OperatorSpec {
        @Override
        public String kind() {
            return "Source";
        }
    }

    /** map. */
    record Map(MapFunction<?, ?> function) implements OperatorSpec {
        @Override
        public String kind() {
            return "Map";
        }
    }

    /** filter. */
    record Filter(FilterFunction<?> function) implements OperatorSpec {
        @Override
        public String kind() {
            return "Filter";
        }
    }

    /** assignTimestampsAndWatermarks after the source: one generator per subtask, upstream watermarks dropped. */
    record TimestampsAndWatermarks(WatermarkStrategy watermarkStrategy) implements OperatorSpec {
        @Override
        public String kind() {
            return "Timestamps/Watermarks";
        }
    }

    /** process on a keyed stream. */
    record KeyedProcess(KeyedProcessFunction<?, ?, ?> function) implements OperatorSpec {
        @Override
        public String kind() {
            return "KeyedProcess";
        }
    }

    /**
     * A keyed window: assigner, trigger (null for the assigner's default), allowed lateness, optional late-data
     * side output, and either an incremental aggregate (with an optional window function) or a full window
     * function over all elements.
     */
    record Window(WindowAssigner assigner, Trigger trigger, long allowedLatenessMillis, OutputTag<?> lateDataTag,
                  AggregateFunction<?, ?, ?> aggregate, ProcessWindowFunction<?, ?, ?> windowFunction)
            implements OperatorSpec {
        @Override
        public String kind() {
            return "Window";
        }
    }

    /**
     * keyedA.intervalJoin(keyedB).between(lower, upper): joins each element of the first input with the elements of
     * the second whose timestamps lie in [ts + lower, ts + upper] (each bound inclusive unless made exclusive),
     * optionally sending late elements of either side to a side output.
     */
    record IntervalJoin(long lowerBound, long upperBound, boolean lowerBoundInclusive, boolean upperBoundInclusive,
                        OutputTag<?> leftLateDataTag, OutputTag<?> rightLateDataTag,
                        ProcessJoinFunction<?, ?, ?> function) implements OperatorSpec {
        @Override
        public String kind() {
            return "IntervalJoin";
        }

        @Override
        public boolean twoInput() {
            return true;
        }
    }

    /** A sink collecting what reaches it. */
    record Sink(CollectingSink sink) implements OperatorSpec {
        @Override
        public String kind() {
            return "Sink";
        }
    }
}
