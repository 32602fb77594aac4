package io.streamscope.app.view;

import java.util.List;
import javafx.geometry.Insets;
import javafx.scene.Node;
import javafx.scene.control.Label;
import javafx.scene.control.Separator;
import javafx.scene.layout.GridPane;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.VBox;
import javafx.scene.text.Font;
import javafx.scene.text.FontPosture;
import javafx.scene.text.FontWeight;
import javafx.scene.text.Text;
import javafx.scene.text.TextFlow;
import org.commonmark.ext.gfm.tables.TableBlock;
import org.commonmark.ext.gfm.tables.TableCell;
import org.commonmark.ext.gfm.tables.TablesExtension;
import org.commonmark.node.BlockQuote;
import org.commonmark.node.BulletList;
import org.commonmark.node.Code;
import org.commonmark.node.Emphasis;
import org.commonmark.node.FencedCodeBlock;
import org.commonmark.node.HardLineBreak;
import org.commonmark.node.Heading;
import org.commonmark.node.HtmlBlock;
import org.commonmark.node.HtmlInline;
import org.commonmark.node.IndentedCodeBlock;
import org.commonmark.node.Link;
import org.commonmark.node.ListItem;
import org.commonmark.node.OrderedList;
import org.commonmark.node.Paragraph;
import org.commonmark.node.SoftLineBreak;
import org.commonmark.node.StrongEmphasis;
import org.commonmark.node.ThematicBreak;
import org.commonmark.parser.Parser;

/**
 * Markdown (model answers, notes, lesson narration) turned into real JavaFX nodes with commonmark: headings,
 * paragraphs with bold, italic and code spans, bullet and numbered lists, code blocks and diagrams in a
 * monospace box, pipe tables as grids, quotes. HTML comments (lesson cues) show nothing, as in a browser.
 */
public final class MarkdownView extends VBox {
    private static final String SANS = "DejaVu Sans";
    private static final String MONO = "DejaVu Sans Mono";
    private static final double SIZE = 13;
    private static final Parser PARSER = Parser.builder().extensions(List.of(TablesExtension.create())).build();

    public MarkdownView() {
        super(6);
        getStyleClass().add("markdown");
        setFillWidth(true);
    }

    public MarkdownView(String markdown) {
        this();
        setMarkdown(markdown);
    }

    /** Replaces what is shown. */
    public void setMarkdown(String markdown) {
        getChildren().setAll(blocks(PARSER.parse(markdown == null ? "" : markdown)));
    }

    /** The plain text of every text node shown, in order: for tests, which check what a reader sees. */
    public String visibleText() {
        StringBuilder sb = new StringBuilder();
        collect(this, sb);
        return sb.toString();
    }

    private static void collect(Node n, StringBuilder sb) {
        if (n instanceof Text t) {
            sb.append(t.getText());
        } else if (n instanceof Label l) {
            sb.append(l.getText()).append('\n');
        } else if (n instanceof javafx.scene.Parent p) {
            for (Node c : p.getChildrenUnmodifiable()) {
                collect(c, sb);
            }
            if (n instanceof TextFlow) {
                sb.append('\n');
            }
        }
    }

    private static List<Node> blocks(org.commonmark.node.Node parent) {
        List<Node> out = new java.util.ArrayList<>();
        for (org.commonmark.node.Node n = parent.getFirstChild(); n != null; n = n.getNext()) {
            Node b = block(n);
            if (b != null) {
                out.add(b);
            }
        }
        return out;
    }

    private static Node block(org.commonmark.node.Node n) {
        if (n instanceof Heading h) {
            TextFlow f = inlines(h, new Style(true, false, false), SIZE + Math.max(0, 5 - h.getLevel()) * 1.5);
            f.setPadding(new Insets(4, 0, 0, 0));
            f.getStyleClass().add("md-heading");
            return f;
        }
        if (n instanceof Paragraph) {
            return inlines(n, Style.PLAIN, SIZE);
        }
        if (n instanceof FencedCodeBlock c) {
            return code(c.getLiteral());
        }
        if (n instanceof IndentedCodeBlock c) {
            return code(c.getLiteral());
        }
        if (n instanceof BulletList || n instanceof OrderedList) {
            return list(n);
        }
        if (n instanceof BlockQuote) {
            VBox q = new VBox(4);
            q.getChildren().setAll(blocks(n));
            q.setPadding(new Insets(2, 0, 2, 10));
            q.setStyle("-fx-border-color: transparent transparent transparent #B0BEC5; -fx-border-width: 0 0 0 3;");
            return q;
        }
        if (n instanceof ThematicBreak) {
            return new Separator();
        }
        if (n instanceof HtmlBlock) {
            return null;
        }
        if (n instanceof TableBlock) {
            return table(n);
        }
        return inlines(n, Style.PLAIN, SIZE);
    }

    private static Node code(String literal) {
        String text = literal.endsWith("\n") ? literal.substring(0, literal.length() - 1) : literal;
        Label l = new Label(text);
        l.setFont(Font.font(MONO, 12));
        l.setWrapText(false);
        l.setMinHeight(javafx.scene.layout.Region.USE_PREF_SIZE);
        l.setPadding(new Insets(6, 8, 6, 8));
        l.setMaxWidth(Double.MAX_VALUE);
        l.getStyleClass().add("md-code");
        l.setStyle("-fx-background-color: #F3F5F7; -fx-border-color: #DDE3E8; -fx-text-fill: #263238;");
        return l;
    }

    private static Node list(org.commonmark.node.Node list) {
        VBox box = new VBox(3);
        int number = list instanceof OrderedList o && o.getMarkerStartNumber() != null ? o.getMarkerStartNumber() : 1;
        for (org.commonmark.node.Node item = list.getFirstChild(); item != null; item = item.getNext()) {
            if (!(item instanceof ListItem)) {
                continue;
            }
            Text marker = new Text(list instanceof OrderedList ? (number++) + "." : "•");
            marker.setFont(Font.font(SANS, SIZE));
            HBox markerBox = new HBox(marker);
            markerBox.setMinWidth(22);
            VBox content = new VBox(3);
            content.getChildren().setAll(blocks(item));
            HBox.setHgrow(content, Priority.ALWAYS);
            box.getChildren().add(new HBox(2, markerBox, content));
        }
        box.setPadding(new Insets(0, 0, 0, 6));
        return box;
    }

    private static Node table(org.commonmark.node.Node table) {
        GridPane grid = new GridPane();
        grid.getStyleClass().add("md-table");
        grid.setStyle("-fx-border-color: #CFD8DC;");
        int row = 0;
        for (org.commonmark.node.Node section = table.getFirstChild(); section != null; section = section.getNext()) {
            for (org.commonmark.node.Node r = section.getFirstChild(); r != null; r = r.getNext()) {
                int col = 0;
                for (org.commonmark.node.Node c = r.getFirstChild(); c != null; c = c.getNext()) {
                    boolean header = c instanceof TableCell tc && tc.isHeader();
                    TextFlow cell = inlines(c, new Style(header, false, false), SIZE - 1);
                    cell.setPadding(new Insets(3, 6, 3, 6));
                    cell.setStyle("-fx-border-color: #E0E6EA; -fx-border-width: 0 1 1 0;"
                            + (header ? " -fx-background-color: #ECEFF1;" : ""));
                    cell.setMaxWidth(Double.MAX_VALUE);
                    grid.add(cell, col++, row);
                }
                row++;
            }
        }
        return grid;
    }

    /** How an inline run is drawn. */
    private record Style(boolean bold, boolean italic, boolean code) {
        static final Style PLAIN = new Style(false, false, false);
    }

    private static TextFlow inlines(org.commonmark.node.Node parent, Style style, double size) {
        TextFlow flow = new TextFlow();
        flow.setLineSpacing(2);
        addInlines(flow, parent, style, size);
        return flow;
    }

    private static void addInlines(TextFlow flow, org.commonmark.node.Node parent, Style s, double size) {
        for (org.commonmark.node.Node n = parent.getFirstChild(); n != null; n = n.getNext()) {
            if (n instanceof org.commonmark.node.Text t) {
                flow.getChildren().add(text(t.getLiteral(), s, size));
            } else if (n instanceof Code c) {
                Text t = text(c.getLiteral(), new Style(s.bold(), s.italic(), true), size - 1);
                t.setFill(javafx.scene.paint.Color.web("#AD1457"));
                flow.getChildren().add(t);
            } else if (n instanceof StrongEmphasis) {
                addInlines(flow, n, new Style(true, s.italic(), s.code()), size);
            } else if (n instanceof Emphasis) {
                addInlines(flow, n, new Style(s.bold(), true, s.code()), size);
            } else if (n instanceof SoftLineBreak) {
                flow.getChildren().add(text(" ", s, size));
            } else if (n instanceof HardLineBreak) {
                flow.getChildren().add(text("\n", s, size));
            } else if (n instanceof HtmlInline) {
                continue;
            } else if (n instanceof Link) {
                int before = flow.getChildren().size();
                addInlines(flow, n, s, size);
                for (int i = before; i < flow.getChildren().size(); i++) {
                    if (flow.getChildren().get(i) instanceof Text t) {
                        t.setFill(javafx.scene.paint.Color.web("#1565C0"));
                    }
                }
            } else {
                addInlines(flow, n, s, size);
            }
        }
    }

    private static Text text(String literal, Style s, double size) {
        Text t = new Text(literal);
        t.setFont(Font.font(s.code() ? MONO : SANS, s.bold() ? FontWeight.BOLD : FontWeight.NORMAL,
                s.italic() ? FontPosture.ITALIC : FontPosture.REGULAR, size));
        return t;
    }
}
