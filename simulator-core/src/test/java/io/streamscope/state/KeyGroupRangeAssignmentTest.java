package io.streamscope.state;

import static org.assertj.core.api.Assertions.assertThat;

import io.streamscope.api.StreamExecutionEnvironment;
import io.streamscope.api.functions.FieldKeySelector;
import io.streamscope.connectors.CollectingSink;
import io.streamscope.connectors.PartitionedLog;
import io.streamscope.connectors.SinkTable;
import io.streamscope.data.Row;
import io.streamscope.runtime.EngineConfig;
import io.streamscope.sim.Simulation;
import io.streamscope.time.WatermarkStrategy;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import org.junit.jupiter.api.Test;

/**
 * Flink's KeyGroupRangeAssignment: keyGroup = murmurHash(key.hashCode()) % maxParallelism, operator index =
 * keyGroup * parallelism / maxParallelism, contiguous ranges per subtask, default max parallelism
 * min(max(roundUpToPowerOfTwo(p + p/2), 128), 32768).
 *
 * <p>Expected murmur hashes: Flink's MathUtils.murmurHash(int) is MurmurHash3 x86_32 with seed 0 over the four
 * little-endian bytes of the int, followed by abs (MIN_VALUE -> 0). The values below were computed with an
 * independent MurmurHash3 implementation (the reference C code's Python binding, mmh3), not with this engine;
 * murmurHash(0) = 0x2362F9DE is also the published MurmurHash3 test vector for four zero bytes, seed 0.
 */
class KeyGroupRangeAssignmentTest {

    @Test
    void murmurHashMatchesReferenceMurmur3() {
        assertThat(KeyGroupRangeAssignment.murmurHash(0)).isEqualTo(0x2362F9DE).isEqualTo(593689054);
        assertThat(KeyGroupRangeAssignment.murmurHash(1)).isEqualTo(68075478); // mmh3 = -68075478, abs
        assertThat(KeyGroupRangeAssignment.murmurHash(2)).isEqualTo(1085422463);
        assertThat(KeyGroupRangeAssignment.murmurHash(42)).isEqualTo(1134849565); // mmh3 = -1134849565
        assertThat(KeyGroupRangeAssignment.murmurHash(-1)).isEqualTo(1982413648);
        assertThat(KeyGroupRangeAssignment.murmurHash(97)).isEqualTo(1455541201); // "a".hashCode() == 97
        assertThat(KeyGroupRangeAssignment.murmurHash(-836031825)).isEqualTo(1662039673); // "user-1"
    }

    @Test
    void keyGroupsOfStringKeys() {
        // keyGroup = murmurHash(String.hashCode()) % 128; hashes from the reference MurmurHash3 (see class doc)
        Map<String, Integer> expected = new LinkedHashMap<>();
        expected.put("a", 81);        // 1455541201 % 128
        expected.put("b", 22);        // 516420758 % 128
        expected.put("c", 62);        // 1219591486 % 128
        expected.put("d", 64);        // 616682048 % 128
        expected.put("e", 4);         // 1958995716 % 128
        expected.put("alice", 116);   // 1795078388 % 128
        expected.put("bob", 87);      // 1928265815 % 128
        expected.put("user-1", 121);  // 1662039673 % 128
        expected.put("user-2", 22);   // 2010244374 % 128
        expected.forEach((k, g) -> assertThat(KeyGroupRangeAssignment.assignToKeyGroup(k, 128))
                .as("key group of %s", k).isEqualTo(g));
        // integer keys: Integer.hashCode() is the value itself
        assertThat(KeyGroupRangeAssignment.assignToKeyGroup(0, 128)).isEqualTo(94);   // 593689054 % 128
        assertThat(KeyGroupRangeAssignment.assignToKeyGroup(42, 128)).isEqualTo(29);  // 1134849565 % 128
        // a max parallelism that is not a power of two: plain modulo
        assertThat(KeyGroupRangeAssignment.assignToKeyGroup("a", 10)).isEqualTo(1);   // 1455541201 % 10
        assertThat(KeyGroupRangeAssignment.assignToKeyGroup("bob", 10)).isEqualTo(5); // 1928265815 % 10
    }

    @Test
    void operatorIndexForKnownKeys() {
        // operatorIndex = keyGroup * parallelism / maxParallelism (Flink's computeOperatorIndexForKeyGroup)
        assertThat(KeyGroupRangeAssignment.assignKeyToParallelOperator("a", 128, 3)).isEqualTo(1);      // 81*3/128
        assertThat(KeyGroupRangeAssignment.assignKeyToParallelOperator("b", 128, 3)).isEqualTo(0);      // 22*3/128
        assertThat(KeyGroupRangeAssignment.assignKeyToParallelOperator("alice", 128, 3)).isEqualTo(2);  // 116*3/128
        assertThat(KeyGroupRangeAssignment.assignKeyToParallelOperator("d", 128, 2)).isEqualTo(1);      // 64*2/128
        assertThat(KeyGroupRangeAssignment.assignKeyToParallelOperator("c", 128, 2)).isEqualTo(0);      // 62*2/128
        assertThat(KeyGroupRangeAssignment.computeOperatorIndexForKeyGroup(128, 3, 42)).isEqualTo(0);
        assertThat(KeyGroupRangeAssignment.computeOperatorIndexForKeyGroup(128, 3, 43)).isEqualTo(1);
        assertThat(KeyGroupRangeAssignment.computeOperatorIndexForKeyGroup(128, 3, 85)).isEqualTo(1);
        assertThat(KeyGroupRangeAssignment.computeOperatorIndexForKeyGroup(128, 3, 86)).isEqualTo(2);
        assertThat(KeyGroupRangeAssignment.computeOperatorIndexForKeyGroup(128, 3, 127)).isEqualTo(2);
    }

    @Test
    void defaultMaxParallelism() {
        // min(max(roundUpToPowerOfTwo(p + p / 2), 128), 32768)
        assertThat(KeyGroupRangeAssignment.computeDefaultMaxParallelism(1)).isEqualTo(128);
        assertThat(KeyGroupRangeAssignment.computeDefaultMaxParallelism(4)).isEqualTo(128);
        assertThat(KeyGroupRangeAssignment.computeDefaultMaxParallelism(85)).isEqualTo(128);   // 127 -> 128
        assertThat(KeyGroupRangeAssignment.computeDefaultMaxParallelism(86)).isEqualTo(256);   // 129 -> 256
        assertThat(KeyGroupRangeAssignment.computeDefaultMaxParallelism(100)).isEqualTo(256);  // 150 -> 256
        assertThat(KeyGroupRangeAssignment.computeDefaultMaxParallelism(171)).isEqualTo(256);  // 256 -> 256
        assertThat(KeyGroupRangeAssignment.computeDefaultMaxParallelism(172)).isEqualTo(512);  // 258 -> 512
        assertThat(KeyGroupRangeAssignment.computeDefaultMaxParallelism(21845)).isEqualTo(32768); // 32767
        assertThat(KeyGroupRangeAssignment.computeDefaultMaxParallelism(21846)).isEqualTo(32768); // capped
        assertThat(KeyGroupRangeAssignment.computeDefaultMaxParallelism(32768)).isEqualTo(32768);
    }

    @Test
    void keyGroupRangesPerSubtask() {
        // Flink's computeKeyGroupRangeForOperatorIndex: start = ceil(i * mp / p), end = ((i + 1) * mp - 1) / p
        // 128 groups over 3 subtasks: [0, 42], [43, 85], [86, 127]
        assertThat(range(128, 3, 0)).containsExactly(0, 42);
        assertThat(range(128, 3, 1)).containsExactly(43, 85);
        assertThat(range(128, 3, 2)).containsExactly(86, 127);
        // 10 groups over 4 subtasks: [0, 2], [3, 4], [5, 7], [8, 9]
        assertThat(range(10, 4, 0)).containsExactly(0, 2);
        assertThat(range(10, 4, 1)).containsExactly(3, 4);
        assertThat(range(10, 4, 2)).containsExactly(5, 7);
        assertThat(range(10, 4, 3)).containsExactly(8, 9);
    }

    private static List<Integer> range(int mp, int p, int i) {
        return List.of(KeyGroupRangeAssignment.keyGroupRangeStart(mp, p, i),
                KeyGroupRangeAssignment.keyGroupRangeEnd(mp, p, i));
    }

    /** Every key group lies in exactly one range, and that range is the one of the subtask owning it. */
    @Property(tries = 200)
    void rangesPartitionKeyGroupsConsistentlyWithOperatorIndex(@ForAll @IntRange(min = 1, max = 4096) int mp,
                                                               @ForAll @IntRange(min = 1, max = 64) int pRaw) {
        int p = Math.min(pRaw, mp);
        int expectedStart = 0;
        for (int i = 0; i < p; i++) {
            int start = KeyGroupRangeAssignment.keyGroupRangeStart(mp, p, i);
            int end = KeyGroupRangeAssignment.keyGroupRangeEnd(mp, p, i);
            assertThat(start).isEqualTo(expectedStart);
            assertThat(end).isGreaterThanOrEqualTo(start);
            for (int g : new int[] {start, end}) {
                assertThat(KeyGroupRangeAssignment.computeOperatorIndexForKeyGroup(mp, p, g)).isEqualTo(i);
            }
            expectedStart = end + 1;
        }
        assertThat(expectedStart).isEqualTo(mp);
    }

    @Test
    void keyByRoutesEachKeyToTheSubtaskOwningItsKeyGroup() {
        // default max parallelism for p = 3 is 128; owners from the key groups above
        Map<String, String> owner3 = Map.of("a", "out[1]", "b", "out[0]", "c", "out[1]", "d", "out[1]",
                "e", "out[0]", "alice", "out[2]", "bob", "out[2]", "user-1", "out[2]", "user-2", "out[0]");
        assertRouting(3, -1, owner3);
        // max parallelism 10, p = 4: groups a=1,b=8,c=6,d=8,e=6,alice=8,bob=5,user-1=3,user-2=4 (mod 10);
        // owner = group * 4 / 10
        Map<String, String> owner4 = Map.of("a", "out[0]", "b", "out[3]", "c", "out[2]", "d", "out[3]",
                "e", "out[2]", "alice", "out[3]", "bob", "out[2]", "user-1", "out[1]", "user-2", "out[1]");
        assertRouting(4, 10, owner4);
    }

    private static void assertRouting(int parallelism, int maxParallelism, Map<String, String> owner) {
        PartitionedLog log = new PartitionedLog("keys", 1, true);
        int t = 0;
        for (int round = 0; round < 3; round++) {
            for (String k : new java.util.TreeMap<>(owner).keySet()) {
                log.append(0, k, Row.of("key", k, "n", round), 1000L * t, t);
                t++;
            }
        }
        StreamExecutionEnvironment env = StreamExecutionEnvironment.create();
        if (maxParallelism > 0) {
            env.setMaxParallelism(maxParallelism);
        }
        env.<Row>fromSource(log, WatermarkStrategy.forBoundedOutOfOrderness(Duration.ZERO), "src")
                .keyBy(new FieldKeySelector("key"))
                .sinkTo(new CollectingSink("out"))
                .setParallelism(parallelism);
        assertThat(env.getJobGraph().vertex("out").maxParallelism())
                .isEqualTo(maxParallelism > 0 ? maxParallelism : 128);
        Simulation sim = Simulation.of(env, EngineConfig.defaults());
        sim.runToEnd();
        List<SinkTable.Row> rows = sim.sink("out").rows();
        assertThat(rows).hasSize(3 * owner.size());
        for (SinkTable.Row r : rows) {
            String key = (String) ((Row) r.value()).get("key");
            assertThat(r.subtask()).as("subtask of key %s", key).isEqualTo(owner.get(key));
        }
    }
}
