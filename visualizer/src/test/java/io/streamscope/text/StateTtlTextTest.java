package io.streamscope.text;

import static org.assertj.core.api.Assertions.assertThat;

import io.streamscope.trace.TraceEvent;
import io.streamscope.view.EngineView;
import org.junit.jupiter.api.Test;

/** How TTL state reads in the inspector's keyed-state table and in the trace list. */
class StateTtlTextTest {
    @Test
    void aTtlEntryIsLiveUntilItsExpiryThenExpiredButStillStored() {
        EngineView.StateView v = new EngineView.StateView("counts", "\"ana\"", 3, "count", "2", 12001L);
        assertThat(StateTtlText.status(v, 12000)).isEqualTo("live");
        // Flink's test is expiration <= now: at 12001 it has expired
        assertThat(StateTtlText.status(v, 12001)).isEqualTo("expired, not yet cleaned up");
        assertThat(StateTtlText.status(new EngineView.StateView("w", "1", 0, "s", "x"), 5)).isEmpty();
    }

    @Test
    void theTraceListSaysHowExpiredStateWasRemoved() {
        TraceEvent.StateExpired read = new TraceEvent.StateExpired(7, 20001, "lazy-counts[0]", -1, "lazy-counts",
                "\"ana\"", "count", null, "2", 2001, 12001, "read");
        assertThat(EventText.describe(read, false))
                .isEqualTo("state \"count\" of key \"ana\" = 2 (last access 2001 ms) expired at 12001 ms: removed when read");
        TraceEvent.StateExpired snap = new TraceEvent.StateExpired(8, 20001, "m[0]", -1, "m", "1", "seen", "\"x\"",
                "true", 0, 100, "full-snapshot");
        assertThat(EventText.describe(snap, false)).contains("entry \"x\"").endsWith(
                "left out of the full snapshot (the live entry stays until it is read or cleaned)");
    }
}
