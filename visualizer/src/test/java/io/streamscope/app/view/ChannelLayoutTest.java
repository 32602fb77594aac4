package io.streamscope.app.view;

import static org.assertj.core.api.Assertions.assertThat;

import io.streamscope.app.view.ChannelLayout.Item;
import io.streamscope.app.view.ChannelLayout.More;
import io.streamscope.app.view.ChannelLayout.Place;
import io.streamscope.app.view.ChannelLayout.Placed;
import io.streamscope.app.view.ChannelLayout.Result;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The elements of a channel are laid out without overlap, labels included, in queue order (input buffer at the
 * receiver, then the wire, then the output buffer at the sender), and a place that cannot show everything shows
 * its first elements and a "+N" count of the rest.
 */
class ChannelLayoutTest {
    private static final Item RECORD = new Item(12, 0, Double.NaN);

    private static Item watermark(String label) {
        return new Item(4, ChannelLayout.labelWidth(label), Double.NaN);
    }

    private static Item onWire(Item i, double desired) {
        return new Item(i.glyph(), i.label(), desired);
    }

    private static List<Item> records(int n) {
        return new ArrayList<>(Collections.nCopies(n, RECORD));
    }

    /** The extent each drawn thing covers along the channel: glyph, or label when drawn, or the "+N" marker. */
    private static List<double[]> extents(Result r, List<Item> out, List<Item> wire, List<Item> in) {
        List<double[]> ext = new ArrayList<>();
        for (Placed p : r.placed()) {
            Item it = (p.place() == Place.INPUT ? in : p.place() == Place.WIRE ? wire : out).get(p.index());
            double w = p.label() ? Math.max(it.glyph(), it.label()) : it.glyph();
            ext.add(new double[] {p.pos() - w / 2, p.pos() + w / 2});
        }
        for (More m : r.more()) {
            double w = ChannelLayout.moreWidth(m.count());
            ext.add(new double[] {m.pos() - w / 2, m.pos() + w / 2});
        }
        return ext;
    }

    private static void assertNoOverlap(List<double[]> ext, double length) {
        for (int i = 0; i < ext.size(); i++) {
            assertThat(ext.get(i)[0]).as("start of %d", i).isGreaterThanOrEqualTo(0);
            assertThat(ext.get(i)[1]).as("end of %d", i).isLessThanOrEqualTo(length);
            for (int j = i + 1; j < ext.size(); j++) {
                boolean apart = ext.get(i)[1] <= ext.get(j)[0] || ext.get(j)[1] <= ext.get(i)[0];
                assertThat(apart).as("%d [%s, %s] and %d [%s, %s]", i, ext.get(i)[0], ext.get(i)[1], j,
                        ext.get(j)[0], ext.get(j)[1]).isTrue();
            }
        }
    }

    /** Queue order: positions fall from the receiver's end to the sender's, place by place and index by index. */
    private static void assertQueueOrder(Result r) {
        double prev = Double.MAX_VALUE;
        Place prevPlace = null;
        int prevIndex = -1;
        for (Placed p : r.placed()) {
            assertThat(p.pos()).as("%s %d after %s %d", p.place(), p.index(), prevPlace, prevIndex).isLessThan(prev);
            if (p.place() == prevPlace) {
                assertThat(p.index()).isEqualTo(prevIndex + 1);
            }
            prev = p.pos();
            prevPlace = p.place();
            prevIndex = p.index();
        }
    }

    @Test
    void aQuietChannelShowsEveryElementWithItsLabelInQueueOrder() {
        List<Item> in = List.of(watermark("W 10:01:09.999"), watermark("W MAX"), new Item(10, 30, Double.NaN));
        List<Item> wire = List.of(onWire(RECORD, 120));
        List<Item> out = List.of(RECORD, RECORD);
        Result r = ChannelLayout.layout(300, out, wire, in);
        assertThat(r.more()).isEmpty();
        assertThat(r.placed()).hasSize(6).allMatch(p -> p.label() || p.place() != Place.INPUT);
        assertThat(r.placed()).extracting(Placed::place).containsExactly(Place.INPUT, Place.INPUT, Place.INPUT,
                Place.WIRE, Place.OUTPUT, Place.OUTPUT);
        assertQueueOrder(r);
        assertNoOverlap(extents(r, out, wire, in), 300);
        // the input buffer is piled against the receiver: its front sits at the far end
        assertThat(r.placed().get(0).pos() + ChannelLayout.labelWidth("W 10:01:09.999") / 2)
                .isCloseTo(300 - ChannelLayout.GAP, org.assertj.core.data.Offset.offset(1e-6));
        // with room around it, the element on the wire stays where its remaining latency puts it
        assertThat(r.placed().get(3).pos()).isEqualTo(120);
    }

    @Test
    void elementsSentTogetherAreSpreadOutInOrder() {
        List<Item> wire = List.of(onWire(RECORD, 100), onWire(watermark("W 4999"), 100), onWire(RECORD, 100));
        Result r = ChannelLayout.layout(250, List.of(), wire, List.of());
        assertThat(r.placed()).extracting(Placed::index).containsExactly(0, 1, 2);
        assertQueueOrder(r);
        assertNoOverlap(extents(r, List.of(), wire, List.of()), 250);
    }

    @Test
    void aCrowdedInputBufferShowsItsFirstElementsAndCountsTheRest() {
        List<Item> in = records(100);
        Result r = ChannelLayout.layout(200, List.of(), List.of(), in);
        int shown = r.placed().size();
        assertThat(shown).isBetween(5, 99);
        assertThat(r.placed()).extracting(Placed::index).containsExactlyElementsOf(range(shown));
        assertThat(r.more()).singleElement().satisfies(m -> {
            assertThat(m.place()).isEqualTo(Place.INPUT);
            assertThat(m.count()).isEqualTo(100 - shown);
            // the count stands behind the shown ones, where the later elements wait
            assertThat(m.pos()).isLessThan(r.placed().get(shown - 1).pos());
        });
        assertQueueOrder(r);
        assertNoOverlap(extents(r, List.of(), List.of(), in), 200);
    }

    @Test
    void everyCrowdedPlaceKeepsItsFrontAndItsOwnCount() {
        List<Item> out = records(40);
        List<Item> wire = new ArrayList<>();
        for (int i = 0; i < 30; i++) {
            wire.add(onWire(i % 5 == 0 ? watermark("W 10:00:0" + (i / 5) + ".999") : RECORD, 150 - i));
        }
        List<Item> in = records(25);
        Result r = ChannelLayout.layout(260, out, wire, in);
        assertQueueOrder(r);
        assertNoOverlap(extents(r, out, wire, in), 260);
        for (Place place : Place.values()) {
            int total = place == Place.INPUT ? 25 : place == Place.WIRE ? 30 : 40;
            List<Integer> shown = r.placed().stream().filter(p -> p.place() == place).map(Placed::index).toList();
            int hidden = r.more().stream().filter(m -> m.place() == place).mapToInt(More::count).sum();
            assertThat(shown).as("%s shows its first elements", place).isNotEmpty()
                    .containsExactlyElementsOf(range(shown.size()));
            assertThat(shown.size() + hidden).as("%s shown + counted", place).isEqualTo(total);
        }
        // the output buffer's count is at the sender's end, behind the elements next to leave
        More outMore = r.more().stream().filter(m -> m.place() == Place.OUTPUT).findFirst().orElseThrow();
        assertThat(r.placed().stream().filter(p -> p.place() == Place.OUTPUT).mapToDouble(Placed::pos).min()
                .orElseThrow()).isGreaterThan(outMore.pos());
    }

    @Test
    void onACrowdedChannelLabelsGoOnlyWhereTheyCoverNothing() {
        // four watermarks on the wire whose labels cannot all fit: the glyphs keep their spots, and a label is
        // drawn only where it covers no glyph and no other label
        List<Item> in = records(4);
        List<Item> wire = new ArrayList<>();
        for (int i = 0; i < 4; i++) {
            wire.add(onWire(watermark("W 10:01:0" + i + ".999"), 220 - 60 * i));
        }
        Result r = ChannelLayout.layout(300, List.of(), wire, in);
        assertThat(r.more()).isEmpty();
        assertThat(r.placed().stream().filter(p -> p.place() == Place.WIRE).map(Placed::pos))
                .containsExactly(220.0, 160.0, 100.0, 40.0);
        assertThat(r.placed().stream().filter(Placed::label).map(Placed::index)).containsExactly(1);
        assertNoOverlap(extents(r, List.of(), wire, in), 300);
    }

    @Test
    void sharesAreFairAndSmallNeedsAreMetInFull() {
        assertThat(ChannelLayout.share(300, new double[] {40, 500, 500})).containsExactly(40, 130, 130);
        assertThat(ChannelLayout.share(300, new double[] {0, 100, 50})).containsExactly(0, 100, 50);
        assertThat(ChannelLayout.share(90, new double[] {100, 0, 100})).containsExactly(45, 0, 45);
    }

    @Test
    void watermarkLabelsWriteEventTimeLikeTheRestOfTheApp() {
        assertThat(ElementKind.label("watermark 36069999")).isEqualTo("W 10:01:09.999");
        assertThat(ElementKind.label("watermark MAX")).isEqualTo("W MAX");
        assertThat(ElementKind.label("watermark MIN")).isEqualTo("W MIN");
        assertThat(ElementKind.label("watermark 4999")).isEqualTo("W 4999");
        assertThat(ElementKind.label("end-of-input")).isEqualTo("end");
        assertThat(ElementKind.label("barrier 3")).isEqualTo("CP 3");
    }

    private static List<Integer> range(int n) {
        List<Integer> out = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            out.add(i);
        }
        return out;
    }
}
