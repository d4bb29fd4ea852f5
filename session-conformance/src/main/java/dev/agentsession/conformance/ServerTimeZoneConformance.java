package dev.agentsession.conformance;

import static org.assertj.core.api.Assertions.assertThat;

import dev.agentsession.AddEventOptions;
import dev.agentsession.CreateRequest;
import dev.agentsession.Event;
import dev.agentsession.EventsOptions;
import dev.agentsession.GetRequest;
import dev.agentsession.Session;
import dev.agentsession.SessionService;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.TimeZone;
import javax.sql.DataSource;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/**
 * For backends on a database server: what is written and read back does not depend on the time
 * zone of the database session nor on the JVM's default one. A backend's test class says how to
 * reach an empty store and how to make connections that run in a given time zone.
 */
public abstract class ServerTimeZoneConformance {

    /** @return the JDBC URL, with credentials, of a new, empty store on the test server */
    protected abstract String freshStoreUrl() throws Exception;

    /**
     * @return a pool whose every connection's session runs in {@code zone}; the kit closes it
     *     when it is {@link AutoCloseable}
     */
    protected abstract DataSource poolInZone(String url, String zone);

    /** Opens a service on the caller's pool (which the service must not close). */
    protected abstract SessionService open(DataSource pool);

    /** @return the time zone the database session of a connection from {@code pool} runs in */
    protected abstract String sessionZone(DataSource pool) throws Exception;

    /** @return a zone east of UTC as the server names it, for Asia/Shanghai */
    protected abstract String eastZone();

    /** @return a zone west of UTC as the server names it, for America/Los_Angeles */
    protected abstract String westZone();

    @Test
    @DisplayName("results do not change when the database session and the JVM both run in other time zones")
    void timeZones() throws Exception {
        String url = freshStoreUrl();
        TimeZone original = TimeZone.getDefault();
        DataSource east = poolInZone(url, eastZone());
        DataSource west = poolInZone(url, westZone());
        try {
            TimeZone.setDefault(TimeZone.getTimeZone("America/Los_Angeles"));
            Instant before = Instant.now().truncatedTo(ChronoUnit.MICROS);
            Event written;
            Session session;
            try (SessionService store = open(east)) {
                assertThat(sessionZone(east)).isEqualTo(eastZone());
                session = store.create(CreateRequest.builder("app", "user", "agent").sessionId("tz").build());
                written = session.addEvent(AddEventOptions.of("user", "what time is it?"));
            }
            assertThat(written.createdAt()).isBetween(before, Instant.now());

            TimeZone.setDefault(TimeZone.getTimeZone("Asia/Shanghai"));
            try (SessionService store = open(west)) {
                assertThat(sessionZone(west)).isEqualTo(westZone());
                Session read = store.get(new GetRequest("app", "user", "tz")).orElseThrow();
                assertThat(read.createdAt()).isEqualTo(session.createdAt());
                assertThat(read.updatedAt()).isEqualTo(written.createdAt());
                assertThat(read.events(EventsOptions.all())).containsExactly(written);
                assertThat(store.deleteSessionsUpdatedBefore(written.createdAt(), "app", null)).isZero();
                assertThat(store.deleteSessionsUpdatedBefore(written.createdAt().plusNanos(1000), "app", null))
                        .isEqualTo(1);
            }
        } finally {
            TimeZone.setDefault(original);
            for (DataSource pool : new DataSource[] {east, west}) {
                if (pool instanceof AutoCloseable closeable) {
                    closeable.close();
                }
            }
        }
    }
}
