package dev.agentsession.sql.spi;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.agentsession.sql.spi.ViewRanges.Range;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.LongStream;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Label;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

@DisplayName("an active view kept as sequence ranges")
class ViewRangesTest {

    /** What a session's history does at one sequence: a plain event, a summary of [a, b], or a rewind to t. */
    record Step(char kind, double first, double second) {
    }

    /** The view by API.md's definition, event by event: {@code views.get(s)} is view(s). */
    private static final class Definition {
        final List<List<Long>> views = new ArrayList<>(List.of(List.of()));

        void event(long sequence) {
            List<Long> view = new ArrayList<>(views.get((int) sequence - 1));
            view.add(sequence);
            views.add(view);
        }

        void summary(long sequence, long first, long last) {
            List<Long> view = new ArrayList<>(views.get((int) sequence - 1));
            view.removeIf(s -> s >= first && s <= last);
            view.add(sequence);
            views.add(view);
        }

        void rewind(long target) {
            views.add(views.get((int) target));
        }
    }

    /** The view as a store keeps it: the ranges of each marker's view, and the latest marker. */
    private static final class Kept {
        final TreeMap<Long, ViewRanges> markers = new TreeMap<>(Map.of(0L, ViewRanges.empty()));

        ViewRanges viewAt(long sequence) {
            Map.Entry<Long, ViewRanges> marker = markers.floorEntry(sequence);
            return marker.getValue().extendedTo(marker.getKey(), sequence);
        }

        void summary(long sequence, long first, long last) {
            markers.put(sequence, viewAt(sequence - 1).afterSummary(sequence, first, last));
        }

        void rewind(long sequence, long target) {
            markers.put(sequence, viewAt(target));
        }
    }

    private static List<Long> sequences(ViewRanges view) {
        List<Long> all = new ArrayList<>();
        for (Range range : view.ranges()) {
            LongStream.rangeClosed(range.first(), range.last()).forEach(all::add);
        }
        return all;
    }

    @Provide
    Arbitrary<List<Step>> histories() {
        Arbitrary<Step> step = Arbitraries.frequencyOf(
                net.jqwik.api.Tuple.of(6, Arbitraries.just(new Step('e', 0, 0))),
                net.jqwik.api.Tuple.of(2, Arbitraries.doubles().between(0, 1).list().ofSize(2)
                        .map(pair -> new Step('s', pair.get(0), pair.get(1)))),
                net.jqwik.api.Tuple.of(1, Arbitraries.doubles().between(0, 1).map(t -> new Step('r', t, 0))));
        return step.list().ofMinSize(1).ofMaxSize(60);
    }

    @Property(tries = 500)
    @Label("after every step of any history of events, summaries and rewinds, the kept ranges show exactly the definition's view")
    void keptRangesFollowTheDefinition(@ForAll("histories") List<Step> history) {
        Definition definition = new Definition();
        Kept kept = new Kept();
        for (int i = 0; i < history.size(); i++) {
            long sequence = i + 1;
            Step step = history.get(i);
            long before = sequence - 1;
            if (step.kind() == 's' && before >= 1) {
                long a = 1 + (long) (step.first() * (before - 1));
                long b = a + (long) (step.second() * (before - a));
                definition.summary(sequence, a, b);
                kept.summary(sequence, a, b);
            } else if (step.kind() == 'r' && before >= 1) {
                long target = Math.min(before - 1, (long) (step.first() * before)); // 0 <= target < lastSequence
                definition.rewind(target);
                kept.rewind(sequence, target);
            } else {
                definition.event(sequence);
            }
            assertThat(sequences(kept.viewAt(sequence))).as("view(%d) of %s", sequence, history)
                    .isEqualTo(definition.views.get((int) sequence));
        }
    }

    @Test
    @DisplayName("rolling summaries: each hides the one before and what it hid")
    void rollingSummaries() {
        Kept kept = new Kept();
        kept.summary(11, 1, 8);          // events 1..10, summary of 1..8
        kept.summary(21, 1, 18);         // events 12..20, summary of 1..18 covers the first summary (11)
        assertThat(kept.viewAt(21).ranges()).containsExactly(new Range(19, 21));
        assertThat(kept.viewAt(25).ranges()).containsExactly(new Range(19, 25));
    }

    @Test
    @DisplayName("a rewind to before a summary brings back what it hid; a rewind to 0 shows nothing")
    void rewinds() {
        Kept kept = new Kept();
        kept.summary(11, 1, 8);
        kept.rewind(12, 10);             // view(10): events 1..10
        assertThat(kept.viewAt(12).ranges()).containsExactly(new Range(1, 10));
        assertThat(kept.viewAt(14).ranges()).containsExactly(new Range(1, 10), new Range(13, 14));
        kept.rewind(15, 0);
        assertThat(kept.viewAt(15).ranges()).isEmpty();
        assertThat(kept.viewAt(16).size()).isEqualTo(1);
    }

    @Test
    @DisplayName("a summary's range must lie below it, from sequence 1")
    void summaryRangeChecked() {
        assertThatThrownBy(() -> ViewRanges.empty().afterSummary(5, 0, 3)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> ViewRanges.empty().afterSummary(5, 3, 2)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> ViewRanges.empty().afterSummary(5, 2, 5)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new Range(3, 2)).isInstanceOf(IllegalArgumentException.class);
    }
}
