package io.streamscope.app;

import io.streamscope.app.interview.RubricChecker;
import io.streamscope.app.view.MarkdownView;
import io.streamscope.question.Question;
import java.util.Locale;
import java.util.function.IntConsumer;
import javafx.geometry.Insets;
import javafx.geometry.Pos;
import javafx.scene.Node;
import javafx.scene.control.Button;
import javafx.scene.control.Label;
import javafx.scene.control.Tooltip;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.Region;
import javafx.scene.layout.VBox;

/**
 * What the reveal shows in interview mode: on the left the user's answer with the rubric result under it (each
 * concept covered, with the answer's words that matched, or missed, with a link to the lesson's moment that shows
 * it), on the right the model answer rendered from markdown and its Streamscope note.
 */
final class RevealedAnswer extends HBox {

    /**
     * @param showCue what a missed concept's link does when the concept names a cue: jump the lesson to that cue
     *     (index from 0); null when nothing can (the links then open the lesson)
     * @param openLesson what the link of a missed concept without a cue does: open the question's lesson
     */
    RevealedAnswer(Question q, String answer, RubricChecker.Result result, IntConsumer showCue,
                   Runnable openLesson) {
        super(12);
        VBox yours = column("Your answer", plain(answer.isBlank() ? "(no answer)" : answer));
        yours.getChildren().add(rubric(q, result, showCue, openLesson));
        VBox model = column("Model answer", new MarkdownView(q.modelAnswer()));
        model.setId("interview-model");
        if (q.streamscopeNote() != null) {
            MarkdownView note = new MarkdownView(q.streamscopeNote());
            note.setId("interview-note");
            Label h = new Label("Streamscope note");
            h.getStyleClass().add("section-title");
            VBox noteBox = new VBox(4, h, note);
            noteBox.setPadding(new Insets(6));
            noteBox.setStyle("-fx-background-color: #FFF8E1; -fx-border-color: #FFE082;");
            model.getChildren().add(noteBox);
        }
        getChildren().setAll(yours, model);
        for (VBox v : new VBox[] {yours, model}) {
            HBox.setHgrow(v, Priority.ALWAYS);
            // equal halves: without a common min width the rubric's buttons would widen the left column
            v.setPrefWidth(1);
            v.setMinWidth(0);
            v.setMaxWidth(Double.MAX_VALUE);
        }
    }

    private static VBox column(String heading, Node content) {
        Label h = new Label(heading);
        h.getStyleClass().add("pane-title");
        VBox v = new VBox(6, h, content);
        v.setPadding(new Insets(8));
        v.setStyle("-fx-border-color: #CFD8DC; -fx-background-color: white;");
        return v;
    }

    private static Label plain(String text) {
        Label l = new Label(text);
        l.setWrapText(true);
        l.setStyle("-fx-font-size: 13px;");
        l.setMinHeight(Region.USE_PREF_SIZE);
        return l;
    }

    /** The rubric result, one concept per row: mark, name and link on a line, what was said or missed below. */
    private static VBox rubric(Question q, RubricChecker.Result result, IntConsumer showCue, Runnable openLesson) {
        Label h = new Label("Rubric: " + result.covered() + " of " + result.total() + " concepts covered");
        h.getStyleClass().add("pane-title");
        h.setId("rubric-summary");
        VBox box = new VBox(6, h);
        box.setId("interview-rubric");
        for (RubricChecker.ConceptResult c : result.concepts()) {
            Label mark = new Label(c.covered() ? "✔ covered" : "✘ missed");
            mark.setMinWidth(80);
            mark.setStyle(c.covered() ? "-fx-text-fill: #2E7D32; -fx-font-weight: bold;"
                    : "-fx-text-fill: #C62828; -fx-font-weight: bold;");
            Label name = new Label(c.concept().concept());
            name.setStyle("-fx-font-weight: bold;");
            name.setMinWidth(Region.USE_PREF_SIZE);
            Region gap = new Region();
            HBox.setHgrow(gap, Priority.ALWAYS);
            HBox line = new HBox(8, mark, name, gap);
            line.setAlignment(Pos.CENTER_LEFT);
            if (!c.covered()) {
                line.getChildren().add(link(q, c, showCue, openLesson));
            }
            Label d = new Label(detail(c));
            d.setWrapText(true);
            d.setMinHeight(Region.USE_PREF_SIZE);
            d.setMaxWidth(Double.MAX_VALUE);
            d.setPadding(new Insets(0, 0, 0, 88));
            d.getStyleClass().add("rubric-detail");
            VBox row = new VBox(1, line, d);
            row.getStyleClass().add(c.covered() ? "rubric-covered" : "rubric-missed");
            row.setId("rubric-" + c.concept().concept());
            box.getChildren().add(row);
        }
        box.setPadding(new Insets(8, 0, 0, 0));
        box.setStyle("-fx-border-color: #CFD8DC transparent transparent transparent;");
        return box;
    }

    /**
     * What the row says: for a covered concept the answer's own words and, when they differ from the keyword,
     * the keyword they matched; for a missed one the description, and a negation that did not count.
     */
    static String detail(RubricChecker.ConceptResult c) {
        if (c.covered()) {
            boolean same = c.phrase().toLowerCase(Locale.ROOT).equals(c.matched().toLowerCase(Locale.ROOT));
            return "you said “" + c.phrase() + "”" + (same ? "" : " (keyword “" + c.matched() + "”)");
        }
        String d = c.concept().description();
        if (c.negated() != null) {
            d += " You said “" + c.negated() + "”: a negated mention does not count.";
        }
        return d;
    }

    private static Button link(Question q, RubricChecker.ConceptResult c, IntConsumer showCue, Runnable openLesson) {
        Integer cue = c.concept().cue();
        boolean atCue = cue != null && showCue != null;
        Button open = new Button("Lesson " + q.lesson() + (atCue ? " · cue " + cue : ""));
        open.setMinWidth(Region.USE_PREF_SIZE);
        open.setTooltip(new Tooltip(atCue ? "Jump the lesson playing below to the moment that shows this"
                : "Open the lesson that shows this in the main window"));
        if (atCue) {
            open.setOnAction(e -> showCue.accept(cue - 1));
        } else {
            open.setOnAction(e -> openLesson.run());
        }
        return open;
    }
}
