package dev.agentsession.sql.spi;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * A session's active view (the events an agent sends its model, as the history contract defines
 * it event by event: a summary hides what it covers, a rewind shows the view as of its target) as the sorted, disjoint ranges of the sequences it
 * shows: what a store keeps for each marker (a summary or a rewind) so that the view is read in
 * one query, the marker's ranges and every event after it, whatever the history's length.
 *
 * <p>With {@code view(m)} kept for the latest marker {@code m} at or before {@code t}, the view
 * after event {@code t} is {@code view(m)} and the events {@code m+1..t} ({@link #extendedTo});
 * a summary of {@code [a, b]} at {@code s} makes {@code view(s)} of {@code view(s-1)} without
 * {@code [a, b]}, then {@code s} ({@link #afterSummary}), which hides an earlier summary inside
 * {@code [a, b]} and the events it hid stay hidden; a rewind to {@code t} at {@code s} makes
 * {@code view(s)} equal to {@code view(t)}, the marker itself in no view. Values: immutable.
 */
public final class ViewRanges {

    /** The sequences {@code first..last}, both included; {@code 1 <= first <= last}. */
    public record Range(long first, long last) {

        /** @throws IllegalArgumentException unless {@code 1 <= first <= last} */
        public Range {
            if (first < 1 || last < first) {
                throw new IllegalArgumentException("a view range needs 1 <= first <= last, was " + first + ".." + last);
            }
        }
    }

    private static final ViewRanges EMPTY = new ViewRanges(List.of());

    private final List<Range> ranges;

    private ViewRanges(List<Range> ranges) {
        this.ranges = ranges;
    }

    /** @return the view that shows nothing: before the first event, or after a rewind to 0 */
    public static ViewRanges empty() {
        return EMPTY;
    }

    /** @return the view showing the sequences of these ranges, in any order, overlapping or not */
    public static ViewRanges of(List<Range> ranges) {
        List<Range> sorted = new ArrayList<>(ranges);
        sorted.sort(Comparator.comparingLong(Range::first));
        List<Range> merged = new ArrayList<>();
        for (Range range : sorted) {
            Range last = merged.isEmpty() ? null : merged.get(merged.size() - 1);
            if (last != null && range.first() <= last.last() + 1) {
                merged.set(merged.size() - 1, new Range(last.first(), Math.max(last.last(), range.last())));
            } else {
                merged.add(range);
            }
        }
        return new ViewRanges(List.copyOf(merged));
    }

    /** @return the ranges, sorted, disjoint and never adjacent */
    public List<Range> ranges() {
        return ranges;
    }

    /** @return whether the view shows this sequence */
    public boolean contains(long sequence) {
        for (Range range : ranges) {
            if (sequence < range.first()) {
                return false;
            }
            if (sequence <= range.last()) {
                return true;
            }
        }
        return false;
    }

    /** @return how many events the view shows */
    public long size() {
        return ranges.stream().mapToLong(range -> range.last() - range.first() + 1).sum();
    }

    /**
     * @param marker the sequence whose view this is (0 for the view before any event)
     * @param sequence this marker's sequence or a later one, with no marker between
     * @return the view after event {@code sequence}: this one, then the events
     *     {@code marker+1..sequence}
     * @throws IllegalArgumentException if {@code sequence} is below {@code marker}
     */
    public ViewRanges extendedTo(long marker, long sequence) {
        if (sequence < marker) {
            throw new IllegalArgumentException("the view of marker " + marker + " cannot be extended back to " + sequence);
        }
        if (sequence == marker) {
            return this;
        }
        List<Range> more = new ArrayList<>(ranges);
        more.add(new Range(marker + 1, sequence));
        return of(more);
    }

    /**
     * @param sequence the summary's own sequence; this is the view right before it
     * @param first the first sequence it summarises
     * @param last the last sequence it summarises, below {@code sequence}
     * @return the view after the summary: this one without {@code first..last}, then the summary
     * @throws IllegalArgumentException unless {@code 1 <= first <= last < sequence}
     */
    public ViewRanges afterSummary(long sequence, long first, long last) {
        if (first < 1 || last < first || sequence <= last) {
            throw new IllegalArgumentException("a summary at " + sequence + " of " + first + ".." + last
                    + " needs 1 <= first <= last < its own sequence");
        }
        List<Range> kept = new ArrayList<>();
        for (Range range : ranges) {
            if (range.last() < first || range.first() > last) {
                kept.add(range);
                continue;
            }
            if (range.first() < first) {
                kept.add(new Range(range.first(), first - 1));
            }
            if (range.last() > last) {
                kept.add(new Range(last + 1, range.last()));
            }
        }
        kept.add(new Range(sequence, sequence));
        return of(kept);
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof ViewRanges view && view.ranges.equals(ranges);
    }

    @Override
    public int hashCode() {
        return ranges.hashCode();
    }

    @Override
    public String toString() {
        return ranges.stream().map(range -> range.first() + ".." + range.last()).toList().toString();
    }
}
