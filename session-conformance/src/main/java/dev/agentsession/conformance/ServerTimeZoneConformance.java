package dev.agentsession.conformance;

import static org.assertj.core.api.Assertions.assertThat;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import dev.agentsession.AddEventOptions;
import dev.agentsession.CreateRequest;
import dev.agentsession.Event;
import dev.agentsession.EventsOptions;
import dev.agentsession.GetRequest;
import dev.agentsession.Session;
import dev.agentsession.SessionService;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.TimeZone;
import javax.sql.DataSource;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/**
 * For backends on a database server: what is written and read back does not depend on the time
 * zone of the database session nor on the JVM's default one.
 */
public abstract class ServerTimeZoneConformance implements ServerBackend {

    /** A small pool whose every connection's session runs in {@code zone}. */
    private HikariDataSource poolInZone(String url, String zone) {
        HikariConfig config = new HikariConfig();
        config.setJdbcUrl(testDatabase().plainJdbcUrl(url));
        config.setMaximumPoolSize(2);
        config.setConnectionInitSql(testDatabase().zoneSql(zone));
        return new HikariDataSource(config);
    }

    /** @return the time zone the database session of a connection from {@code pool} runs in */
    private String sessionZone(DataSource pool) throws Exception {
        try (Connection connection = pool.getConnection(); Statement statement = connection.createStatement();
             ResultSet row = statement.executeQuery(testDatabase().sessionZoneSql())) {
            row.next();
            return row.getString(1);
        }
    }

    private String eastZone() {
        return testDatabase().eastZone();
    }

    private String westZone() {
        return testDatabase().westZone();
    }

    @Test
    @DisplayName("results do not change when the database session and the JVM both run in other time zones")
    void timeZones() throws Exception {
        String url = freshStoreUrl();
        TimeZone original = TimeZone.getDefault();
        HikariDataSource east = poolInZone(url, eastZone());
        HikariDataSource west = poolInZone(url, westZone());
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
            east.close();
            west.close();
        }
    }
}
