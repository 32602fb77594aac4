package io.streamscope.app.view;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.function.ToDoubleFunction;
import org.junit.jupiter.api.Test;

/** A subtask's name in its node header is cut to the room the watermark label leaves, keeping its index. */
class GraphViewHeaderTest {
    /** 7 px per character: simple enough to work the expected cuts out by hand. */
    private static final ToDoubleFunction<String> SEVEN_PX = t -> 7.0 * t.length();

    @Test
    void aNameThatFitsStaysWhole() {
        // "counts[0]" is 9 characters = 63 px
        assertThat(GraphView.fitIdToWidth("counts[0]", 63, SEVEN_PX)).isEqualTo("counts[0]");
    }

    @Test
    void aLongNameIsCutBeforeItsIndexToTheRoomLeft() {
        // 84 px = 12 characters: "lazy-counts[0]" (14) becomes 8 of the name, an ellipsis among them, and "[0]"
        String cut = GraphView.fitIdToWidth("lazy-counts[0]", 84, SEVEN_PX);
        assertThat(cut).endsWith("…[0]").startsWith("lazy-co");
        assertThat(SEVEN_PX.applyAsDouble(cut)).isLessThanOrEqualTo(84);
        assertThat(cut.length()).isEqualTo(12);
    }

    @Test
    void noRoomAtAllStillLeavesAFewCharacters() {
        assertThat(GraphView.fitIdToWidth("lazy-counts[0]", 0, SEVEN_PX)).isEqualTo(GraphView.fitId("lazy-counts[0]", 4));
    }
}
