package dev.agentsession.mysql;

import static org.assertj.core.api.Assertions.assertThat;

import dev.agentsession.AddEventOptions;
import dev.agentsession.CreateRequest;
import dev.agentsession.Event;
import dev.agentsession.EventsOptions;
import dev.agentsession.GetRequest;
import dev.agentsession.RetryPolicy;
import dev.agentsession.Session;
import dev.agentsession.SessionService;
import dev.agentsession.SessionStoreException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.stream.LongStream;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/**
 * The store on a 3-node Galera cluster: appends through every node at once, and a node killed
 * with SIGKILL while clients append through multi-host URLs.
 */
@DisplayName("MariaDB Galera cluster: multi-primary appends and a node killed")
class GaleraClusterTest {

    private static SessionService open(String url) {
        return MysqlSessionService.builder().url(url).connectionTimeout(Duration.ofSeconds(10))
                .retryPolicy(new RetryPolicy(12, Duration.ofMillis(10), Duration.ofSeconds(1))).build();
    }

    private static List<Event> events(SessionService store, String session) {
        return store.get(new GetRequest("app", "user", session)).orElseThrow().events(EventsOptions.all());
    }

    @Test
    @DisplayName("three clients, one per node, append 100 events each to one session at once: all stored, gap-free,"
            + " and every node holds the same history")
    void appendsThroughEveryNodeAtOnce() throws Exception {
        GaleraCluster cluster = GaleraCluster.shared();
        String database = cluster.freshDatabase();
        List<SessionService> stores = new ArrayList<>();
        ExecutorService clients = Executors.newFixedThreadPool(3);
        try {
            for (int node = 1; node <= 3; node++) {
                stores.add(open(cluster.node(node).url(database)));
            }
            stores.get(0).create(CreateRequest.builder("app", "user", "agent").sessionId("shared").build());
            CountDownLatch go = new CountDownLatch(1);
            List<Future<List<String>>> acknowledged = new ArrayList<>();
            for (SessionService store : stores) {
                acknowledged.add(clients.submit(() -> {
                    Session session = store.get(new GetRequest("app", "user", "shared")).orElseThrow();
                    go.await();
                    List<String> ids = new ArrayList<>();
                    for (int i = 0; i < 100; i++) {
                        ids.add(session.addEvent(AddEventOptions.of("user", store + " #" + i)).id());
                    }
                    return ids;
                }));
            }
            go.countDown();
            List<String> appended = new ArrayList<>();
            for (Future<List<String>> client : acknowledged) {
                appended.addAll(client.get(3, TimeUnit.MINUTES));
            }

            assertThat(appended).hasSize(300).doesNotHaveDuplicates();
            for (SessionService store : stores) {
                List<Event> history = events(store, "shared");
                assertThat(history).extracting(Event::sequence)
                        .containsExactlyElementsOf(LongStream.rangeClosed(1, 300).boxed().toList());
                assertThat(history).extracting(Event::id).containsExactlyInAnyOrderElementsOf(appended);
            }
        } finally {
            clients.shutdownNow();
            stores.forEach(SessionService::close);
        }
    }

    @Test
    @DisplayName("a node killed with SIGKILL mid-run: clients on multi-host URLs go on through the others, no"
            + " acknowledged event is lost or doubled, and the node rejoins with the same data")
    void nodeKilledMidRun() throws Exception {
        GaleraCluster cluster = GaleraCluster.shared();
        String database = cluster.freshDatabase();
        List<SessionService> stores = new ArrayList<>();
        ExecutorService clients = Executors.newFixedThreadPool(3);
        AtomicBoolean stop = new AtomicBoolean();
        try {
            for (int first = 1; first <= 3; first++) {
                stores.add(open(cluster.multiHostUrl(database, first)));
            }
            stores.get(0).create(CreateRequest.builder("app", "user", "agent").sessionId("shared").build());
            List<String> acknowledged = Collections.synchronizedList(new ArrayList<>());
            List<Throwable> failures = Collections.synchronizedList(new ArrayList<>());
            CountDownLatch warmedUp = new CountDownLatch(3);
            List<Future<?>> running = new ArrayList<>();
            for (int c = 0; c < 3; c++) {
                SessionService store = stores.get(c);
                String client = "client-" + (c + 1);
                running.add(clients.submit(() -> {
                    Session session = store.get(new GetRequest("app", "user", "shared")).orElseThrow();
                    for (int i = 0; !stop.get(); i++) {
                        try {
                            acknowledged.add(session.addEvent(AddEventOptions.of("user", client + " #" + i)).id());
                        } catch (SessionStoreException e) {
                            failures.add(e);  // not acknowledged: the client would try again later
                        }
                        if (i == 20) {
                            warmedUp.countDown();
                        }
                    }
                    return null;
                }));
            }
            long warmUp = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
            while (!warmedUp.await(100, TimeUnit.MILLISECONDS)) {
                for (Future<?> client : running) {
                    if (client.isDone()) {
                        client.get();  // a client that stopped early: its failure ends the test
                    }
                }
                assertThat(System.nanoTime()).as("every client appended 20 events within 60 s; failures: %s",
                        failures).isLessThan(warmUp);
            }
            int beforeKill = acknowledged.size();
            cluster.node(1).kill();
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
            while (acknowledged.size() < beforeKill + 100 && System.nanoTime() < deadline) {
                Thread.sleep(100);
            }
            assertThat(acknowledged.size()).as("appends went on within 60 s of node 1 being killed")
                    .isGreaterThanOrEqualTo(beforeKill + 100);
            stop.set(true);
            for (Future<?> client : running) {
                client.get(2, TimeUnit.MINUTES);
            }

            System.out.printf("galera kill: %d events acknowledged at the kill, %d in all, %d calls failed%n", beforeKill,
                    acknowledged.size(), failures.size());
            cluster.node(1).start(false);
            List<String> firstNodeIds = null;
            for (int node = 1; node <= 3; node++) {
                try (SessionService direct = open(cluster.node(node).url(database))) {
                    List<Event> history = events(direct, "shared");
                    List<String> ids = history.stream().map(Event::id).toList();
                    if (firstNodeIds == null) {
                        firstNodeIds = ids;
                    }
                    assertThat(ids).as("node %d holds the same history as the rejoined node 1", node)
                            .isEqualTo(firstNodeIds);
                    assertThat(history).as("node %d", node).extracting(Event::sequence)
                            .containsExactlyElementsOf(LongStream.rangeClosed(1, history.size()).boxed().toList());
                    assertThat(history).as("node %d", node).extracting(Event::id).doesNotHaveDuplicates()
                            .containsAll(acknowledged);
                    assertThat(history).as("node %d", node).extracting(Event::content).doesNotHaveDuplicates();
                    assertThat(history.size()).as("node %d: acknowledged, plus at most one per failed call", node)
                            .isBetween(acknowledged.size(), acknowledged.size() + failures.size());
                }
            }
        } finally {
            stop.set(true);
            clients.shutdownNow();
            stores.forEach(SessionService::close);
            if (!cluster.node(1).alive()) {
                cluster.node(1).start(false);
            }
        }
    }
}
