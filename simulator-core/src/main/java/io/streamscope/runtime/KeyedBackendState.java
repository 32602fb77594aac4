package io.streamscope.runtime;

import io.streamscope.checkpoint.OperatorRestoreState;
import io.streamscope.checkpoint.OperatorSubtaskState;
import io.streamscope.data.Json;
import io.streamscope.state.HeapKeyedStateBackend;
import io.streamscope.state.KeyGroupStateWriter;
import io.streamscope.time.InternalTimerService;
import java.util.ArrayList;
import java.util.List;

/**
 * Snapshot, restore and description of an operator whose whole state is a keyed state backend plus its timers
 * (a KeyedProcessFunction, an interval join): written per key group, so rescaling redistributes it like any
 * keyed state.
 */
final class KeyedBackendState {
    private KeyedBackendState() {
    }

    /** The backend's entries and the timers, each under its key's key group. */
    static OperatorSubtaskState snapshot(OperatorContext ctx, HeapKeyedStateBackend backend,
                                         InternalTimerService timers) {
        KeyGroupStateWriter w = new KeyGroupStateWriter(ctx.maxParallelism(), "operator '"
                + ctx.operatorName() + "' in " + ctx.subtaskId());
        backend.snapshotTo(w);
        for (InternalTimerService.TimerSnapshot t : timers.snapshot()) {
            w.add(t.key(), t);
        }
        return new OperatorSubtaskState(w.build(), List.of());
    }

    /** Puts back what {@link #snapshot} wrote for the key groups this subtask now owns (nothing when null). */
    static void restore(OperatorRestoreState restored, HeapKeyedStateBackend backend, InternalTimerService timers) {
        if (restored == null) {
            return;
        }
        for (Object o : KeyGroupStateWriter.read(restored.keyGroups())) {
            if (o instanceof HeapKeyedStateBackend.SnapshotEntry e) {
                backend.restore(e);
            } else if (o instanceof InternalTimerService.TimerSnapshot t) {
                timers.restore(t);
            }
        }
    }

    /** The backend's entries as the view shows them. */
    static List<StreamOperator.StateEntry> describe(HeapKeyedStateBackend backend) {
        List<StreamOperator.StateEntry> out = new ArrayList<>();
        for (HeapKeyedStateBackend.Entry e : backend.entries()) {
            out.add(new StreamOperator.StateEntry(Json.render(e.key()), e.keyGroup(), e.state(),
                    Json.render(e.value()), e.expiresAt()));
        }
        return out;
    }
}
