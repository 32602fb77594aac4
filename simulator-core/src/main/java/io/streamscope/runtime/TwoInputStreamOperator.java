package io.streamscope.runtime;

/**
 * An operator with two inputs (Flink's TwoInputStreamOperator). It always heads its chain, so its records come
 * from the subtask's input channels, each tagged with the input it belongs to; the subtask combines the two
 * inputs' watermarks and hands the operator the combined one through {@link #processWatermark}.
 */
public interface TwoInputStreamOperator extends StreamOperator {
    void processElement1(StreamElement.Record record) throws Exception;

    void processElement2(StreamElement.Record record) throws Exception;

    /** A two-input operator is never chained behind another, so it only gets records through its two inputs. */
    @Override
    default void processElement(StreamElement.Record record) {
        throw new UnsupportedOperationException("a two-input operator takes records through processElement1/2");
    }
}
