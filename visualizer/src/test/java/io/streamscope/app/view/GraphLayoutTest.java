package io.streamscope.app.view;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

/** Channels meet a node at ports spread over its height, so the piles of neighbouring channels stay apart. */
class GraphLayoutTest {
    private static final GraphLayout.Node NODE = new GraphLayout.Node("w[0]", List.of("w"), 100, 50,
            GraphLayout.NODE_W, GraphLayout.nodeHeight(1), false);

    @Test
    void oneChannelMeetsTheMiddleOfTheOperators() {
        double y = GraphLayout.port(NODE, 0, 1);
        assertThat(y).isBetween(NODE.y() + GraphLayout.HEADER_H, NODE.y() + NODE.h() - GraphLayout.FOOTER_H);
    }

    @Test
    void severalChannelsAreSpreadInOrderAndFarEnoughApartForARecord() {
        double prev = Double.NEGATIVE_INFINITY;
        for (int i = 0; i < 4; i++) {
            double y = GraphLayout.port(NODE, i, 4);
            assertThat(y).isBetween(NODE.y(), NODE.y() + NODE.h());
            // a record's dot is 12 px tall: neighbouring piles must not touch
            assertThat(y - prev).isGreaterThanOrEqualTo(14);
            prev = y;
        }
    }
}
