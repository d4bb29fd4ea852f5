package dev.agentsession.conformance;

import dev.agentsession.SessionService;
import java.sql.SQLException;
import java.time.Duration;
import javax.sql.DataSource;

/**
 * What the server kits ({@link ServerSessionServiceConformance}, {@link ServerSchemaConformance},
 * {@link ServerOutageConformance}, {@link ServerTimeZoneConformance}) need from a backend on a
 * database server. A backend writes it once, as an interface with default methods, and each of its
 * test classes is then one line: {@code class PostgresOutageTest extends ServerOutageConformance
 * implements PostgresTestBackend {}}.
 */
public interface ServerBackend {

    /** @return the test server this backend runs on */
    TestDatabase testDatabase();

    /**
     * Opens the backend's service on a URL.
     *
     * @param url the store's JDBC URL, with credentials
     * @param migrate whether to create or upgrade the schema
     * @param connectionTimeout how long a call waits for a connection
     * @return the service
     */
    SessionService open(String url, boolean migrate, Duration connectionTimeout);

    /**
     * Opens the backend's service on the caller's pool, which the service must not close.
     *
     * @param pool the connections
     * @return the service
     */
    SessionService open(DataSource pool);

    /**
     * Starts a Testcontainers container of the server when there is no other to test against.
     *
     * @return its JDBC URL with credentials, or {@code null} without a Docker engine (the default)
     */
    default String startContainer() {
        return null;
    }

    /**
     * @return the JDBC URL, with credentials, of a new, empty store on the test server
     * @throws SQLException if the server refuses
     */
    default String freshStoreUrl() throws SQLException {
        return testDatabase().freshStoreUrl(this::startContainer);
    }

    /**
     * @param url the store's JDBC URL
     * @return the service with the default settings
     */
    default SessionService open(String url) {
        return open(url, true, Duration.ofSeconds(10));
    }
}
