package io.streamscope.sim;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import org.junit.jupiter.api.Test;

/**
 * The kernel runs actions in (time, scheduling order), times in the past run now, and cancelling by owner drops
 * exactly that owner's pending actions: checked against the order derived by hand from the schedule (a stable
 * sort by time), over random schedules where actions schedule more actions while they run.
 */
class KernelOrderTest {
    /** An action scheduled by the test: its id, the time asked for and its owner. */
    private record Planned(int id, long time, Integer owner) {
    }

    @Test
    void tiesRunInSchedulingOrderAndPastTimesRunNow() {
        Kernel k = new Kernel();
        List<String> ran = new ArrayList<>();
        k.schedule(5, now -> ran.add("a@" + now));
        k.schedule(3, now -> {
            ran.add("b@" + now);
            k.schedule(1, t -> ran.add("late@" + t)); // in the past: runs at 3, after what is already due at 3
        });
        k.schedule(3, now -> ran.add("c@" + now));
        k.schedule(5, now -> ran.add("d@" + now));
        while (k.step()) {
            // run to the end
        }
        assertThat(ran).containsExactly("b@3", "c@3", "late@3", "a@5", "d@5");
        assertThat(k.steps()).isEqualTo(5);
        assertThat(k.isIdle()).isTrue();
        assertThat(k.nextTime()).isEqualTo(Long.MAX_VALUE);
    }

    @Property(tries = 200)
    void runsInTimeThenSchedulingOrderAndCancelsByOwner(@ForAll long seed) {
        SplittableRandom random = new SplittableRandom(seed);
        Kernel k = new Kernel();
        List<Planned> pending = new ArrayList<>(); // in scheduling order
        List<Integer> ran = new ArrayList<>();
        List<Integer> expected = new ArrayList<>();
        int[] nextId = {0};
        // few distinct times (ties are the point) and sometimes many (the general case)
        int spread = random.nextBoolean() ? 4 : 500;
        for (int i = 0; i < 50; i++) {
            plan(k, random, spread, pending, ran, nextId);
        }
        int steps = 0;
        while (!pending.isEmpty()) {
            if (random.nextInt(10) == 0) {
                int owner = random.nextInt(5);
                int dropped = k.cancel(o -> o.equals(owner));
                int before = pending.size();
                pending.removeIf(p -> p.owner() != null && p.owner() == owner);
                assertThat(dropped).isEqualTo(before - pending.size());
                continue;
            }
            // the next action by hand: the earliest time, the first scheduled among those
            Planned next = pending.get(0);
            for (Planned p : pending) {
                if (p.time() < next.time()) {
                    next = p;
                }
            }
            pending.remove(next);
            expected.add(next.id());
            assertThat(k.nextTime()).isEqualTo(next.time());
            assertThat(k.step()).isTrue();
            steps++;
            assertThat(k.now()).isEqualTo(next.time());
            // the action just run may have scheduled more: they are in `pending` now, planned by the action itself
            assertThat(k.pending()).isEqualTo(pending.size());
        }
        assertThat(ran).isEqualTo(expected);
        assertThat(k.step()).isFalse();
        assertThat(k.steps()).isEqualTo(steps);
    }

    /** Schedules one action that, when it runs, records itself and sometimes schedules one or two more. */
    private static void plan(Kernel k, SplittableRandom random, int spread, List<Planned> pending, List<Integer> ran,
                             int[] nextId) {
        int id = nextId[0]++;
        long asked = k.now() + random.nextInt(spread) - 1; // sometimes in the past
        Integer owner = random.nextInt(3) == 0 ? null : random.nextInt(5);
        pending.add(new Planned(id, Math.max(asked, k.now()), owner));
        EngineAction action = now -> {
            ran.add(id);
            int more = random.nextInt(3);
            for (int m = 0; m < more && nextId[0] < 400; m++) {
                plan(k, random, spread, pending, ran, nextId);
            }
        };
        if (owner == null) {
            k.schedule(asked, action);
        } else {
            k.schedule(asked, owner, action);
        }
    }
}
