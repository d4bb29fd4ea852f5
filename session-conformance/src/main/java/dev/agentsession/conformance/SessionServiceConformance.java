package dev.agentsession.conformance;

import static org.assertj.core.api.Assertions.tuple;
import java.util.stream.LongStream;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowable;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.agentsession.Action;
import dev.agentsession.AddEventOptions;
import dev.agentsession.CreateRequest;
import dev.agentsession.DeleteRequest;
import dev.agentsession.Event;
import dev.agentsession.EventsOptions;
import dev.agentsession.GetRequest;
import dev.agentsession.Limits;
import dev.agentsession.ListRequest;
import dev.agentsession.Session;
import dev.agentsession.SessionAlreadyExistsException;
import dev.agentsession.SessionNotFoundException;
import dev.agentsession.SessionService;
import dev.agentsession.SessionServices;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TimeZone;
import java.util.concurrent.Callable;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;
import org.junit.jupiter.api.TestReporter;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.NullSource;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The conformance kit: every rule of the {@link SessionService} contract, as tests a backend
 * inherits. A backend's test class extends this and only says how to open a fresh, empty store
 * ({@link #openFresh()}) and which optional {@link Capability capabilities} it has, with the
 * hooks those need ({@link #reopen()}, {@link #url()}).
 *
 * <p>Each test gets a fresh store in {@link #service}; the kit closes it afterwards.
 */
public abstract class SessionServiceConformance {

    protected static final String APP = "support-bot";
    protected static final String OTHER_APP = "billing-bot";
    protected static final String USER = "alice";
    protected static final String OTHER_USER = "bob";
    protected static final String AGENT = "helper";

    /** The store under test: fresh and empty at the start of every test. */
    protected SessionService service;

    /**
     * Opens a new, empty store. Called before every test; the kit closes what it returns.
     * A persistent backend typically uses a new file or clears its tables here.
     */
    protected abstract SessionService openFresh() throws Exception;

    /** The optional capabilities this backend has; none by default. */
    protected Set<Capability> capabilities() {
        return Set.of();
    }

    /**
     * Opens again the store that the last {@link #openFresh()} opened, after the kit closed it.
     * Needed with {@link Capability#REOPEN}.
     */
    protected SessionService reopen() throws Exception {
        throw new UnsupportedOperationException("declare Capability.REOPEN and override reopen()");
    }

    /**
     * The URL of the store that the last {@link #openFresh()} opened, for
     * {@link SessionServices#open(String)}. Needed with {@link Capability#URL} and
     * {@link Capability#MULTI_PROCESS}.
     */
    protected String url() {
        throw new UnsupportedOperationException("declare Capability.URL and override url()");
    }

    @BeforeEach
    final void openStore() throws Exception {
        service = openFresh();
    }

    @AfterEach
    final void closeStore() {
        if (service != null) {
            service.close();
        }
    }

    // ---------------------------------------------------------------- helpers for the tests

    /** Creates a session of {@link #USER} in {@link #APP} with a generated id. */
    protected final Session newSession() {
        return service.create(CreateRequest.of(APP, USER, AGENT));
    }

    /** Creates a session with a chosen id in a chosen scope. */
    protected final Session newSession(String appName, String userId, String sessionId) {
        return service.create(CreateRequest.builder(appName, userId, AGENT).sessionId(sessionId).build());
    }

    /** Re-reads a session that must exist. */
    protected final Session reread(Session session) {
        return service.get(new GetRequest(session.appName(), session.userId(), session.id()))
                .orElseThrow(() -> new AssertionError("session " + session.id() + " vanished"));
    }

    /** Appends {@code count} events with contents "message 1" … "message N". */
    protected static List<Event> append(Session session, int count) {
        List<Event> events = new ArrayList<>();
        for (int i = 1; i <= count; i++) {
            events.add(session.addEvent(AddEventOptions.of("user", "message " + i)));
        }
        return events;
    }

    private void requireCapability(Capability capability) {
        assumeTrue(capabilities().contains(capability), () -> "skipped: this backend does not declare"
                + " the " + capability + " capability (" + capability.description() + ")");
    }

    /** Everything visible in the kit's scopes, to prove that a rejected call wrote nothing. */
    private List<String> visibleState() {
        List<String> state = new ArrayList<>();
        for (String app : List.of(APP, OTHER_APP)) {
            for (String user : List.of(USER, OTHER_USER)) {
                for (Session session : service.list(ListRequest.all(app, user))) {
                    state.add(app + "/" + user + "/" + session.id() + "@" + session.updatedAt()
                            + " " + session.metadata());
                    for (Event event : session.events(EventsOptions.all())) {
                        state.add("  " + event);
                    }
                }
            }
        }
        return state;
    }

    private void assertRejectedWithoutWriting(Runnable call, String field) {
        List<String> before = visibleState();
        assertThatThrownBy(call::run)
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining(field);
        assertThat(visibleState()).isEqualTo(before);
    }

    private static void assertSameSnapshot(Session actual, Session expected) {
        assertThat(actual.id()).isEqualTo(expected.id());
        assertThat(actual.appName()).isEqualTo(expected.appName());
        assertThat(actual.userId()).isEqualTo(expected.userId());
        assertThat(actual.agentId()).isEqualTo(expected.agentId());
        assertThat(actual.metadata()).isEqualTo(expected.metadata());
        assertThat(actual.createdAt()).isEqualTo(expected.createdAt());
        assertThat(actual.updatedAt()).isEqualTo(expected.updatedAt());
    }

    private static List<Long> sequences(List<Event> events) {
        return events.stream().map(Event::sequence).collect(Collectors.toList());
    }

    private static List<Long> range(long from, long to) {
        return LongStream.rangeClosed(from, to).boxed().collect(Collectors.toList());
    }

    /**
     * An instant strictly after {@code earlier} and strictly before anything written after this
     * returns, for cutoff tests.
     */
    private static Instant cutoffAfter(Instant earlier) throws InterruptedException {
        waitPast(earlier);
        Instant cutoff = Instant.now().truncatedTo(ChronoUnit.MICROS);
        waitPast(cutoff);
        return cutoff;
    }

    private static void waitPast(Instant instant) throws InterruptedException {
        while (!Instant.now().truncatedTo(ChronoUnit.MICROS).isAfter(instant)) {
            Thread.sleep(1);
        }
    }

    private static final String URL_SAFE = "[A-Za-z0-9._~-]+";

    /** A JSON object holding every kind of value, nested, with text from several scripts. */
    protected static Map<String, Object> richMetadata() {
        Map<String, Object> nested = new LinkedHashMap<>();
        nested.put("level", 2L);
        nested.put("deeper", Map.of("list", List.of(1L, "two", true)));
        Map<String, Object> metadata = new LinkedHashMap<>();
        metadata.put("title", "Trip to 東京 🗼");
        metadata.put("count", 42L);
        metadata.put("big", Long.MAX_VALUE);
        metadata.put("negative", -7L);
        metadata.put("ratio", 0.25);
        metadata.put("whole double", 3.0);
        metadata.put("large double", 1.0E10);
        metadata.put("tiny double", 1.5E-7);
        metadata.put("flag", true);
        metadata.put("off", false);
        metadata.put("nothing", null);
        metadata.put("tags", List.of("a", "b", "ç"));
        metadata.put("empty list", List.of());
        metadata.put("empty map", Map.of());
        metadata.put("nested", nested);
        metadata.put("مرحبا", "שלום");
        return metadata;
    }

    // ------------------------------------------------------------------------------ sessions

    @Nested
    @DisplayName("Sessions")
    class Sessions {

        @Test
        @DisplayName("create echoes the app, user, agent and metadata, with createdAt equal to updatedAt")
        void createEchoesItsRequest() {
            Session session = service.create(CreateRequest.builder(APP, USER, AGENT)
                    .metadata(Map.of("topic", "refund")).build());

            assertThat(session.appName()).isEqualTo(APP);
            assertThat(session.userId()).isEqualTo(USER);
            assertThat(session.agentId()).isEqualTo(AGENT);
            assertThat(session.metadata()).isEqualTo(Map.of("topic", "refund"));
            assertThat(session.createdAt()).isEqualTo(session.updatedAt());
        }

        @Test
        @DisplayName("1,000 creates give 1,000 distinct URL-safe ids of at most 64 characters")
        void generatedIdsAreDistinctAndUrlSafe() {
            Set<String> ids = new HashSet<>();
            for (int i = 0; i < 1000; i++) {
                ids.add(newSession().id());
            }
            assertThat(ids).hasSize(1000)
                    .allSatisfy(id -> assertThat(id).hasSizeLessThanOrEqualTo(64).matches(URL_SAFE));
            assertThat(service.list(ListRequest.all(APP, USER))).hasSize(1000);
        }

        @Test
        @DisplayName("a caller-chosen id is kept")
        void callerChosenIdIsKept() {
            Session session = newSession(APP, USER, "conversation-42");
            assertThat(session.id()).isEqualTo("conversation-42");
            assertThat(service.get(new GetRequest(APP, USER, "conversation-42"))).isPresent();
        }

        @Test
        @DisplayName("reusing a caller-chosen id fails with SessionAlreadyExistsException and changes nothing")
        void reusingAnIdFails() {
            Session first = service.create(CreateRequest.builder(APP, USER, AGENT)
                    .sessionId("taken").metadata(Map.of("v", 1L)).build());
            first.addEvent(AddEventOptions.of("user", "hello"));
            List<String> before = visibleState();

            Throwable thrown = catchThrowable(() -> service.create(CreateRequest.builder(APP, USER, "other-agent")
                    .sessionId("taken").metadata(Map.of("v", 2L)).build()));

            assertThat(thrown).isInstanceOf(SessionAlreadyExistsException.class)
                    .hasMessageContaining("taken");
            assertThat(((SessionAlreadyExistsException) thrown).sessionId()).isEqualTo("taken");
            assertThat(visibleState()).isEqualTo(before);
        }

        @Test
        @DisplayName("ids are case-sensitive: 'Case' and 'case' are two sessions")
        void idsAreCaseSensitive() {
            newSession(APP, USER, "Case").addEvent(AddEventOptions.of("user", "upper"));
            newSession(APP, USER, "case").addEvent(AddEventOptions.of("user", "lower"));

            assertThat(service.get(new GetRequest(APP, USER, "Case")).orElseThrow()
                    .events(EventsOptions.all())).extracting(Event::content).containsExactly("upper");
            assertThat(service.get(new GetRequest(APP, USER, "case")).orElseThrow()
                    .events(EventsOptions.all())).extracting(Event::content).containsExactly("lower");
            assertThat(service.get(new GetRequest(APP, USER, "CASE"))).isEmpty();
        }

        @Test
        @DisplayName("get returns what create returned")
        void getReturnsWhatCreateReturned() {
            Session created = service.create(CreateRequest.builder(APP, USER, AGENT)
                    .metadata(richMetadata()).build());
            assertSameSnapshot(reread(created), created);
        }

        @Test
        @DisplayName("get of an unknown id is empty")
        void getOfUnknownIdIsEmpty() {
            newSession(APP, USER, "known");
            assertThat(service.get(new GetRequest(APP, USER, "unknown"))).isEmpty();
        }

        @Test
        @DisplayName("list shows only the sessions of that app and user")
        void listIsScoped() {
            Session mine = newSession(APP, USER, "mine");
            newSession(APP, OTHER_USER, "theirs");
            newSession(OTHER_APP, USER, "other-app");

            assertThat(service.list(ListRequest.all(APP, USER))).extracting(Session::id)
                    .containsExactly(mine.id());
            assertThat(service.list(ListRequest.all(APP, "nobody"))).isEmpty();
        }

        @Test
        @DisplayName("list orders newest updatedAt first, ties by id")
        void listOrdersByUpdatedAtThenId() {
            List<Session> created = new ArrayList<>();
            for (int i = 0; i < 20; i++) {
                created.add(newSession(APP, USER, "s" + (char) ('a' + (i * 7) % 20)));
            }
            created.get(3).addEvent(AddEventOptions.of("user", "bump"));

            List<Session> listed = service.list(ListRequest.all(APP, USER));

            assertThat(listed).hasSize(20);
            assertThat(listed).isSortedAccordingTo(Comparator.comparing(Session::updatedAt).reversed()
                    .thenComparing(Session::id));
            assertThat(listed.get(0).id()).isEqualTo(created.get(3).id());
        }

        @Test
        @DisplayName("list with a limit returns the newest sessions only")
        void listLimit() throws InterruptedException {
            List<String> ids = new ArrayList<>();
            for (int i = 0; i < 5; i++) {
                Session session = newSession();
                ids.add(session.id());
                waitPast(session.updatedAt());
            }
            Collections.reverse(ids);

            assertThat(service.list(new ListRequest(APP, USER, 2))).extracting(Session::id)
                    .containsExactly(ids.get(0), ids.get(1));
            assertThat(service.list(new ListRequest(APP, USER, 10))).extracting(Session::id)
                    .containsExactlyElementsOf(ids);
            assertThat(service.list(new ListRequest(APP, USER, 0))).extracting(Session::id)
                    .containsExactlyElementsOf(ids);
        }

        @Test
        @DisplayName("an append moves a session to the front of the list")
        void appendMovesSessionToFront() throws InterruptedException {
            Session older = newSession();
            waitPast(older.updatedAt());
            Session newer = newSession();
            waitPast(newer.updatedAt());
            assertThat(service.list(ListRequest.all(APP, USER))).extracting(Session::id)
                    .containsExactly(newer.id(), older.id());

            Event event = older.addEvent(AddEventOptions.of("user", "still there?"));

            List<Session> listed = service.list(ListRequest.all(APP, USER));
            assertThat(listed).extracting(Session::id).containsExactly(older.id(), newer.id());
            assertThat(listed.get(0).updatedAt()).isEqualTo(event.createdAt());
        }

        @Test
        @DisplayName("delete returns true, then false, and the session is gone")
        void deleteTwice() {
            Session session = newSession();
            DeleteRequest delete = new DeleteRequest(APP, USER, session.id());

            assertThat(service.delete(delete)).isTrue();
            assertThat(service.delete(delete)).isFalse();
            assertThat(service.get(new GetRequest(APP, USER, session.id()))).isEmpty();
            assertThat(service.list(ListRequest.all(APP, USER))).isEmpty();
        }

        @Test
        @DisplayName("delete removes the session's events too")
        void deleteCascadesToEvents() {
            Session session = newSession(APP, USER, "doomed");
            append(session, 3);

            service.delete(new DeleteRequest(APP, USER, "doomed"));

            assertThat(session.events(EventsOptions.all())).isEmpty();
            assertThat(session.streamEvents(0)).isEmpty();
            Session reborn = newSession(APP, USER, "doomed");
            assertThat(reborn.events(EventsOptions.all())).isEmpty();
        }

        @Test
        @DisplayName("a deleted session's id can be used again, and old handles never reach the new session")
        void oldHandleDoesNotReachReusedId() {
            Session old = newSession(APP, USER, "reused");
            old.addEvent(AddEventOptions.of("user", "old"));
            service.delete(new DeleteRequest(APP, USER, "reused"));

            Session reborn = newSession(APP, USER, "reused");
            reborn.addEvent(AddEventOptions.of("user", "new"));

            assertThat(old.events(EventsOptions.all())).isEmpty();
            assertThatThrownBy(() -> old.addEvent(AddEventOptions.of("user", "lost")))
                    .isInstanceOf(SessionNotFoundException.class);
            assertThat(reborn.events(EventsOptions.all())).extracting(Event::content, Event::sequence)
                    .containsExactly(tuple("new", 1L));
        }

        @Test
        @DisplayName("deleteSessionsUpdatedBefore deletes and counts only older sessions of that app")
        void deleteBeforeCutoffForEveryUser() throws InterruptedException {
            Session oldMine = newSession(APP, USER, "old-mine");
            append(oldMine, 2);
            Session oldTheirs = newSession(APP, OTHER_USER, "old-theirs");
            Session oldOtherApp = newSession(OTHER_APP, USER, "old-other-app");
            Instant cutoff = cutoffAfter(oldOtherApp.updatedAt());
            Session fresh = newSession(APP, USER, "fresh");

            long deleted = service.deleteSessionsUpdatedBefore(cutoff, APP, null);

            assertThat(deleted).isEqualTo(2);
            assertThat(service.list(ListRequest.all(APP, USER))).extracting(Session::id)
                    .containsExactly(fresh.id());
            assertThat(service.list(ListRequest.all(APP, OTHER_USER))).isEmpty();
            assertThat(service.get(new GetRequest(OTHER_APP, USER, oldOtherApp.id()))).isPresent();
            assertThat(oldMine.events(EventsOptions.all())).isEmpty();
            assertThat(oldTheirs.events(EventsOptions.all())).isEmpty();
        }

        @Test
        @DisplayName("deleteSessionsUpdatedBefore with a user deletes only that user's sessions")
        void deleteBeforeCutoffForOneUser() throws InterruptedException {
            newSession(APP, USER, "old-mine");
            Instant cutoff = cutoffAfter(newSession(APP, OTHER_USER, "old-theirs").updatedAt());

            assertThat(service.deleteSessionsUpdatedBefore(cutoff, APP, USER)).isEqualTo(1);
            assertThat(service.list(ListRequest.all(APP, USER))).isEmpty();
            assertThat(service.list(ListRequest.all(APP, OTHER_USER))).extracting(Session::id)
                    .containsExactly("old-theirs");
        }

        @Test
        @DisplayName("deleteSessionsUpdatedBefore compares the cutoff with updatedAt exactly")
        void deleteBeforeCutoffUsesUpdatedAt() throws InterruptedException {
            Session session = newSession(APP, USER, "active");
            Instant cutoff = cutoffAfter(session.updatedAt());
            session.addEvent(AddEventOptions.of("user", "still talking"));

            assertThat(service.deleteSessionsUpdatedBefore(cutoff, APP, null)).isZero();
            assertThat(service.deleteSessionsUpdatedBefore(cutoff.minus(Duration.ofDays(1)), APP, null))
                    .isZero();
            Instant updatedAt = reread(session).updatedAt();
            assertThat(service.deleteSessionsUpdatedBefore(updatedAt, APP, null))
                    .as("a session updated exactly at the cutoff is not before it").isZero();
            assertThat(service.deleteSessionsUpdatedBefore(updatedAt.plusNanos(1), APP, null))
                    .as("a cutoff one nanosecond later is after it").isEqualTo(1);
            assertThat(session.events(EventsOptions.all())).isEmpty();
        }
    }

    // --------------------------------------------------------------------------------- scope

    @Nested
    @DisplayName("Scope: one (app, user) never sees another's sessions")
    class Scope {

        @Test
        @DisplayName("a session of another user is invisible")
        void anotherUsersSessionIsInvisible() {
            Session session = newSession(APP, USER, "private");
            assertThat(service.get(new GetRequest(APP, OTHER_USER, session.id()))).isEmpty();
            assertThat(service.list(ListRequest.all(APP, OTHER_USER))).isEmpty();
        }

        @Test
        @DisplayName("a session of the same user in another app is invisible")
        void anotherAppsSessionIsInvisible() {
            Session session = newSession(APP, USER, "private");
            assertThat(service.get(new GetRequest(OTHER_APP, USER, session.id()))).isEmpty();
            assertThat(service.list(ListRequest.all(OTHER_APP, USER))).isEmpty();
        }

        @Test
        @DisplayName("another user's delete returns false and leaves the session intact")
        void anotherUsersDeleteChangesNothing() {
            Session session = newSession(APP, USER, "private");
            append(session, 2);
            List<String> before = visibleState();

            assertThat(service.delete(new DeleteRequest(APP, OTHER_USER, session.id()))).isFalse();
            assertThat(service.delete(new DeleteRequest(OTHER_APP, USER, session.id()))).isFalse();
            assertThat(service.deleteSessionsUpdatedBefore(Instant.now().plusSeconds(60), OTHER_APP, null))
                    .isZero();

            assertThat(visibleState()).isEqualTo(before);
        }

        @Test
        @DisplayName("the same id in two scopes names two independent sessions")
        void sameIdInTwoScopesIsTwoSessions() {
            Session mine = service.create(CreateRequest.builder(APP, USER, AGENT)
                    .sessionId("shared-name").metadata(Map.of("owner", USER)).build());
            Session theirs = service.create(CreateRequest.builder(APP, OTHER_USER, AGENT)
                    .sessionId("shared-name").metadata(Map.of("owner", OTHER_USER)).build());
            mine.addEvent(AddEventOptions.of("user", "mine"));
            theirs.addEvent(AddEventOptions.of("user", "theirs 1"));
            theirs.addEvent(AddEventOptions.of("user", "theirs 2"));

            assertThat(mine.events(EventsOptions.all())).extracting(Event::content).containsExactly("mine");
            assertThat(theirs.events(EventsOptions.all())).extracting(Event::content)
                    .containsExactly("theirs 1", "theirs 2");
            assertThat(reread(mine).metadata()).containsEntry("owner", USER);

            assertThat(service.delete(new DeleteRequest(APP, OTHER_USER, "shared-name"))).isTrue();
            assertThat(reread(mine).events(EventsOptions.all())).extracting(Event::content)
                    .containsExactly("mine");
        }
    }

    // ------------------------------------------------------------------------------ metadata

    @Nested
    @DisplayName("Metadata")
    class Metadata {

        @Test
        @DisplayName("nested maps and lists, numbers, booleans, nulls, emoji and CJK round-trip")
        void richMetadataRoundTrips() {
            Session created = service.create(CreateRequest.builder(APP, USER, AGENT)
                    .metadata(richMetadata()).build());

            assertThat(created.metadata()).isEqualTo(richMetadata());
            assertThat(reread(created).metadata()).isEqualTo(richMetadata());
        }

        @Test
        @DisplayName("integral numbers come back as Long and the others as Double")
        void numbersFollowTheRule() {
            Map<String, Object> given = new LinkedHashMap<>();
            given.put("int", 7);
            given.put("short", (short) 3);
            given.put("byte", (byte) -2);
            given.put("bigInteger", BigInteger.valueOf(123_456_789_012L));
            given.put("float", 0.1f);
            given.put("bigDecimal", new BigDecimal("2.50"));
            given.put("wholeBigDecimal", new BigDecimal("4"));
            given.put("negativeZero", -0.0);
            Session created = service.create(CreateRequest.builder(APP, USER, AGENT).metadata(given).build());

            Map<String, Object> expected = Map.of("int", 7L, "short", 3L, "byte", -2L,
                    "bigInteger", 123_456_789_012L, "float", 0.1, "bigDecimal", 2.5,
                    "wholeBigDecimal", 4.0, "negativeZero", 0.0);
            assertThat(created.metadata()).isEqualTo(expected);
            assertThat(reread(created).metadata()).isEqualTo(expected);
        }

        @Test
        @DisplayName("null metadata reads back as an empty map")
        void nullMetadataIsEmpty() {
            Session created = newSession();
            assertThat(created.metadata()).isEmpty();
            assertThat(reread(created).metadata()).isNotNull().isEmpty();
        }

        @Test
        @DisplayName("the returned metadata is unmodifiable, nested values too")
        void metadataIsUnmodifiable() {
            Session created = service.create(CreateRequest.builder(APP, USER, AGENT)
                    .metadata(richMetadata()).build());
            for (Session session : List.of(created, reread(created))) {
                Map<String, Object> metadata = session.metadata();
                assertThatThrownBy(() -> metadata.put("x", 1L)).isInstanceOf(UnsupportedOperationException.class);
                @SuppressWarnings("unchecked")
                List<Object> tags = (List<Object>) metadata.get("tags");
                assertThatThrownBy(() -> tags.add("d")).isInstanceOf(UnsupportedOperationException.class);
                @SuppressWarnings("unchecked")
                Map<String, Object> nested = (Map<String, Object>) metadata.get("nested");
                assertThatThrownBy(() -> nested.clear()).isInstanceOf(UnsupportedOperationException.class);
            }
        }

        @Test
        @DisplayName("changing the caller's map after create changes nothing stored")
        void callerMapIsCopied() {
            Map<String, Object> metadata = new HashMap<>();
            List<Object> tags = new ArrayList<>(List.of("a"));
            metadata.put("tags", tags);
            Session created = service.create(CreateRequest.builder(APP, USER, AGENT).metadata(metadata).build());

            metadata.put("added", true);
            tags.add("b");

            assertThat(created.metadata()).isEqualTo(Map.of("tags", List.of("a")));
            assertThat(reread(created).metadata()).isEqualTo(Map.of("tags", List.of("a")));
        }
    }

    // -------------------------------------------------------------------------------- events

    @Nested
    @DisplayName("Events")
    class Events {

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
        @DisplayName("a negative limit or afterSequence is rejected")
        void negativeOptionsRejected() {
            assertThatThrownBy(() -> new EventsOptions(-1, 0)).isInstanceOf(IllegalArgumentException.class)
                    .hasMessageContaining("limit");
            assertThatThrownBy(() -> new EventsOptions(0, -1)).isInstanceOf(IllegalArgumentException.class)
                    .hasMessageContaining("afterSequence");
            Session session = newSession();
            assertThatThrownBy(() -> session.streamEvents(-1)).isInstanceOf(IllegalArgumentException.class)
                    .hasMessageContaining("afterSequence");
            assertThatThrownBy(() -> session.events(null)).isInstanceOf(IllegalArgumentException.class)
                    .hasMessageContaining("options");
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

    // -------------------------------------------------------------------------------- values

    @Nested
    @DisplayName("Values")
    class Values {

        @ParameterizedTest(name = "{0}")
        @ValueSource(strings = {
            "emoji 😀👍🏽👨‍👩‍👧‍👦 and flags 🇯🇵",
            "CJK 漢字かなカナ 한국어",
            "right-to-left مرحبا بالعالم שלום",
            "combining e\u0301 and Zalgo z\u0351\u0352\u0353",
            "  leading and trailing spaces, tab\tand\nnew\r\nlines  ",
            "SQL-looking '; DROP TABLE sessions; -- and \" \\ % _ ? $1 :name",
            "JSON-looking {\"a\": [1, 2]} and \\u0000 as six characters"
        })
        @DisplayName("text round-trips exactly")
        void textRoundTrips(String text) {
            Session session = service.create(CreateRequest.builder(APP, USER, AGENT)
                    .sessionId(prefix(text, 40))
                    .metadata(Map.of(text, text)).build());
            AddEventOptions options = AddEventOptions.builder(prefix(text, 20))
                    .content(text).reasoning(text).branch(text).invocationId(text).agentId(text)
                    .action(Action.of("tool " + text, Map.of(text, List.of(text)), text))
                    .longRunningToolIds(List.of(text)).metadata(Map.of(text, text)).build();
            Event written = session.addEvent(options);

            Session read = reread(session);
            assertThat(read.id()).isEqualTo(session.id());
            assertThat(read.metadata()).isEqualTo(Map.of(text, text));
            Event stored = read.events(EventsOptions.all()).get(0);
            assertThat(stored).isEqualTo(written);
            assertThat(stored.content()).isEqualTo(text);
            assertThat(stored.actions().get(0).output()).isEqualTo(text);
        }

        @Test
        @DisplayName("content of 8 MiB of UTF-8 round-trips")
        void eightMebibytesRoundTrip() {
            String content = utf8OfLength(8 * 1024 * 1024);
            Session session = newSession();

            Event written = session.addEvent(AddEventOptions.builder("user").content(content).build());

            String read = session.events(EventsOptions.last(1)).get(0).content();
            assertThat(read.getBytes(StandardCharsets.UTF_8)).hasSize(8 * 1024 * 1024);
            assertThat(read.equals(content)).as("8 MiB content read back equal").isTrue();
            assertThat(written.content().equals(content)).isTrue();
        }

        @Test
        @DisplayName("an event over the documented maximum is rejected before anything is written")
        void oversizedEventRejected() {
            Session session = newSession();
            String content = utf8OfLength(Limits.MAX_EVENT_BYTES + 1);
            List<String> before = visibleState();

            assertThatThrownBy(() -> session.addEvent(AddEventOptions.builder("user").content(content).build()))
                    .isInstanceOf(IllegalArgumentException.class)
                    .hasMessageContaining("content")
                    .hasMessageContaining(String.valueOf(Limits.MAX_EVENT_BYTES));
            assertThat(visibleState()).isEqualTo(before);
        }

        /** The first {@code codePoints} code points of {@code text}, never splitting a pair. */
        private String prefix(String text, int codePoints) {
            return text.codePoints().limit(codePoints)
                    .collect(StringBuilder::new, StringBuilder::appendCodePoint, StringBuilder::append).toString();
        }

        /** Text of exactly {@code bytes} UTF-8 bytes mixing 1-, 2-, 3- and 4-byte characters. */
        private String utf8OfLength(int bytes) {
            String unit = "agent é 東 😀 ";  // 6 + 3 + 4 + 5 + 1 bytes ... measured below
            int unitBytes = unit.getBytes(StandardCharsets.UTF_8).length;
            StringBuilder text = new StringBuilder(bytes);
            for (int i = 0; i < bytes / unitBytes; i++) {
                text.append(unit);
            }
            text.append("x".repeat(bytes % unitBytes));
            return text.toString();
        }
    }

    // ----------------------------------------------------------------------------- bad input

    /** Each bad value, with the field or path its error must name. */
    static Stream<Arguments> nonJsonValues() {
        Map<String, Object> cyclic = new HashMap<>();
        cyclic.put("self", cyclic);
        Map<Object, Object> numericKey = new HashMap<>();
        numericKey.put(1, "one");
        Map<String, Object> deep = new HashMap<>();
        Map<String, Object> level = deep;
        for (int i = 0; i < Limits.MAX_JSON_DEPTH + 1; i++) {
            Map<String, Object> next = new HashMap<>();
            level.put("d", next);
            level = next;
        }
        return Stream.of(
                Arguments.of("an Instant", Map.of("when", Instant.EPOCH), "metadata.when"),
                Arguments.of("an arbitrary object", Map.of("x", new Object()), "metadata.x"),
                Arguments.of("a nested Path", Map.of("a", List.of(1L, Path.of("/tmp"))), "metadata.a[1]"),
                Arguments.of("a non-string key", numericKey, "metadata"),
                Arguments.of("NaN", Map.of("n", Double.NaN), "metadata.n"),
                Arguments.of("infinity", Map.of("n", Float.NEGATIVE_INFINITY), "metadata.n"),
                Arguments.of("a BigInteger beyond long", Map.of("n", BigInteger.TEN.pow(30)), "metadata.n"),
                Arguments.of("a cycle", cyclic, "metadata.self"),
                Arguments.of("nesting deeper than the limit", deep, "metadata.d"),
                Arguments.of("U+0000 in a nested string", Map.of("tags", List.of("a", "b", "c\u0000")), "metadata.tags[2]"),
                Arguments.of("an unpaired surrogate in a key", Map.of("k\uD800", "v"), "metadata"));
    }

    @Nested
    @DisplayName("Bad input is rejected with an error naming the field, and nothing is written")
    class BadInput {

        @ParameterizedTest(name = "appName = [{0}]")
        @NullSource
        @ValueSource(strings = {"", " ", "\t\n"})
        @DisplayName("a null or blank appName")
        void blankAppName(String appName) {
            newSession();
            assertRejectedWithoutWriting(() -> service.create(CreateRequest.of(appName, USER, AGENT)), "appName");
            assertRejectedWithoutWriting(() -> service.get(new GetRequest(appName, USER, "s")), "appName");
            assertRejectedWithoutWriting(() -> service.list(ListRequest.all(appName, USER)), "appName");
            assertRejectedWithoutWriting(() -> service.delete(new DeleteRequest(appName, USER, "s")), "appName");
            assertRejectedWithoutWriting(() -> service.deleteSessionsUpdatedBefore(Instant.now(), appName, null),
                    "appName");
        }

        @ParameterizedTest(name = "userId = [{0}]")
        @NullSource
        @ValueSource(strings = {"", " ", "\u2003"})
        @DisplayName("a null or blank userId")
        void blankUserId(String userId) {
            newSession();
            assertRejectedWithoutWriting(() -> service.create(CreateRequest.of(APP, userId, AGENT)), "userId");
            assertRejectedWithoutWriting(() -> service.get(new GetRequest(APP, userId, "s")), "userId");
            assertRejectedWithoutWriting(() -> service.list(ListRequest.all(APP, userId)), "userId");
            assertRejectedWithoutWriting(() -> service.delete(new DeleteRequest(APP, userId, "s")), "userId");
            if (userId != null) {
                assertRejectedWithoutWriting(() -> service.deleteSessionsUpdatedBefore(Instant.now(), APP, userId),
                        "userId");
            }
        }

        @ParameterizedTest(name = "agentId = [{0}]")
        @NullSource
        @ValueSource(strings = {"", "   "})
        @DisplayName("a null or blank agentId on create")
        void blankAgentId(String agentId) {
            assertRejectedWithoutWriting(() -> service.create(CreateRequest.of(APP, USER, agentId)), "agentId");
        }

        @ParameterizedTest(name = "sessionId = [{0}]")
        @ValueSource(strings = {"", " "})
        @NullSource
        @DisplayName("a null or blank sessionId on get and delete, a blank one on create")
        void blankSessionId(String sessionId) {
            newSession();
            assertRejectedWithoutWriting(() -> service.get(new GetRequest(APP, USER, sessionId)), "sessionId");
            assertRejectedWithoutWriting(() -> service.delete(new DeleteRequest(APP, USER, sessionId)), "sessionId");
            if (sessionId != null) {
                assertRejectedWithoutWriting(() -> service.create(CreateRequest.builder(APP, USER, AGENT)
                        .sessionId(sessionId).build()), "sessionId");
            }
        }

        @ParameterizedTest(name = "author = [{0}]")
        @NullSource
        @ValueSource(strings = {"", "  "})
        @DisplayName("a null or blank author")
        void blankAuthor(String author) {
            Session session = newSession();
            assertRejectedWithoutWriting(() -> session.addEvent(AddEventOptions.of(author, "hi")), "author");
        }

        @Test
        @DisplayName("ids and names over the length limits")
        void overLongIds() {
            Session session = newSession();
            String longId = "i".repeat(Limits.MAX_SESSION_ID_LENGTH + 1);
            String longName = "n".repeat(Limits.MAX_NAME_LENGTH + 1);
            assertRejectedWithoutWriting(() -> service.create(CreateRequest.builder(APP, USER, AGENT)
                    .sessionId(longId).build()), "sessionId");
            assertRejectedWithoutWriting(() -> service.get(new GetRequest(APP, USER, longId)), "sessionId");
            assertRejectedWithoutWriting(() -> service.create(CreateRequest.of(longName, USER, AGENT)), "appName");
            assertRejectedWithoutWriting(() -> service.create(CreateRequest.of(APP, longName, AGENT)), "userId");
            assertRejectedWithoutWriting(() -> service.create(CreateRequest.of(APP, USER, longName)), "agentId");
            assertRejectedWithoutWriting(() -> session.addEvent(AddEventOptions.of(longName, "x")), "author");
            assertRejectedWithoutWriting(() -> session.addEvent(AddEventOptions.builder("user")
                    .branch(longName).build()), "branch");
            assertRejectedWithoutWriting(() -> session.addEvent(AddEventOptions.builder("user")
                    .action(Action.of(longName, Map.of())).build()), "toolName");

            String longestId = "i".repeat(Limits.MAX_SESSION_ID_LENGTH);
            assertThat(newSession(APP, USER, longestId).id()).isEqualTo(longestId);
            String longestName = "n".repeat(Limits.MAX_NAME_LENGTH);
            assertThat(service.create(CreateRequest.of(longestName, longestName, longestName)).appName())
                    .isEqualTo(longestName);
        }

        @ParameterizedTest(name = "{0}")
        @ValueSource(strings = {"U+0000:a\u0000b", "a lone high surrogate:a\uD83Db", "a lone low surrogate:\uDE00b",
            "a reversed pair:x\uDE00\uD83D"})
        @DisplayName("text that no backend can store faithfully, in every text field")
        void unstorableText(String labelled) {
            String bad = labelled.substring(labelled.indexOf(':') + 1);
            Session session = newSession();
            assertRejectedWithoutWriting(() -> service.create(CreateRequest.of(bad, USER, AGENT)), "appName");
            assertRejectedWithoutWriting(() -> service.create(CreateRequest.of(APP, USER, bad)), "agentId");
            assertRejectedWithoutWriting(() -> service.create(CreateRequest.builder(APP, USER, AGENT)
                    .sessionId(bad).build()), "sessionId");
            assertRejectedWithoutWriting(() -> service.create(CreateRequest.builder(APP, USER, AGENT)
                    .metadata(Map.of("note", bad)).build()), "metadata.note");
            assertRejectedWithoutWriting(() -> session.addEvent(AddEventOptions.of("user", bad)), "content");
            assertRejectedWithoutWriting(() -> session.addEvent(AddEventOptions.of(bad, "x")), "author");
            assertRejectedWithoutWriting(() -> session.addEvent(AddEventOptions.builder("user")
                    .reasoning(bad).build()), "reasoning");
            assertRejectedWithoutWriting(() -> session.addEvent(AddEventOptions.builder("user")
                    .invocationId(bad).build()), "invocationId");
            assertRejectedWithoutWriting(() -> session.addEvent(AddEventOptions.builder("user")
                    .longRunningToolIds(List.of("ok", bad)).build()), "longRunningToolIds[1]");
            assertRejectedWithoutWriting(() -> session.addEvent(AddEventOptions.builder("user")
                    .action(Action.of("search", Map.of("query", List.of(bad)))).build()), "input.query[0]");
            assertRejectedWithoutWriting(() -> session.addEvent(AddEventOptions.builder("user")
                    .action(Action.of("search", Map.of(), Map.of("hits", bad))).build()), "output.hits");
            assertRejectedWithoutWriting(() -> session.addEvent(AddEventOptions.builder("user")
                    .metadata(Map.of("a", Map.of("b", bad))).build()), "metadata.a.b");
        }

        @ParameterizedTest(name = "{0}")
        @MethodSource("dev.agentsession.conformance.SessionServiceConformance#nonJsonValues")
        @DisplayName("metadata that is not JSON-shaped")
        void nonJsonMetadata(String label, Map<String, Object> metadata, String path) {
            Session session = newSession();
            assertRejectedWithoutWriting(() -> service.create(CreateRequest.builder(APP, USER, AGENT)
                    .metadata(metadata).build()), path);
            assertRejectedWithoutWriting(() -> session.addEvent(AddEventOptions.builder("user")
                    .metadata(metadata).build()), path);
        }

        @Test
        @DisplayName("an action input or output that is not JSON-shaped")
        void nonJsonAction() {
            Session session = newSession();
            assertRejectedWithoutWriting(() -> session.addEvent(AddEventOptions.builder("user")
                    .action(Action.of("t", Map.of("when", Instant.EPOCH))).build()), "input.when");
            assertRejectedWithoutWriting(() -> session.addEvent(AddEventOptions.builder("user")
                    .action(Action.of("t", Map.of(), new StringBuilder("x"))).build()), "output");
            assertRejectedWithoutWriting(() -> session.addEvent(AddEventOptions.builder("user")
                    .action(Action.of("t", Map.of(), List.of(Double.POSITIVE_INFINITY))).build()), "output[0]");
            assertRejectedWithoutWriting(() -> session.addEvent(AddEventOptions.builder("user")
                    .actions(Arrays.asList(Action.of("ok", Map.of()), null)).build()), "actions[1]");
        }

        @Test
        @DisplayName("null requests, a null cutoff and a negative list limit")
        void nullsAndNegatives() {
            Session session = newSession();
            assertRejectedWithoutWriting(() -> service.create(null), "request");
            assertRejectedWithoutWriting(() -> service.get(null), "request");
            assertRejectedWithoutWriting(() -> service.list(null), "request");
            assertRejectedWithoutWriting(() -> service.delete(null), "request");
            assertRejectedWithoutWriting(() -> session.addEvent(null), "options");
            assertRejectedWithoutWriting(() -> service.deleteSessionsUpdatedBefore(null, APP, USER), "cutoff");
            assertRejectedWithoutWriting(() -> service.list(new ListRequest(APP, USER, -1)), "limit");
        }
    }

    // ---------------------------------------------------------------------- bad-input matrix

    /** A text argument of one entry point, and what the contract allows in it. */
    private record TextArgument(String entry, String field, boolean required, boolean blankAllowed, int maxLength,
                                Consumer<String> call) {
    }

    private List<TextArgument> textArguments(Session session) {
        int name = Limits.MAX_NAME_LENGTH;
        int id = Limits.MAX_SESSION_ID_LENGTH;
        return List.of(
                new TextArgument("create", "appName", true, false, name, v -> service.create(CreateRequest.of(v, USER, AGENT))),
                new TextArgument("create", "userId", true, false, name, v -> service.create(CreateRequest.of(APP, v, AGENT))),
                new TextArgument("create", "agentId", true, false, name, v -> service.create(CreateRequest.of(APP, USER, v))),
                new TextArgument("create", "sessionId", false, false, id,
                        v -> service.create(CreateRequest.builder(APP, USER, AGENT).sessionId(v).build())),
                new TextArgument("create", "metadata.note", false, true, 0,
                        v -> service.create(CreateRequest.builder(APP, USER, AGENT).metadata(mapOf("note", v)).build())),
                new TextArgument("get", "appName", true, false, name, v -> service.get(new GetRequest(v, USER, "s"))),
                new TextArgument("get", "userId", true, false, name, v -> service.get(new GetRequest(APP, v, "s"))),
                new TextArgument("get", "sessionId", true, false, id, v -> service.get(new GetRequest(APP, USER, v))),
                new TextArgument("list", "appName", true, false, name, v -> service.list(ListRequest.all(v, USER))),
                new TextArgument("list", "userId", true, false, name, v -> service.list(ListRequest.all(APP, v))),
                new TextArgument("delete", "appName", true, false, name, v -> service.delete(new DeleteRequest(v, USER, "s"))),
                new TextArgument("delete", "userId", true, false, name, v -> service.delete(new DeleteRequest(APP, v, "s"))),
                new TextArgument("delete", "sessionId", true, false, id, v -> service.delete(new DeleteRequest(APP, USER, v))),
                new TextArgument("deleteSessionsUpdatedBefore", "appName", true, false, name,
                        v -> service.deleteSessionsUpdatedBefore(Instant.now(), v, USER)),
                new TextArgument("deleteSessionsUpdatedBefore", "userId", false, false, name,
                        v -> service.deleteSessionsUpdatedBefore(Instant.now(), APP, v)),
                new TextArgument("addEvent", "author", true, false, name, v -> session.addEvent(AddEventOptions.of(v, "x"))),
                new TextArgument("addEvent", "content", false, true, 0, v -> session.addEvent(AddEventOptions.of("user", v))),
                new TextArgument("addEvent", "reasoning", false, true, 0,
                        v -> session.addEvent(AddEventOptions.builder("user").reasoning(v).build())),
                new TextArgument("addEvent", "invocationId", false, true, name,
                        v -> session.addEvent(AddEventOptions.builder("user").invocationId(v).build())),
                new TextArgument("addEvent", "agentId", false, true, name,
                        v -> session.addEvent(AddEventOptions.builder("user").agentId(v).build())),
                new TextArgument("addEvent", "branch", false, true, name,
                        v -> session.addEvent(AddEventOptions.builder("user").branch(v).build())),
                new TextArgument("addEvent", "longRunningToolIds[0]", true, false, name,
                        v -> session.addEvent(AddEventOptions.builder("user").longRunningToolIds(Arrays.asList(v)).build())),
                new TextArgument("addEvent", "toolName", true, false, name,
                        v -> session.addEvent(AddEventOptions.builder("user").action(new Action(v, null, null)).build())),
                new TextArgument("addEvent", "input.q", false, true, 0,
                        v -> session.addEvent(AddEventOptions.builder("user").action(new Action("t", mapOf("q", v), null)).build())),
                new TextArgument("addEvent", "output", false, true, 0,
                        v -> session.addEvent(AddEventOptions.builder("user").action(new Action("t", null, v)).build())),
                new TextArgument("addEvent", "metadata.note", false, true, 0,
                        v -> session.addEvent(AddEventOptions.builder("user").metadata(mapOf("note", v)).build())));
    }

    private static Map<String, Object> mapOf(String key, Object value) {
        Map<String, Object> map = new HashMap<>();
        map.put(key, value);
        return map;
    }

    /** Values that are not JSON-shaped, each with the path suffix its error names. */
    private static Map<String, Object> notJson() {
        Map<String, Object> cyclic = new HashMap<>();
        cyclic.put("again", cyclic);
        Map<Object, Object> numericKey = new HashMap<>();
        numericKey.put(7, "seven");
        Object deep = "leaf";
        for (int i = 0; i <= Limits.MAX_JSON_DEPTH; i++) {
            deep = List.of(deep);
        }
        Map<String, Object> values = new LinkedHashMap<>();
        values.put("an Instant", Instant.EPOCH);
        values.put("an Object", new Object());
        values.put("a StringBuilder", new StringBuilder("x"));
        values.put("a cyclic map", cyclic);
        values.put("a map with a non-string key", numericKey);
        values.put("NaN", Double.NaN);
        values.put("an infinite float", Float.POSITIVE_INFINITY);
        values.put("a BigInteger beyond long", BigInteger.TWO.pow(64));
        values.put("nesting beyond the limit", deep);
        return values;
    }

    /** Stands for what a program would write into a JSON field. */
    private record JsonArgument(String entry, String field, Consumer<Object> call) {
    }

    private List<JsonArgument> jsonArguments(Session session) {
        return List.of(
                new JsonArgument("create", "metadata.v",
                        v -> service.create(CreateRequest.builder(APP, USER, AGENT).metadata(mapOf("v", v)).build())),
                new JsonArgument("addEvent", "metadata.v",
                        v -> session.addEvent(AddEventOptions.builder("user").metadata(mapOf("v", v)).build())),
                new JsonArgument("addEvent", "input.v",
                        v -> session.addEvent(AddEventOptions.builder("user").action(new Action("t", mapOf("v", v), null)).build())),
                new JsonArgument("addEvent", "output",
                        v -> session.addEvent(AddEventOptions.builder("user").action(new Action("t", null, v)).build())));
    }

    @Nested
    @DisplayName("Bad-input matrix: every entry point against every kind of bad value")
    class BadInputMatrix {

        @TestFactory
        @DisplayName("each bad value is rejected, naming the field, and nothing is written")
        Stream<DynamicTest> rejected(TestReporter reporter) {
            Session session = newSession(APP, USER, "target");
            session.addEvent(AddEventOptions.of("user", "existing"));
            List<DynamicTest> cases = new ArrayList<>();
            for (TextArgument argument : textArguments(session)) {
                Map<String, String> bad = new LinkedHashMap<>();
                if (argument.required()) {
                    bad.put("null", null);
                }
                if (!argument.blankAllowed()) {
                    bad.put("empty", "");
                    bad.put("blank", " \t ");
                }
                if (argument.maxLength() > 0) {
                    bad.put("one character too long", "x".repeat(argument.maxLength() + 1));
                }
                bad.put("U+0000", "a\u0000b");
                bad.put("a lone high surrogate", "a\uD83D");
                bad.put("a lone low surrogate", "\uDE00b");
                bad.forEach((label, value) -> cases.add(DynamicTest.dynamicTest(
                        argument.entry() + ": " + argument.field() + " " + label,
                        () -> assertRejectedWithoutWriting(() -> argument.call().accept(value), argument.field()))));
            }
            for (JsonArgument argument : jsonArguments(session)) {
                notJson().forEach((label, value) -> cases.add(DynamicTest.dynamicTest(
                        argument.entry() + ": " + argument.field() + " " + label,
                        () -> assertRejectedWithoutWriting(() -> argument.call().accept(value), argument.field()))));
            }
            String huge = "h".repeat(Limits.MAX_EVENT_BYTES + 1);
            cases.add(DynamicTest.dynamicTest("addEvent: content beyond the documented maximum",
                    () -> assertRejectedWithoutWriting(() -> session.addEvent(AddEventOptions.of("user", huge)), "content")));
            cases.add(DynamicTest.dynamicTest("addEvent: reasoning beyond the documented maximum",
                    () -> assertRejectedWithoutWriting(() -> session.addEvent(AddEventOptions.builder("user")
                            .reasoning(huge).build()), "reasoning")));
            cases.add(DynamicTest.dynamicTest("create: metadata beyond the documented maximum",
                    () -> assertRejectedWithoutWriting(() -> service.create(CreateRequest.builder(APP, USER, AGENT)
                            .metadata(Map.of("big", "m".repeat(Limits.MAX_SESSION_METADATA_BYTES))).build()), "metadata")));
            cases.add(DynamicTest.dynamicTest("events: null options",
                    () -> assertRejectedWithoutWriting(() -> session.events(null), "options")));
            cases.add(DynamicTest.dynamicTest("events: negative limit",
                    () -> assertRejectedWithoutWriting(() -> session.events(new EventsOptions(-1, 0)), "limit")));
            cases.add(DynamicTest.dynamicTest("events: negative afterSequence",
                    () -> assertRejectedWithoutWriting(() -> session.events(new EventsOptions(0, -5)), "afterSequence")));
            cases.add(DynamicTest.dynamicTest("streamEvents: negative afterSequence",
                    () -> assertRejectedWithoutWriting(() -> session.streamEvents(-1), "afterSequence")));
            cases.add(DynamicTest.dynamicTest("list: negative limit",
                    () -> assertRejectedWithoutWriting(() -> service.list(new ListRequest(APP, USER, -1)), "limit")));
            cases.add(DynamicTest.dynamicTest("deleteSessionsUpdatedBefore: null cutoff",
                    () -> assertRejectedWithoutWriting(() -> service.deleteSessionsUpdatedBefore(null, APP, USER), "cutoff")));
            for (String entry : List.of("create", "get", "list", "delete", "addEvent")) {
                cases.add(DynamicTest.dynamicTest(entry + ": a null request", () -> assertRejectedWithoutWriting(() -> {
                    switch (entry) {
                        case "create" -> service.create(null);
                        case "get" -> service.get(null);
                        case "list" -> service.list(null);
                        case "delete" -> service.delete(null);
                        default -> session.addEvent(null);
                    }
                }, entry.equals("addEvent") ? "options" : "request")));
            }
            String count = cases.size() + " bad-input cases";
            reporter.publishEntry("bad-input matrix", count);
            System.out.println("bad-input matrix: " + count);
            return cases.stream();
        }

        @TestFactory
        @DisplayName("SQL-looking text is stored literally in every text field")
        Stream<DynamicTest> storedLiterally(TestReporter reporter) {
            List<String> values = List.of("x'); DROP TABLE sessions; --", "\" OR \"1\"=\"1", "%_\\' $1 ?; --",
                    "{\"$ne\": null}");
            List<DynamicTest> cases = new ArrayList<>();
            for (String value : values) {
                cases.add(DynamicTest.dynamicTest("session fields: " + value, () -> {
                    Session created = service.create(CreateRequest.builder(value, value, value).sessionId(value)
                            .metadata(Map.of(value, value)).build());
                    Session read = service.get(new GetRequest(value, value, value)).orElseThrow();
                    assertSameSnapshot(read, created);
                    assertThat(service.list(ListRequest.all(value, value))).extracting(Session::id).containsExactly(value);
                    assertThat(service.delete(new DeleteRequest(value, value, value))).isTrue();
                }));
                cases.add(DynamicTest.dynamicTest("event fields: " + value, () -> {
                    Session session = newSession();
                    Event written = session.addEvent(AddEventOptions.builder(value).content(value).reasoning(value)
                            .invocationId(value).agentId(value).branch(value).longRunningToolIds(List.of(value))
                            .action(new Action(value, Map.of(value, value), value)).metadata(Map.of(value, value))
                            .build());
                    assertThat(reread(session).events(EventsOptions.all())).containsExactly(written);
                }));
            }
            reporter.publishEntry("literal cases", String.valueOf(cases.size()));
            return cases.stream();
        }
    }

    // --------------------------------------------------------------------------- concurrency

    private static <T> List<T> runConcurrently(int threads, Callable<T> task) throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        try {
            CountDownLatch start = new CountDownLatch(1);
            List<Future<T>> futures = new ArrayList<>();
            for (int i = 0; i < threads; i++) {
                futures.add(pool.submit(() -> {
                    start.await();
                    return task.call();
                }));
            }
            start.countDown();
            List<T> results = new ArrayList<>();
            for (Future<T> future : futures) {
                results.add(future.get(5, TimeUnit.MINUTES));
            }
            return results;
        } finally {
            pool.shutdownNow();
        }
    }

    @Nested
    @DisplayName("Concurrency")
    class Concurrency {

        @Test
        @DisplayName("8 threads appending 100 events each to one session give sequences exactly 1..800")
        void concurrentAppendsToOneSession() throws Exception {
            Session session = newSession();
            Set<String> contents = ConcurrentHashMap.newKeySet();

            List<List<Long>> acknowledged = runConcurrently(8, () -> {
                List<Long> mine = new ArrayList<>();
                String writer = Thread.currentThread().getName();
                for (int i = 0; i < 100; i++) {
                    String content = writer + " #" + i;
                    contents.add(content);
                    mine.add(session.addEvent(AddEventOptions.of("user", content)).sequence());
                }
                return mine;
            });

            List<Event> events = session.events(EventsOptions.all());
            assertThat(sequences(events)).isEqualTo(range(1, 800));
            assertThat(events).extracting(Event::content).doesNotHaveDuplicates()
                    .containsExactlyInAnyOrderElementsOf(contents);
            assertThat(acknowledged.stream().flatMap(List::stream)).doesNotHaveDuplicates().hasSize(800);
            assertThat(acknowledged).allSatisfy(mine -> assertThat(mine).isSorted());
        }

        @Test
        @DisplayName("16 threads appending 50 events each to one session give sequences exactly 1..800")
        void sixteenThreadsOnOneSession() throws Exception {
            Session session = newSession();
            List<List<Long>> acknowledged = runConcurrently(16, () -> {
                List<Long> mine = new ArrayList<>();
                for (int i = 0; i < 50; i++) {
                    mine.add(session.addEvent(AddEventOptions.of("user", Thread.currentThread().getName() + " " + i))
                            .sequence());
                }
                return mine;
            });
            assertThat(sequences(session.events(EventsOptions.all()))).isEqualTo(range(1, 800));
            assertThat(acknowledged.stream().flatMap(List::stream)).doesNotHaveDuplicates().hasSize(800);
        }

        @Test
        @DisplayName("concurrent creates and appends on many sessions lose and duplicate nothing")
        void concurrentCreatesAndAppends() throws Exception {
            List<Map<String, Integer>> perThread = runConcurrently(6, () -> {
                Map<String, Integer> written = new HashMap<>();
                for (int s = 0; s < 8; s++) {
                    Session session = newSession();
                    int count = 1 + (s * 3) % 7;
                    append(session, count);
                    written.put(session.id(), count);
                }
                return written;
            });

            Map<String, Integer> expected = new HashMap<>();
            perThread.forEach(expected::putAll);
            List<Session> listed = service.list(ListRequest.all(APP, USER));
            assertThat(expected).hasSize(48);
            assertThat(listed).extracting(Session::id).containsExactlyInAnyOrderElementsOf(expected.keySet());
            for (Session session : listed) {
                int count = expected.get(session.id());
                assertThat(sequences(session.events(EventsOptions.all()))).isEqualTo(range(1, count));
            }
        }

        @Test
        @DisplayName("readers during appends always see a gap-free prefix of the history")
        void readersSeeGapFreePrefixes() throws Exception {
            Session session = newSession();
            CountDownLatch done = new CountDownLatch(1);
            ExecutorService writer = Executors.newSingleThreadExecutor();
            try {
                Future<?> writes = writer.submit(() -> {
                    try {
                        append(session, 300);
                    } finally {
                        done.countDown();
                    }
                });
                int reads = 0;
                while (done.getCount() > 0 || reads == 0) {
                    List<Event> seen = session.events(EventsOptions.all());
                    assertThat(sequences(seen)).isEqualTo(range(1, seen.size()));
                    List<Event> recent = session.events(EventsOptions.last(5));
                    if (!recent.isEmpty()) {
                        long first = recent.get(0).sequence();
                        assertThat(sequences(recent)).isEqualTo(range(first, first + recent.size() - 1));
                    }
                    reads++;
                }
                writes.get(5, TimeUnit.MINUTES);
            } finally {
                writer.shutdownNow();
            }
            assertThat(session.events(EventsOptions.all())).hasSize(300);
        }
    }

    // ----------------------------------------------------------------------------- lifecycle

    @Nested
    @DisplayName("Lifecycle")
    class Lifecycle {

        @Test
        @DisplayName("close is idempotent")
        void closeIsIdempotent() {
            service.close();
            service.close();
        }

        @Test
        @DisplayName("every call after close throws IllegalStateException, on the service and its handles")
        void callsAfterCloseFail() {
            Session session = newSession();
            session.addEvent(AddEventOptions.of("user", "before close"));
            service.close();

            List<Consumer<SessionService>> calls = List.of(
                    s -> s.create(CreateRequest.of(APP, USER, AGENT)),
                    s -> s.get(new GetRequest(APP, USER, session.id())),
                    s -> s.list(ListRequest.all(APP, USER)),
                    s -> s.delete(new DeleteRequest(APP, USER, session.id())),
                    s -> s.deleteSessionsUpdatedBefore(Instant.now(), APP, null),
                    s -> session.addEvent(AddEventOptions.of("user", "after close")),
                    s -> session.events(EventsOptions.all()),
                    s -> session.streamEvents(0).count());
            for (Consumer<SessionService> call : calls) {
                assertThatThrownBy(() -> call.accept(service)).isInstanceOf(IllegalStateException.class);
            }
        }

        @Test
        @DisplayName("(reopen) everything written is there after close and reopen")
        void dataSurvivesReopen() throws Exception {
            requireCapability(Capability.REOPEN);
            Session session = service.create(CreateRequest.builder(APP, USER, AGENT)
                    .sessionId("durable").metadata(richMetadata()).build());
            List<Event> written = new ArrayList<>(append(session, 3));
            written.add(session.addEvent(AddEventOptions.builder("agent").content("with everything")
                    .reasoning("why").action(Action.of("tool", Map.of("a", 1L), List.of("out")))
                    .longRunningToolIds(List.of("x", "y")).metadata(richMetadata()).build()));
            Session before = reread(session);
            service.close();

            service = reopen();

            Session after = reread(session);
            assertSameSnapshot(after, before);
            assertThat(after.events(EventsOptions.all())).isEqualTo(written);
        }

        @Test
        @DisplayName("(reopen) sequences continue after close and reopen")
        void sequencesContinueAfterReopen() throws Exception {
            requireCapability(Capability.REOPEN);
            Session session = newSession(APP, USER, "continued");
            append(session, 2);
            service.close();

            service = reopen();

            Event third = reread(session).addEvent(AddEventOptions.of("user", "third"));
            assertThat(third.sequence()).isEqualTo(3);
        }
    }

    // ---------------------------------------------------------------------------------- time

    @Nested
    @DisplayName("Time")
    class Time {

        @Test
        @DisplayName("instants are UTC, truncated to microseconds, and read back equal")
        void instantsAreMicrosecondPrecise() {
            Instant before = Instant.now().truncatedTo(ChronoUnit.MICROS);
            Session session = newSession();
            List<Event> events = append(session, 20);
            Instant after = Instant.now();

            List<Instant> instants = new ArrayList<>();
            instants.add(session.createdAt());
            events.forEach(e -> instants.add(e.createdAt()));
            assertThat(instants).allSatisfy(instant -> {
                assertThat(instant.getNano() % 1_000).isZero();
                assertThat(instant).isBetween(before.minusSeconds(5), after.plusSeconds(5));
            });
            assertThat(reread(session).updatedAt()).isEqualTo(events.get(19).createdAt());
            assertThat(session.events(EventsOptions.all())).extracting(Event::createdAt)
                    .isEqualTo(events.stream().map(Event::createdAt).collect(Collectors.toList()));
        }

        @ParameterizedTest(name = "written in {0}, read in {1}")
        @CsvSource({
            "Asia/Shanghai, America/Los_Angeles",
            "America/Los_Angeles, Pacific/Chatham",
            "Asia/Kolkata, UTC"})
        @DisplayName("results do not change with the JVM default time zone")
        void defaultTimeZoneDoesNotMatter(String writeZone, String readZone) throws Exception {
            TimeZone original = TimeZone.getDefault();
            try {
                TimeZone.setDefault(TimeZone.getTimeZone(writeZone));
                Instant before = Instant.now().truncatedTo(ChronoUnit.MICROS);
                Session session = newSession();
                Event event = session.addEvent(AddEventOptions.of("user", "what time is it?"));
                Instant cutoff = cutoffAfter(event.createdAt());
                Session later = newSession();

                TimeZone.setDefault(TimeZone.getTimeZone(readZone));
                if (capabilities().contains(Capability.REOPEN)) {
                    service.close();
                    service = reopen();
                }
                Session read = reread(session);
                assertThat(read.createdAt()).isEqualTo(session.createdAt());
                assertThat(read.updatedAt()).isEqualTo(event.createdAt());
                assertThat(read.events(EventsOptions.all()).get(0).createdAt()).isEqualTo(event.createdAt());
                assertThat(event.createdAt()).isBetween(before.minusSeconds(5), cutoff.plusSeconds(5));
                assertThat(event.createdAt().atOffset(ZoneOffset.UTC).getOffset()).isEqualTo(ZoneOffset.UTC);
                assertThat(service.deleteSessionsUpdatedBefore(cutoff, APP, USER)).isEqualTo(1);
                assertThat(service.list(ListRequest.all(APP, USER))).extracting(Session::id)
                        .containsExactly(later.id());
            } finally {
                TimeZone.setDefault(original);
            }
        }
    }

    // ------------------------------------------------------------------------- configuration

    @Nested
    @DisplayName("Configuration")
    class Configuration {

        @Test
        @DisplayName("(url) SessionServices.open(url) returns a working service of this backend")
        void opensByUrl() {
            requireCapability(Capability.URL);
            try (SessionService opened = SessionServices.open(url())) {
                Session session = opened.create(CreateRequest.of(APP, USER, AGENT));
                Event event = session.addEvent(AddEventOptions.of("user", "via url"));
                assertThat(opened.get(new GetRequest(APP, USER, session.id())).orElseThrow()
                        .events(EventsOptions.all())).containsExactly(event);
                assertThat(opened.getClass()).isEqualTo(service.getClass());
            }
        }

        @Test
        @DisplayName("an unknown URL scheme fails with a message naming the modules to add")
        void unknownScheme() {
            assertThatThrownBy(() -> SessionServices.open("redis://localhost:6379"))
                    .isInstanceOf(IllegalArgumentException.class)
                    .hasMessageContaining("redis://localhost:6379")
                    .hasMessageContaining("session-sqlite")
                    .hasMessageContaining("session-postgres")
                    .hasMessageContaining("session-mysql")
                    .hasMessageContaining("session-memory");
        }

        @Test
        @DisplayName("(multiProcess) two other processes appending to one session lose nothing")
        void twoProcessesShareTheStore() throws Exception {
            requireCapability(Capability.MULTI_PROCESS);
            Session session = newSession(APP, USER, "shared-by-processes");
            int perWriter = 150;

            List<Process> children = new ArrayList<>();
            for (String writer : List.of("proc-a", "proc-b")) {
                children.add(new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                        "-cp", System.getProperty("java.class.path"), ChildAppender.class.getName(),
                        url(), APP, USER, session.id(), writer, String.valueOf(perWriter))
                        .redirectErrorStream(true).start());
            }
            append(session, perWriter);
            List<Long> acknowledged = new ArrayList<>();
            for (Process child : children) {
                List<String> output;
                try (BufferedReader reader = new BufferedReader(
                        new InputStreamReader(child.getInputStream(), StandardCharsets.UTF_8))) {
                    output = reader.lines().collect(Collectors.toList());
                }
                assertThat(child.waitFor(5, TimeUnit.MINUTES)).isTrue();
                assertThat(child.exitValue()).as("child output: %s", output).isZero();
                output.stream().filter(l -> l.startsWith("ack ")).map(l -> Long.parseLong(l.substring(4)))
                        .forEach(acknowledged::add);
            }

            List<Event> events = session.events(EventsOptions.all());
            assertThat(sequences(events)).isEqualTo(range(1, 3L * perWriter));
            assertThat(acknowledged).hasSize(2 * perWriter).doesNotHaveDuplicates();
            assertThat(events.stream().map(Event::author).collect(Collectors.groupingBy(a -> a, Collectors.counting())))
                    .isEqualTo(Map.of("user", (long) perWriter, "proc-a", (long) perWriter, "proc-b", (long) perWriter));
            assertThat(IntStream.range(0, perWriter).mapToObj(i -> "proc-a-" + i))
                    .isSubsetOf(events.stream().map(Event::content).collect(Collectors.toSet()));
        }
    }
}
