package io.streamscope.flink;

import static io.streamscope.flink.Sc.rec;
import static io.streamscope.flink.Sc.scenario;
import static io.streamscope.flink.Sc.sideSink;
import static io.streamscope.flink.Sc.sink;
import static io.streamscope.flink.Sc.source;
import static io.streamscope.flink.Sc.topic;
import static io.streamscope.flink.Sc.tumbling;
import static io.streamscope.flink.Sc.window;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * Cases where our engine disagreed with Flink, found by the conformance suite; each is fixed in the engine and
 * now pinned on both engines.
 */
class KnownDifferencesTest {

    /**
     * One source subtask reads two partitions of a bounded topic. Partition 0 has a single record (ts 1000),
     * partition 1 goes on: 2000, 8000, 3000, 9000; out-of-orderness 0, watermarks per event, tumbling 5 s.
     *
     * <p>Flink: a split that has read its last record is finished, and the reader releases its output
     * (SourceReaderBase.finishCurrentFetch calls releaseOutputForSplit, which unregisters it from the
     * WatermarkOutputMultiplexer), so partition 0 stops holding the watermark back: after 8000 the watermark is
     * 7999, [0,5000) fires with 2 records (1000, 2000) and 3000 goes to the late output.
     *
     * <p>Our engine used to keep the finished partition in the minimum until the whole source ended (the
     * watermark stayed at 999, nothing was late, [0,5000) fired at the end with 3 records); it now releases a
     * split read to its end, as Flink does.
     */
    @Test
    void aFinishedPartitionNoLongerHoldsTheWatermarkBack() {
        List<Map<String, Object>> records = List.of(rec(0, 0, 1000, "u", 1), rec(1, 10, 2000, "u", 2),
                rec(1, 20, 8000, "u", 3), rec(1, 30, 3000, "u", 4), rec(1, 40, 9000, "u", 5));
        Map<String, Object> tree = scenario("finished split", List.of(topic("t", 2, records)),
                List.of(source("in", "t", 0), window("w", "in", tumbling(5000), 0, "late"), sink("out", "w"),
                        sideSink("late", "w", "late")));
        ConformanceTest.Both b = ConformanceTest.both(tree);
        assertThat(b.flink("out")).containsExactly("[0,5000)#2@4999", "[5000,10000)#2@9999");
        assertThat(b.flink("late")).containsExactly("v=4@3000");
        assertThat(b.diff().agrees()).as(b.diff().render()).isTrue();
    }
}
