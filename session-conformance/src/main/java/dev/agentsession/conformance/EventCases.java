package dev.agentsession.conformance;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowable;
import static org.assertj.core.api.Assertions.tuple;

import dev.agentsession.Action;
import dev.agentsession.AddEventOptions;
import dev.agentsession.DeleteRequest;
import dev.agentsession.Event;
import dev.agentsession.EventsOptions;
import dev.agentsession.ListRequest;
import dev.agentsession.Session;
import dev.agentsession.SessionNotFoundException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/**
 * Events: every field, order, limits, streams and appends to deleted sessions.
 */
abstract class EventCases extends ConformanceCases {

    EventCases(SessionServiceConformance kit) {
        super(kit);
    }

    private AddEventOptions fullEvent() {
        Map<String, Object> output = new LinkedHashMap<>();
        output.put("temperature", 21.5);
        output.put("unit", "°C");
        output.put("sources", List.of("met", "noaa"));
        output.put("missing", null);
        return AddEventOptions.builder("weather-agent")
                .content("It is 21.5 °C in 東京 ☀️")
                .reasoning("The user asked for the weather; I called the tool.")
                .action(Action.of("get_weather", Map.of("city", "Tokyo",
                        "options", Map.of("units", "metric", "days", List.of(1L, 2L))), output))
                .action(Action.of("log", Map.of()))
                .invocationId("inv-1")
                .agentId("weather-agent")
                .branch("root.weather")
                .longRunningToolIds(List.of("call-9", "call-2", "call-5"))
                .metadata(Map.of("model", "m-1", "tokens", 345L, "cached", false))
                .build();
    }

    @Test
    @DisplayName("every field round-trips")
    void everyFieldRoundTrips() {
        Session session = newSession();
        AddEventOptions options = fullEvent();

        Event written = session.addEvent(options);

        assertThat(written.sessionId()).isEqualTo(session.id());
        assertThat(written.sequence()).isEqualTo(1);
        assertThat(written.author()).isEqualTo(options.author());
        assertThat(written.content()).isEqualTo(options.content());
        assertThat(written.reasoning()).isEqualTo(options.reasoning());
        assertThat(written.actions()).isEqualTo(options.actions());
        assertThat(written.invocationId()).isEqualTo("inv-1");
        assertThat(written.agentId()).isEqualTo("weather-agent");
        assertThat(written.branch()).isEqualTo("root.weather");
        assertThat(written.longRunningToolIds()).containsExactly("call-9", "call-2", "call-5");
        assertThat(written.metadata()).isEqualTo(options.metadata());
        assertThat(reread(session).events(EventsOptions.all())).containsExactly(written);
    }

    @Test
    @DisplayName("an action's output may be a string, map, list, number, boolean or null")
    void actionOutputsOfEveryShape() {
        Session session = newSession();
        List<Action> actions = List.of(
                Action.of("text", Map.of(), "plain text"),
                Action.of("object", Map.of(), Map.of("ok", true)),
                Action.of("array", Map.of(), List.of(1L, "x", Map.of())),
                Action.of("integer", Map.of(), 12L),
                Action.of("fraction", Map.of(), -0.5),
                Action.of("boolean", Map.of(), false),
                Action.of("nothing", Map.of(), null));

        Event written = session.addEvent(AddEventOptions.builder("agent").actions(actions).build());

        assertThat(written.actions()).isEqualTo(actions);
        assertThat(session.events(EventsOptions.all()).get(0).actions()).isEqualTo(actions);
    }

    @Test
    @DisplayName("null optional text reads back as null, null lists and maps as empty ones")
    void nullsAndEmpties() {
        Session session = newSession();
        session.addEvent(AddEventOptions.builder("user").build());

        Event read = session.events(EventsOptions.all()).get(0);
        assertThat(read.content()).isNull();
        assertThat(read.reasoning()).isNull();
        assertThat(read.invocationId()).isNull();
        assertThat(read.agentId()).isNull();
        assertThat(read.branch()).isNull();
        assertThat(read.actions()).isNotNull().isEmpty();
        assertThat(read.longRunningToolIds()).isNotNull().isEmpty();
        assertThat(read.metadata()).isNotNull().isEmpty();
    }

    @Test
    @DisplayName("an empty string is kept as an empty string, not turned into null")
    void emptyStringIsNotNull() {
        Session session = newSession();
        session.addEvent(AddEventOptions.builder("user").content("").reasoning("").build());

        Event read = session.events(EventsOptions.all()).get(0);
        assertThat(read.content()).isEmpty();
        assertThat(read.reasoning()).isEmpty();
    }

    @Test
    @DisplayName("event ids are generated, distinct and URL-safe, and sequences run 1..n")
    void idsAndSequences() {
        Session session = newSession();
        List<Event> events = append(session, 25);

        assertThat(events).extracting(Event::id).doesNotHaveDuplicates()
                .allSatisfy(id -> assertThat(id).hasSizeLessThanOrEqualTo(64).matches(URL_SAFE));
        assertThat(sequences(events)).isEqualTo(range(1, 25));
        assertThat(session.events(EventsOptions.all())).isEqualTo(events);
    }

    @Test
    @DisplayName("createdAt never decreases along the sequence and is not before the session's")
    void createdAtNeverDecreases() {
        Session session = newSession();
        List<Event> events = append(session, 50);

        assertThat(events.get(0).createdAt()).isAfterOrEqualTo(session.createdAt());
        assertThat(events).extracting(Event::createdAt).isSorted();
    }

    @Test
    @DisplayName("addEvent sets the session's updatedAt to the event's createdAt, seen by get and list")
    void addEventSetsUpdatedAt() {
        Session session = newSession();
        Event event = session.addEvent(AddEventOptions.of("user", "hi"));

        assertThat(reread(session).updatedAt()).isEqualTo(event.createdAt());
        assertThat(reread(session).createdAt()).isEqualTo(session.createdAt());
        assertThat(service.list(ListRequest.all(APP, USER)).get(0).updatedAt()).isEqualTo(event.createdAt());
    }

    @Test
    @DisplayName("events() returns every event in sequence order")
    void allEvents() {
        Session session = newSession();
        List<Event> written = append(session, 10);
        assertThat(session.events(EventsOptions.all())).isEqualTo(written);
        assertThat(session.events(EventsOptions.last(0))).isEqualTo(written);
    }

    @Test
    @DisplayName("limit N gives the last N events, oldest first")
    void lastN() {
        Session session = newSession();
        List<Event> written = append(session, 10);
        assertThat(session.events(EventsOptions.last(3))).isEqualTo(written.subList(7, 10));
        assertThat(session.events(EventsOptions.last(1))).isEqualTo(written.subList(9, 10));
    }

    @Test
    @DisplayName("a limit above the count gives every event")
    void limitAboveCount() {
        Session session = newSession();
        List<Event> written = append(session, 4);
        assertThat(session.events(EventsOptions.last(100))).isEqualTo(written);
    }

    @Test
    @DisplayName("afterSequence alone gives the events after it")
    void afterSequenceAlone() {
        Session session = newSession();
        List<Event> written = append(session, 10);
        assertThat(session.events(EventsOptions.after(6))).isEqualTo(written.subList(6, 10));
        assertThat(session.events(EventsOptions.after(10))).isEmpty();
        assertThat(session.events(EventsOptions.after(99))).isEmpty();
    }

    @Test
    @DisplayName("afterSequence filters first, then limit keeps the most recent of the rest")
    void afterSequenceWithLimit() {
        Session session = newSession();
        List<Event> written = append(session, 10);
        assertThat(session.events(new EventsOptions(2, 4))).isEqualTo(written.subList(8, 10));
        assertThat(session.events(new EventsOptions(20, 7))).isEqualTo(written.subList(7, 10));
    }

    @Test
    @DisplayName("a new session has no events")
    void newSessionHasNoEvents() {
        Session session = newSession();
        assertThat(session.events(EventsOptions.all())).isEmpty();
        assertThat(session.events(EventsOptions.last(5))).isEmpty();
        assertThat(session.streamEvents(0)).isEmpty();
    }

    @Test
    @DisplayName("addEvent on a deleted session throws SessionNotFoundException and writes nothing")
    void addEventOnDeletedSession() {
        Session session = newSession(APP, USER, "gone");
        append(session, 2);
        service.delete(new DeleteRequest(APP, USER, "gone"));
        List<String> before = visibleState();

        Throwable thrown = catchThrowable(() -> session.addEvent(AddEventOptions.of("user", "hello?")));

        assertThat(thrown).isInstanceOf(SessionNotFoundException.class).hasMessageContaining("gone");
        assertThat(((SessionNotFoundException) thrown).sessionId()).isEqualTo("gone");
        assertThat(visibleState()).isEqualTo(before);
        assertThat(session.events(EventsOptions.all())).isEmpty();
    }

    @Test
    @DisplayName("events of one session never appear in another")
    void eventsStayInTheirSession() {
        Session first = newSession();
        Session second = newSession();
        first.addEvent(AddEventOptions.of("user", "first"));
        second.addEvent(AddEventOptions.of("user", "second"));

        assertThat(first.events(EventsOptions.all())).extracting(Event::content).containsExactly("first");
        assertThat(second.events(EventsOptions.all())).extracting(Event::content, Event::sequence)
                .containsExactly(tuple("second", 1L));
    }

    @Test
    @DisplayName("returned events are unmodifiable")
    void eventsAreUnmodifiable() {
        Session session = newSession();
        session.addEvent(fullEvent());
        List<Event> events = session.events(EventsOptions.all());
        Event event = events.get(0);

        assertThatThrownBy(() -> events.add(event)).isInstanceOf(UnsupportedOperationException.class);
        assertThatThrownBy(() -> event.actions().clear()).isInstanceOf(UnsupportedOperationException.class);
        assertThatThrownBy(() -> event.longRunningToolIds().add("x"))
                .isInstanceOf(UnsupportedOperationException.class);
        assertThatThrownBy(() -> event.metadata().put("x", 1L))
                .isInstanceOf(UnsupportedOperationException.class);
        assertThatThrownBy(() -> event.actions().get(0).input().put("x", 1L))
                .isInstanceOf(UnsupportedOperationException.class);
    }

    @Test
    @DisplayName("changing the caller's lists and maps after addEvent changes nothing stored")
    void callerCollectionsAreCopied() {
        Session session = newSession();
        Map<String, Object> input = new HashMap<>(Map.of("q", "tea"));
        List<String> toolIds = new ArrayList<>(List.of("t1"));
        Map<String, Object> metadata = new HashMap<>(Map.of("k", "v"));
        Event written = session.addEvent(AddEventOptions.builder("user")
                .action(new Action("search", input, null))
                .longRunningToolIds(toolIds).metadata(metadata).build());

        input.put("q", "coffee");
        toolIds.add("t2");
        metadata.put("k", "changed");

        Event read = session.events(EventsOptions.all()).get(0);
        assertThat(read).isEqualTo(written);
        assertThat(read.actions().get(0).input()).isEqualTo(Map.of("q", "tea"));
        assertThat(read.longRunningToolIds()).containsExactly("t1");
        assertThat(read.metadata()).isEqualTo(Map.of("k", "v"));
    }

    @Test
    @DisplayName("streamEvents reads every later event in order, across many pages")
    void streamEventsAcrossPages() {
        Session session = newSession();
        List<Event> written = append(session, 1_201);

        try (Stream<Event> stream = session.streamEvents(0)) {
            assertThat(stream.collect(Collectors.toList())).isEqualTo(written);
        }
        try (Stream<Event> stream = session.streamEvents(1_000)) {
            assertThat(sequences(stream.collect(Collectors.toList()))).isEqualTo(range(1_001, 1_201));
        }
        assertThat(session.streamEvents(1_201)).isEmpty();
    }

    @Test
    @DisplayName("streamEvents is lazy: a short read stops early")
    void streamEventsIsLazy() {
        Session session = newSession();
        append(session, 30);
        try (Stream<Event> stream = session.streamEvents(5)) {
            assertThat(stream.limit(3).map(Event::sequence)).containsExactly(6L, 7L, 8L);
        }
    }
}
