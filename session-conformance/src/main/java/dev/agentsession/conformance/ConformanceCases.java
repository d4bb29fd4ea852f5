package dev.agentsession.conformance;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.agentsession.AddEventOptions;
import dev.agentsession.CreateRequest;
import dev.agentsession.Event;
import dev.agentsession.EventsOptions;
import dev.agentsession.GetRequest;
import dev.agentsession.ListRequest;
import dev.agentsession.Session;
import dev.agentsession.SessionService;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import java.util.stream.LongStream;
import org.junit.jupiter.api.BeforeEach;

/**
 * What every subject of the kit shares: the store under test, the kit's scopes, and helpers that
 * keep the tests short. Each subject ({@link SessionCases}, {@link EventCases}, …) extends this,
 * and {@link SessionServiceConformance} composes them as {@code @Nested} groups, so a backend's
 * test class wires the store once.
 */
abstract class ConformanceCases {

    static final String APP = "support-bot";
    static final String OTHER_APP = "billing-bot";
    static final String USER = "alice";
    static final String OTHER_USER = "bob";
    static final String AGENT = "helper";
    static final String URL_SAFE = "[A-Za-z0-9._~-]+";

    private final SessionServiceConformance kit;

    /** The store under test: the kit's fresh store, bound before each test. */
    SessionService service;

    ConformanceCases(SessionServiceConformance kit) {
        this.kit = kit;
    }

    @BeforeEach
    final void bindStore() {
        service = kit.service;
    }

    // ---------------------------------------------------------------- the backend's hooks

    final Set<Capability> capabilities() {
        return kit.capabilities();
    }

    final String url() {
        return kit.url();
    }

    /** Opens the same store again, after the test closed it; the kit closes the new one. */
    final void reopenStore() throws Exception {
        kit.service = kit.reopen();
        service = kit.service;
    }

    final void requireCapability(Capability capability) {
        assumeTrue(capabilities().contains(capability), () -> "skipped: this backend does not declare"
                + " the " + capability + " capability (" + capability.description() + ")");
    }

    // ------------------------------------------------------------------------------ helpers

    /** Creates a session of {@link #USER} in {@link #APP} with a generated id. */
    final Session newSession() {
        return service.create(CreateRequest.of(APP, USER, AGENT));
    }

    /** Creates a session with a chosen id in a chosen scope. */
    final Session newSession(String appName, String userId, String sessionId) {
        return service.create(CreateRequest.builder(appName, userId, AGENT).sessionId(sessionId).build());
    }

    /** Re-reads a session that must exist. */
    final Session reread(Session session) {
        return service.get(new GetRequest(session.appName(), session.userId(), session.id()))
                .orElseThrow(() -> new AssertionError("session " + session.id() + " vanished"));
    }

    /** Appends {@code count} events with contents "message 1" … "message N". */
    static List<Event> append(Session session, int count) {
        List<Event> events = new ArrayList<>();
        for (int i = 1; i <= count; i++) {
            events.add(session.addEvent(AddEventOptions.of("user", "message " + i)));
        }
        return events;
    }

    /** Everything visible in the kit's scopes, to prove that a rejected call wrote nothing. */
    final List<String> visibleState() {
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

    /** The call throws IllegalArgumentException naming {@code field}, and nothing visible changes. */
    final void assertRejectedWithoutWriting(Runnable call, String field) {
        List<String> before = visibleState();
        assertThatThrownBy(call::run)
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining(field);
        assertThat(visibleState()).isEqualTo(before);
    }

    static void assertSameSnapshot(Session actual, Session expected) {
        assertThat(actual.id()).isEqualTo(expected.id());
        assertThat(actual.appName()).isEqualTo(expected.appName());
        assertThat(actual.userId()).isEqualTo(expected.userId());
        assertThat(actual.agentId()).isEqualTo(expected.agentId());
        assertThat(actual.metadata()).isEqualTo(expected.metadata());
        assertThat(actual.createdAt()).isEqualTo(expected.createdAt());
        assertThat(actual.updatedAt()).isEqualTo(expected.updatedAt());
    }

    static List<Long> sequences(List<Event> events) {
        return events.stream().map(Event::sequence).collect(Collectors.toList());
    }

    static List<Long> range(long from, long to) {
        return LongStream.rangeClosed(from, to).boxed().collect(Collectors.toList());
    }

    /**
     * An instant strictly after {@code earlier} and strictly before anything written after this
     * returns, for cutoff tests.
     */
    static Instant cutoffAfter(Instant earlier) throws InterruptedException {
        waitPast(earlier);
        Instant cutoff = Instant.now().truncatedTo(ChronoUnit.MICROS);
        waitPast(cutoff);
        return cutoff;
    }

    static void waitPast(Instant instant) throws InterruptedException {
        while (!Instant.now().truncatedTo(ChronoUnit.MICROS).isAfter(instant)) {
            Thread.sleep(1);
        }
    }

    /** A map that may hold a null value, which {@link Map#of} refuses. */
    static Map<String, Object> mapOf(String key, Object value) {
        Map<String, Object> map = new HashMap<>();
        map.put(key, value);
        return map;
    }

    /** A JSON object holding every kind of value, nested, with text from several scripts. */
    static Map<String, Object> richMetadata() {
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

    /** Runs {@code task} on {@code threads} threads released at once; returns their results. */
    static <T> List<T> runConcurrently(int threads, Callable<T> task) throws Exception {
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
}
