package dev.agentsession.memory;

import static org.assertj.core.api.Assertions.assertThat;

import dev.agentsession.AddEventOptions;
import dev.agentsession.CreateRequest;
import dev.agentsession.Event;
import dev.agentsession.Session;
import dev.agentsession.SessionService;
import dev.agentsession.SessionServices;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

@DisplayName("memory backend specifics")
class MemorySessionServiceTest {

    /** A clock that returns the given instants in turn, then repeats the last one. */
    private static final class ScriptedClock extends Clock {
        private final Deque<Instant> instants;

        ScriptedClock(Instant... instants) {
            this.instants = new ArrayDeque<>(List.of(instants));
        }

        @Override
        public ZoneId getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(ZoneId zone) {
            return this;
        }

        @Override
        public synchronized Instant instant() {
            return instants.size() > 1 ? instants.pop() : instants.peek();
        }
    }

    @Test
    @DisplayName("event times never run backwards, even when the wall clock does")
    void timeNeverRunsBackwards() {
        Instant noon = Instant.parse("2026-01-01T12:00:00.000001Z");
        ScriptedClock clock = new ScriptedClock(noon, noon.plusSeconds(5), noon.minusSeconds(60),
                noon.plusSeconds(10));
        try (SessionService service = MemorySessionService.builder().clock(clock).build()) {
            Session session = service.create(CreateRequest.of("app", "user", "agent"));
            Event first = session.addEvent(AddEventOptions.of("user", "one"));
            Event second = session.addEvent(AddEventOptions.of("user", "two"));
            Event third = session.addEvent(AddEventOptions.of("user", "three"));

            assertThat(session.createdAt()).isEqualTo(noon);
            assertThat(first.createdAt()).isEqualTo(noon.plusSeconds(5));
            assertThat(second.createdAt()).as("clock went back a minute").isEqualTo(noon.plusSeconds(5));
            assertThat(third.createdAt()).isEqualTo(noon.plusSeconds(10));
        }
    }

    @Test
    @DisplayName("the clock's instants are truncated to microseconds")
    void clockIsTruncated() {
        Instant precise = Instant.parse("2026-01-01T12:00:00.123456789Z");
        try (SessionService service = MemorySessionService.builder().clock(new ScriptedClock(precise)).build()) {
            Session session = service.create(CreateRequest.of("app", "user", "agent"));
            assertThat(session.createdAt()).isEqualTo(Instant.parse("2026-01-01T12:00:00.123456Z"));
        }
    }

    @Test
    @DisplayName("memory: opens a new, empty store each time")
    void memoryUrlOpensFreshStores() {
        try (SessionService first = SessionServices.open("memory:");
             SessionService second = SessionServices.open("memory:")) {
            first.create(CreateRequest.builder("app", "user", "agent").sessionId("s").build());
            assertThat(first).isInstanceOf(MemorySessionService.class);
            assertThat(second.get(new dev.agentsession.GetRequest("app", "user", "s"))).isEmpty();
        }
    }
}
