package io.streamscope.api.builtin;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.LinkedHashSet;
import java.util.List;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.constraints.Size;

class DistinctSetTest {
    /** The set counts exactly what a LinkedHashSet counts, across the switch from scanning to the index. */
    @Property(tries = 200)
    void countsLikeAHashSet(@ForAll @Size(max = 300) List<@IntRange(min = 0, max = 120) Integer> values) {
        DistinctSet s = new DistinctSet();
        LinkedHashSet<Object> reference = new LinkedHashSet<>();
        for (Integer v : values) {
            // a fresh String each time: equal values that are not the same object
            s.add("v" + v);
            reference.add("v" + v);
            assertThat(s.size()).isEqualTo(reference.size());
        }
        assertThat(s.toString()).isEqualTo(reference.toString());
    }

    @Property(tries = 100)
    void unionCountsEachValueOnce(@ForAll @Size(max = 80) List<@IntRange(min = 0, max = 60) Integer> a,
                                  @ForAll @Size(max = 80) List<@IntRange(min = 0, max = 60) Integer> b) {
        DistinctSet x = new DistinctSet();
        DistinctSet y = new DistinctSet();
        LinkedHashSet<Object> reference = new LinkedHashSet<>();
        a.forEach(v -> {
            x.add(v);
            reference.add(v);
        });
        b.forEach(v -> {
            y.add(v);
            reference.add(v);
        });
        assertThat(x.union(y).size()).isEqualTo(reference.size());
    }
}
