package io.streamscope.state;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.streamscope.api.functions.MapState;
import io.streamscope.api.functions.ValueState;
import io.streamscope.api.state.StateTtlConfig;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * State TTL on the heap backend, against Flink's semantics: expired when lastAccess + ttl <= now (TtlUtils),
 * update types, visibilities, per-entry map TTL, the three cleanups and restored timestamps. Every expected value
 * is derived by hand from those rules.
 */
class HeapTtlStateTest {
    private long now;
    private final List<String> removed = new ArrayList<>();
    private final HeapKeyedStateBackend backend = backend();

    private HeapKeyedStateBackend backend() {
        return new HeapKeyedStateBackend(128, () -> now, (state, key, mapKey, value, lastAccess, expiredAt, cleanup) ->
                removed.add(cleanup + " " + key + (mapKey == null ? "" : "/" + mapKey) + "=" + value + " last="
                        + lastAccess + " at=" + expiredAt));
    }

    /** TTL 100 ms with no background cleanup, so only the behaviour under test removes anything. */
    private static StateTtlConfig.Builder ttl100() {
        return StateTtlConfig.newBuilder(Duration.ofMillis(100)).disableCleanupInBackground();
    }

    @Test
    void aValueExpiresExactlyAtLastAccessPlusTtl() {
        ValueState<String> s = backend.valueState("s", ttl100().build());
        backend.setCurrentKey("k");
        now = 1000;
        s.update("v");
        now = 1099;
        assertThat(s.value()).isEqualTo("v");
        assertThat(removed).isEmpty();
        now = 1100; // 1000 + 100 <= 1100: expired
        assertThat(s.value()).isNull();
        assertThat(removed).containsExactly("read k=v last=1000 at=1100");
        assertThat(backend.entries()).isEmpty();
    }

    @Test
    void onCreateAndWriteIgnoresReadsWhileOnReadAndWriteExtends() {
        ValueState<String> write = backend.valueState("write", ttl100().build());
        ValueState<String> read = backend.valueState("read",
                ttl100().setUpdateType(StateTtlConfig.UpdateType.OnReadAndWrite).build());
        backend.setCurrentKey("k");
        now = 0;
        write.update("w");
        read.update("r");
        now = 60;
        assertThat(write.value()).isEqualTo("w"); // still expires at 100
        assertThat(read.value()).isEqualTo("r"); // now expires at 160
        now = 100;
        assertThat(write.value()).isNull();
        assertThat(read.value()).isEqualTo("r"); // read at 100: expires at 200
        now = 199;
        assertThat(read.value()).isEqualTo("r"); // read at 199: expires at 299
        now = 299;
        assertThat(read.value()).isNull();
        assertThat(removed).containsExactly("read k=w last=0 at=100", "read k=r last=199 at=299");
    }

    @Test
    void returnExpiredIfNotCleanedUpReturnsTheStaleValueOnceAndRemovesIt() {
        ValueState<String> s = backend.valueState("s",
                ttl100().setStateVisibility(StateTtlConfig.StateVisibility.ReturnExpiredIfNotCleanedUp).build());
        backend.setCurrentKey("k");
        s.update("v");
        now = 150;
        assertThat(s.value()).isEqualTo("v");
        assertThat(s.value()).isNull();
        assertThat(removed).containsExactly("read k=v last=0 at=100");
    }

    @Test
    void eachMapEntryExpiresOnItsOwn() {
        MapState<String, Integer> m = backend.mapState("m", ttl100().build());
        backend.setCurrentKey("k");
        now = 0;
        m.put("a", 1);
        now = 50;
        m.put("b", 2);
        assertThat(backend.entries()).singleElement()
                .satisfies(e -> assertThat(e.expiresAt()).isEqualTo(100L)); // the earliest entry's expiry
        now = 100;
        assertThat(m.get("a")).isNull();
        assertThat(m.get("b")).isEqualTo(2);
        assertThat(m.contains("b")).isTrue();
        now = 120;
        assertThat(m.entries()).extracting(Map.Entry::getKey).containsExactly("b");
        assertThat(backend.entries()).singleElement().satisfies(e -> assertThat(e.expiresAt()).isEqualTo(150L));
        now = 150;
        assertThat(m.isEmpty()).isTrue();
        assertThat(backend.entries()).isEmpty(); // the key's last entry went, so the key went
        assertThat(removed).containsExactly("read k/a=1 last=0 at=100", "read k/b=2 last=50 at=150");
    }

    @Test
    void fullSnapshotCleanupLeavesExpiredEntriesOutOfTheCheckpointButNotOutOfLiveState() {
        ValueState<String> s = backend.valueState("s", ttl100().cleanupFullSnapshot().build());
        backend.setCurrentKey("k1");
        now = 0;
        s.update("old");
        backend.setCurrentKey("k2");
        now = 80;
        s.update("new");
        now = 120; // k1 expired at 100, k2 expires at 180
        KeyGroupStateWriter w = new KeyGroupStateWriter(128, "test");
        backend.snapshotTo(w);
        List<Object> written = KeyGroupStateWriter.read(w.build());
        assertThat(written).containsExactly(new HeapKeyedStateBackend.SnapshotEntry("s", "k2", new TtlValue("new", 80)));
        assertThat(backend.entries()).extracting(HeapKeyedStateBackend.Entry::key).containsExactlyInAnyOrder("k1", "k2");
        assertThat(removed).containsExactly("full-snapshot k1=old last=0 at=100");
    }

    @Test
    void withoutFullSnapshotCleanupExpiredEntriesAreCheckpointedWithTheirTimestamps() {
        ValueState<String> s = backend.valueState("s", ttl100().build());
        backend.setCurrentKey("k1");
        s.update("old");
        now = 120;
        KeyGroupStateWriter w = new KeyGroupStateWriter(128, "test");
        backend.snapshotTo(w);
        assertThat(KeyGroupStateWriter.read(w.build()))
                .containsExactly(new HeapKeyedStateBackend.SnapshotEntry("s", "k1", new TtlValue("old", 0)));
        assertThat(removed).isEmpty();
    }

    @Test
    void restoredStateKeepsItsLastAccessTime() {
        ValueState<String> s = backend.valueState("s", ttl100().build());
        backend.setCurrentKey("k");
        now = 0;
        s.update("v");
        now = 50;
        KeyGroupStateWriter w = new KeyGroupStateWriter(128, "test");
        backend.snapshotTo(w);

        HeapKeyedStateBackend restored = backend();
        ValueState<String> r = restored.valueState("s", ttl100().build());
        for (Object o : KeyGroupStateWriter.read(w.build())) {
            restored.restore((HeapKeyedStateBackend.SnapshotEntry) o);
        }
        assertThat(restored.entries()).singleElement().satisfies(e -> assertThat(e.expiresAt()).isEqualTo(100L));
        restored.setCurrentKey("k");
        now = 99;
        assertThat(r.value()).isEqualTo("v");
        now = 100; // still written at 0: a restore does not reset the age
        assertThat(r.value()).isNull();
    }

    private void restoreExpired(HeapKeyedStateBackend b, String state, int keys) {
        for (int i = 1; i <= keys; i++) {
            b.restore(new HeapKeyedStateBackend.SnapshotEntry(state, "k" + i, new TtlValue("v" + i, 0)));
        }
    }

    @Test
    void incrementalCleanupChecksCleanupSizeEntriesPerAccessBeforeTheAccess() {
        ValueState<String> s = backend.valueState("s", StateTtlConfig.newBuilder(Duration.ofMillis(100))
                .cleanupIncrementally(2, false).build());
        restoreExpired(backend, "s", 5);
        now = 200;
        backend.setCurrentKey("k5"); // not for every record: selecting a key cleans nothing
        assertThat(removed).isEmpty();
        assertThat(s.value()).isNull();
        // the access first checks k1 and k2 (both expired), then the read finds k5 expired
        assertThat(removed).containsExactly("incremental k1=v1 last=0 at=100", "incremental k2=v2 last=0 at=100",
                "read k5=v5 last=0 at=100");
        removed.clear();
        backend.setCurrentKey("k3");
        assertThat(s.value()).isNull();
        // the cursor continues with k3 and k4; k3 is gone by cleanup, so the read itself finds nothing
        assertThat(removed).containsExactly("incremental k3=v3 last=0 at=100", "incremental k4=v4 last=0 at=100");
        assertThat(backend.entries()).isEmpty();
    }

    @Test
    void aCleanupRunThatReachedTheLastKeyStartsTheNextRunFromTheFirstKey() {
        // Flink replaces an exhausted state iterator with a new one over the whole table, so after a pass has
        // ended the next access checks every key again (here both, cleanupSize 5 > 2 keys), keys added since too
        ValueState<String> s = backend.valueState("s", StateTtlConfig.newBuilder(Duration.ofMillis(100))
                .cleanupIncrementally(5, false).build());
        now = 0;
        backend.setCurrentKey("a");
        s.update("x"); // the cleanup finds an empty state
        backend.setCurrentKey("b");
        s.update("y"); // the cleanup checks a and reaches the end: the pass is over
        now = 100; // both written at 0: both expired
        backend.setCurrentKey("a");
        assertThat(s.value()).isNull();
        // a new pass checks a, then b, before the read; the read itself finds a already gone
        assertThat(removed).containsExactly("incremental a=x last=0 at=100", "incremental b=y last=0 at=100");
        assertThat(backend.entries()).isEmpty();
    }

    @Test
    void incrementalCleanupForEveryRecordRunsWhenAKeyIsSelected() {
        backend.valueState("s", StateTtlConfig.newBuilder(Duration.ofMillis(100)).cleanupIncrementally(1, true)
                .build());
        restoreExpired(backend, "s", 3);
        now = 200;
        backend.setCurrentKey("x");
        assertThat(removed).containsExactly("incremental k1=v1 last=0 at=100");
        backend.setCurrentKey("y");
        assertThat(removed).hasSize(2).last().isEqualTo("incremental k2=v2 last=0 at=100");
    }

    @Test
    void theDefaultBackgroundCleanupIsIncrementalWithFiveEntriesPerAccess() {
        StateTtlConfig c = StateTtlConfig.newBuilder(Duration.ofSeconds(1)).build();
        assertThat(c.incrementalCleanup()).isEqualTo(new StateTtlConfig.IncrementalCleanup(5, false));
        assertThat(c.updateType()).isEqualTo(StateTtlConfig.UpdateType.OnCreateAndWrite);
        assertThat(c.stateVisibility()).isEqualTo(StateTtlConfig.StateVisibility.NeverReturnExpired);
        assertThat(c.cleanupFullSnapshot()).isFalse();
        assertThat(StateTtlConfig.newBuilder(Duration.ofSeconds(1)).disableCleanupInBackground().build()
                .incrementalCleanup()).isNull();
        ValueState<String> s = backend.valueState("s", c);
        restoreExpired(backend, "s", 7);
        now = 5000;
        backend.setCurrentKey("k7");
        s.value();
        assertThat(removed).hasSize(6); // k1..k5 by the default cleanup, then k7 by the read
        assertThat(backend.entries()).extracting(HeapKeyedStateBackend.Entry::key).containsExactly("k6");
    }

    @Test
    void aStateNameKeepsOneTtlDeclaration() {
        backend.valueState("s");
        assertThatThrownBy(() -> backend.valueState("s", ttl100().build()))
                .isInstanceOf(IllegalStateException.class).hasMessageContaining("'s' is already declared without a TTL");
        assertThatThrownBy(() -> StateTtlConfig.newBuilder(Duration.ZERO))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void aTtlStampIsOneLongPerValue() {
        TtlValue v = new TtlValue("x", 5);
        assertThat(v.lastAccess()).isEqualTo(5L);
        assertThat(StateTtlConfig.newBuilder(Duration.ofMillis(100)).build().expirationTimestamp(Long.MAX_VALUE - 10))
                .isEqualTo(Long.MAX_VALUE); // capped as Flink caps it, no overflow
    }
}
