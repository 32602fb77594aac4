package io.streamscope.app.view;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.concurrent.TimeUnit;
import javafx.scene.control.Label;
import javafx.scene.layout.GridPane;
import javafx.scene.layout.VBox;
import javafx.scene.text.FontWeight;
import javafx.scene.text.Text;
import javafx.scene.text.TextFlow;
import javafx.stage.Stage;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;
import org.testfx.util.WaitForAsyncUtils;

/** Markdown becomes nodes: each block kind its own node, inline styles as fonts, comments invisible. */
@ExtendWith(ApplicationExtension.class)
class MarkdownViewTest {
    @Start
    void start(Stage stage) {
    }

    @Test
    void blocksAndInlineStylesBecomeNodes() throws Exception {
        String md = "## Title\n\nSome **bold** and *italic* and `code`.\n\n- one\n- two\n\n1. first\n\n"
                + "```\nA ──► B\n```\n\n<!-- cue: RecordRead -->\n\n| a | b |\n|---|---|\n| 1 | 2 |\n";
        MarkdownView v = WaitForAsyncUtils.asyncFx(() -> new MarkdownView(md)).get(10, TimeUnit.SECONDS);
        // heading, paragraph, bullet list, numbered list, code block, table; the comment adds nothing
        assertThat(v.getChildren()).hasSize(6);
        assertThat(v.getChildren().get(0)).isInstanceOf(TextFlow.class);
        TextFlow p = (TextFlow) v.getChildren().get(1);
        Text bold = (Text) p.getChildren().get(1);
        assertThat(bold.getText()).isEqualTo("bold");
        assertThat(bold.getFont().getStyle()).containsIgnoringCase("bold");
        assertThat(((Text) p.getChildren().get(5)).getFont().getFamily()).isEqualTo("DejaVu Sans Mono");
        assertThat(v.getChildren().get(2)).isInstanceOf(VBox.class);
        assertThat(((Label) v.getChildren().get(4)).getText()).isEqualTo("A ──► B");
        assertThat(v.getChildren().get(5)).isInstanceOf(GridPane.class);
        assertThat(v.visibleText()).contains("Some bold and italic and code.").contains("•one").contains("1.first")
                .doesNotContain("**").doesNotContain("cue:");
        assertThat(FontWeight.BOLD).isNotNull();
    }
}
