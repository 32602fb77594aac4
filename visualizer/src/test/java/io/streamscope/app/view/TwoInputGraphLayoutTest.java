package io.streamscope.app.view;

import static org.assertj.core.api.Assertions.assertThat;

import io.streamscope.scenario.LoadedScenario;
import io.streamscope.scenario.ScenarioLoader;
import io.streamscope.sim.Simulation;
import io.streamscope.text.EventText;
import io.streamscope.trace.TraceEvent;
import io.streamscope.view.EngineView;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The job graph layout of a two-input operator (the join of lesson t-two-input-slow-input): its node has a row per
 * input, its channels arrive in two groups (input 1 on the upper half of its left side, input 2 on the lower half),
 * and the log names each input's watermark and the join's events in words.
 */
class TwoInputGraphLayoutTest {
    static Simulation lesson() throws Exception {
        LoadedScenario sc = ScenarioLoader.load(Path.of("..", "lessons", "t-two-input-slow-input", "scenario.json"));
        Simulation sim = sc.start(null, true);
        sim.runUntilTime(20_000);
        return sim;
    }

    @Test
    void theJoinsInputsArriveOnTwoHalvesOfItsSide() throws Exception {
        EngineView view = lesson().view();
        GraphLayout layout = GraphLayout.of(view);
        GraphLayout.Node join = layout.nodes().get("join[0]");
        assertThat(join.twoInput()).isTrue();
        assertThat(layout.nodes().get("orders[0]").twoInput()).isFalse();
        // two more rows than operators (join -> paid-orders): one per input
        assertThat(join.h()).isEqualTo(GraphLayout.nodeHeight(join.operators().size() + 2));
        double middle = join.y() + GraphLayout.HEADER_H + (join.h() - GraphLayout.HEADER_H - GraphLayout.FOOTER_H) / 2;
        List<GraphLayout.Edge> in = layout.edges().stream().filter(e -> e.to().equals("join[0]")).toList();
        assertThat(in).extracting(e -> e.from() + "/" + e.input())
                .containsExactly("orders[0]/1", "payments[0]/2");
        assertThat(in.get(0).y2()).isLessThan(middle);
        assertThat(in.get(1).y2()).isGreaterThan(middle);
        assertThat(in).allMatch(e -> e.x2() == join.x());
    }

    @Test
    void theLogDescribesInputWatermarksMatchesAndCleanup() throws Exception {
        List<TraceEvent> trace = lesson().trace();
        String input = trace.stream().filter(e -> e instanceof TraceEvent.InputWatermarkAdvanced)
                .map(e -> EventText.describe(e, false)).findFirst().orElseThrow();
        assertThat(input).isEqualTo("input 1 (orders) watermark advanced to 36059999");
        String match = trace.stream().filter(e -> e instanceof TraceEvent.JoinMatched)
                .map(e -> EventText.describe(e, false)).findFirst().orElseThrow();
        assertThat(match).startsWith("joined key \"o1\": {\"order_id\":\"o1\"").contains("(timestamp 36060000) with ")
                .endsWith("emitted with timestamp 36180000");
        String cleared = trace.stream().filter(e -> e instanceof TraceEvent.JoinStateCleared c && c.key().equals("\"o1\""))
                .map(e -> EventText.describe(e, false)).findFirst().orElseThrow();
        assertThat(cleared).isEqualTo("right state of key \"o1\" at timestamp 36180000 cleared (1 element)");
        String timer = trace.stream().filter(e -> e instanceof TraceEvent.TimerFired t && t.key().equals("\"o1\""))
                .map(e -> EventText.describe(e, false)).findFirst().orElseThrow();
        assertThat(timer).isEqualTo("event-time timer 36180000 fired for key \"o1\" (right side cleanup)");
    }
}
