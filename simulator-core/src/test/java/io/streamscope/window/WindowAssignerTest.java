package io.streamscope.window;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** Window assignment as Flink's assigners and TimeWindow do it. */
class WindowAssignerTest {

    @Test
    void windowStartWithOffset() {
        // expected values from Flink's TimeWindowTest.testGetWindowStartWithOffset
        assertThat(TimeWindow.getWindowStartWithOffset(1, 0, 7)).isEqualTo(0);
        assertThat(TimeWindow.getWindowStartWithOffset(6, 0, 7)).isEqualTo(0);
        assertThat(TimeWindow.getWindowStartWithOffset(7, 0, 7)).isEqualTo(7);
        assertThat(TimeWindow.getWindowStartWithOffset(8, 0, 7)).isEqualTo(7);
        assertThat(TimeWindow.getWindowStartWithOffset(1, 3, 7)).isEqualTo(-4);
        assertThat(TimeWindow.getWindowStartWithOffset(2, 3, 7)).isEqualTo(-4);
        assertThat(TimeWindow.getWindowStartWithOffset(3, 3, 7)).isEqualTo(3);
        assertThat(TimeWindow.getWindowStartWithOffset(9, 3, 7)).isEqualTo(3);
        assertThat(TimeWindow.getWindowStartWithOffset(10, 3, 7)).isEqualTo(10);
        assertThat(TimeWindow.getWindowStartWithOffset(1, -2, 7)).isEqualTo(-2);
        assertThat(TimeWindow.getWindowStartWithOffset(-2, -2, 7)).isEqualTo(-2);
        assertThat(TimeWindow.getWindowStartWithOffset(3, -2, 7)).isEqualTo(-2);
        assertThat(TimeWindow.getWindowStartWithOffset(4, -2, 7)).isEqualTo(-2);
        assertThat(TimeWindow.getWindowStartWithOffset(7, -2, 7)).isEqualTo(5);
        assertThat(TimeWindow.getWindowStartWithOffset(12, -2, 7)).isEqualTo(12);
        // GMT+8 day windows, from the same Flink test
        assertThat(TimeWindow.getWindowStartWithOffset(1470902048450L, -8 * 3600_000L, 86_400_000L))
                .isEqualTo(1470844800000L);
    }

    @Test
    void negativeTimestampsRoundDownNotTowardsZero() {
        // remainder = (ts - offset) % size is negative for ts < offset; Flink adds size so windows stay aligned:
        // [-7, 0) holds -1 .. -7, [-14, -7) holds -8 .. -14
        assertThat(TimeWindow.getWindowStartWithOffset(-1, 0, 7)).isEqualTo(-7);
        assertThat(TimeWindow.getWindowStartWithOffset(-7, 0, 7)).isEqualTo(-7);
        assertThat(TimeWindow.getWindowStartWithOffset(-8, 0, 7)).isEqualTo(-14);
        assertThat(TumblingEventTimeWindows.of(Duration.ofSeconds(5)).assignWindows(-1, 0))
                .containsExactly(new TimeWindow(-5000, 0));
        assertThat(TumblingEventTimeWindows.of(Duration.ofSeconds(5)).assignWindows(-5000, 0))
                .containsExactly(new TimeWindow(-5000, 0));
        assertThat(TumblingEventTimeWindows.of(Duration.ofSeconds(5)).assignWindows(-5001, 0))
                .containsExactly(new TimeWindow(-10000, -5000));
    }

    @Test
    void tumblingAssignment() {
        // Flink's TumblingEventTimeWindowsTest: size 5000 -> 0 in [0,5000), 4999 in [0,5000), 5000 in [5000,10000)
        WindowAssigner a = TumblingEventTimeWindows.of(Duration.ofMillis(5000));
        assertThat(a.assignWindows(0, 0)).containsExactly(new TimeWindow(0, 5000));
        assertThat(a.assignWindows(4999, 0)).containsExactly(new TimeWindow(0, 5000));
        assertThat(a.assignWindows(5000, 0)).containsExactly(new TimeWindow(5000, 10000));
        // with offset 100: [100, 5100)
        WindowAssigner o = TumblingEventTimeWindows.of(Duration.ofMillis(5000), Duration.ofMillis(100));
        assertThat(o.assignWindows(100, 0)).containsExactly(new TimeWindow(100, 5100));
        assertThat(o.assignWindows(5099, 0)).containsExactly(new TimeWindow(100, 5100));
        assertThat(o.assignWindows(5100, 0)).containsExactly(new TimeWindow(5100, 10100));
        assertThat(o.assignWindows(99, 0)).containsExactly(new TimeWindow(-4900, 100));
        assertThat(new TimeWindow(0, 5000).maxTimestamp()).isEqualTo(4999);
        assertThatThrownBy(() -> TumblingEventTimeWindows.of(Duration.ofMillis(5000), Duration.ofMillis(5000)))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> TumblingEventTimeWindows.of(Duration.ZERO))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void slidingAssignmentGivesSizeOverSlideWindowsLatestStartFirst() {
        // Flink's SlidingEventTimeWindowsTest (size 5000, slide 1000); the assigner loops from the last start
        // down, so windows come latest start first
        WindowAssigner a = SlidingEventTimeWindows.of(Duration.ofMillis(5000), Duration.ofMillis(1000));
        assertThat(a.assignWindows(0, 0)).containsExactly(
                new TimeWindow(0, 5000), new TimeWindow(-1000, 4000), new TimeWindow(-2000, 3000),
                new TimeWindow(-3000, 2000), new TimeWindow(-4000, 1000));
        assertThat(a.assignWindows(4999, 0)).containsExactly(
                new TimeWindow(4000, 9000), new TimeWindow(3000, 8000), new TimeWindow(2000, 7000),
                new TimeWindow(1000, 6000), new TimeWindow(0, 5000));
        assertThat(a.assignWindows(5000, 0)).containsExactly(
                new TimeWindow(5000, 10000), new TimeWindow(4000, 9000), new TimeWindow(3000, 8000),
                new TimeWindow(2000, 7000), new TimeWindow(1000, 6000));
        // size not a multiple of the slide: 3 or 4 windows (size 3500, slide 1000)
        WindowAssigner b = SlidingEventTimeWindows.of(Duration.ofMillis(3500), Duration.ofMillis(1000));
        assertThat(b.assignWindows(1200, 0)).containsExactly(
                new TimeWindow(1000, 4500), new TimeWindow(0, 3500), new TimeWindow(-1000, 2500),
                new TimeWindow(-2000, 1500));
        assertThat(b.assignWindows(1600, 0)).containsExactly(
                new TimeWindow(1000, 4500), new TimeWindow(0, 3500), new TimeWindow(-1000, 2500));
    }

    @Test
    void sessionAssignmentAndMerging() {
        WindowAssigner s = EventTimeSessionWindows.withGap(Duration.ofMillis(10));
        assertThat(s.isMerging()).isTrue();
        assertThat(s.assignWindows(7, 0)).containsExactly(new TimeWindow(7, 17));
        // TimeWindow.intersects: start <= other.end && end >= other.start, so touching windows intersect
        assertThat(new TimeWindow(0, 10).intersects(new TimeWindow(10, 20))).isTrue();
        assertThat(new TimeWindow(0, 10).intersects(new TimeWindow(11, 20))).isFalse();
        assertThat(new TimeWindow(0, 10).cover(new TimeWindow(5, 20))).isEqualTo(new TimeWindow(0, 20));
        // TimeWindow.mergeWindows: sort by start, merge runs of intersecting windows
        List<TimeWindow.Merge> merges = TimeWindow.mergeWindows(List.of(new TimeWindow(20, 30),
                new TimeWindow(0, 10), new TimeWindow(10, 15), new TimeWindow(40, 50), new TimeWindow(45, 46)));
        assertThat(merges).hasSize(2);
        assertThat(merges.get(0).result()).isEqualTo(new TimeWindow(0, 15));
        assertThat(merges.get(0).merged()).isEqualTo(Set.of(new TimeWindow(0, 10), new TimeWindow(10, 15)));
        assertThat(merges.get(1).result()).isEqualTo(new TimeWindow(40, 50));
        assertThat(TimeWindow.mergeWindows(List.of(new TimeWindow(0, 10), new TimeWindow(11, 20)))).isEmpty();
    }

    @Test
    void windowBoundsListTheAssignedWindowsInOrderWithoutMakingThem() {
        // size 10, slide 4, t = 13: the last start at or before 13 is 12, then 8 and 4 (4 > 13 - 10); 0 is too early
        WindowAssigner sliding = SlidingEventTimeWindows.of(Duration.ofMillis(10), Duration.ofMillis(4));
        long[] bounds = new long[8];
        java.util.Arrays.fill(bounds, -1);
        assertThat(sliding.assignWindowBounds(13, 0, bounds)).isEqualTo(3);
        assertThat(bounds).containsExactly(12, 22, 8, 18, 4, 14, -1, -1);
        assertThat(sliding.assignWindows(13, 0)).containsExactly(new TimeWindow(12, 22), new TimeWindow(8, 18),
                new TimeWindow(4, 14));
        // too short: nothing written, the length needed comes back negated
        long[] shortBounds = {-1, -1, -1, -1};
        assertThat(sliding.assignWindowBounds(13, 0, shortBounds)).isEqualTo(-6);
        assertThat(shortBounds).containsExactly(-1, -1, -1, -1);
        // processing time: the clock, not the record's timestamp, as assignWindows does
        WindowAssigner slidingProcessing = SlidingProcessingTimeWindows.of(Duration.ofMillis(2000),
                Duration.ofMillis(1000));
        assertThat(slidingProcessing.assignWindowBounds(0, 2500, bounds)).isEqualTo(2);
        assertThat(java.util.Arrays.copyOf(bounds, 4)).containsExactly(2000, 4000, 1000, 3000);
        // tumbling (the default method, from assignWindows)
        WindowAssigner tumbling = TumblingEventTimeWindows.of(Duration.ofMillis(5));
        assertThat(tumbling.assignWindowBounds(7, 0, bounds)).isEqualTo(1);
        assertThat(java.util.Arrays.copyOf(bounds, 2)).containsExactly(5, 10);
    }

    @Test
    void processingTimeAssignersUseTheProcessingClock() {
        assertThat(TumblingProcessingTimeWindows.of(Duration.ofMillis(1000)).assignWindows(123_456, 2500))
                .containsExactly(new TimeWindow(2000, 3000));
        assertThat(SlidingProcessingTimeWindows.of(Duration.ofMillis(2000), Duration.ofMillis(1000))
                .assignWindows(0, 2500)).containsExactly(new TimeWindow(2000, 4000), new TimeWindow(1000, 3000));
        assertThat(TumblingProcessingTimeWindows.of(Duration.ofMillis(1000)).isEventTime()).isFalse();
    }
}
