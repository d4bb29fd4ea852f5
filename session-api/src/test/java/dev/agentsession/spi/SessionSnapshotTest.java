package dev.agentsession.spi;

import static org.assertj.core.api.Assertions.assertThat;

import dev.agentsession.AddEventOptions;
import dev.agentsession.Event;
import dev.agentsession.EventsOptions;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.IntStream;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

@DisplayName("a backend written before the time filter still answers it, page by page")
class SessionSnapshotTest {

    private static final Instant START = Instant.parse("2026-11-26T10:00:00Z");

    /** A backend that overrides only the two abstract reads, over 2,500 events a second apart. */
    private static final class OldBackend extends SessionSnapshot {
        final List<Event> events = IntStream.rangeClosed(1, 2_500).mapToObj(i -> new Event("e" + i, "s", i, null, null,
                null, "agent", "turn " + i, null, null, null, null, START.plusSeconds(i))).toList();
        final AtomicInteger pagesRead = new AtomicInteger();

        OldBackend() {
            super("s", "app", "user", "agent", Map.of(), START, START, Map.of(), 2_500);
        }

        @Override
        public Event addEvent(AddEventOptions options) {
            throw new UnsupportedOperationException();
        }

        @Override
        protected List<Event> readEvents(long afterSequence, int limit) {
            throw new AssertionError("the time filter must not read every event at once");
        }

        @Override
        protected List<Event> readPage(long afterSequence, int pageSize) {
            pagesRead.incrementAndGet();
            int from = (int) afterSequence;
            return List.copyOf(events.subList(Math.min(from, events.size()), Math.min(from + pageSize, events.size())));
        }
    }

    @Test
    @DisplayName("events at or after a time, after a sequence, then the most recent N")
    void defaultTimeFilter() {
        OldBackend backend = new OldBackend();

        List<Event> fromTime = backend.events(EventsOptions.notBefore(START.plusSeconds(2_400)));
        List<Event> lastThree = backend.events(EventsOptions.last(3).withNotBefore(START.plusSeconds(10)));
        List<Event> afterSequence = backend.events(new EventsOptions(0, 2_498, START));

        assertThat(fromTime).extracting(Event::sequence).containsExactlyElementsOf(range(2_400, 2_500));
        assertThat(lastThree).extracting(Event::sequence).containsExactly(2_498L, 2_499L, 2_500L);
        assertThat(afterSequence).extracting(Event::sequence).containsExactly(2_499L, 2_500L);
        assertThat(backend.events(EventsOptions.notBefore(START.plusSeconds(9_999)))).isEmpty();
        assertThat(backend.pagesRead.get()).isGreaterThanOrEqualTo(3 * 3);
    }

    private static List<Long> range(long from, long to) {
        List<Long> values = new ArrayList<>();
        for (long i = from; i <= to; i++) {
            values.add(i);
        }
        return values;
    }
}
