package dev.agentsession.conformance;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.agentsession.AddEventOptions;
import dev.agentsession.CreateRequest;
import dev.agentsession.Event;
import dev.agentsession.EventsOptions;
import dev.agentsession.GetRequest;
import dev.agentsession.ListRequest;
import dev.agentsession.Session;
import dev.agentsession.SessionService;
import dev.agentsession.SessionServices;
import dev.agentsession.SessionStoreConfig;
import dev.agentsession.SessionStoreException;
import dev.agentsession.SessionStoreUnavailableException;
import java.sql.SQLException;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.function.ThrowingSupplier;

/**
 * Outage and recovery for backends on a database server: a {@link TcpProxy} between the service
 * and the server cuts the connection and restores it.
 */
public abstract class ServerOutageConformance implements ServerBackend {

    /** The connection timeout the service under test is opened with. */
    protected static final Duration TIMEOUT = Duration.ofSeconds(2);

    private SessionService open(String url, Duration timeout) {
        return open(url, true, timeout);
    }

    private static void failsWithinTimeout(String call, ThrowingSupplier<?> work) {
        long start = System.nanoTime();
        assertThatThrownBy(work::get).as(call).isInstanceOf(SessionStoreUnavailableException.class)
                .hasCauseInstanceOf(Exception.class);
        Duration took = Duration.ofNanos(System.nanoTime() - start);
        // a bound on how long a caller is kept waiting, the contract of the timeout; not a speed test
        assertThat(took).as(call + " gave up in time").isLessThan(TIMEOUT.multipliedBy(4));
    }

    /**
     * The pool reconnects in the background, backing off up to a few seconds between attempts,
     * so the first calls after the network returns may still fail; the same service must then
     * work again on its own.
     */
    private static void awaitRecovery(SessionService store) throws InterruptedException {
        long deadline = System.nanoTime() + RECOVERY.toNanos();
        while (true) {
            try {
                store.list(ListRequest.all("app", "user"));
                return;
            } catch (SessionStoreException e) {
                if (System.nanoTime() > deadline) {
                    throw new AssertionError("the service did not recover within " + RECOVERY, e);
                }
                Thread.sleep(200);
            }
        }
    }

    /** How long the service may take to reconnect once the network is back. */
    private static final Duration RECOVERY = Duration.ofSeconds(30);

    @Test
    @DisplayName("while the connection is cut, calls fail in time with SessionStoreUnavailableException; once restored,"
            + " the same service works and nothing was half-written")
    void outageAndRecovery() throws Exception {
        String url = outageStoreUrl();
        try (TcpProxy proxy = TcpProxy.to(url, testDatabase().defaultPort());
             SessionService store = open(proxy.route(url), TIMEOUT)) {
            Session session = store.create(CreateRequest.builder("app", "user", "agent").sessionId("s").build());
            session.addEvent(AddEventOptions.of("user", "before"));

            proxy.cut();
            List<Consumer<SessionService>> calls = List.of(
                    s -> session.addEvent(AddEventOptions.of("user", "during the outage")),
                    s -> s.get(new GetRequest("app", "user", "s")),
                    s -> s.list(ListRequest.all("app", "user")),
                    s -> session.events(EventsOptions.all()),
                    s -> s.create(CreateRequest.of("app", "user", "agent")),
                    s -> session.addEvent(AddEventOptions.of("user", "still out")));
            for (Consumer<SessionService> call : calls) {
                failsWithinTimeout("a call during the outage", () -> {
                    call.accept(store);
                    return null;
                });
            }

            proxy.restore();
            awaitRecovery(store);
            Event after = session.addEvent(AddEventOptions.of("user", "after"));
            assertThat(after.sequence()).as("no sequence was taken by a failed append").isEqualTo(2);
            assertThat(store.get(new GetRequest("app", "user", "s")).orElseThrow().events(EventsOptions.all()))
                    .extracting(Event::content).containsExactly("before", "after");
            assertThat(store.list(ListRequest.all("app", "user"))).hasSize(1);
        }
    }

    /**
     * What the client sends, in order on one connection, up to the request whose reply means an
     * append committed: by default the event's content alone, with or without a small state delta
     * (the append, its state rows included, is one statement or routine call in auto-commit). A
     * backend whose appends run in a transaction says so here: the content, then {@code COMMIT}.
     *
     * @param content the appended event's content, unique to the test
     * @param withDelta whether the event carries a state delta
     * @return the markers for {@link TcpProxy#loseReplyTo}
     */
    protected List<String> committedAppendMarkers(String content, boolean withDelta) {
        return List.of(content);
    }

    /**
     * The URL of a new, empty store for a test through the proxy: {@link #freshStoreUrl()} unless a
     * backend says otherwise. A driver that sends a new statement's prepare and run in one write gets
     * the prepare's reply before the statement ran; a backend whose driver does so turns that off here,
     * so that the reply {@link TcpProxy#loseReplyTo} loses is the one of the request with the markers.
     *
     * @return the store's JDBC URL, with credentials
     * @throws SQLException if the server refuses
     */
    protected String outageStoreUrl() throws SQLException {
        return freshStoreUrl();
    }

    private static SessionService openWithRetries(String url, int attempts) {
        return SessionServices.open(SessionStoreConfig.builder(url)
                .option("retry.maxAttempts", String.valueOf(attempts)).build());
    }

    @Test
    @DisplayName("a connection cut after the append committed and before the reply: the store retries, finds the"
            + " event it stored, and the session holds it once")
    void lostReplyIsRetriedWithoutDuplicate() throws Exception {
        String url = outageStoreUrl();
        try (TcpProxy proxy = TcpProxy.to(url, testDatabase().defaultPort());
             SessionService store = openWithRetries(proxy.route(url), 8)) {
            Session session = store.create(CreateRequest.builder("app", "user", "agent").sessionId("s").build());
            session.addEvent(AddEventOptions.of("user", "before"));
            String content = "lost-reply-" + System.nanoTime();
            proxy.loseReplyTo(committedAppendMarkers(content, false).toArray(String[]::new));

            Event appended = session.addEvent(AddEventOptions.of("agent", content));

            assertThat(proxy.replyLost(Duration.ofSeconds(5))).as("the reply of the commit was lost").isTrue();
            assertThat(appended.sequence()).isEqualTo(2);
            List<Event> events = store.get(new GetRequest("app", "user", "s")).orElseThrow().events(EventsOptions.all());
            assertThat(events).extracting(Event::content).containsExactly("before", content);
            assertThat(events.get(1).id()).isEqualTo(appended.id());
            assertThat(session.addEvent(AddEventOptions.of("user", "after")).sequence()).isEqualTo(3);
        }
    }

    @Test
    @DisplayName("with retries off, the caller sees SessionStoreUnavailableException; its own retry with the same event"
            + " id returns the stored event and writes nothing")
    void callerRetriesWithTheSameEventId() throws Exception {
        String url = outageStoreUrl();
        try (TcpProxy proxy = TcpProxy.to(url, testDatabase().defaultPort());
             SessionService store = openWithRetries(proxy.route(url), 1)) {
            Session session = store.create(CreateRequest.builder("app", "user", "agent").sessionId("s").build());
            String content = "lost-reply-" + System.nanoTime();
            AddEventOptions turn = AddEventOptions.builder("agent").content(content).eventId("turn-7")
                    .stateDelta(Map.of("step", 7)).build();
            proxy.loseReplyTo(committedAppendMarkers(content, true).toArray(String[]::new));

            assertThatThrownBy(() -> session.addEvent(turn)).isInstanceOf(SessionStoreUnavailableException.class);
            assertThat(proxy.replyLost(Duration.ofSeconds(5))).isTrue();
            assertThat(store.get(new GetRequest("app", "user", "s")).orElseThrow().lastSequence())
                    .as("the append committed though its reply was lost").isEqualTo(1);

            Event retried = session.addEvent(turn);
            assertThat(retried.id()).isEqualTo("turn-7");
            assertThat(retried.sequence()).isEqualTo(1);
            Session read = store.get(new GetRequest("app", "user", "s")).orElseThrow();
            assertThat(read.events(EventsOptions.all())).extracting(Event::id).containsExactly("turn-7");
            assertThat(read.state()).containsEntry("step", 7L);
            assertThat(read.lastSequence()).isEqualTo(1);
        }
    }

    @Test
    @DisplayName("a server that does not answer on open fails with SessionStoreUnavailableException")
    void unreachableOnOpen() throws Exception {
        String url = outageStoreUrl();
        try (TcpProxy proxy = TcpProxy.to(url, testDatabase().defaultPort())) {
            proxy.cut();
            assertThatThrownBy(() -> open(proxy.route(url), TIMEOUT).close())
                    .isInstanceOf(SessionStoreUnavailableException.class)
                    .hasMessageStartingWith("cannot connect to");
        }
    }
}
