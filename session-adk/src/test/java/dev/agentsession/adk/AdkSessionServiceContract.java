package dev.agentsession.adk;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.google.adk.JsonBaseModel;
import com.google.adk.events.Event;
import com.google.adk.events.EventActions;
import com.google.adk.events.ToolConfirmation;
import com.google.adk.sessions.GetSessionConfig;
import com.google.adk.sessions.ListEventsResponse;
import com.google.adk.sessions.ListSessionsResponse;
import com.google.adk.sessions.Session;
import com.google.adk.sessions.SessionException;
import com.google.adk.sessions.SessionNotFoundException;
import com.google.adk.sessions.State;
import com.google.genai.types.Content;
import com.google.genai.types.CustomMetadata;
import com.google.genai.types.FinishReason;
import com.google.genai.types.FunctionCall;
import com.google.genai.types.FunctionResponse;
import com.google.genai.types.GenerateContentResponseUsageMetadata;
import com.google.genai.types.GroundingMetadata;
import com.google.genai.types.Part;
import dev.agentsession.Action;
import dev.agentsession.AddEventOptions;
import dev.agentsession.DeleteRequest;
import dev.agentsession.EventsOptions;
import dev.agentsession.GetRequest;
import dev.agentsession.Limits;
import dev.agentsession.ListRequest;
import dev.agentsession.SessionConflictException;
import dev.agentsession.SessionService;
import io.reactivex.rxjava3.core.Maybe;
import io.reactivex.rxjava3.core.Single;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/**
 * The ADK session service on one backend: every case of ADK's own {@code InMemorySessionServiceTest}
 * (1.8.0) under its own name, then what a database-backed service adds.
 */
abstract class AdkSessionServiceContract {

    SessionService store;
    RecordingStore recorded;
    AdkSessionService sessionService;

    /** @return a new, empty store */
    abstract SessionService openStore() throws Exception;

    @BeforeEach
    void open() throws Exception {
        store = openStore();
        recorded = new RecordingStore(store);
        sessionService = AdkSessionService.over(recorded);
    }

    @AfterEach
    void close() {
        store.close();
    }

    // ------------------------------------------------------------ ADK's InMemorySessionServiceTest

    @Test
    @DisplayName("lifecycle_noSession: an unknown session is absent, lists nothing and has no events")
    void lifecycle_noSession() {
        assertThat(sessionService.getSession("app-name", "user-id", "session-id", Optional.empty()).blockingGet())
                .isNull();
        assertThat(sessionService.listSessions("app-name", "user-id").blockingGet().sessions()).isEmpty();
        assertThat(sessionService.listEvents("app-name", "user-id", "session-id").blockingGet().events()).isEmpty();
    }

    @Test
    @DisplayName("lifecycle_createSession: a new session has an id, its scope and an empty state")
    void lifecycle_createSession() {
        Session session = sessionService.createSession("app-name", "user-id").blockingGet();

        assertThat(session.id()).isNotBlank();
        assertThat(session.appName()).isEqualTo("app-name");
        assertThat(session.userId()).isEqualTo("user-id");
        assertThat(session.state()).isEmpty();
        assertThat(session.events()).isEmpty();
    }

    @Test
    @DisplayName("lifecycle_getSession: a created session is read back by its id")
    void lifecycle_getSession() {
        Session session = sessionService.createSession("app-name", "user-id").blockingGet();

        Session retrieved = sessionService.getSession(session.appName(), session.userId(), session.id(),
                Optional.empty()).blockingGet();

        assertThat(retrieved).isNotNull();
        assertThat(retrieved.id()).isEqualTo(session.id());
        assertThat(retrieved.lastUpdateTime()).isEqualTo(session.lastUpdateTime());
    }

    @Test
    @DisplayName("lifecycle_listSessions: listed sessions carry their merged state and no events; temp: keys are not kept")
    void lifecycle_listSessions() {
        Session session = sessionService.createSession("app-name", "user-id", new HashMap<>(), "session-1")
                .blockingGet();
        sessionService.appendEvent(session, event(delta(Map.of("sessionKey", "sessionValue", "app:appKey", "appValue",
                "user:userKey", "userValue", "temp:tempKey", "tempValue")))).blockingGet();

        ListSessionsResponse response = sessionService.listSessions(session.appName(), session.userId()).blockingGet();

        assertThat(response.sessions()).hasSize(1);
        Session listed = response.sessions().get(0);
        assertThat(listed.id()).isEqualTo(session.id());
        assertThat(listed.events()).isEmpty();
        assertThat(listed.state()).containsExactlyInAnyOrderEntriesOf(Map.of("sessionKey", "sessionValue",
                "app:appKey", "appValue", "user:userKey", "userValue"));
    }

    @Test
    @DisplayName("lifecycle_deleteSession: a deleted session is gone")
    void lifecycle_deleteSession() {
        Session session = sessionService.createSession("app-name", "user-id").blockingGet();

        sessionService.deleteSession(session.appName(), session.userId(), session.id()).blockingAwait();

        assertThat(sessionService.getSession(session.appName(), session.userId(), session.id(), Optional.empty())
                .blockingGet()).isNull();
        assertThat(store.get(new GetRequest("app-name", "user-id", session.id()))).isEmpty();
    }

    @Test
    @DisplayName("appendEvent_updatesSessionState: the delta reaches the object in hand and the store, tier by tier")
    void appendEvent_updatesSessionState() {
        Session session = sessionService.createSession("app", "user", new HashMap<>(), "session1").blockingGet();

        sessionService.appendEvent(session, event(delta(Map.of("sessionKey", "sessionValue", "app:appKey", "appValue",
                "user:userKey", "userValue", "temp:tempKey", "tempValue")))).blockingGet();

        assertThat(session.state()).containsEntry("sessionKey", "sessionValue")
                .containsEntry("app:appKey", "appValue")
                .containsEntry("user:userKey", "userValue")
                .containsEntry("temp:tempKey", "tempValue");
        Session retrieved = reread(session);
        assertThat(retrieved.state()).containsExactlyInAnyOrderEntriesOf(Map.of("sessionKey", "sessionValue",
                "app:appKey", "appValue", "user:userKey", "userValue"));
        assertThat(store.appState("app")).isEqualTo(Map.of("appKey", "appValue"));
        assertThat(store.userState("app", "user")).isEqualTo(Map.of("userKey", "userValue"));
    }

    @Test
    @DisplayName("appendEvent_removesState: State.REMOVED removes a key from every tier")
    void appendEvent_removesState() {
        Session session = sessionService.createSession("app", "user", new HashMap<>(), "session1").blockingGet();
        sessionService.appendEvent(session, event(delta(Map.of("sessionKey", "sessionValue", "app:appKey", "appValue",
                "user:userKey", "userValue", "temp:tempKey", "tempValue")))).blockingGet();
        assertThat(reread(session).state()).containsKeys("sessionKey", "app:appKey", "user:userKey");

        sessionService.appendEvent(session, event(delta(Map.of("sessionKey", State.REMOVED, "app:appKey", State.REMOVED,
                "user:userKey", State.REMOVED, "temp:tempKey", State.REMOVED)))).blockingGet();

        Session retrieved = reread(session);
        assertThat(retrieved.state()).isEmpty();
        assertThat(session.state()).doesNotContainKeys("sessionKey", "app:appKey", "user:userKey", "temp:tempKey");
        assertThat(store.appState("app")).isEmpty();
        assertThat(store.userState("app", "user")).isEmpty();
    }

    @Test
    @DisplayName("appendEvent_updatesSessionTimestampWithFractionalSeconds: the last update time keeps its fraction,"
            + " and the event its own millisecond timestamp")
    void appendEvent_updatesSessionTimestampWithFractionalSeconds() {
        Session session = sessionService.createSession("app", "user", new HashMap<>(), "session1").blockingGet();

        Event appended = Event.builder().id(Event.generateEventId()).author("user").timestamp(5500).build();
        sessionService.appendEvent(session, appended).blockingGet();

        Session retrieved = reread(session);
        Instant stored = store.get(new GetRequest("app", "user", "session1")).orElseThrow().updatedAt();
        // As in ADK-Python's database service, the last update time is the store's commit time (microseconds),
        // not the event's own timestamp, which is kept on the event.
        assertThat(retrieved.lastUpdateTime()).isEqualTo(stored).isEqualTo(session.lastUpdateTime());
        assertThat(retrieved.events()).singleElement().extracting(Event::timestamp).isEqualTo(5500L);
        assertThat(Instant.ofEpochMilli(retrieved.events().get(0).timestamp()))
                .isEqualTo(Instant.ofEpochSecond(5, 500_000_000L));
    }

    @Test
    @DisplayName("sequentialAgents_shareTempState: temp: keys pass between agents through the session in hand,"
            + " and are never stored")
    void sequentialAgents_shareTempState() {
        Session session = sessionService.createSession("app", "user", new HashMap<>(), "session1").blockingGet();

        sessionService.appendEvent(session, event(delta(Map.of("temp:agent1_output", "data")))).blockingGet();
        assertThat(session.state()).containsEntry("temp:agent1_output", "data");

        sessionService.appendEvent(session, event(delta(Map.of("temp:agent2_output", "processed_data",
                "temp:agent1_output", State.REMOVED)))).blockingGet();

        assertThat(session.state()).doesNotContainKey("temp:agent1_output")
                .containsEntry("temp:agent2_output", "processed_data");
        Session retrieved = reread(session);
        assertThat(retrieved.state()).doesNotContainKeys("temp:agent1_output", "temp:agent2_output");
        assertThat(retrieved.events()).allSatisfy(e -> assertThat(e.actions().stateDelta()).isEmpty());
    }

    /** A live object of one invocation (a client, a request context), which JSON cannot write. */
    static final class LiveClient {
    }

    @Test
    @DisplayName("a temp: value may be any object of any size under any key: never written as JSON, never counted,"
            + " and the delta's other keys are stored")
    void tempValuesAreNeverSerialised() {
        Session session = sessionService.createSession("app", "user", new HashMap<>(), "live").blockingGet();
        LiveClient client = new LiveClient();
        String huge = "x".repeat(Limits.MAX_EVENT_BYTES + 1);
        String longKey = "temp:" + "k".repeat(Limits.MAX_NAME_LENGTH + 1);

        sessionService.appendEvent(session, event(delta(Map.of("temp:client", client, "temp:huge", huge, longKey, 1,
                "city", "Kyoto", "user:visits", 1)))).blockingGet();

        assertThat(session.state()).containsEntry("temp:client", client).containsEntry("city", "Kyoto");
        Session retrieved = reread(session);
        assertThat(retrieved.state()).containsEntry("city", "Kyoto").containsEntry("user:visits", 1)
                .doesNotContainKeys("temp:client", "temp:huge", longKey);
        assertThat(retrieved.events()).singleElement().satisfies(stored ->
                assertThat(stored.actions().stateDelta()).isEqualTo(Map.of("city", "Kyoto", "user:visits", 1)));
    }

    @Test
    @DisplayName("deleteSession_cleansUpEmptyParentMaps: deleting a user's only session leaves nothing of it behind")
    void deleteSession_cleansUpEmptyParentMaps() {
        Session session = sessionService.createSession("app-name", "user-id").blockingGet();
        sessionService.appendEvent(session, event(delta(Map.of("k", "v")))).blockingGet();

        sessionService.deleteSession(session.appName(), session.userId(), session.id()).blockingAwait();

        assertThat(store.list(ListRequest.all("app-name", "user-id"))).isEmpty();
        assertThat(sessionService.listSessions("app-name", "user-id").blockingGet().sessions()).isEmpty();
        assertThat(sessionService.listEvents("app-name", "user-id", session.id()).blockingGet().events()).isEmpty();
    }

    @Test
    @DisplayName("deleteSession_doesNotRemoveUserMapWhenOtherSessionsExist: the user's other sessions stay")
    void deleteSession_doesNotRemoveUserMapWhenOtherSessionsExist() {
        Session first = sessionService.createSession("app-name", "user-id").blockingGet();
        Session second = sessionService.createSession("app-name", "user-id").blockingGet();

        sessionService.deleteSession(first.appName(), first.userId(), first.id()).blockingAwait();

        assertThat(reread(second)).isNotNull();
        assertThat(sessionService.listSessions("app-name", "user-id").blockingGet().sessionIds())
                .containsExactly(second.id());
    }

    @Test
    @DisplayName("getSession_numRecentEventsAndAfterTimestamp_appliesBothFilters: both filters compose")
    void getSession_numRecentEventsAndAfterTimestamp_appliesBothFilters() {
        Session session = sessionService.createSession("app", "user").blockingGet();
        for (long ts : new long[] {100, 200, 300, 400, 500}) {
            sessionService.appendEvent(session, Event.builder().author("agent").timestamp(ts).build()).blockingGet();
        }
        GetSessionConfig config = GetSessionConfig.builder()
                .numRecentEvents(4)
                .afterTimestamp(Instant.ofEpochMilli(300))
                .build();

        Session retrieved = sessionService.getSession("app", "user", session.id(), Optional.of(config)).blockingGet();

        assertThat(retrieved.events()).extracting(Event::timestamp).containsExactly(300L, 400L, 500L);
    }

    // ------------------------------------------------------------ what a database-backed service adds

    @Test
    @DisplayName("an event comes back equal to the one appended, field by field, from getSession and listEvents")
    void eventsAreLossless() {
        Session session = sessionService.createSession("app", "user", Map.of("seen", 1), "rich").blockingGet();
        Event call = richEvent();
        Event response = toolResponse();

        sessionService.appendEvent(session, call).blockingGet();
        sessionService.appendEvent(session, response).blockingGet();

        List<Event> read = reread(session).events();
        List<Event> listed = sessionService.listEvents("app", "user", "rich").blockingGet().events();
        for (List<Event> events : List.of(read, listed, session.events())) {
            assertThat(events).containsExactly(call, response);
            assertThat(events).extracting(AdkSessionServiceContract::json).containsExactly(json(call), json(response));
        }
    }

    @Test
    @DisplayName("inline bytes and thought signatures come back byte for byte")
    void bytesAreLossless() {
        Session session = sessionService.createSession("app", "user").blockingGet();
        Event event = Event.builder().id(Event.generateEventId()).author("user").content(Content.builder().role("user")
                .parts(List.of(Part.fromText("see the picture"), Part.fromBytes(new byte[] {0, 1, 2, (byte) 255}, "image/png"),
                        Part.builder().text("hmm").thought(true).thoughtSignature(new byte[] {9, 8, 7}).build()))
                .build()).build();

        sessionService.appendEvent(session, event).blockingGet();

        Event read = reread(session).events().get(0);
        assertThat(json(read)).isEqualTo(json(event));
        assertThat(read.content().orElseThrow().parts().orElseThrow().get(1).inlineData().orElseThrow().data()
                .orElseThrow()).containsExactly(0, 1, 2, 255);
    }

    @Test
    @DisplayName("the stored conversation is readable without ADK: author, text, reasoning, tool calls with their output")
    void storeIsReadableWithoutAdk() {
        Session session = sessionService.createSession("app", "user", Map.of(), "plain").blockingGet();
        sessionService.appendEvent(session, richEvent()).blockingGet();
        sessionService.appendEvent(session, toolResponse()).blockingGet();

        List<dev.agentsession.Event> stored = store.get(new GetRequest("app", "user", "plain")).orElseThrow()
                .events(EventsOptions.all());

        dev.agentsession.Event call = stored.get(0);
        assertThat(call.id()).isEqualTo(richEvent().id());
        assertThat(call.author()).isEqualTo("weather_agent");
        assertThat(call.content()).isEqualTo("It is sunny in Paris.");
        assertThat(call.reasoning()).isEqualTo("The user wants the weather.");
        assertThat(call.invocationId()).isEqualTo("e-4b1c");
        assertThat(call.branch()).isEqualTo("root.weather_agent");
        assertThat(call.longRunningToolIds()).containsExactly("call-2");
        assertThat(call.actions()).containsExactly(new Action("get_weather", Map.of("city", "Paris"), null));
        assertThat(call.stateDelta()).isEqualTo(Map.of("city", "Paris", "app:units", "metric", "user:name", "Ada",
                "visits", 3L));
        dev.agentsession.Event answer = stored.get(1);
        assertThat(answer.content()).isNull();
        assertThat(answer.actions()).containsExactly(new Action("get_weather", Map.of("city", "Paris"),
                Map.of("forecast", "sunny", "celsius", 24L)));
    }

    @Test
    @DisplayName("numRecentEvents is a last-N read in the store, never the whole history")
    void recentEventsUseLastN() {
        Session session = sessionService.createSession("app", "user").blockingGet();
        List<Event> appended = new ArrayList<>();
        for (int i = 0; i < 30; i++) {
            appended.add(sessionService.appendEvent(session, textEvent("turn " + i)).blockingGet());
        }
        recorded.reads.clear();

        Session retrieved = sessionService.getSession("app", "user", session.id(),
                Optional.of(GetSessionConfig.builder().numRecentEvents(3).build())).blockingGet();

        assertThat(retrieved.events()).containsExactlyElementsOf(appended.subList(27, 30));
        assertThat(recorded.reads).containsExactly(EventsOptions.last(3));
        assertThat(sessionService.getSession("app", "user", session.id(),
                Optional.of(GetSessionConfig.builder().numRecentEvents(0).build())).blockingGet().events()).isEmpty();
    }

    @Test
    @DisplayName("afterTimestamp filters in the store by time, then by ADK's own timestamp")
    void afterTimestampFiltersInTheStore() {
        Session session = sessionService.createSession("app", "user").blockingGet();
        Event early = sessionService.appendEvent(session, textEvent("early")).blockingGet();
        Instant stored = store.get(new GetRequest("app", "user", session.id())).orElseThrow().updatedAt();
        waitPast(stored);
        waitPast(Instant.ofEpochMilli(early.timestamp() + 1));
        Event late = sessionService.appendEvent(session, textEvent("late")).blockingGet();
        recorded.reads.clear();

        Instant threshold = Instant.ofEpochMilli(late.timestamp());
        Session retrieved = sessionService.getSession("app", "user", session.id(),
                Optional.of(GetSessionConfig.builder().afterTimestamp(threshold).build())).blockingGet();

        assertThat(retrieved.events()).containsExactly(late).doesNotContain(early);
        assertThat(recorded.reads).singleElement().satisfies(options -> assertThat(options.notBefore()).isNotNull());
    }

    @Test
    @DisplayName("listEvents pages with its token, oldest first, and a bad token is refused")
    void listEventsPages() {
        AdkSessionService paged = AdkSessionService.builder(store).eventPageSize(4).build();
        Session session = paged.createSession("app", "user").blockingGet();
        List<Event> appended = new ArrayList<>();
        for (int i = 0; i < 10; i++) {
            appended.add(paged.appendEvent(session, textEvent("turn " + i)).blockingGet());
        }

        List<Event> seen = new ArrayList<>();
        List<String> tokens = new ArrayList<>();
        ListEventsResponse page = paged.listEvents("app", "user", session.id(), null).blockingGet();
        seen.addAll(page.events());
        while (page.nextPageToken().isPresent()) {
            tokens.add(page.nextPageToken().get());
            page = paged.listEvents("app", "user", session.id(), page.nextPageToken().get()).blockingGet();
            seen.addAll(page.events());
        }

        assertThat(seen).containsExactlyElementsOf(appended);
        assertThat(tokens).hasSize(2);
        assertThatThrownBy(() -> paged.listEvents("app", "user", session.id(), "x").blockingGet())
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("pageToken");
    }

    @Test
    @DisplayName("listEvents of the interface returns the whole history, read page by page, with no token")
    void listEventsReturnsEverything() {
        AdkSessionService paged = AdkSessionService.builder(store).eventPageSize(4).build();
        Session session = paged.createSession("app", "user").blockingGet();
        List<Event> appended = new ArrayList<>();
        for (int i = 0; i < 10; i++) {
            appended.add(paged.appendEvent(session, textEvent("turn " + i)).blockingGet());
        }

        ListEventsResponse all = paged.listEvents("app", "user", session.id()).blockingGet();

        assertThat(all.events()).containsExactlyElementsOf(appended);
        assertThat(all.nextPageToken()).isEmpty();
        assertThat(paged.listEvents("app", "user", "missing").blockingGet().events()).isEmpty();
    }

    @Test
    @DisplayName("re-appending an event the session already holds writes nothing and leaves the object in hand as it was")
    void reAppendLeavesTheObjectAsItWas() {
        Session session = sessionService.createSession("app", "user", new HashMap<>(), "retry").blockingGet();
        Event first = sessionService.appendEvent(session, event(delta(Map.of("step", 1)))).blockingGet();
        sessionService.appendEvent(session, event(delta(Map.of("step", 2)))).blockingGet();

        Event again = sessionService.appendEvent(session, first).blockingGet();

        assertThat(again).isSameAs(first);
        assertThat(session.events()).hasSize(2);
        assertThat(session.state()).containsEntry("step", 2);
        sessionService.appendEvent(session, event(delta(Map.of("step", 3)))).blockingGet();
        assertThat(session.events()).hasSize(3);
        Session stored = reread(session);
        assertThat(stored.events()).hasSize(3);
        assertThat(stored.state()).containsEntry("step", 3);
    }

    @Test
    @DisplayName("getSession gives events and state of one moment: an append committed between its reads is not in it,"
            + " and the object is stale")
    void getSessionIsOneSnapshot() {
        snapshotCase("whole", Optional.empty(), 3);
        snapshotCase("recent", Optional.of(GetSessionConfig.builder().numRecentEvents(2).build()), 2);
    }

    private void snapshotCase(String sessionId, Optional<GetSessionConfig> config, int expectedEvents) {
        Session session = sessionService.createSession("app", "user", new HashMap<>(), sessionId).blockingGet();
        for (int i = 1; i <= 3; i++) {
            sessionService.appendEvent(session, event(delta(Map.of("step", i)))).blockingGet();
        }
        AdkSessionService other = AdkSessionService.over(store);
        Session elsewhere = other.getSession("app", "user", sessionId, Optional.empty()).blockingGet();
        recorded.beforeNextEventsRead = () -> other.appendEvent(elsewhere, event(delta(Map.of("step", 9))))
                .blockingGet();

        Session read = sessionService.getSession("app", "user", sessionId, config).blockingGet();

        assertThat(read.events()).extracting(e -> e.actions().stateDelta().get("step")).as(sessionId)
                .hasSize(expectedEvents).endsWith(3).doesNotContain(9);
        assertThat(read.state()).containsEntry("step", 3);
        assertThatThrownBy(() -> sessionService.appendEvent(read, event(delta(Map.of("step", 4)))).blockingGet())
                .as(sessionId).isInstanceOf(SessionException.class).hasMessageContaining("stale");
    }

    @Test
    @DisplayName("events without actions, or with content of no parts or an empty list of parts, round-trip and"
            + " never make a session unreadable")
    void eventsWithNothingInThemRoundTrip() {
        Session session = sessionService.createSession("app", "user", new HashMap<>(), "bare").blockingGet();
        Event noActions = Event.builder().id(Event.generateEventId()).author("agent").build();
        noActions.setActions(null);
        Event noParts = Event.builder().id(Event.generateEventId()).author("agent")
                .content(Content.builder().role("model").build()).build();
        Event emptyParts = Event.builder().id(Event.generateEventId()).author("agent")
                .content(Content.builder().role("model").parts(List.of()).build()).build();
        for (Event event : List.of(noActions, noParts, emptyParts)) {
            sessionService.appendEvent(session, event).blockingGet();
        }

        Session read = reread(session);

        assertThat(read.events()).hasSize(3);
        assertThat(read.events().get(1)).isEqualTo(noParts);
        assertThat(read.events().get(2)).isEqualTo(emptyParts);
        assertThat(read.events().get(0).id()).isEqualTo(noActions.id());
        assertThat(read.events().get(0).actions() == null ? Map.of() : read.events().get(0).actions().stateDelta())
                .isEmpty();
        sessionService.appendEvent(read, textEvent("still readable")).blockingGet();
        assertThat(reread(session).events()).hasSize(4);
    }

    @Test
    @DisplayName("a stored event the adapter cannot read is reported with its session and sequence")
    void unreadableEventNamesItsPlace() {
        Session session = sessionService.createSession("app", "user", new HashMap<>(), "damaged").blockingGet();
        store.get(new GetRequest("app", "user", "damaged")).orElseThrow().addEvent(AddEventOptions.builder("agent")
                .metadata(Map.of(AdkEvents.METADATA_KEY, Map.of("format", 1, "event", Map.of("content", "not content",
                        "actions", List.of(1, 2))))).build());

        assertThatThrownBy(() -> sessionService.getSession("app", "user", "damaged", Optional.empty()).blockingGet())
                .isInstanceOf(SessionException.class)
                .hasMessageContaining("event 1 of session 'damaged'");
        assertThat(session.events()).isEmpty();
    }

    @Test
    @DisplayName("a tool call's arguments and a tool result are stored once: a 5 MiB result is kept and reads back equal")
    void toolPayloadsStoredOnce() {
        Session session = sessionService.createSession("app", "user", new HashMap<>(), "large").blockingGet();
        String body = "é".repeat(5 * 1024 * 1024 / 2);
        Event call = Event.builder().id(Event.generateEventId()).author("agent").content(Content.builder().role("model")
                .parts(List.of(Part.builder().functionCall(FunctionCall.builder().id("call-1").name("fetch")
                        .args(Map.of("url", "https://example.org/report")).build()).build())).build()).build();
        Event result = Event.builder().id(Event.generateEventId()).author("agent").content(Content.builder()
                .role("user").parts(List.of(Part.builder().functionResponse(FunctionResponse.builder().id("call-1")
                        .name("fetch").response(Map.of("body", body, "status", 200)).build()).build())).build()).build();

        sessionService.appendEvent(session, call).blockingGet();
        sessionService.appendEvent(session, result).blockingGet();

        assertThat(reread(session).events()).containsExactly(call, result);
        List<dev.agentsession.Event> stored = store.get(new GetRequest("app", "user", "large")).orElseThrow()
                .events(EventsOptions.all());
        assertThat(stored.get(1).actions()).singleElement().satisfies(action -> {
            assertThat(action.input()).isEqualTo(Map.of("url", "https://example.org/report"));
            assertThat(action.output()).isEqualTo(Map.of("body", body, "status", 200L));
        });
        assertThat(stored.get(1).metadata().toString()).hasSizeLessThan(2_000).doesNotContain(body.substring(0, 100));
    }

    @Test
    @DisplayName("an event id the session holds with another payload is refused as such, not as a stale session")
    void idConflictSaysSo() {
        Session session = sessionService.createSession("app", "user", new HashMap<>(), "ids").blockingGet();
        Event first = sessionService.appendEvent(session, textEvent("first")).blockingGet();
        Event sameId = textEvent("other words");
        sameId.setId(first.id());

        assertThatThrownBy(() -> sessionService.appendEvent(session, sameId).blockingGet())
                .isInstanceOf(SessionException.class)
                .hasMessageContaining("already holds an event with id '" + first.id() + "' and another payload")
                .hasMessageNotContaining("stale")
                .hasCauseInstanceOf(SessionConflictException.class);
        assertThat(session.events()).containsExactly(first);
        assertThat(reread(session).events()).containsExactly(first);
    }

    @Test
    @DisplayName("two objects of one session are tracked apart, by identity: an append through one makes the other stale")
    void objectsTrackedByIdentity() {
        sessionService.createSession("app", "user", new HashMap<>(), "twins").blockingGet();
        Session one = sessionService.getSession("app", "user", "twins", Optional.empty()).blockingGet();
        Session two = sessionService.getSession("app", "user", "twins", Optional.empty()).blockingGet();

        sessionService.appendEvent(one, textEvent("through one")).blockingGet();

        assertThatThrownBy(() -> sessionService.appendEvent(two, textEvent("through two")).blockingGet())
                .isInstanceOf(SessionException.class).hasMessageContaining("stale");
        sessionService.appendEvent(one, textEvent("one again")).blockingGet();
        assertThat(reread(one).events()).hasSize(2);
    }

    @Test
    @DisplayName("a Session object built by hand is checked on its first append: current when it ends where the store"
            + " ends, stale otherwise")
    void handBuiltObjectsAreChecked() {
        Session read = sessionService.createSession("app", "user", new HashMap<>(), "by-hand").blockingGet();
        sessionService.appendEvent(read, textEvent("one")).blockingGet();
        sessionService.appendEvent(read, textEvent("two")).blockingGet();

        Session empty = Session.builder("by-hand").appName("app").userId("user").build();
        assertThatThrownBy(() -> sessionService.appendEvent(empty, textEvent("from nowhere")).blockingGet())
                .isInstanceOf(SessionException.class).hasMessageContaining("stale")
                .hasMessageContaining("no event");
        Session behind = Session.builder("by-hand").appName("app").userId("user")
                .events(new ArrayList<>(read.events().subList(0, 1))).build();
        assertThatThrownBy(() -> sessionService.appendEvent(behind, textEvent("late")).blockingGet())
                .isInstanceOf(SessionException.class).hasMessageContaining("stale");
        assertThat(reread(read).events()).hasSize(2);

        Session current = Session.builder("by-hand").appName("app").userId("user")
                .events(new ArrayList<>(read.events())).build();
        sessionService.appendEvent(current, textEvent("three")).blockingGet();
        AdkSessionService unchecked = AdkSessionService.builder(store).staleSessionCheck(false).build();
        unchecked.appendEvent(Session.builder("by-hand").appName("app").userId("user").build(), textEvent("four"))
                .blockingGet();
        assertThat(reread(read).events()).extracting(Event::stringifyContent)
                .containsExactly("one", "two", "three", "four");
    }

    @Test
    @DisplayName("listSessions reads no events, only sessions and their state")
    void listSessionsReadsNoEvents() {
        Session session = sessionService.createSession("app", "user", Map.of("k", "v"), "s1").blockingGet();
        sessionService.appendEvent(session, textEvent("hello")).blockingGet();
        recorded.reads.clear();

        Session listed = sessionService.listSessions("app", "user").blockingGet().sessions().get(0);

        assertThat(new HashMap<>(listed.state())).isEqualTo(Map.of("k", "v"));
        assertThat(listed.events()).isEmpty();
        assertThat(listed.lastUpdateTime()).isEqualTo(session.lastUpdateTime());
        assertThat(recorded.reads).isEmpty();
    }

    @Test
    @DisplayName("appending through a stale session object fails clearly and writes nothing; a fresh one appends")
    void staleSessionsAreRefused() {
        Session session = sessionService.createSession("app", "user", Map.of(), "shared").blockingGet();
        Session first = reread(session);
        Session second = reread(session);
        sessionService.appendEvent(first, textEvent("from the first")).blockingGet();
        sessionService.appendEvent(first, textEvent("first again")).blockingGet();

        assertThatThrownBy(() -> sessionService.appendEvent(second, textEvent("from the second")).blockingGet())
                .isInstanceOf(SessionException.class)
                .hasMessageContaining("stale")
                .hasCauseInstanceOf(SessionConflictException.class);
        assertThat(second.events()).isEmpty();

        Session fresh = reread(session);
        sessionService.appendEvent(fresh, textEvent("from a fresh read")).blockingGet();
        assertThat(reread(session).events()).extracting(AdkSessionServiceContract::text)
                .containsExactly("from the first", "first again", "from a fresh read");
    }

    @Test
    @DisplayName("without the stale check, two stale objects both append, in order of arrival")
    void staleCheckCanBeTurnedOff() {
        AdkSessionService lenient = AdkSessionService.builder(store).staleSessionCheck(false).build();
        Session session = lenient.createSession("app", "user").blockingGet();
        Session first = lenient.getSession("app", "user", session.id(), Optional.empty()).blockingGet();
        Session second = lenient.getSession("app", "user", session.id(), Optional.empty()).blockingGet();

        lenient.appendEvent(first, textEvent("one")).blockingGet();
        lenient.appendEvent(second, textEvent("two")).blockingGet();

        assertThat(reread(session).events()).extracting(AdkSessionServiceContract::text).containsExactly("one", "two");
    }

    @Test
    @DisplayName("an event appended twice (a retry) is stored once; another event under its id is refused")
    void duplicateIds() {
        Session session = sessionService.createSession("app", "user").blockingGet();
        Event event = textEvent("once");
        sessionService.appendEvent(session, event).blockingGet();
        Session other = reread(session);

        sessionService.appendEvent(other, event).blockingGet();
        Event impostor = textEvent("something else");
        impostor.setId(event.id());

        assertThatThrownBy(() -> sessionService.appendEvent(reread(session), impostor).blockingGet())
                .isInstanceOf(SessionException.class)
                .hasCauseInstanceOf(SessionConflictException.class);
        assertThat(reread(session).events()).containsExactly(event);
    }

    @Test
    @DisplayName("partial events are not stored; an event without an id is given one")
    void partialAndIdless() {
        Session session = sessionService.createSession("app", "user").blockingGet();
        Event partial = Event.builder().id(Event.generateEventId()).author("agent").partial(true)
                .content(Content.fromParts(Part.fromText("Hel"))).build();
        Event idless = Event.builder().author("agent").content(Content.fromParts(Part.fromText("Hello"))).build();

        assertThat(sessionService.appendEvent(session, partial).blockingGet()).isSameAs(partial);
        assertThat(sessionService.appendEvent(session, idless).blockingGet()).isSameAs(idless);

        assertThat(idless.id()).isNotBlank();
        assertThat(session.events()).containsExactly(idless);
        assertThat(reread(session).events()).containsExactly(idless);
    }

    @Test
    @DisplayName("the work is done when a method is called, once: an ignored result loses nothing, a second subscription repeats nothing")
    void doneWhenCalledOnce() {
        Single<Session> create = sessionService.createSession("app", "user", Map.of(), null);
        assertThat(store.list(ListRequest.all("app", "user"))).hasSize(1);
        assertThat(create.blockingGet().id()).isEqualTo(create.blockingGet().id());
        assertThat(store.list(ListRequest.all("app", "user"))).hasSize(1);

        Session session = create.blockingGet();
        sessionService.appendEvent(session, textEvent("never subscribed"));
        assertThat(reread(session).events()).extracting(Event::stringifyContent).containsExactly("never subscribed");
        Single<Event> append = sessionService.appendEvent(session, textEvent("subscribed twice"));
        append.blockingGet();
        append.blockingGet();
        assertThat(reread(session).events()).hasSize(2);
        assertThat(session.events()).hasSize(2);

        Maybe<Session> get = sessionService.getSession("app", "user", "missing", Optional.empty());
        sessionService.createSession("app", "user", Map.of(), "missing").blockingGet();
        assertThat(get.blockingGet()).as("read when called, before the session was made").isNull();
    }

    @Test
    @DisplayName("appending to a deleted session is ADK's SessionNotFoundException, with the store's as its cause")
    void appendToDeletedSession() {
        Session session = sessionService.createSession("app", "user").blockingGet();
        store.delete(new DeleteRequest("app", "user", session.id()));

        assertThatThrownBy(() -> sessionService.appendEvent(session, textEvent("too late")).blockingGet())
                .isInstanceOf(SessionNotFoundException.class)
                .hasMessageContaining(session.id())
                .hasCauseInstanceOf(dev.agentsession.SessionNotFoundException.class);
    }

    @Test
    @DisplayName("a session of another user or app stays invisible")
    void scopes() {
        Session session = sessionService.createSession("app", "alice", Map.of("user:tz", "CET"), "private").blockingGet();
        sessionService.appendEvent(session, textEvent("secret")).blockingGet();

        assertThat(sessionService.getSession("app", "bob", "private", Optional.empty()).blockingGet()).isNull();
        assertThat(sessionService.getSession("other", "alice", "private", Optional.empty()).blockingGet()).isNull();
        assertThat(sessionService.listSessions("app", "bob").blockingGet().sessions()).isEmpty();
        assertThat(sessionService.listEvents("app", "bob", "private").blockingGet().events()).isEmpty();
        Session bobs = sessionService.createSession("app", "bob").blockingGet();
        assertThat(bobs.state()).doesNotContainKey("user:tz");
    }

    @Test
    @DisplayName("state values read back as ADK's JSON mapper reads them")
    void stateValuesAsAdkReadsJson() {
        Map<String, Object> state = new HashMap<>();
        state.put("count", 3);
        state.put("big", 9_000_000_000L);
        state.put("ratio", 0.5);
        state.put("tags", List.of("a", "b"));
        state.put("nested", Map.of("ok", true));
        Session session = sessionService.createSession("app", "user", state, "typed").blockingGet();

        assertThat(new HashMap<>(reread(session).state())).isEqualTo(state);
        assertThat(reread(session).state().get("count")).isInstanceOf(Integer.class);
    }

    @Test
    @DisplayName("an event's delta, call arguments and response read back as ADK reads the same event from its JSON text")
    void eventValuesAsAdkReadsJsonText() {
        Session session = sessionService.createSession("app", "user").blockingGet();
        Map<String, Object> values = new HashMap<>();
        values.put("count", 3);
        values.put("big", 9_000_000_000L);
        values.put("ratio", 0.5);
        values.put("tags", List.of("a", 2, 3_000_000_000L));
        values.put("nested", Map.of("ok", true, "n", 7));
        Event call = Event.builder().id(Event.generateEventId()).author("agent").content(Content.builder().role("model")
                .parts(List.of(Part.builder().functionCall(FunctionCall.builder().id("c-1").name("f").args(values)
                        .build()).build())).build()).build();
        Event result = Event.builder().id(Event.generateEventId()).author("agent").content(Content.builder().role("user")
                .parts(List.of(Part.builder().functionResponse(FunctionResponse.builder().id("c-1").name("f")
                        .response(values).build()).build())).build())
                .actions(EventActions.builder().stateDelta(delta(values)).build()).build();
        sessionService.appendEvent(session, call).blockingGet();
        sessionService.appendEvent(session, result).blockingGet();

        List<Event> read = reread(session).events();

        assertThat(read).containsExactly(Event.fromJson(call.toJson()), Event.fromJson(result.toJson()));
        Map<String, Object> args = read.get(0).content().orElseThrow().parts().orElseThrow().get(0).functionCall()
                .orElseThrow().args().orElseThrow();
        assertThat(args.get("count")).isInstanceOf(Integer.class);
        assertThat(args.get("big")).isInstanceOf(Long.class);
        assertThat(read.get(1).actions().stateDelta().get("count")).isInstanceOf(Integer.class);
        assertThat(read.get(1).actions().stateDelta().get("ratio")).isInstanceOf(Double.class);
    }

    // ------------------------------------------------------------ helpers

    Session reread(Session session) {
        return sessionService.getSession(session.appName(), session.userId(), session.id(), Optional.empty())
                .blockingGet();
    }

    static ConcurrentMap<String, Object> delta(Map<String, Object> entries) {
        return new ConcurrentHashMap<>(entries);
    }

    static Event event(ConcurrentMap<String, Object> delta) {
        return Event.builder().id(Event.generateEventId()).author("agent")
                .actions(EventActions.builder().stateDelta(delta).build()).build();
    }

    static Event textEvent(String text) {
        return Event.builder().id(Event.generateEventId()).invocationId("inv").author("agent")
                .content(Content.builder().role("model").parts(List.of(Part.fromText(text))).build()).build();
    }

    /** The event as ADK's mapper writes it, as a tree: equal whatever the order of its keys. */
    static JsonNode json(Event event) {
        try {
            return JsonBaseModel.getMapper().readTree(event.toJson());
        } catch (JsonProcessingException e) {
            throw new AssertionError(e);
        }
    }

    static String text(Event event) {
        return event.content().flatMap(Content::parts).orElseThrow().get(0).text().orElseThrow();
    }

    private static void waitPast(Instant instant) {
        while (!Instant.now().isAfter(instant)) {
            Thread.onSpinWait();
        }
    }

    /** A model turn with every kind of field ADK has. */
    static Event richEvent() {
        Map<String, Object> delta = new HashMap<>();
        delta.put("city", "Paris");
        delta.put("app:units", "metric");
        delta.put("user:name", "Ada");
        delta.put("visits", 3);
        return Event.builder()
                .id("evt-rich-0001")
                .invocationId("e-4b1c")
                .author("weather_agent")
                .content(Content.builder().role("model").parts(List.of(
                        Part.builder().text("The user wants the weather.").thought(true).build(),
                        Part.fromText("It is sunny in Paris."),
                        Part.builder().functionCall(FunctionCall.builder().id("call-1").name("get_weather")
                                .args(Map.of("city", "Paris")).build()).build(),
                        Part.fromUri("gs://bucket/forecast.pdf", "application/pdf")))
                        .build())
                .actions(EventActions.builder()
                        .stateDelta(delta)
                        .artifactDelta(Map.of("forecast.pdf", 2))
                        .transferToAgent("booking_agent")
                        .escalate(true)
                        .skipSummarization(true)
                        .requestedAuthConfigs(Map.of("call-1", Map.of("scheme", "oauth2")))
                        .requestedToolConfirmations(Map.of("call-2",
                                ToolConfirmation.builder().hint("book it?").confirmed(false).build()))
                        .build())
                .longRunningToolIds(Set.of("call-2"))
                .partial(false)
                .turnComplete(true)
                .interrupted(false)
                .errorCode(new FinishReason(FinishReason.Known.MAX_TOKENS))
                .errorMessage("cut short")
                .finishReason(new FinishReason(FinishReason.Known.STOP))
                .usageMetadata(GenerateContentResponseUsageMetadata.builder().promptTokenCount(12)
                        .candidatesTokenCount(7).totalTokenCount(19).build())
                .avgLogprobs(-0.25)
                .branch("root.weather_agent")
                .groundingMetadata(GroundingMetadata.builder().webSearchQueries(List.of("paris weather")).build())
                .customMetadata(List.of(CustomMetadata.builder().key("trace").stringValue("t-1").build()))
                .modelVersion("gemini-test-001")
                .timestamp(1_764_150_000_123L)
                .build();
    }

    /** The function response answering {@link #richEvent()}'s call. */
    static Event toolResponse() {
        return Event.builder()
                .id("evt-rich-0002")
                .invocationId("e-4b1c")
                .author("weather_agent")
                .content(Content.builder().role("user").parts(List.of(Part.builder().functionResponse(
                        FunctionResponse.builder().id("call-1").name("get_weather")
                                .response(Map.of("forecast", "sunny", "celsius", 24)).build()).build())).build())
                .timestamp(1_764_150_000_456L)
                .build();
    }
}
