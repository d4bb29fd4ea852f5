package dev.agentsession.conformance;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.agentsession.AddEventOptions;
import dev.agentsession.CreateRequest;
import dev.agentsession.DeleteRequest;
import dev.agentsession.Event;
import dev.agentsession.EventsOptions;
import dev.agentsession.GetRequest;
import dev.agentsession.Limits;
import dev.agentsession.ListRequest;
import dev.agentsession.Session;
import dev.agentsession.SessionConflictException;
import dev.agentsession.SessionNotFoundException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/**
 * State: the session's own keys, the app tier ({@code app:}) and the user tier ({@code user:}),
 * {@code temp:} never stored; deltas committed with their event or not at all.
 */
abstract class StateCases extends ConformanceCases {

    StateCases(SessionServiceConformance kit) {
        super(kit);
    }

    private static AddEventOptions delta(Map<String, ?> delta) {
        return AddEventOptions.builder("agent").content("turn").stateDelta(delta).build();
    }

    /** Everything that holds state, to prove that a refused call changed none of it. */
    private List<Object> allState(Session... sessions) {
        List<Object> state = new java.util.ArrayList<>(visibleState());
        state.add(service.appState(APP));
        state.add(service.userState(APP, USER));
        for (Session session : sessions) {
            service.get(new GetRequest(session.appName(), session.userId(), session.id()))
                    .ifPresent(read -> state.add(read.state() + "@" + read.lastSequence()));
        }
        return state;
    }

    @Test
    @DisplayName("app: keys reach every session of the app, user: keys every session of that user, the rest one session")
    void scopes() {
        Session writer = newSession(APP, USER, "writer");
        Session sameUser = newSession(APP, USER, "same-user");
        Session otherUser = newSession(APP, OTHER_USER, "other-user");
        Session otherApp = newSession(OTHER_APP, USER, "other-app");

        Event event = writer.addEvent(delta(Map.of("own", "mine", "app:theme", "dark", "user:name", "Alice",
                "temp:scratch", 42L)));

        assertThat(reread(writer).state())
                .isEqualTo(Map.of("own", "mine", "app:theme", "dark", "user:name", "Alice"));
        assertThat(reread(sameUser).state()).isEqualTo(Map.of("app:theme", "dark", "user:name", "Alice"));
        assertThat(reread(otherUser).state()).isEqualTo(Map.of("app:theme", "dark"));
        assertThat(reread(otherApp).state()).isEmpty();
        assertThat(service.appState(APP)).isEqualTo(Map.of("theme", "dark"));
        assertThat(service.userState(APP, USER)).isEqualTo(Map.of("name", "Alice"));
        assertThat(service.userState(APP, OTHER_USER)).isEmpty();
        assertThat(service.appState(OTHER_APP)).isEmpty();
        assertThat(event.stateDelta()).isEqualTo(Map.of("own", "mine", "app:theme", "dark", "user:name", "Alice"));
        assertThat(writer.events(EventsOptions.all())).containsExactly(event);
        assertThat(service.list(ListRequest.all(APP, USER))).extracting(Session::state)
                .containsExactlyInAnyOrder(reread(writer).state(), reread(sameUser).state());
    }

    @Test
    @DisplayName("list shows each session's own state, however many sessions it returns")
    void listShowsState() {
        for (int i = 0; i < 120; i++) {
            Session session = newSession(APP, USER, String.format("s%03d", i));
            if (i % 3 == 0) {
                session.addEvent(delta(Map.of("n", (long) i, "user:last", (long) i)));
            }
        }

        List<Session> all = service.list(ListRequest.all(APP, USER));
        assertThat(all).hasSize(120).allSatisfy(session -> {
            int i = Integer.parseInt(session.id().substring(1));
            assertThat(session.state()).isEqualTo(i % 3 == 0 ? Map.of("n", (long) i, "user:last", 117L)
                    : Map.of("user:last", 117L));
            assertThat(session.lastSequence()).isEqualTo(i % 3 == 0 ? 1 : 0);
        });
        Map<String, Map<String, Object>> stateById = new LinkedHashMap<>();
        all.forEach(session -> stateById.put(session.id(), session.state()));
        assertThat(service.list(new ListRequest(APP, USER, 70))).hasSize(70)
                .allSatisfy(session -> assertThat(session.state()).isEqualTo(stateById.get(session.id())));
    }

    @Test
    @DisplayName("create applies its initial state the same way, temp: keys dropped")
    void initialState() {
        Session created = service.create(CreateRequest.builder(APP, USER, AGENT).sessionId("initial")
                .state(Map.of("step", 1L, "app:version", "2", "user:plan", "pro", "temp:x", true)).build());

        Map<String, Object> expected = Map.of("step", 1L, "app:version", "2", "user:plan", "pro");
        assertThat(created.state()).isEqualTo(expected);
        assertThat(created.lastSequence()).isZero();
        assertThat(reread(created).state()).isEqualTo(expected);
        assertThat(service.appState(APP)).isEqualTo(Map.of("version", "2"));
        assertThat(newSession(APP, USER, "sibling").state()).isEqualTo(Map.of("app:version", "2", "user:plan", "pro"));
    }

    @Test
    @DisplayName("a null value removes the key, in every tier; the event keeps the removal")
    void nullRemoves() {
        Session session = newSession();
        session.addEvent(delta(Map.of("a", 1L, "b", 2L, "app:c", 3L, "user:d", 4L)));
        Map<String, Object> removal = new LinkedHashMap<>();
        removal.put("a", null);
        removal.put("app:c", null);
        removal.put("user:d", null);
        removal.put("never-set", null);

        Event event = session.addEvent(delta(removal));

        assertThat(reread(session).state()).isEqualTo(Map.of("b", 2L));
        assertThat(service.appState(APP)).isEmpty();
        assertThat(service.userState(APP, USER)).isEmpty();
        assertThat(event.stateDelta()).isEqualTo(removal);
        assertThat(reread(session).events(EventsOptions.last(1)).get(0).stateDelta()).isEqualTo(removal);
    }

    @Test
    @DisplayName("a delta of many keys in every tier, sets and removals mixed, lands whole with its event")
    void manyKeysInOneDelta() {
        Session session = newSession();
        Map<String, Object> first = new LinkedHashMap<>();
        for (int i = 0; i < 24; i++) {
            first.put("k" + i, (long) i);
            first.put("app:k" + i, "a" + i);
            first.put("user:k" + i, Map.of("n", (long) i));
        }
        session.addEvent(delta(first));
        Map<String, Object> second = new LinkedHashMap<>();
        Map<String, Object> expected = new LinkedHashMap<>();
        for (int i = 0; i < 24; i++) {
            for (String prefix : List.of("", "app:", "user:")) {
                if (i % 3 == 0) {
                    second.put(prefix + "k" + i, null);
                } else {
                    Object value = i % 3 == 1 ? first.get(prefix + "k" + i) : "changed " + i;
                    second.put(prefix + "k" + i, value);
                    expected.put(prefix + "k" + i, value);
                }
            }
        }

        Event event = session.addEvent(delta(second));

        assertThat(reread(session).state()).isEqualTo(expected);
        assertThat(event.sequence()).isEqualTo(2);
        assertThat(service.appState(APP)).hasSize(16).containsEntry("k2", "changed 2").containsEntry("k4", "a4");
    }

    @Test
    @DisplayName("replacing a value near the tier limit with one of the same size is no growth; adding one is refused")
    void replacingIsMeasuredOnce() {
        Session session = newSession();
        String large = "x".repeat(Limits.MAX_STATE_TIER_BYTES * 3 / 5);
        session.addEvent(delta(Map.of("app:big", large, "big", large, "user:big", large)));

        session.addEvent(delta(Map.of("app:big", large.replace('x', 'y'), "big", large.replace('x', 'y'),
                "user:big", large.replace('x', 'y'))));

        assertThat(service.appState(APP)).containsEntry("big", large.replace('x', 'y'));
        for (String key : List.of("app:other", "other", "user:other")) {
            assertThatThrownBy(() -> session.addEvent(delta(Map.of(key, large))))
                    .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("stateDelta")
                    .hasMessageContaining(key.startsWith("app:") ? "app" : key.startsWith("user:") ? "user" : "session");
        }
        assertThat(reread(session).state()).containsOnlyKeys("big", "app:big", "user:big");
        assertThat(reread(session).lastSequence()).isEqualTo(2);
    }

    @Test
    @DisplayName("the later sequence wins per key, and nested values come back by the number rule")
    void laterWinsAndNumbers() {
        Session session = newSession();
        session.addEvent(delta(Map.of("k", "first", "app:k", "first")));
        session.addEvent(delta(Map.of("k", Map.of("int", 7, "float", 0.5f, "list", List.of(1, "two", false)),
                "app:k", List.of(1.0, 2))));

        assertThat(reread(session).state()).isEqualTo(Map.of(
                "k", Map.of("int", 7L, "float", 0.5, "list", List.of(1L, "two", false)),
                "app:k", List.of(1.0, 2L)));
        assertThat(reread(session).lastSequence()).isEqualTo(2);
    }

    @Test
    @DisplayName("keys and text values come back exactly in every tier: quotes, escapes, control and non-BMP characters")
    void textComesBackExactly() {
        Map<String, Object> values = new LinkedHashMap<>();
        values.put("quote\"key", "say \"hi\"");
        values.put("back\\slash", "C:\\temp\\new");
        values.put("lines", "one\ntwo\tthree\r\u0001\u001f");
        values.put("unicode ключ", "é ß 漢字 \u2028 \u2029 😀 \uD83D\uDE00");
        values.put("json-looking", "{\"a\":[1,2]}");
        values.put("slash/", "</script>");
        values.put("empty", "");
        values.put("extremes", List.of(Long.MAX_VALUE, Long.MIN_VALUE, 1.0E-7, -2.5, 123456789.125));
        values.put("nested", Map.of("deep", Map.of("text", "tab\there", "list", List.of())));
        Map<String, Object> delta = new LinkedHashMap<>();
        values.forEach((key, value) -> {
            delta.put(key, value);
            delta.put("app:" + key, value);
            delta.put("user:" + key, value);
        });
        Session session = newSession();
        session.addEvent(delta(delta));

        assertThat(reread(session).state()).isEqualTo(delta);
        assertThat(service.appState(APP)).containsAllEntriesOf(values);
        assertThat(service.userState(APP, USER)).containsAllEntriesOf(values);
    }

    @Test
    @DisplayName("a refused append changes no tier: a conflict, a deleted session, a tier over its limit")
    void refusedAppendsChangeNothing() {
        Session session = newSession();
        session.addEvent(delta(Map.of("app:n", 1L, "user:n", 1L, "n", 1L)));
        Session doomed = newSession(APP, USER, "doomed");
        List<Object> before = allState(session);

        assertThatThrownBy(() -> session.addEvent(AddEventOptions.builder("agent").expectedLastSequence(0)
                .stateDelta(Map.of("app:n", 2L, "user:n", 2L, "n", 2L)).build()))
                .isInstanceOf(SessionConflictException.class);
        assertThat(allState(session)).isEqualTo(before);
        String half = "x".repeat(Limits.MAX_STATE_TIER_BYTES / 2 + 10);
        session.addEvent(delta(Map.of("app:big", half)));
        List<Object> withBig = allState(session);
        assertThatThrownBy(() -> session.addEvent(delta(Map.of("app:bigger", half, "user:n", 3L))))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("stateDelta");
        assertThat(allState(session)).isEqualTo(withBig);

        service.delete(new DeleteRequest(APP, USER, doomed.id()));
        List<Object> afterDelete = allState(session);
        assertThatThrownBy(() -> doomed.addEvent(delta(Map.of("app:n", 9L, "user:n", 9L))))
                .isInstanceOf(SessionNotFoundException.class);
        assertThat(allState(session)).isEqualTo(afterDelete);
    }

    @Test
    @DisplayName("deleteUser erases the user's sessions, events and tier; delete and cleanup leave the tiers alone")
    void erasure() throws Exception {
        Session first = newSession(APP, USER, "first");
        first.addEvent(delta(Map.of("app:shared", "kept", "user:private", "secret", "own", 1L)));
        Session second = newSession(APP, USER, "second");
        Session bobs = newSession(APP, OTHER_USER, "bobs");
        bobs.addEvent(delta(Map.of("user:private", "bob's")));

        assertThat(service.delete(new DeleteRequest(APP, USER, second.id()))).isTrue();
        assertThat(service.deleteSessionsUpdatedBefore(cutoffAfter(reread(bobs).updatedAt()), APP, USER)).isEqualTo(1);
        assertThat(service.userState(APP, USER)).isEqualTo(Map.of("private", "secret"));
        assertThat(service.appState(APP)).isEqualTo(Map.of("shared", "kept"));

        Session third = newSession(APP, USER, "third");
        Session fourth = newSession(APP, USER, "fourth");
        fourth.addEvent(delta(Map.of("user:more", 2L)));
        assertThat(service.deleteUser(APP, USER)).isEqualTo(2);

        assertThat(service.list(ListRequest.all(APP, USER))).isEmpty();
        assertThat(service.get(new GetRequest(APP, USER, third.id()))).isEmpty();
        assertThat(fourth.events(EventsOptions.all())).isEmpty();
        assertThatThrownBy(() -> fourth.addEvent(AddEventOptions.of("user", "late")))
                .isInstanceOf(SessionNotFoundException.class);
        assertThat(service.userState(APP, USER)).isEmpty();
        assertThat(service.appState(APP)).isEqualTo(Map.of("shared", "kept"));
        assertThat(service.userState(APP, OTHER_USER)).isEqualTo(Map.of("private", "bob's"));
        assertThat(reread(bobs).state()).isEqualTo(Map.of("app:shared", "kept", "user:private", "bob's"));
        assertThat(service.deleteUser(APP, USER)).isZero();
        assertThat(newSession(APP, USER, "first").state()).isEqualTo(Map.of("app:shared", "kept"));
    }

    @Test
    @DisplayName("(reopen) state is there after close and reopen")
    void stateSurvivesReopen() throws Exception {
        requireCapability(Capability.REOPEN);
        Session session = newSession(APP, USER, "durable-state");
        session.addEvent(delta(Map.of("own", List.of(1L, "a"), "app:a", true, "user:u", Map.of("x", 1.5))));
        Map<String, Object> before = reread(session).state();
        service.close();

        reopenStore();

        assertThat(reread(session).state()).isEqualTo(before).containsEntry("app:a", true);
        assertThat(service.appState(APP)).isEqualTo(Map.of("a", true));
    }
}
