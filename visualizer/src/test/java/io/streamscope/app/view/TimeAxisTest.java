package io.streamscope.app.view;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** The processing-time axis ends at a round value a fifth past now, and never past the run's activity. */
class TimeAxisTest {
    @Test
    void theAxisEndsAtARoundValuePastNow() {
        assertThat(TimelineView.timeAxisEnd(1021, 60_000)).isEqualTo(2000);
        assertThat(TimelineView.timeAxisEnd(4500, 60_000)).isEqualTo(10_000);
        assertThat(TimelineView.timeAxisEnd(10_001, 60_000)).isEqualTo(20_000);
        // between two round values the axis does not move
        assertThat(TimelineView.timeAxisEnd(1200, 60_000)).isEqualTo(TimelineView.timeAxisEnd(1600, 60_000));
    }

    @Test
    void theRunsEndCapsItAndNowIsAlwaysOnIt() {
        assertThat(TimelineView.timeAxisEnd(10_001, 15_000)).isEqualTo(15_000);
        assertThat(TimelineView.timeAxisEnd(0, 15_000)).isEqualTo(10);
        assertThat(TimelineView.timeAxisEnd(11, 400)).isEqualTo(20);
        assertThat(TimelineView.timeAxisEnd(0, 4)).isEqualTo(4);
        assertThat(TimelineView.timeAxisEnd(16_000, 15_000)).isEqualTo(16_000);
    }
}
