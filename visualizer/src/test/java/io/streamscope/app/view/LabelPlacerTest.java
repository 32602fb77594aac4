package io.streamscope.app.view;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** Labels never cover one another: each takes its first free candidate spot inside the bounds, or is skipped. */
class LabelPlacerTest {
    @Test
    void aLabelTakesItsFirstFreeSpot() {
        LabelPlacer p = new LabelPlacer(null);
        assertThat(p.place(new double[] {10, 10, 50, 12})).containsExactly(10, 10, 50, 12);
        // the same spot is taken: the second candidate, just below, is used
        assertThat(p.place(new double[] {20, 15, 50, 12}, new double[] {20, 22, 50, 12}))
                .containsExactly(20, 22, 50, 12);
        // every candidate overlaps: skipped
        assertThat(p.place(new double[] {0, 0, 100, 40})).isNull();
        assertThat(p.taken()).hasSize(2);
    }

    @Test
    void touchingIsNotOverlapping() {
        LabelPlacer p = new LabelPlacer(null);
        p.place(new double[] {0, 0, 10, 12});
        assertThat(p.place(new double[] {10, 0, 10, 12})).isNotNull();
        assertThat(p.place(new double[] {0, 12, 10, 12})).isNotNull();
    }

    @Test
    void labelsStayInsideTheBoundsAndOffBlockedAreas() {
        LabelPlacer p = new LabelPlacer(new double[] {0, 0, 100, 100});
        assertThat(p.place(new double[] {95, 10, 20, 12}, new double[] {75, 10, 20, 12}))
                .containsExactly(75, 10, 20, 12);
        p.block(new double[] {0, 50, 100, 20});
        assertThat(p.place(new double[] {10, 55, 20, 12})).isNull();
    }
}
