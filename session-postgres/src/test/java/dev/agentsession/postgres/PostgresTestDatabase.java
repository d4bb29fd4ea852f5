package dev.agentsession.postgres;

import dev.agentsession.conformance.TestServer;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import org.testcontainers.DockerClientFactory;
import org.testcontainers.containers.PostgreSQLContainer;

/**
 * The PostgreSQL server the tests use (see {@link TestServer} for where it comes from), and a
 * fresh, empty schema in it for each store a test opens.
 */
final class PostgresTestDatabase {

    static final String LOCAL_URL = "jdbc:postgresql://127.0.0.1:5432/test?user=postgres";
    private static final String IMAGE = "postgres:16.4-alpine";
    private static final String PREFIX = "agentsession_t_";
    private static final AtomicInteger SCHEMAS = new AtomicInteger();
    private static final AtomicBoolean SWEPT = new AtomicBoolean();
    private static PostgreSQLContainer<?> container;

    private PostgresTestDatabase() {
    }

    /** @return the server's JDBC URL, with credentials; skips or fails the test if there is none */
    static String serverUrl() {
        return TestServer.locate("postgres", LOCAL_URL, PostgresTestDatabase::startContainer);
    }

    /** @return the URL of a new, empty schema on the test server */
    static String freshSchemaUrl() throws SQLException {
        String server = serverUrl();
        String schema = PREFIX + ProcessHandle.current().pid() + "_" + SCHEMAS.incrementAndGet();
        try (Connection connection = DriverManager.getConnection(server);
             Statement statement = connection.createStatement()) {
            if (SWEPT.compareAndSet(false, true)) {
                // schemas left by earlier runs
                statement.execute("DO $$ DECLARE s text; BEGIN FOR s IN SELECT nspname FROM pg_namespace"
                        + " WHERE nspname LIKE '" + PREFIX + "%' LOOP EXECUTE 'DROP SCHEMA ' || quote_ident(s)"
                        + " || ' CASCADE'; END LOOP; END $$");
            }
            statement.execute("CREATE SCHEMA " + schema);
        }
        return server + (server.contains("?") ? "&" : "?") + "currentSchema=" + schema;
    }

    private static synchronized String startContainer() {
        if (!DockerClientFactory.instance().isDockerAvailable()) {
            return null;
        }
        if (container == null) {
            container = new PostgreSQLContainer<>(IMAGE);
            container.start();
        }
        return container.getJdbcUrl() + "&user=" + container.getUsername() + "&password=" + container.getPassword();
    }
}
