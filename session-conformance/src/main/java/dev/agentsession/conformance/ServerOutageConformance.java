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
import dev.agentsession.SessionStoreException;
import dev.agentsession.SessionStoreUnavailableException;
import java.time.Duration;
import java.util.List;
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
        String url = freshStoreUrl();
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

    @Test
    @DisplayName("a server that does not answer on open fails with SessionStoreUnavailableException")
    void unreachableOnOpen() throws Exception {
        String url = freshStoreUrl();
        try (TcpProxy proxy = TcpProxy.to(url, testDatabase().defaultPort())) {
            proxy.cut();
            assertThatThrownBy(() -> open(proxy.route(url), TIMEOUT).close())
                    .isInstanceOf(SessionStoreUnavailableException.class)
                    .hasMessageStartingWith("cannot connect to");
        }
    }
}
