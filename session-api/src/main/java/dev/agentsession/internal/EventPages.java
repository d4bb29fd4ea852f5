package dev.agentsession.internal;

import dev.agentsession.Event;
import java.util.Iterator;
import java.util.List;
import java.util.NoSuchElementException;
import java.util.Spliterator;
import java.util.Spliterators;
import java.util.function.LongFunction;
import java.util.stream.Stream;
import java.util.stream.StreamSupport;

/**
 * Turns a page reader into the stream that {@link dev.agentsession.Session#streamEvents}
 * returns: the first page is read at once (so a closed store fails at the call), one page is held
 * at a time, and the next is read only when the stream needs it.
 */
public final class EventPages {

    private EventPages() {
    }

    /**
     * @param afterSequence the sequence to start after
     * @param nextPage given a sequence, returns the oldest events after it, in order, at most
     *     one page of them; an empty page ends the stream. Each call should take and release its
     *     own connection.
     * @return an ordered, lazy stream of every event after {@code afterSequence}
     */
    public static Stream<Event> stream(long afterSequence, LongFunction<List<Event>> nextPage) {
        InputRules.requireNotNegative("afterSequence", afterSequence);
        List<Event> first = nextPage.apply(afterSequence);
        Iterator<Event> iterator = new Iterator<>() {
            private long last = afterSequence;
            private List<Event> page = first;
            private int position;
            private boolean exhausted = first.isEmpty();

            @Override
            public boolean hasNext() {
                if (position < page.size()) {
                    return true;
                }
                if (exhausted) {
                    return false;
                }
                page = nextPage.apply(last);
                position = 0;
                if (page.isEmpty()) {
                    exhausted = true;
                    return false;
                }
                return true;
            }

            @Override
            public Event next() {
                if (!hasNext()) {
                    throw new NoSuchElementException();
                }
                Event event = page.get(position++);
                last = event.sequence();
                return event;
            }
        };
        return StreamSupport.stream(Spliterators.spliteratorUnknownSize(iterator,
                Spliterator.ORDERED | Spliterator.NONNULL), false);
    }
}
