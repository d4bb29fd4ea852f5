package dev.agentsession.internal;

import static org.assertj.core.api.Assertions.assertThat;

import dev.agentsession.Event;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;
import java.util.stream.LongStream;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

@DisplayName("event pages")
class EventPagesTest {

    private static Event event(long sequence) {
        return new Event("e" + sequence, "s", sequence, null, null, null, "user", "c", null,
                null, null, null, Instant.EPOCH);
    }

    @Test
    @DisplayName("the first page is read at once, later ones one at a time, each after the last event seen")
    void readsPagesLazily() {
        List<Long> requested = new ArrayList<>();
        var stream = EventPages.stream(3, after -> {
            requested.add(after);
            return LongStream.rangeClosed(after + 1, Math.min(after + 4, 12)).mapToObj(EventPagesTest::event)
                    .collect(Collectors.toList());
        });
        assertThat(requested).containsExactly(3L);

        assertThat(stream.map(Event::sequence).collect(Collectors.toList()))
                .containsExactly(4L, 5L, 6L, 7L, 8L, 9L, 10L, 11L, 12L);
        assertThat(requested).containsExactly(3L, 7L, 11L, 12L);
    }
}
