package dev.agentsession.postgres;

import static org.assertj.core.api.Assertions.assertThat;

import dev.agentsession.AddEventOptions;
import dev.agentsession.CreateRequest;
import dev.agentsession.Event;
import dev.agentsession.EventsOptions;
import dev.agentsession.GetRequest;
import dev.agentsession.Session;
import dev.agentsession.SessionService;
import dev.agentsession.SessionStoreException;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.stream.LongStream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/**
 * A PostgreSQL primary with a synchronous hot standby, both started by the test: the primary is
 * killed mid-run and the standby promoted; the same service, on a multi-host URL with
 * {@code targetServerType=primary}, goes on and no acknowledged event is lost.
 */
@DisplayName("PostgreSQL failover to a synchronous standby")
class PostgresFailoverTest {

    private LocalPostgres local;

    @AfterEach
    void stop() {
        if (local != null) {
            local.close();
        }
    }

    private static void awaitSynchronousStandby(LocalPostgres.Server primary) throws Exception {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
        String last = "none";
        while (System.nanoTime() < deadline) {
            try (Connection connection = DriverManager.getConnection(primary.url("postgres"));
                 Statement statement = connection.createStatement();
                 ResultSet row = statement.executeQuery("SELECT sync_state FROM pg_stat_replication")) {
                last = row.next() ? row.getString(1) : "no standby connected";
                if (last.equals("sync")) {
                    return;
                }
            }
            Thread.sleep(200);
        }
        throw new IllegalStateException("the standby did not become synchronous within 60 s (last: " + last + ")");
    }

    @Test
    @DisplayName("the primary killed with SIGKILL, the standby promoted: the same service goes on through it and"
            + " every acknowledged event is there once, gap-free")
    void failoverLosesNoAcknowledgedEvent() throws Exception {
        local = LocalPostgres.create(false);
        LocalPostgres.Server primary = local.primary(true);
        LocalPostgres.Server standby = local.standby(primary);
        awaitSynchronousStandby(primary);
        String url = "jdbc:postgresql://127.0.0.1:" + primary.port + ",127.0.0.1:" + standby.port
                + "/postgres?user=postgres&targetServerType=primary&connectTimeout=2";
        ExecutorService client = Executors.newSingleThreadExecutor();
        AtomicBoolean stop = new AtomicBoolean();
        try (SessionService store = PostgresSessionService.builder().url(url)
                .connectionTimeout(Duration.ofSeconds(20)).build()) {
            store.create(CreateRequest.builder("app", "user", "agent").sessionId("s").build());
            List<String> acknowledged = Collections.synchronizedList(new ArrayList<>());
            List<Throwable> failures = Collections.synchronizedList(new ArrayList<>());
            Future<?> appending = client.submit(() -> {
                Session session = store.get(new GetRequest("app", "user", "s")).orElseThrow();
                for (int i = 0; !stop.get(); i++) {
                    try {
                        acknowledged.add(session.addEvent(AddEventOptions.of("user", "turn " + i)).id());
                    } catch (SessionStoreException e) {
                        failures.add(e);
                    }
                }
                return null;
            });
            awaitAcknowledged(acknowledged, 50, appending);
            primary.kill();
            int atKill = acknowledged.size();
            standby.promote();
            awaitAcknowledged(acknowledged, atKill + 50, appending);
            stop.set(true);
            appending.get(1, TimeUnit.MINUTES);

            System.out.printf("failover: %d events acknowledged at the kill, %d in all, %d calls failed%n", atKill,
                    acknowledged.size(), failures.size());
            List<Event> history = store.get(new GetRequest("app", "user", "s")).orElseThrow().events(EventsOptions.all());
            assertThat(history).extracting(Event::sequence)
                    .containsExactlyElementsOf(LongStream.rangeClosed(1, history.size()).boxed().toList());
            assertThat(history).extracting(Event::id).doesNotHaveDuplicates().containsAll(acknowledged);
            assertThat(history).extracting(Event::content).doesNotHaveDuplicates();
            assertThat(history.size()).as("acknowledged, plus at most one per failed call")
                    .isBetween(acknowledged.size(), acknowledged.size() + failures.size());
        } finally {
            stop.set(true);
            client.shutdownNow();
        }
    }

    private static void awaitAcknowledged(List<String> acknowledged, int count, Future<?> appending) throws Exception {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
        while (acknowledged.size() < count) {
            if (appending.isDone()) {
                appending.get();
            }
            assertThat(System.nanoTime()).as("%d events acknowledged within 60 s (have %d)", count,
                    acknowledged.size()).isLessThan(deadline);
            Thread.sleep(50);
        }
    }
}
