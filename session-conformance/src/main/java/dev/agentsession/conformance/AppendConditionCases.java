package dev.agentsession.conformance;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.agentsession.Action;
import dev.agentsession.AddEventOptions;
import dev.agentsession.Event;
import dev.agentsession.EventsOptions;
import dev.agentsession.Session;
import dev.agentsession.SessionConflictException;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.IntStream;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/**
 * Optimistic and idempotent appends, and state written from many threads at once: conflicts are
 * decided on the sequence, never a clock; a repeated event id stores one event; no write to a
 * shared tier is lost.
 */
abstract class AppendConditionCases extends ConformanceCases {

    AppendConditionCases(SessionServiceConformance kit) {
        super(kit);
    }

    @Test
    @DisplayName("an append expecting the session's last sequence succeeds; expecting another fails with the current one")
    void optimisticAppends() {
        Session session = newSession();
        assertThat(session.lastSequence()).isZero();
        Event first = session.addEvent(AddEventOptions.builder("user").content("one").expectedLastSequence(0).build());
        assertThat(first.sequence()).isEqualTo(1);

        assertThatThrownBy(() -> session.addEvent(AddEventOptions.builder("user").content("stale")
                .expectedLastSequence(0).stateDelta(Map.of("k", 1L)).build()))
                .isInstanceOfSatisfying(SessionConflictException.class, e -> {
                    assertThat(e.currentLastSequence()).isEqualTo(1);
                    assertThat(e.kind()).isEqualTo(SessionConflictException.Kind.SEQUENCE);
                });
        assertThat(session.events(EventsOptions.all())).containsExactly(first);
        assertThat(reread(session).state()).isEmpty();

        Session fresh = reread(session);
        assertThat(fresh.lastSequence()).isEqualTo(1);
        Event second = fresh.addEvent(AddEventOptions.builder("user").content("two")
                .expectedLastSequence(fresh.lastSequence()).build());
        assertThat(second.sequence()).isEqualTo(2);
    }

    @Test
    @DisplayName("no false conflicts: appends in the same microsecond, expecting the right sequence, all succeed")
    void noFalseConflicts() {
        Session session = newSession();
        for (long expected = 0; expected < 50; expected++) {
            Event event = session.addEvent(AddEventOptions.builder("user").content("n" + expected)
                    .expectedLastSequence(expected).build());
            assertThat(event.sequence()).isEqualTo(expected + 1);
        }
    }

    @Test
    @DisplayName("4 threads x 25 read-modify-write increments of one app: counter, retrying conflicts, end at exactly 100")
    void concurrentIncrements() throws Exception {
        Session session = newSession(APP, USER, "counter");
        AtomicInteger conflicts = new AtomicInteger();
        runConcurrently(4, () -> {
            for (int done = 0; done < 25; ) {
                Session read = reread(session);
                long current = ((Number) read.state().getOrDefault("app:counter", 0L)).longValue();
                try {
                    read.addEvent(AddEventOptions.builder("worker").expectedLastSequence(read.lastSequence())
                            .stateDelta(Map.of("app:counter", current + 1)).build());
                    done++;
                } catch (SessionConflictException e) {
                    conflicts.incrementAndGet();
                }
            }
            return null;
        });

        assertThat(service.appState(APP)).isEqualTo(Map.of("counter", 100L));
        assertThat(reread(session).lastSequence()).isEqualTo(100);
        assertThat(sequences(session.events(EventsOptions.all()))).isEqualTo(range(1, 100));
    }

    @Test
    @DisplayName("six sessions writing one user tier at once lose no key; the app tier likewise")
    void concurrentTierWrites() throws Exception {
        List<Session> sessions = IntStream.range(0, 6).mapToObj(i -> newSession(APP, USER, "writer-" + i)).toList();
        AtomicInteger next = new AtomicInteger();
        runConcurrently(6, () -> {
            int writer = next.getAndIncrement();
            Session session = sessions.get(writer);
            for (int i = 0; i < 10; i++) {
                session.addEvent(AddEventOptions.builder("agent").stateDelta(Map.of(
                        "user:w" + writer + "-" + i, (long) i, "app:w" + writer + "-" + i, "x", "own", (long) i))
                        .build());
            }
            return null;
        });

        Map<String, Object> expectedUser = new HashMap<>();
        Map<String, Object> expectedApp = new HashMap<>();
        for (int writer = 0; writer < 6; writer++) {
            for (int i = 0; i < 10; i++) {
                expectedUser.put("w" + writer + "-" + i, (long) i);
                expectedApp.put("w" + writer + "-" + i, "x");
            }
        }
        assertThat(service.userState(APP, USER)).isEqualTo(expectedUser);
        assertThat(service.appState(APP)).isEqualTo(expectedApp);
        for (Session session : sessions) {
            assertThat(reread(session).state()).containsEntry("own", 9L).hasSize(121);
        }
    }

    @Test
    @DisplayName("appending the same event id again returns the stored event and writes nothing")
    void idempotentRetry() {
        Session session = newSession();
        AddEventOptions options = AddEventOptions.builder("agent").eventId("turn-1").content("hello")
                .action(Action.of("tool", Map.of("q", 1L), "out")).stateDelta(Map.of("app:hits", 1L, "temp:t", 1L))
                .build();

        Event first = session.addEvent(options);
        Event again = session.addEvent(options);
        Event later = session.addEvent(AddEventOptions.builder("agent").eventId("turn-2").expectedLastSequence(1)
                .build());
        Event retriedLate = reread(session).addEvent(options);

        assertThat(first.id()).isEqualTo("turn-1");
        assertThat(again).isEqualTo(first);
        assertThat(retriedLate).isEqualTo(first);
        assertThat(session.events(EventsOptions.all())).containsExactly(first, later);
        assertThat(service.appState(APP)).isEqualTo(Map.of("hits", 1L));
        Session other = newSession();
        assertThat(other.addEvent(options).sequence()).as("ids are unique per session only").isEqualTo(1);
    }

    @Test
    @DisplayName("the same event id with another payload is refused, and nothing is written")
    void idempotentConflict() {
        Session session = newSession();
        session.addEvent(AddEventOptions.builder("agent").eventId("turn-1").content("hello").build());
        List<String> before = visibleState();

        assertThatThrownBy(() -> session.addEvent(AddEventOptions.builder("agent").eventId("turn-1")
                .content("something else").build()))
                .isInstanceOfSatisfying(SessionConflictException.class, e -> {
                    assertThat(e.currentLastSequence()).isEqualTo(1);
                    assertThat(e.kind()).isEqualTo(SessionConflictException.Kind.EVENT_ID);
                })
                .hasMessageContaining("turn-1");
        assertThatThrownBy(() -> session.addEvent(AddEventOptions.builder("agent").eventId("turn-1").content("hello")
                .stateDelta(Map.of("k", 1L)).build()))
                .isInstanceOf(SessionConflictException.class);
        assertThat(visibleState()).isEqualTo(before);
    }

    @Test
    @DisplayName("the same event id from 8 threads at once stores one event, and every thread gets it")
    void idempotentUnderRace() throws Exception {
        Session session = newSession();
        AddEventOptions options = AddEventOptions.builder("agent").eventId("once").content("exactly once")
                .stateDelta(Map.of("user:count", 1L)).build();

        List<Event> results = runConcurrently(8, () -> session.addEvent(options));

        List<Event> stored = session.events(EventsOptions.all());
        assertThat(stored).hasSize(1);
        assertThat(results).allSatisfy(event -> assertThat(event).isEqualTo(stored.get(0)));
        assertThat(stored.get(0).id()).isEqualTo("once");
    }
}
